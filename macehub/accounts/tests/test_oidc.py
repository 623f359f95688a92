"""OIDC sign-in: only existing active users, matched by e-mail; the provider owns MFA."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import login
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from macehub.accounts.mfa import is_fully_signed_in
from macehub.accounts.oidc import BACKEND_PATH, MacehubOIDCBackend

pytestmark = pytest.mark.django_db


def test_claims_match_an_existing_active_user_by_email(personas: dict[str, Any]) -> None:
    backend = MacehubOIDCBackend.__new__(MacehubOIDCBackend)
    found = backend.filter_users_by_claims({"email": "CHAIR@example.org"})
    assert list(found) == [personas["chair"]]
    assert not backend.filter_users_by_claims({"email": "stranger@example.org"}).exists()
    assert not backend.filter_users_by_claims({}).exists()


def test_identity_provider_sign_in_counts_as_mfa(personas: dict[str, Any], rf: Any) -> None:
    request = rf.get("/")
    request.session = SessionStore()
    request.user = AnonymousUser()
    user = personas["chair"]
    user.backend = BACKEND_PATH
    login(request, user, backend=BACKEND_PATH)
    assert is_fully_signed_in(request)


def test_password_sign_in_does_not_count_as_mfa(personas: dict[str, Any], rf: Any) -> None:
    request = rf.get("/")
    request.session = SessionStore()
    request.user = AnonymousUser()
    login(request, personas["chair"], backend="django.contrib.auth.backends.ModelBackend")
    request.user.is_verified = lambda: False
    assert not is_fully_signed_in(request)


def test_oidc_routes_are_absent_unless_switched_on() -> None:
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse("oidc_authentication_init")
