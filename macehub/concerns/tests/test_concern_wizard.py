"""The concern form's pages: a draft per concern (two tabs never overwrite each other), a
step indicator, the age scope checked on the child's page, gender, ethnic group and school
asked and kept, consent's dispensation revealed under its option, and as many people,
places and vehicles as needed (MOJ add another)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from macehub.concerns.models import Concern
from macehub.partnerships.models import Partnership
from macehub.tests.factories import years_ago

pytestmark = pytest.mark.django_db


def _start(client: Any) -> str:
    response = client.post(reverse("concerns:step", args=["start"]), {"immediate_danger": "no"})
    assert response.status_code == 302
    return str(response["Location"])


def _child(first: str, born: Any = None, **extra: Any) -> dict[str, Any]:
    born = born or years_ago(14)
    return {"first_name": first, "last_name": "Example", "date_of_birth_day": born.day,
            "date_of_birth_month": born.month, "date_of_birth_year": born.year,
            "gender": "male", "ethnicity": "asian_indian", **extra}


def _finish(client: Any, after_child: str) -> str:
    response = client.post(after_child, {"what_happened": "Seen with older males",
                                         "exploitation_types": ["cce"]})
    response = client.post(response["Location"], {})
    response = client.post(response["Location"], {"child_protection_plan": "no",
                                                  "consent": "obtained"})
    return str(response["Location"])


def test_two_tabs_keep_two_drafts_and_send_two_concerns(
        personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["referrer"])
    first, second = _start(client), _start(client)
    assert first != second
    after_first = client.post(first, _child("Alpha"))["Location"]
    after_second = client.post(second, _child("Beta"))["Location"]
    check_first, check_second = _finish(client, after_first), _finish(client, after_second)
    assert "Alpha" in client.get(check_first).content.decode()
    assert "Beta" in client.get(check_second).content.decode()
    client.post(check_second)
    client.post(check_first)
    names = sorted(c.child_details["first_name"] for c in Concern.objects.all())
    assert names == ["Alpha", "Beta"]


def test_a_step_without_its_draft_goes_back_to_the_start(
        personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["referrer"])
    response = client.get(reverse("concerns:step", args=["child"]) + "?draft=not-a-draft")
    assert response["Location"] == reverse("concerns:step", args=["start"])


def test_each_page_says_which_step_it_is(personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["referrer"])
    assert "step 1 of 6" in client.get(reverse("concerns:step", args=["start"])).content.decode()
    assert "step 2 of 6" in client.get(_start(client)).content.decode()


@pytest.mark.parametrize(("born", "message"), [
    (timezone.localdate() + timedelta(days=3), "Date of birth must be in the past"),
    (years_ago(36), "out of scope"),  # Dudley: under 18 (default reading of 003)
])
def test_the_childs_page_refuses_a_date_of_birth_outside_the_packs_age_scope(
        personas: dict[str, Any], client_as: Any, born: Any, message: str) -> None:
    client = client_as(personas["referrer"])
    response = client.post(_start(client), _child("Alpha", born=born))
    assert response.status_code == 400 and message in response.content.decode()


def test_a_pack_with_a_lowest_age_refuses_a_baby_born_last_year(
        personas: dict[str, Any], client_as: Any, dudley: Any, monkeypatch: Any) -> None:
    # Wolverhampton (001 §Purpose) scopes by age; a pack may set a lowest age as well.
    pack = dudley.policy
    scope = pack.partnership.age_scope.model_copy(update={"min_age": 10})
    scoped = pack.model_copy(update={"partnership": pack.partnership.model_copy(
        update={"age_scope": scope})})
    monkeypatch.setattr(Partnership, "policy", property(lambda self: scoped))
    client = client_as(personas["referrer"])
    response = client.post(_start(client), _child("Alpha", born=years_ago(1)))
    assert response.status_code == 400 and "out of scope" in response.content.decode()


def test_empty_childs_page_shows_every_problem_at_once_in_govuk_words(
        personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["referrer"])
    page = client.post(_start(client), {}).content.decode()
    for message in ("Enter the child&#x27;s first name", "Enter the child&#x27;s last name",
                    "Enter the child&#x27;s date of birth"):
        assert message in page
    assert "This field is required" not in page


def test_gender_ethnic_group_and_school_are_asked_kept_and_shown_as_labels(
        personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["referrer"])
    after = client.post(_start(client), _child("Alpha", ethnicity="black_caribbean",
                                               education_setting="Hillside Academy"))
    check = _finish(client, after["Location"])
    page = client.get(check).content.decode()
    assert "Black, Black British, Black Welsh, Caribbean or African: Caribbean" in page
    assert "Hillside Academy" in page and ">black_caribbean<" not in page
    client.post(check)
    concern = Concern.objects.get()
    assert (concern.gender, concern.ethnicity, concern.education_setting) == (
        "male", "black_caribbean", "Hillside Academy")


def test_dispensation_questions_are_revealed_under_their_option(
        personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["referrer"])
    after = client.post(_start(client), _child("Alpha"))["Location"]
    response = client.post(after, {"what_happened": "x", "exploitation_types": ["cce"]})
    consent = client.post(response["Location"], {})["Location"]
    page = client.get(consent).content.decode()
    assert 'data-aria-controls="conditional-id_consent_1"' in page
    assert 'class="govuk-radios__conditional govuk-radios__conditional--hidden" ' \
           'id="conditional-id_consent_1"' in page
    refused = client.post(consent, {"child_protection_plan": "no", "consent": "dispensed"})
    assert refused.status_code == 400
    assert "reason consent was dispensed" in refused.content.decode()
    assert client.post(consent, {"child_protection_plan": "yes", "consent": "dispensed"}) \
        .status_code == 302  # a child protection plan: no dispensation needed


def test_people_and_places_take_as_many_entries_as_needed(
        personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["referrer"])
    after = client.post(_start(client), _child("Alpha"))["Location"]
    people = client.post(after, {"what_happened": "x", "exploitation_types": ["cce"]})
    address = people["Location"]
    page = client.get(address).content.decode()
    assert 'data-module="moj-add-another"' in page and 'data-name="mention-%index%-kind"' in page
    added = client.post(address, {"mention-0-kind": "vehicle", "mention-0-value": "AB12 CDE",
                                  "add": "1"})
    assert added.status_code == 200 and 'name="mention-1-kind"' in added.content.decode()
    rows = {f"mention-{i}-{k}": v for i in range(5)
            for k, v in (("kind", "place"), ("value", f"Place {i}"))}
    response = client.post(address, rows)
    response = client.post(response["Location"], {"child_protection_plan": "no",
                                                  "consent": "obtained"})
    client.post(response["Location"])
    assert Concern.objects.get().mentions.count() == 5


def test_the_new_childs_record_and_case_take_gender_ethnic_group_and_school(
        personas: dict[str, Any], actor_of: Any, client_as: Any) -> None:
    from macehub.api.tests.helpers import Api
    from macehub.concerns.services import concern_match_child
    from macehub.tests.factories import new_concern

    referrer, hub = actor_of(personas["referrer"]), actor_of(personas["hub_coordinator"])
    concern = new_concern(referrer, child_details={
        "first_name": "Sam", "last_name": "Example", "date_of_birth": years_ago(13),
        "gender": "female", "ethnicity": "white_roma", "education_setting": "Riverside School"})
    child = concern_match_child(actor=hub, concern=concern, confirm_new=True)
    assert (child.gender, child.ethnicity, child.education_setting) == (
        "female", "white_roma", "Riverside School")
    read = Api("referrer").get(f"/concerns/{concern.pk}").json()
    assert read["ethnicity"] == "white_roma" and read["ethnicity_label"] == "White: Roma"
    assert read["education_setting"] == "Riverside School"


def test_the_api_refuses_an_unknown_ethnic_group_with_the_form_words(
        personas: dict[str, Any]) -> None:
    from macehub.api.tests.helpers import Api

    body = {"immediate_danger": "no",
            "child": {"first_name": "Casey", "last_name": "Sample",
                      "date_of_birth": years_ago(15).isoformat(), "ethnicity": "E1"},
            "what_happened": "x", "exploitation_types": ["cce"],
            "child_protection_plan": False, "consent": "obtained"}
    response = Api("referrer").post("/concerns", body)
    assert response.status_code == 422
    assert "Select the child's ethnic group from the list" in response.content.decode()
    assert Concern.objects.count() == 0
