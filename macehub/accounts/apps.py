from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "macehub.accounts"

    def ready(self) -> None:
        from macehub.accounts import oidc, signals  # noqa: F401
