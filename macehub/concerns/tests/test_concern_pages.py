"""The concern pages: step by step, check your answers, confirmation, screening."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from macehub.audit.models import AuditEvent
from macehub.concerns.models import Concern
from macehub.tests.factories import new_concern, years_ago

pytestmark = pytest.mark.django_db


def _walk_wizard(client: Any, consent: str = "obtained") -> tuple[Any, str]:
    """The concern form step by step, following each step to the next of the same draft;
    the check-your-answers page and its address."""
    response = client.post(reverse("concerns:step", args=["start"]), {"immediate_danger": "no"})
    assert response.status_code == 302
    born = years_ago(14)
    response = client.post(response["Location"], {
        "first_name": "Jordan", "last_name": "Example", "known_as": "Jay, JJ",
        "date_of_birth_day": born.day, "date_of_birth_month": born.month,
        "date_of_birth_year": born.year, "gender": "female", "ethnicity": "mixed_white_asian",
        "education_setting": "Hillside Academy"})
    assert response.status_code == 302
    response = client.post(response["Location"], {
        "what_happened": "Seen with older males", "exploitation_types": ["cce"],
        "indicators": ["missing_episodes"]})
    assert response.status_code == 302
    response = client.post(response["Location"], {
        "mention-0-kind": "vehicle", "mention-0-value": "AB12 CDE",
        "mention-0-details": "blue hatchback"})
    assert response.status_code == 302
    response = client.post(response["Location"], {"child_protection_plan": "no",
                                                  "consent": consent})
    check = response["Location"]
    assert check.startswith(reverse("concerns:check") + "?draft=")
    return client.get(check), check


def test_referrer_walks_the_form_checks_answers_and_gets_a_reference(
    personas: dict[str, Any], client_as: Any,
) -> None:
    client = client_as(personas["referrer"])
    check, address = _walk_wizard(client)
    text = check.content.decode()
    assert "Jordan Example" in text and "AB12 CDE" in text and "Change" in text
    assert Concern.objects.count() == 0  # nothing is written before sending
    done = client.post(address)
    concern = Concern.objects.get()
    assert done["Location"] == reverse("concerns:done", args=[concern.pk])
    page = client.get(done["Location"]).content.decode()
    assert concern.reference in page
    assert concern.child_details["known_as"] == ["Jay", "JJ"]
    assert concern.mentions.get().value == "AB12 CDE"


def test_first_page_says_999_and_refuses_an_unreported_emergency(
    personas: dict[str, Any], client_as: Any,
) -> None:
    client = client_as(personas["referrer"])
    page = client.get(reverse("concerns:step", args=["start"])).content.decode()
    assert "999" in page
    response = client.post(reverse("concerns:step", args=["start"]),
                           {"immediate_danger": "not_reported"})
    assert response.status_code == 400
    assert "999" in response.content.decode()


def test_out_of_scope_date_of_birth_is_explained_on_the_check_page(
    personas: dict[str, Any], client_as: Any,
) -> None:
    client = client_as(personas["referrer"])
    _page, address = _walk_wizard(client)
    session = client.session
    key = address.split("draft=")[1]
    session["concern_drafts"][key]["child"]["date_of_birth"] = years_ago(19).isoformat()
    session.save()
    response = client.post(address)
    assert response.status_code == 400
    assert "out of scope" in response.content.decode()
    assert Concern.objects.count() == 0


def test_referrer_sees_own_concerns_and_outcome_only(
    personas: dict[str, Any], client_as: Any, actor_of: Any,
) -> None:
    mine = new_concern(actor_of(personas["referrer"]))
    theirs = new_concern(actor_of(personas["hub_coordinator"]))
    client = client_as(personas["referrer"])
    listing = client.get(reverse("concerns:mine")).content.decode()
    assert mine.reference in listing and theirs.reference not in listing
    assert client.get(reverse("concerns:done", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("concerns:screen", args=[mine.pk])).status_code == 403


def test_coordinator_matches_the_child_then_screens_into_a_case(
    personas: dict[str, Any], client_as: Any, actor_of: Any,
) -> None:
    concern = new_concern(actor_of(personas["referrer"]))
    client = client_as(personas["hub_coordinator"])
    assert concern.reference in client.get(reverse("concerns:queue")).content.decode()
    page = client.get(reverse("concerns:screen", args=[concern.pk]))
    assert b"Match the child to a record" in page.content
    client.post(reverse("concerns:match", args=[concern.pk]), {"child": 0})
    concern.refresh_from_db()
    assert concern.child_id is not None
    bad = client.post(reverse("concerns:screen", args=[concern.pk]), {
        "risk": "high", "outcome": "mace_meeting", "indicators": []})
    assert bad.status_code == 400 and b"Give a reason" in bad.content
    good = client.post(reverse("concerns:screen", args=[concern.pk]), {
        "risk": "high", "outcome": "mace_meeting", "override_reason": "Known to police"})
    assert good.status_code == 302
    concern.refresh_from_db()
    assert concern.screening.case is not None
    client.post(reverse("concerns:feedback", args=[concern.pk]), {"feedback": "To MACE"})
    concern.screening.refresh_from_db()
    assert concern.screening.feedback_given_at is not None


def test_screening_queue_query_count_does_not_grow(
    personas: dict[str, Any], client_as: Any, actor_of: Any,
    django_assert_max_num_queries: Any,
) -> None:
    referrer = actor_of(personas["referrer"])
    for _ in range(30):
        new_concern(referrer)
    client = client_as(personas["hub_coordinator"])
    with django_assert_max_num_queries(8):
        assert client.get(reverse("concerns:queue")).status_code == 200
    own = client_as(personas["referrer"])
    with django_assert_max_num_queries(8):
        assert own.get(reverse("concerns:mine")).status_code == 200


def test_viewing_a_concern_is_audited(personas: dict[str, Any], client_as: Any,
                                      actor_of: Any) -> None:
    concern = new_concern(actor_of(personas["referrer"]))
    client_as(personas["hub_coordinator"]).get(reverse("concerns:screen", args=[concern.pk]))
    assert AuditEvent.objects.filter(action="concern.view", object_id=str(concern.pk),
                                     username="hub_coordinator").count() == 1
