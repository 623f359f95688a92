"""API tokens (SECURITY S4, S6): named, expiring after API_TOKEN_DAYS, their last use
recorded (at most once a minute), revoked one by one on the page, through the API or by the
operators' command, each revocation audited. An expired or revoked token is answered 401
with the reason; another partnership's token answers 404."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from macehub.accounts.models import ApiToken, Membership
from macehub.accounts.tokens import api_token_create
from macehub.api.tests.helpers import Api
from macehub.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _token(user: Any, name: str = "Case system") -> tuple[ApiToken, str]:
    return api_token_create(membership=Membership.objects.get(user=user), name=name)


def _whoami(secret: str) -> Any:
    return Client().get("/api/v1/whoami", headers={"Authorization": f"Bearer {secret}"})


def test_a_token_expires_after_the_configured_days_and_is_then_refused_with_the_reason(
        personas: dict[str, Any], settings: Any) -> None:
    settings.API_TOKEN_DAYS = 30
    record, secret = _token(personas["referrer"])
    expected = timezone.now() + timedelta(days=30)
    assert abs((record.expires_at - expected).total_seconds()) < 60
    assert _whoami(secret).status_code == 200
    ApiToken.objects.filter(pk=record.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1))
    response = _whoami(secret)
    assert response.status_code == 401
    assert "This API token expired on" in response.json()["detail"]


def test_a_revoked_token_is_refused_with_the_reason(personas: dict[str, Any]) -> None:
    record, secret = _token(personas["referrer"])
    call_command("revoke_api_token", record.prefix, operator="Service desk",
                 reason="Reported lost", stdout=StringIO())
    response = _whoami(secret)
    assert response.status_code == 401
    assert "This API token was revoked on" in response.json()["detail"]
    event = AuditEvent.objects.get(action="api_token.revoke", object_id=str(record.pk))
    assert event.purpose == "Platform action by Service desk: Reported lost"
    with pytest.raises(CommandError, match="already revoked"):
        call_command("revoke_api_token", str(record.pk), operator="Desk", reason="Again")
    with pytest.raises(CommandError, match="No API token"):
        call_command("revoke_api_token", "mh_nothing", operator="Desk", reason="Typo")


def test_last_use_is_recorded_at_most_once_a_minute(personas: dict[str, Any]) -> None:
    record, secret = _token(personas["referrer"])
    assert record.last_used_at is None
    _whoami(secret)
    record.refresh_from_db()
    assert record.last_used_at is not None
    recent = timezone.now() - timedelta(seconds=30)
    ApiToken.objects.filter(pk=record.pk).update(last_used_at=recent)
    _whoami(secret)
    record.refresh_from_db()
    assert record.last_used_at == recent
    ApiToken.objects.filter(pk=record.pk).update(last_used_at=recent - timedelta(minutes=1))
    _whoami(secret)
    record.refresh_from_db()
    assert record.last_used_at > recent


def test_the_tokens_page_makes_a_token_shows_it_once_and_revokes_it(
        personas: dict[str, Any], dudley: Any, client_as: Any,
        django_assert_max_num_queries: Any) -> None:
    client = client_as(personas["referrer"])
    made = client.post(reverse("accounts:tokens"), {"name": "Referral system",
                                                  "scopes": ["read"]})
    assert made.status_code == 201
    record = ApiToken.objects.get(name="Referral system")
    secret = made.context["secret"]
    assert secret in made.content.decode() and _whoami(secret).status_code == 200
    for _ in range(3):
        _token(personas["referrer"], "Another")
    with django_assert_max_num_queries(12):
        page = client.get(reverse("accounts:tokens"))
    listed = page.content.decode()
    assert "Referral system" in listed and record.prefix in listed and secret not in listed
    assert client.post(reverse("accounts:tokens"), {"name": " "}).status_code == 400
    client.post(reverse("accounts:token_revoke", args=[record.pk]))
    assert _whoami(secret).status_code == 401
    event = AuditEvent.objects.get(action="api_token.revoke", object_id=str(record.pk))
    assert (event.username, event.partnership_id) == ("referrer", dudley.pk)


def test_the_admin_sees_and_revokes_every_token_of_the_partnership_and_no_one_else_does(
        personas: dict[str, Any], essex: Any, make_user: Any, client_as: Any,
        django_assert_max_num_queries: Any) -> None:
    record, secret = _token(personas["referrer"])
    admin = client_as(personas["partnership_admin"])
    with django_assert_max_num_queries(12):
        listed = admin.get(reverse("accounts:partnership_tokens")).content.decode()
    assert "Case system" in listed and secret not in listed
    # Another Dudley person, and another partnership's admin, cannot revoke it: 404.
    url = reverse("accounts:token_revoke", args=[record.pk])
    assert client_as(personas["chair"]).post(url).status_code == 404
    outsider = make_user("essex-admin", essex, "partnership_admin")
    assert client_as(outsider, essex).post(url).status_code == 404
    assert Api("essex-admin").post(f"/api-tokens/{record.pk}/revoke").status_code == 404
    assert AuditEvent.objects.filter(action="access.refused", username="essex-admin",
                                     outcome="denied").count() == 2
    assert "Case system" not in client_as(outsider, essex).get(
        reverse("accounts:partnership_tokens")).content.decode()
    assert _whoami(secret).status_code == 200
    admin.post(url, {"back": "partnership"})
    assert _whoami(secret).status_code == 401


def test_the_api_lists_revokes_and_makes_tokens_but_a_token_cannot_make_tokens(
        personas: dict[str, Any], client_as: Any) -> None:
    api = Api("referrer")
    listed = api.get("/api-tokens").json()
    assert listed["count"] == 1 and "token" not in listed["items"][0]
    assert api.post("/api-tokens", {"name": "More"}).status_code == 403
    session = client_as(personas["referrer"])
    made = session.post("/api/v1/api-tokens", {"name": "Reporting"},
                        content_type="application/json")
    assert made.status_code == 201
    secret = made.json()["token"]
    assert _whoami(secret).status_code == 200
    revoked = session.post(f"/api/v1/api-tokens/{made.json()['id']}/revoke")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert _whoami(secret).status_code == 401
    admin_list = Api("partnership_admin").get("/partnership-api-tokens").json()
    assert {t["name"] for t in admin_list["items"]} >= {"Reporting", "API client"}
