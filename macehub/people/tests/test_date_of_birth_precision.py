"""A child's date of birth can be exact, a month and year, an approximate age or not known.
Referrers often know only "about 15" or "born March 2011", or nothing (the police
notification may carry no date of birth). Every precision ages, shows, matches, sorts and
is checked against the pack's age scope without refusing a child for want of a date.

Age scope: Essex Child Exploitation & Missing arrangements §2 (children under 18); Dudley's
pack reads "child or young person" as under 18 (a default, the source being silent)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from macehub.access.actor import Actor
from macehub.lib.problems import fields
from macehub.people.birth import Birth, Precision
from macehub.people.matching import find_matches
from macehub.people.models import Child, age_on
from macehub.people.queries import find_children
from macehub.people.services import PossibleDuplicates, check_age_scope, child_create
from macehub.tests import factories
from macehub.tests.factories import years_ago

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)


@pytest.fixture
def hub(personas: dict[str, Any], actor_of: Any) -> Actor:
    actor: Actor = actor_of(personas["hub_coordinator"])
    return actor


def test_age_on_counts_each_precision_and_is_none_when_not_known() -> None:
    assert age_on(date(2011, 3, 15), TODAY) == 15
    assert age_on(date(2011, 12, 1), TODAY, Precision.MONTH) == 15  # from the 1st
    about = Birth.about(15, TODAY)
    assert about.age_on(TODAY) == 15
    assert about.age_on(date(2027, 12, 3)) == 16  # the age given counts up
    assert age_on(about.born, date(2027, 12, 2), Precision.AGE) == 15
    assert age_on(None, TODAY, Precision.UNKNOWN) is None


def test_a_date_of_birth_shows_as_precisely_as_it_is_known() -> None:
    assert Birth.exact(date(2011, 3, 15)).label(TODAY) == "15 March 2011"
    assert Birth.month(date(2011, 3, 20)).label(TODAY) == "March 2011"
    assert Birth.about(15, TODAY).label(TODAY) == "about 15"
    assert Birth.unknown().label(TODAY) == "Not known"
    assert Birth.about(15, TODAY).age_label(TODAY) == "about 15"
    assert Birth.unknown().age_label(TODAY) == "Not known"
    assert Birth.month(date(2011, 3, 1)).summary(TODAY) == "March 2011 (age 15)"


def test_an_approximate_age_outside_the_scope_is_refused_naming_the_scope(hub: Actor) -> None:
    # Dudley pack: under 18 in scope (default)
    with pytest.raises(ValidationError) as refused:
        check_age_scope(hub.partnership, Birth.about(19, TODAY), TODAY)
    message = refused.value.message_dict["approximate_age"][0]
    assert "This child is about 19" in message and "aged up to 17" in message


def test_a_month_and_year_is_in_scope_when_any_day_of_it_is(hub: Actor) -> None:
    # Under 18 in scope: born in December 2008, the child may still be 17 on 3 December 2026
    check_age_scope(hub.partnership, Birth.month(date(2008, 12, 1)), TODAY)
    with pytest.raises(ValidationError):
        check_age_scope(hub.partnership, Birth.month(date(2008, 11, 1)), TODAY)
    with pytest.raises(ValidationError) as future:
        check_age_scope(hub.partnership, Birth.month(date(2027, 1, 1)), TODAY)
    assert "Date of birth must be in the past" in str(future.value)


def test_a_date_of_birth_not_known_is_never_refused_by_the_age_scope(hub: Actor) -> None:
    check_age_scope(hub.partnership, Birth.unknown(), TODAY)
    child = child_create(actor=hub, confirm_new=True, first_name="Rowan", last_name="Sample",
                         birth=Birth.unknown())
    assert child.date_of_birth is None and child.born_label == "Not known"
    assert child.age_on(TODAY) is None


def test_existing_dates_of_birth_are_exact(hub: Actor) -> None:
    child = factories.child(hub)
    assert child.date_of_birth_precision == Precision.EXACT
    assert child.born_label == "2 April 2011"


# --- matching and search (SECURITY R3: a child is never entered twice for want of finding
# them) -------------------------------------------------------------------------------


def test_an_unknown_date_of_birth_neither_matches_nor_blocks_a_match(hub: Actor) -> None:
    held = child_create(actor=hub, confirm_new=True, first_name="Kayden", last_name="Example",
                        birth=Birth.unknown())
    found = find_matches(hub, first_name="Kayden", last_name="Example",
                         date_of_birth=date(2012, 3, 27))
    assert [m.child for m in found] == [held]
    assert found[0].reasons == ["same name (Kayden Example)"]
    with pytest.raises(PossibleDuplicates):  # the name alone still asks the person
        child_create(actor=hub, first_name="Kayden", last_name="Example",
                     birth=Birth.unknown())
    assert find_children(hub, date_of_birth=date(2012, 3, 27)).hits == []


def test_a_month_and_year_matches_a_date_in_that_month(hub: Actor) -> None:
    held = child_create(actor=hub, confirm_new=True, first_name="Kayden", last_name="Example",
                        birth=Birth.month(date(2012, 3, 1)))
    found = find_matches(hub, first_name="Kaydon", last_name="Example",
                         date_of_birth=date(2012, 3, 27))
    assert found and found[0].child == held
    assert "born in the same month and year" in found[0].reasons
    assert not find_matches(hub, first_name="Kaydon", last_name="Exemple",
                            date_of_birth=date(2012, 5, 27))
    hits = find_children(hub, date_of_birth=date(2012, 3, 27)).hits
    assert [h.child for h in hits] == [held] and hits[0].reasons == ["month of birth"]


# --- the forms -----------------------------------------------------------------------


def _child_step(client: Any) -> str:
    response = client.post(reverse("concerns:step", args=["start"]), {"immediate_danger": "no"})
    assert response.status_code == 302
    return str(response["Location"])


def test_the_child_step_reports_every_problem_at_once_in_govuk_words(
    personas: dict[str, Any], client_as: Any,
) -> None:
    client = client_as(personas["referrer"])
    address = _child_step(client)
    page = client.post(address, {"date_of_birth_precision": "exact"})
    assert page.status_code == 400
    text = page.content.decode()
    for message in ("Enter the child&#x27;s first name", "Enter the child&#x27;s last name",
                    "Enter the child&#x27;s date of birth"):
        assert message in text
    page = client.post(address, {"first_name": "Jo", "last_name": "Example",
                                 "date_of_birth_precision": "month",
                                 "birth_month_month": "1", "birth_month_year": "2099"})
    assert "Month and year of birth must be in the past" in page.content.decode()
    page = client.post(address, {"first_name": "Jo", "last_name": "Example",
                                 "date_of_birth_precision": "age", "approximate_age": "20"})
    text = page.content.decode()
    assert page.status_code == 400 and "This child is about 20" in text
    assert "aged up to 17" in text
    page = client.post(address, {"first_name": "Jo", "last_name": "Example",
                                 "date_of_birth_precision": "age", "approximate_age": "x"})
    assert "Approximate age must be a whole number of years" in page.content.decode()


def test_the_child_step_offers_each_precision_with_its_question_revealed(
    personas: dict[str, Any], client_as: Any,
) -> None:
    client = client_as(personas["referrer"])
    page = client.get(_child_step(client)).content.decode()
    for label in ("Exact date", "Month and year", "Approximate age", "Not known"):
        assert label in page
    assert 'data-aria-controls="conditional-id_date_of_birth_precision_2"' in page
    assert 'name="approximate_age"' in page and 'name="birth_month_month"' in page


def test_what_was_typed_under_another_choice_is_ignored_and_a_month_is_asked_again(
    personas: dict[str, Any], client_as: Any,
) -> None:
    client = client_as(personas["referrer"])
    address = _child_step(client)
    response = client.post(address, {
        "first_name": "Jo", "last_name": "Example", "date_of_birth_precision": "month",
        "birth_month_month": "3", "birth_month_year": str(years_ago(13).year),
        "date_of_birth_day": "xx", "approximate_age": "many",
        "gender": "unknown", "ethnicity": "unknown"})
    assert response.status_code == 302
    again = client.get(address).content.decode()  # back to the step: the month is kept
    assert f'value="{years_ago(13).year}"' in again and 'id="id_birth_month_month"' in again


def test_a_concern_with_no_date_of_birth_is_flagged_to_the_coordinator_not_refused(
    personas: dict[str, Any], client_as: Any, actor_of: Any,
) -> None:
    concern = factories.new_concern(actor_of(personas["referrer"]), child_details={
        "first_name": "Rowan", "last_name": "Sample", "date_of_birth_precision": "unknown"})
    assert concern.born_label == "Not known"
    page = client_as(personas["hub_coordinator"]).get(
        reverse("concerns:screen", args=[concern.pk])).content.decode()
    assert "Date of birth not known: confirm the child is in scope" in page
    assert "aged up to 17" in page


def test_an_approximate_age_becomes_the_childs_record_at_matching(
    personas: dict[str, Any], actor_of: Any,
) -> None:
    from macehub.concerns.services import concern_match_child

    concern = factories.new_concern(actor_of(personas["referrer"]), child_details={
        "first_name": "Rowan", "last_name": "Sample", "date_of_birth_precision": "age",
        "approximate_age": 15})
    child = concern_match_child(actor=actor_of(personas["hub_coordinator"]), concern=concern,
                                confirm_new=True)
    assert child.date_of_birth_precision == Precision.AGE and child.born_label == "about 15"


def test_the_child_edit_page_records_a_month_and_year(
    personas: dict[str, Any], client_as: Any, hub: Actor,
) -> None:
    child = factories.child(hub)
    client = client_as(personas["hub_coordinator"])
    page = client.get(reverse("people:edit", args=[child.pk]))
    assert page.status_code == 200 and b"Month and year" in page.content
    response = client.post(reverse("people:edit", args=[child.pk]), {
        "first_name": "Ivy", "last_name": "Example", "date_of_birth_precision": "month",
        "birth_month_month": "3", "birth_month_year": str(years_ago(13).year),
        "gender": "unknown", "ethnicity": "unknown", "education": "unknown",
        "care_status": "none", "version": child.version})
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.date_of_birth == date(years_ago(13).year, 3, 1)
    assert child.born_label == f"March {years_ago(13).year}"
    shown = client.get(reverse("people:detail", args=[child.pk])).content.decode()
    assert f"March {years_ago(13).year} (age" in shown


# --- the API -------------------------------------------------------------------------


def test_the_api_takes_and_gives_the_precision_and_names_the_missing_field(
    personas: dict[str, Any],
) -> None:
    from macehub.api.tests.helpers import Api

    api = Api(personas["hub_coordinator"].username)
    body = {"first_name": "Rowan", "last_name": "Sample", "confirm_new": True,
            "date_of_birth_precision": "age"}
    refused = api.post("/children", body)
    assert refused.status_code == 422
    assert "approximate_age" in fields(refused.json())
    made = api.post("/children", {**body, "approximate_age": 15})
    assert made.status_code == 201
    out = made.json()["created"]
    assert out["date_of_birth_precision"] == "age" and out["approximate_age"] == 15
    assert out["date_of_birth_label"] == "about 15"
    read = api.get(f"/children/{out['id']}").json()
    assert read["age_label"] == "about 15" and read["age"] == 15
    unknown = api.post("/children", {"first_name": "Sky", "last_name": "Testcase",
                                     "confirm_new": True,
                                     "date_of_birth_precision": "unknown"}).json()["created"]
    assert unknown["date_of_birth"] is None and unknown["date_of_birth_label"] == "Not known"


def test_saving_a_record_unchanged_keeps_the_day_an_approximate_age_was_given(
    hub: Actor,
) -> None:
    from macehub.people.services import birth_given, child_update

    child = child_create(actor=hub, confirm_new=True, first_name="Rowan",
                         last_name="Sample", birth=Birth.about(15, years_ago(0, 200)))
    given_on = child.age_recorded_on
    child = child_update(actor=hub, child=child, version=child.version,
                         birth=birth_given(date_of_birth_precision="age",
                                           approximate_age=child.approximate_age))
    assert child.age_recorded_on == given_on
    assert Child.objects.get(pk=child.pk).age_given == 15
