"""Lockout per account and address, with the address from the trusted proxy only
(SECURITY S3): behind the TLS proxy or a council's NAT, ten failures used to lock
everyone out."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from macehub.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _fail(username: str, **headers: str) -> Any:
    return Client(**headers).post(reverse("accounts:login"),
                                  {"username": username, "password": "wrong"})


def test_lockout_is_per_account_and_address_so_others_behind_the_same_nat_sign_in(
        personas: dict[str, Any], settings: Any) -> None:
    from conftest import PASSWORD

    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        _fail("chair")
    locked = _fail("chair")
    assert locked.status_code == 429
    assert b"You can try again" in locked.content
    other = Client().post(reverse("accounts:login"), {"username": "analyst",
                                                       "password": PASSWORD})
    assert other.status_code == 302


def test_the_proxy_header_counts_only_behind_the_tls_proxy(personas: dict[str, Any],
                                                           settings: Any) -> None:
    settings.BEHIND_TLS_PROXY = False
    _fail("chair", HTTP_X_FORWARDED_FOR="203.0.113.9")
    event = AuditEvent.objects.filter(action="auth.sign_in_failed").latest("id")
    assert event.ip_address == "127.0.0.1"
    settings.BEHIND_TLS_PROXY = True
    _fail("chair", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9")
    event = AuditEvent.objects.filter(action="auth.sign_in_failed").latest("id")
    assert event.ip_address == "203.0.113.9"
