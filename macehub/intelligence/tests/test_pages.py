"""The intelligence pages: the index with a count per kind, the lists (filters in the
address, a page at a time, a bounded number of queries), a record's page with its links,
grades, sources and handling conditions, the forms, and the case's Intelligence page."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from macehub.access.actor import Actor
from macehub.intelligence.models import Link, PhoneNumber, Vehicle
from macehub.intelligence.services import entity_create, link_create
from macehub.tests import factories

pytestmark = pytest.mark.django_db

GRADE = {"source_kind": "meeting", "source_detail": "MACE on 3 March",
         "source_evaluation": "1", "assessment": "A", "handling": "P"}
# PERFORMANCE B7: a page in at most 10 queries of its own, plus the 4 of a signed-in
# request and the 3 of the audit of what it showed.
MAX_QUERIES = 17


@pytest.fixture
def network(hub: Actor) -> dict[str, Any]:
    """Kaz, known by a street name, drives a silver Golf and exploits a child; the link
    to the car is held under handling code C for the police only."""
    case = factories.open_case(factories.actor(
        factories.user_with_role("referrer_x", hub.partnership, "referrer"), hub.partnership),
        hub)
    kaz = entity_create(actor=hub, kind="person", name="", street_names=["Kaz"],
                        status="active")
    car = entity_create(actor=hub, kind="vehicle", registration="AB12CDE", make="Volkswagen",
                        model="Golf", colour="Silver")
    child_link = link_create(actor=hub, a_kind="person", a_id=kaz.pk, b_kind="child",
                             b_id=case.child_id, kind="exploiter_of", **GRADE)
    car_link = link_create(actor=hub, a_kind="person", a_id=kaz.pk, b_kind="vehicle",
                           b_id=car.pk, kind="uses", disclose_to=["panel_member", "chair"],
                           conditions="Police source: do not share with the family",
                           **(GRADE | {"handling": "C"}))
    return {"case": case, "kaz": kaz, "car": car, "child_link": child_link,
            "car_link": car_link}


def test_the_index_counts_each_kind_and_the_lists_filter_by_the_address_in_few_queries(
        hub: Actor, personas: dict[str, Any], client_as: Any,
        django_assert_max_num_queries: Any) -> None:
    for n in range(30):
        entity_create(actor=hub, kind="vehicle", registration=f"AB{n:02d}CDE",
                      colour="Blue" if n % 2 else "Red")
    client = client_as(personas["analyst"])
    with django_assert_max_num_queries(MAX_QUERIES):
        index = client.get(reverse("intelligence:index"))
    assert index.status_code == 200 and ">30<" in index.content.decode()
    with django_assert_max_num_queries(MAX_QUERIES):
        page = client.get(reverse("intelligence:vehicle_list"))
    assert "Showing 1 to 25 of 30 vehicles" in page.content.decode()
    found = client.get(reverse("intelligence:vehicle_list"), {"q": "ab 07 cde"})
    assert "Showing 1 to 1 of 1 vehicles" in found.content.decode()


def test_a_person_is_found_by_a_street_name_and_the_list_shows_labels(
        network: dict[str, Any], personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["hub_coordinator"])
    body = client.get(reverse("intelligence:person_list"), {"q": "kaz"}).content.decode()
    assert "Known as Kaz" in body and "Active" in body
    bad = client.get(reverse("intelligence:person_list"), {"status": "wanted"})
    assert bad.status_code == 400


def test_a_record_page_shows_its_links_with_grade_source_and_handling_conditions(
        network: dict[str, Any], personas: dict[str, Any], client_as: Any,
        django_assert_max_num_queries: Any) -> None:
    # SECURITY S8: handling code C conditions are shown wherever the link is shown, and
    # the link only to the roles they allow (docs/adr/0016).
    url = reverse("intelligence:person", args=[network["kaz"].pk])
    police = client_as(personas["panel_member"])
    with django_assert_max_num_queries(MAX_QUERIES):
        body = police.get(url).content.decode()
    assert "Reliable (1), Known directly to the source (A), Sharing permitted (P)" in body
    assert "A meeting: MACE on 3 March" in body
    assert "Police source: do not share with the family" in body
    assert "Shown only to: Chair, Panel member" in body
    hub = client_as(personas["hub_coordinator"]).get(url).content.decode()
    assert "AB12CDE" not in hub and "do not share with the family" not in hub
    assert str(network["case"].child) in hub


def test_a_child_at_the_end_of_a_link_is_named_only_to_those_who_reach_the_child(
        network: dict[str, Any], personas: dict[str, Any], client_as: Any) -> None:
    # DOMAIN "Intelligence": the welfare-first view of the child; ARCHITECTURE principle 4:
    # need to know. Analysts never open children's records.
    body = client_as(personas["analyst"]).get(reverse(
        "intelligence:person", args=[network["kaz"].pk])).content.decode()
    assert str(network["case"].child) not in body
    assert "A child (not shown: need to know)" in body


def test_panel_members_of_other_agencies_and_referrers_see_no_intelligence(
        network: dict[str, Any], personas: dict[str, Any], client_as: Any) -> None:
    # SECURITY S8: police intelligence hidden from other agencies; deny by default.
    url = reverse("intelligence:person", args=[network["kaz"].pk])
    health = client_as(personas["panel_member_health"])
    assert health.get(url).status_code == 404
    assert "Known as Kaz" not in health.get(reverse("intelligence:person_list")).content.decode()
    assert client_as(personas["referrer"]).get(url).status_code == 403


def test_a_malformed_registration_on_the_form_names_the_field_and_saves_nothing(
        hub: Actor, personas: dict[str, Any], client_as: Any) -> None:
    # SECURITY S5 (bad input changes nothing).
    response = client_as(personas["hub_coordinator"]).post(
        reverse("intelligence:vehicle_new"), {"registration": "AB12 C$E", "make": "Ford"})
    body = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in body
    assert "Registration number must only include letters, numbers and spaces" in body
    assert not Vehicle.objects.exists()


def test_a_record_is_made_and_changed_from_the_pages_and_a_stale_change_refused(
        hub: Actor, personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["chair"])
    made = client.post(reverse("intelligence:phone_new"), {
        "number": "07700 900777", "deal_line": "on", "line_name": "Kaz line"})
    assert made.status_code == 302
    phone = PhoneNumber.objects.get()
    edit = reverse("intelligence:phone_edit", args=[phone.pk])
    assert client.post(edit, {"number": "+44 7700 900777", "deal_line": "on",
                              "line_name": "K line", "version": 1}).status_code == 302
    stale = client.post(edit, {"number": "07700 900777", "version": 1})
    assert stale.status_code == 400 and "Someone else changed this record" in (
        stale.content.decode())
    phone.refresh_from_db()
    assert (phone.line_name, phone.version) == ("K line", 2)


def test_a_link_is_added_from_a_record_by_finding_the_other_record(
        network: dict[str, Any], personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["hub_coordinator"])
    place = entity_create(actor=factories.actor(personas["hub_coordinator"],
                                                network["kaz"].partnership),
                          kind="location", address="Flat above the takeaway",
                          type="takeaway", status="vulnerable")
    url = reverse("intelligence:person_link", args=[network["kaz"].pk])
    query = "?to=location&q=takeaway"
    found = client.get(url + query).content.decode()
    assert "Flat above the takeaway" in found
    response = client.post(url + query, {
        "other": place.pk, "kind": "frequents",
        "started_on_day": "1", "started_on_month": "2", "started_on_year": "2026",
        **GRADE})
    assert response.status_code == 302, response.content.decode()[:2000]
    link = Link.objects.get(b_kind="location")
    assert (link.a_id, link.b_id, link.started_on) == (network["kaz"].pk, place.pk,
                                                       date(2026, 2, 1))


def test_a_link_is_ended_and_corrected_from_the_pages_and_the_history_shown(
        network: dict[str, Any], personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["hub_coordinator"])
    link = network["child_link"]
    corrected = client.post(reverse("intelligence:link_correct", args=[link.pk]), {
        "version": 1, "reason": "Police confirmed", "kind": "exploiter_of",
        **(GRADE | {"assessment": "B"})})
    assert corrected.status_code == 302, corrected.context["form"].errors
    new = Link.objects.get(corrects=link)
    ended = client.post(reverse("intelligence:link_end", args=[new.pk]), {
        "version": 1, "ended_on_day": "2", "ended_on_month": "3",
        "ended_on_year": str(date.today().year - 1), "reason": "Moved away"})
    assert ended.status_code == 302
    body = client.get(reverse("intelligence:person", args=[network["kaz"].pk])
                      ).content.decode()
    assert "Earlier versions (1)" in body and "Corrected because: Police confirmed" in body
    assert "Moved away" in body and Link.objects.count() == 3


def test_the_case_says_the_child_is_also_a_person_of_interest_only_to_intelligence_readers(
        network: dict[str, Any], hub: Actor, personas: dict[str, Any],
        client_as: Any, actor_of: Any) -> None:
    # DOMAIN "Intelligence": a child may hold both roles without losing the welfare-first
    # view; the case page says so only to those who read intelligence (SECURITY S8).
    case = network["case"]
    entity_create(actor=hub, kind="person", status="active", aliases=["Ivy"],
                  child=case.child)
    summary = reverse("cases:detail", args=[case.pk])
    assert "Also recorded as a person of interest" in client_as(
        personas["hub_coordinator"]).get(summary).content.decode()
    # A panel member of another agency never hears of it; the police do.
    from macehub.intelligence.facts import also_person_of_interest

    assert also_person_of_interest(actor_of(personas["panel_member_health"]), case) == {}
    assert also_person_of_interest(actor_of(personas["panel_member"]), case)
    assert also_person_of_interest(actor_of(personas["referrer"]), case) == {}


def test_the_cases_intelligence_page_shows_the_childs_links(
        network: dict[str, Any], personas: dict[str, Any], client_as: Any,
        django_assert_max_num_queries: Any) -> None:
    url = reverse("case_intelligence:intelligence", args=[network["case"].pk])
    client = client_as(personas["hub_coordinator"])
    with django_assert_max_num_queries(MAX_QUERIES):
        body = client.get(url).content.decode()
    assert "Exploiter of" in body and "Known as Kaz" in body
    assert "Record " in body and "as a person of interest" in body
