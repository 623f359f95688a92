from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "macehub.accounts"

    def ready(self) -> None:
        from macehub.accounts import signals  # noqa: F401
