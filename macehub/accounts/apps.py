from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "macehub.accounts"

    def ready(self) -> None:
        from macehub.access.actor import register_resolver

        # reach: the need-to-know grants of the accounts app's scoped records.
        from macehub.accounts import idempotency, oidc, reach, signals  # noqa: F401
        from macehub.accounts.actors import membership_actor, token_actor
        from macehub.accounts.mfa import is_fully_signed_in
        from macehub.accounts.waiting import grants_waiting
        from macehub.api.core import register_idempotency, register_token_auth
        from macehub.lib.waiting import register_waiting

        register_resolver(membership_actor, is_fully_signed_in)
        register_token_auth(token_actor)
        register_idempotency(idempotency)
        register_waiting(grants_waiting)  # work waiting, on the home page
