"""The second factor. Every interactive sign-in needs TOTP (SECURITY S1), unless the
person signed in through the council's identity provider, which then owns MFA."""

from __future__ import annotations

from django.http import HttpRequest

OIDC_SESSION_FLAG = "mfa_by_identity_provider"


def is_fully_signed_in(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    if request.session.get(OIDC_SESSION_FLAG):
        return True
    return bool(getattr(user, "is_verified", lambda: False)())
