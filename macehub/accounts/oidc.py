"""Sign-in through a council's identity provider (e.g. Entra ID) over OpenID Connect.

Switched on by OIDC_ENABLED=true (see docs/deployment.md). Only people an admin has
already added can sign in this way: the e-mail claim must match an active user. The
identity provider enforces MFA, so macehub does not ask for a TOTP code as well."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.db.models import QuerySet
from django.dispatch import receiver
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from macehub.accounts.auth_audit import audit_auth
from macehub.accounts.mfa import OIDC_SESSION_FLAG
from macehub.accounts.middleware import LAST_SEEN, SIGNED_IN_AT, now
from macehub.accounts.models import User, UserSession

BACKEND_PATH = "macehub.accounts.oidc.MacehubOIDCBackend"


class MacehubOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        email = (claims.get("email") or claims.get("preferred_username") or "").strip()
        if not email:
            return User.objects.none()
        return User.objects.filter(email__iexact=email, is_active=True)

    def create_user(self, claims: dict[str, Any]) -> None:  # pragma: no cover - never called
        return None


@receiver(user_logged_in)
def mark_identity_provider_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is None or getattr(user, "backend", "") != BACKEND_PATH:
        return
    request.session[OIDC_SESSION_FLAG] = True
    request.session[SIGNED_IN_AT] = request.session[LAST_SEEN] = now()
    UserSession.objects.get_or_create(user=user, session_key=request.session.session_key or "")
    audit_auth(action="auth.sign_in", user=user, purpose="identity provider", request=request)
