"""A partnership admin resets a member's authenticator (SECURITY S1, S4): the old one stops
working, every session of the person ends, and at their next sign-in they set up a new one
after their password. Never one's own, never another partnership's member; audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from macehub.api.tests.helpers import Api
from macehub.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _signed_in_with_device(user: Any) -> tuple[Client, TOTPDevice]:
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    client.post(reverse("accounts:mfa"), {"code": f"{totp(device.bin_key):06d}"})
    assert client.get("/").status_code == 200
    return client, device


def test_an_admin_resets_a_members_authenticator_after_confirming(
        personas: dict[str, Any], dudley: Any, client_as: Any,
        django_assert_max_num_queries: Any) -> None:
    chair = personas["chair"]
    chair_client, old = _signed_in_with_device(chair)
    assert Session.objects.count() == 1
    admin = client_as(personas["partnership_admin"])
    url = reverse("accounts:authenticator_reset", args=[chair.pk])
    with django_assert_max_num_queries(12):
        confirm = admin.get(url)
    assert confirm.status_code == 200 and b"Reset the authenticator" in confirm.content
    assert TOTPDevice.objects.filter(pk=old.pk).exists()  # nothing happens before the POST
    assert admin.post(url)["Location"] == reverse("accounts:user_detail", args=[chair.pk])
    assert not TOTPDevice.objects.filter(user=chair).exists()
    # Their session ended: the chair is sent to sign in again.
    assert chair_client.get("/")["Location"].startswith(reverse("accounts:login"))
    event = AuditEvent.objects.get(action="user.authenticator_reset")
    assert (event.username, event.object_id, event.partnership_id) == (
        "partnership_admin", str(chair.pk), dudley.pk)
    # Next sign-in: the password, then setting up a new authenticator.
    again = Client()
    again.post(reverse("accounts:login"), {"username": "chair", "password": PASSWORD})
    page = again.get(reverse("accounts:mfa"))
    assert b"Set up your authenticator app" in page.content
    old_code = f"{totp(old.bin_key):06d}"
    new = TOTPDevice.objects.get(user=chair)
    assert not new.confirmed and new.key != old.key
    if old_code != f"{totp(new.bin_key):06d}":
        again.post(reverse("accounts:mfa"), {"code": old_code})
        assert again.get("/")["Location"] == reverse("accounts:mfa")


def test_no_admin_resets_their_own_authenticator_or_an_outsiders(
        personas: dict[str, Any], essex: Any, make_user: Any, client_as: Any) -> None:
    me = personas["partnership_admin"]
    admin = client_as(me)
    admin.post(reverse("accounts:authenticator_reset", args=[me.pk]))
    assert TOTPDevice.objects.filter(user=me).exists()
    outsider = make_user("essex-admin", essex, "partnership_admin")
    TOTPDevice.objects.create(user=personas["chair"], name="phone", confirmed=True)
    response = client_as(outsider, essex).post(
        reverse("accounts:authenticator_reset", args=[personas["chair"].pk]))
    assert response.status_code == 404
    assert TOTPDevice.objects.filter(user=personas["chair"]).exists()
    assert not AuditEvent.objects.filter(action="user.authenticator_reset").exists()
    assert Api("essex-admin").post(
        f"/users/{personas['chair'].pk}/authenticator/reset").status_code == 404


def test_the_api_resets_an_authenticator_with_the_same_rules(
        personas: dict[str, Any]) -> None:
    chair = personas["chair"]
    TOTPDevice.objects.create(user=chair, name="phone", confirmed=True)
    api = Api("partnership_admin")
    assert api.post(f"/users/{chair.pk}/authenticator/reset").status_code == 200
    assert not TOTPDevice.objects.filter(user=chair).exists()
    assert AuditEvent.objects.filter(action="user.authenticator_reset",
                                     object_id=str(chair.pk)).count() == 1
    me = personas["partnership_admin"]
    assert api.post(f"/users/{me.pk}/authenticator/reset").status_code == 422
