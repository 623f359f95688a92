"""Kirklees concerns may be about a child going missing alone, with no exploitation type
(004 §4: "all exploitation and missing children concerns"; §5 i: concerns "associated with
missing and /or" exploitation; §5 ii: each "child exploitation / missing concern" is
screened). The pack says so (`screening.missing_alone`); elsewhere a type is required."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from macehub.accounts.models import Role
from macehub.cases.services import case_update
from macehub.concerns.models import Concern
from macehub.concerns.services import concern_match_child, screening_record
from macehub.tests.factories import new_concern, years_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def kirklees(make_partnership: Any) -> Any:
    return make_partnership("kirklees")


def test_kirklees_concern_about_missing_alone_needs_no_exploitation_type(
    kirklees: Any, make_user: Any, actor_of: Any,
) -> None:
    # Kirklees (004) §4, §5 i: missing and/or exploitation concerns; §5 ii: screened alike.
    referrer = actor_of(make_user("k_ref", kirklees, Role.REFERRER), kirklees)
    hub = actor_of(make_user("k_hub", kirklees, Role.HUB_COORDINATOR), kirklees)
    concern = new_concern(referrer, exploitation_types=[], about_missing=True,
                     missing_history="Missing three nights this month")
    assert concern.about_missing and concern.exploitation_types == []
    with pytest.raises(ValidationError):  # neither a type nor missing: refused
        new_concern(referrer, exploitation_types=[])
    concern_match_child(actor=hub, concern=concern, confirm_new=True)
    concern.refresh_from_db()
    case = screening_record(actor=hub, concern=concern, indicators=["missing_episodes"],
                            risk="medium", override_reason="test", outcome="mace_meeting").case
    assert case is not None and case.exploitation_types == []
    case = case_update(actor=hub, case=case, version=case.version, lead_agency=None,
                       lead_professional="Missing coordinator", exploitation_types=[])
    assert case.lead_professional == "Missing coordinator"


def test_a_type_is_still_required_where_the_pack_does_not_allow_missing_alone(
    make_partnership: Any, make_user: Any, actor_of: Any,
) -> None:
    # Dudley (003) refers children "known or suspected to be exploited, or at risk of
    # exploitation": its pack has no missing-alone concern.
    dudley = make_partnership("dudley")
    referrer = actor_of(make_user("d_ref", dudley, Role.REFERRER), dudley)
    with pytest.raises(ValidationError):
        new_concern(referrer, exploitation_types=[], about_missing=True)


def test_kirklees_concern_form_accepts_missing_alone(
    kirklees: Any, make_user: Any, client_as: Any,
) -> None:
    # Kirklees (004) §5 i: the referral form offers "about missing" instead of a type.
    client = client_as(make_user("k_form", kirklees, Role.REFERRER), kirklees)
    response = client.post(reverse("concerns:step", args=["start"]), {"immediate_danger": "no"})
    born = years_ago(13)
    response = client.post(response["Location"], {
        "first_name": "Rowan", "last_name": "Example", "date_of_birth_day": born.day,
        "date_of_birth_month": born.month, "date_of_birth_year": born.year,
        "gender": "unknown", "ethnicity": "unknown"})
    assert response.status_code == 302
    what = response["Location"]
    page = client.get(what).content.decode()
    assert "The concern is about the child going missing" in page
    refused = client.post(what, {"what_happened": "Missing again overnight"})
    assert refused.status_code == 400 and "going missing" in refused.content.decode()
    response = client.post(what, {"what_happened": "Missing again overnight",
                                  "about_missing": "on"})
    assert response.status_code == 302
    response = client.post(response["Location"], {})
    response = client.post(response["Location"], {"child_protection_plan": "no",
                                                  "consent": "obtained"})
    check = client.get(response["Location"]).content.decode()
    assert "About the child going missing" in check
    client.post(response["Location"])
    concern = Concern.objects.get()
    assert concern.about_missing and concern.exploitation_types == []


def test_kirklees_api_accepts_a_concern_about_missing_alone(
    kirklees: Any, make_user: Any,
) -> None:
    # Kirklees (004) §4, §5 i: the API takes the same concern as the form.
    make_user("k_api", kirklees, Role.REFERRER)
    out = StringIO()
    call_command("create_api_token", "k_api", stdout=out)
    headers = {"Authorization": f"Bearer {out.getvalue().strip()}"}
    body = {"immediate_danger": "no", "what_happened": "Missing from care overnight",
            "child": {"first_name": "Sam", "last_name": "Sample",
                      "date_of_birth": years_ago(15).isoformat()},
            "about_missing": True, "child_protection_plan": False, "consent": "obtained"}
    response = Client().post("/api/v1/concerns", body, content_type="application/json",
                             headers=headers)
    assert response.status_code == 201, response.content
    assert response.json()["about_missing"] is True
    assert response.json()["exploitation_types"] == []
    body.pop("about_missing")
    refused = Client().post("/api/v1/concerns", body, content_type="application/json",
                            headers=headers)
    assert refused.status_code == 422
