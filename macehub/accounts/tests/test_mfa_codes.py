"""SECURITY S1: django-otp's throttle (1, 2, 4… seconds after each wrong code in a row)
stays, but it never turns away a right, fresh code once the wait is over, and every
refusal says what happened and how long to wait."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from macehub.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _signed_in_to_password(username: str) -> Client:
    client = Client()
    client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    return client


def _right(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key):06d}"


def _wrong(device: TOTPDevice) -> str:
    """A code the app shows at no step the device accepts now."""
    near = {totp(device.bin_key, t0=offset * device.step) for offset in (-1, 0, 1)}
    return next(f"{n:06d}" for n in range(123456, 999999) if n not in near)


def _seconds_pass(device: TOTPDevice, seconds: int) -> None:
    """As if `seconds` had passed since the last wrong code."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=F("throttling_failure_timestamp") - timedelta(
            seconds=seconds))


@pytest.fixture
def device(personas: dict[str, Any]) -> TOTPDevice:
    return TOTPDevice.objects.create(user=personas["chair"], name="phone", confirmed=True)


def test_a_wrong_code_then_the_right_one_signs_in(device: TOTPDevice) -> None:
    client = _signed_in_to_password("chair")
    wrong = client.post(reverse("accounts:mfa"), {"code": _wrong(device)})
    assert "The code was wrong. Wait 1 second, then enter" in wrong.content.decode()
    _seconds_pass(device, 1)
    right = client.post(reverse("accounts:mfa"), {"code": _right(device)})
    assert right.status_code == 302 and right["Location"] != reverse("accounts:mfa")
    assert client.get(reverse("home")).status_code == 200


def test_a_right_code_during_the_wait_is_not_spent_and_the_wait_is_told(
    device: TOTPDevice,
) -> None:
    client = _signed_in_to_password("chair")
    for _ in range(3):  # waits of 1, 2, then 4 seconds
        client.post(reverse("accounts:mfa"), {"code": _wrong(device)})
        _seconds_pass(device, 60)
    _seconds_pass(device, -60)
    early = client.post(reverse("accounts:mfa"), {"code": _right(device)})
    assert "Too many wrong codes in a row. Wait 4 seconds" in early.content.decode()
    assert client.get(reverse("home"))["Location"] == reverse("accounts:mfa")
    assert AuditEvent.objects.filter(action="auth.mfa_failed", outcome="denied").exists()
    _seconds_pass(device, 4)
    later = client.post(reverse("accounts:mfa"), {"code": _right(device)})
    assert later.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_a_used_code_is_told_apart_from_a_wrong_one(device: TOTPDevice) -> None:
    code = _right(device)
    _signed_in_to_password("chair").post(reverse("accounts:mfa"), {"code": code})
    again = _signed_in_to_password("chair").post(reverse("accounts:mfa"), {"code": code})
    text = again.content.decode()
    assert "That code has been used already" in text and "was wrong" not in text


def test_a_code_typed_as_the_app_shows_it_with_a_space_is_accepted(
    device: TOTPDevice,
) -> None:
    client = _signed_in_to_password("chair")
    code = _right(device)
    response = client.post(reverse("accounts:mfa"), {"code": f"{code[:3]} {code[3:]}"})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
