from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "macehub.accounts"

    def ready(self) -> None:
        from macehub.access.actor import register_resolver
        from macehub.accounts import oidc, signals  # noqa: F401
        from macehub.accounts.actors import membership_actor, token_actor
        from macehub.accounts.mfa import is_fully_signed_in
        from macehub.api.core import register_token_auth

        register_resolver(membership_actor, is_fully_signed_in)
        register_token_auth(token_actor)
