"""Refused attempts and sign-in events reach the partnership's auditor (SECURITY S3,
S9)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from macehub.accounts.models import Membership
from macehub.api.tests.helpers import Api
from macehub.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_refused_attempts_on_pages_are_audited_in_the_partnership(
        personas: dict[str, Any], client_as: Any, dudley: Any) -> None:
    client = client_as(personas["referrer"])
    assert client.get(reverse("cases:list")).status_code == 403
    assert client.get("/people/999999/").status_code == 404
    refused = AuditEvent.objects.filter(action="access.refused", username="referrer",
                                        partnership_id=dudley.pk, outcome="denied")
    purposes = sorted(refused.values_list("purpose", flat=True))
    assert purposes == ["403 GET /cases/", "404 GET /people/999999/"]


def test_refused_attempts_through_the_api_are_audited(personas: dict[str, Any],
                                                      essex: Any, make_user: Any) -> None:
    make_user("essex-admin", essex, "partnership_admin")
    other = personas["chair"].pk
    assert Api("essex-admin").get(f"/users/{other}").status_code == 404
    assert AuditEvent.objects.filter(action="access.refused", username="essex-admin",
                                     partnership_id=essex.pk,
                                     purpose=f"404 GET /api/v1/users/{other}").exists()


def test_sign_in_events_carry_every_partnership_of_the_person(
        personas: dict[str, Any], dudley: Any, essex: Any) -> None:
    from conftest import PASSWORD

    Membership.objects.create(user=personas["analyst"], partnership=essex, role="analyst")
    Client().post(reverse("accounts:login"), {"username": "analyst", "password": "wrong"})
    Client().post(reverse("accounts:login"), {"username": "analyst", "password": PASSWORD})
    for action in ("auth.sign_in_failed", "auth.password_ok"):
        assert set(AuditEvent.objects.filter(action=action, username="analyst")
                   .values_list("partnership_id", flat=True)) == {dudley.pk, essex.pk}


def test_the_auditor_sees_lockouts(personas: dict[str, Any], dudley: Any,
                                   settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(3):
        Client().post(reverse("accounts:login"), {"username": "chair", "password": "wrong"})
    assert AuditEvent.objects.filter(action="auth.locked_out", partnership_id=dudley.pk,
                                     username="chair").exists()
