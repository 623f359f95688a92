"""Consent and child protection: a child subject to a child protection plan needs no
consent and no dispensation (Kirklees 004 Annex A: "Check Consent (Not required if CP)").
Where the pack checks no consent before screening (Dudley 003 §MACE Confidentiality:
shared under the Information Sharing Protocol) a plan never asks for one either. The same
rule answers on the page, in the service and through the API."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client

from macehub.concerns.models import Concern, Consent
from macehub.tests.factories import new_concern, years_ago

pytestmark = pytest.mark.django_db


def test_dudley_child_protection_plan_needs_no_dispensation(
        personas: dict[str, Any], actor_of: Any) -> None:
    referrer = actor_of(personas["referrer"])
    assert not referrer.partnership.policy.consent.check
    concern = new_concern(referrer, child_protection_plan=True, consent="dispensed",
                          consent_dispensed_reason="", consent_dispensed_by="")
    assert concern.consent == Consent.NOT_REQUIRED
    assert concern.consent_dispensed_reason == "" and concern.consent_dispensed_by == ""


def test_dudley_without_a_plan_a_dispensation_still_needs_its_reason(
        personas: dict[str, Any], actor_of: Any) -> None:
    referrer = actor_of(personas["referrer"])
    with pytest.raises(ValidationError, match="reason consent was dispensed"):
        new_concern(referrer, consent="dispensed", consent_dispensed_reason="")
    assert Concern.objects.count() == 0


def test_kirklees_child_protection_plan_needs_no_dispensation(
        make_partnership: Any, make_user: Any, actor_of: Any) -> None:
    from macehub.accounts.models import Role

    kirklees = make_partnership("kirklees")
    referrer = actor_of(make_user("k-ref", kirklees, Role.REFERRER), kirklees)
    concern = new_concern(referrer, child_protection_plan=True, consent="dispensed")
    assert concern.consent == Consent.NOT_REQUIRED


def test_api_child_protection_plan_needs_no_dispensation(personas: dict[str, Any]) -> None:
    out = StringIO()
    call_command("create_api_token", "referrer", stdout=out)
    headers = {"Authorization": f"Bearer {out.getvalue().strip()}"}
    body = {"immediate_danger": "no",
            "child": {"first_name": "Casey", "last_name": "Sample",
                      "date_of_birth": years_ago(15).isoformat()},
            "what_happened": "Found with large amounts of cash.",
            "exploitation_types": ["cce"], "child_protection_plan": True,
            "consent": "dispensed"}
    response = Client().post("/api/v1/concerns", body, content_type="application/json",
                             headers=headers)
    assert response.status_code in (200, 201), response.content
    assert response.json()["consent"] == Consent.NOT_REQUIRED
