"""SECURITY S1-S4: password then TOTP, single-use codes, lockout, session rules."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from macehub.accounts import middleware as session_rules
from macehub.accounts.services import account_set_active
from macehub.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _password(client: Client, username: str, password: str = PASSWORD) -> Any:
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def _device(user: Any) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key):06d}"


def test_sign_in_needs_password_then_code(personas: dict[str, Any]) -> None:
    user = personas["chair"]
    device = _device(user)
    client = Client()
    response = _password(client, "chair")
    assert response["Location"] == reverse("accounts:mfa")
    assert client.get(reverse("home"))["Location"] == reverse("accounts:mfa")
    response = client.post(reverse("accounts:mfa"), {"code": _code(device)})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    actions = list(AuditEvent.objects.filter(user_id=user.pk).values_list("action", flat=True))
    assert {"auth.password_ok", "auth.sign_in"} <= set(actions)


def test_first_sign_in_enrols_an_authenticator(personas: dict[str, Any]) -> None:
    client = Client()
    _password(client, "referrer")
    page = client.get(reverse("accounts:mfa"))
    assert b"Set up your authenticator app" in page.content
    device = TOTPDevice.objects.get(user=personas["referrer"])
    assert not device.confirmed
    client.post(reverse("accounts:mfa"), {"code": _code(device)})
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("home")).status_code == 200


def test_a_used_code_cannot_be_replayed(personas: dict[str, Any]) -> None:
    device = _device(personas["chair"])
    first = Client()
    _password(first, "chair")
    code = _code(device)
    first.post(reverse("accounts:mfa"), {"code": code})
    assert first.get(reverse("home")).status_code == 200
    second = Client()
    _password(second, "chair")
    response = second.post(reverse("accounts:mfa"), {"code": code})
    assert response.status_code == 200
    assert b"has been used" in response.content
    assert second.get(reverse("home"))["Location"] == reverse("accounts:mfa")


def test_wrong_password_is_refused_and_audited(personas: dict[str, Any]) -> None:
    response = _password(Client(), "chair", "not the password at all")
    assert response.status_code == 200
    assert b"Enter a correct username and password" in response.content
    assert AuditEvent.objects.filter(action="auth.sign_in_failed").count() == 1


def test_eleventh_attempt_is_refused_even_with_the_right_password(
    personas: dict[str, Any],
) -> None:
    client = Client()
    for _ in range(10):
        _password(client, "chair", "wrong password guess")
    response = _password(client, "chair")
    assert response.status_code == 429
    assert b"Too many attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_sign_out_ends_the_session_on_the_server(personas: dict[str, Any],
                                                  client_as: Any) -> None:
    client = client_as(personas["chair"])
    key = client.session.session_key
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 200
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(reverse("home")).status_code == 302


def test_sign_out_by_get_changes_nothing(personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["chair"])
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.get(reverse("home")).status_code == 200


def test_idle_for_thirty_minutes_signs_you_out(personas: dict[str, Any], client_as: Any,
                                              monkeypatch: Any) -> None:
    client = client_as(personas["chair"])
    start = session_rules.now()
    monkeypatch.setattr(session_rules, "now", lambda: start + 29 * 60)
    assert client.get(reverse("home")).status_code == 200
    monkeypatch.setattr(session_rules, "now", lambda: start + 29 * 60 + 31 * 60)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="session.expired", purpose="idle timeout").exists()


def test_twelve_hours_is_the_longest_session(personas: dict[str, Any], client_as: Any,
                                            monkeypatch: Any) -> None:
    client = client_as(personas["chair"])
    start = session_rules.now()
    # Busy all day: a request every 20 minutes keeps the idle clock fresh.
    for minutes in range(20, 12 * 60, 20):
        monkeypatch.setattr(session_rules, "now", lambda m=minutes: start + m * 60)
        assert client.get(reverse("home")).status_code == 200, minutes
    monkeypatch.setattr(session_rules, "now", lambda: start + 12 * 3600 + 60)
    assert client.get(reverse("home")).status_code == 302


def test_new_session_id_at_sign_in(personas: dict[str, Any]) -> None:
    client = Client()
    client.get(reverse("accounts:login"))
    client.cookies["macehub_session"] = "attacker-chosen-session-id"
    _password(client, "chair")
    assert client.session.session_key != "attacker-chosen-session-id"


def test_disabling_a_user_ends_their_sessions(personas: dict[str, Any]) -> None:
    _device(personas["chair"])
    client = Client()
    _password(client, "chair")
    assert Session.objects.count() == 1
    account_set_active(user=personas["chair"], active=False, operator="ops", reason="left")
    assert Session.objects.count() == 0
    assert client.get(reverse("home")).status_code == 302


def test_open_redirect_after_sign_in_is_refused(personas: dict[str, Any]) -> None:
    device = _device(personas["chair"])
    client = Client()
    client.post(reverse("accounts:login") + "?next=https://evil.example.com/",
                {"username": "chair", "password": PASSWORD})
    response = client.post(reverse("accounts:mfa"), {"code": _code(device)})
    assert response["Location"] == "/"
