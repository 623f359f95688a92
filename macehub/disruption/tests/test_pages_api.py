"""Disruption pages and API: recorded from the record it is aimed at, listed with its
filters in a bounded number of queries, changed from its version (409 in the API when
stale), and the same answers for the same people on both roads."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from macehub.access.actor import Actor
from macehub.api.tests.helpers import Api
from macehub.disruption.models import Disruption
from macehub.disruption.services import record
from macehub.tests import factories

pytestmark = pytest.mark.django_db

# PERFORMANCE B7: a page's own 10 queries, the 4 of a signed-in request, 3 for its audit.
MAX_QUERIES = 17


def _day(name: str, day: date) -> dict[str, str]:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month),
            f"{name}_year": str(day.year)}


def test_a_disruption_is_recorded_from_the_persons_page_and_shown_there(
        hub: Actor, kaz: Any, personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["panel_member"])  # Dudley's panel member is the police
    person_page = client.get(reverse("intelligence:person", args=[kaz.pk])).content.decode()
    assert "No disruption recorded." in person_page
    url = reverse("disruption:new", args=["person", kaz.pk])
    form = client.get(url).content.decode()
    assert "Child Abduction Warning Notice" in form and ">abduction_warning_notice<" not in form
    bad = client.post(url, {"tactic": "diversion"})
    assert bad.status_code == 400 and 'href="#id_decided_on_day">Enter date agreed' in (
        bad.content.decode())
    assert not Disruption.objects.exists()
    sent = client.post(url, {"tactic": "abduction_warning_notice", "outcome": "not_yet",
                             **_day("decided_on", date(2026, 3, 2))})
    made = Disruption.objects.get()
    assert sent.status_code == 302 and sent["Location"] == reverse("disruption:detail",
                                                                   args=[made.pk])
    person_page = client.get(reverse("intelligence:person", args=[kaz.pk])).content.decode()
    assert "Child Abduction Warning Notice" in person_page and "Not known yet" in person_page


def test_the_list_filters_by_tactic_and_outcome_in_few_queries_and_shows_labels(
        hub: Actor, kaz: Any, flat: Any, personas: dict[str, Any], client_as: Any,
        django_assert_max_num_queries: Any) -> None:
    for n in range(12):
        record(actor=hub, target=kaz if n % 2 else flat,
               tactic="diversion" if n % 2 else "patrol_plan", decided_on=date(2026, 2, n + 1))
    client = client_as(personas["analyst"])
    with django_assert_max_num_queries(MAX_QUERIES):
        page = client.get(reverse("disruption:index"))
    body = page.content.decode()
    assert "Showing 1 to 12 of 12 disruptions" in body
    assert "Patrol plan for a hotspot" in body and ">patrol_plan<" not in body
    assert "Known as Kaz" in body and "Flat above the takeaway" in body
    found = client.get(reverse("disruption:index"), {"tactic": "patrol_plan"})
    assert "Showing 1 to 6 of 6 disruptions" in found.content.decode()
    assert client.get(reverse("disruption:index"), {"outcome": "won"}).status_code == 400


def test_the_outcome_is_changed_from_its_version_and_a_stale_form_refused(
        hub: Actor, kaz: Any, personas: dict[str, Any], client_as: Any) -> None:
    made = record(actor=hub, target=kaz, tactic="criminal_behaviour_order",
                  decided_on=date(2026, 1, 5))
    client = client_as(personas["chair"])
    url = reverse("disruption:change", args=[made.pk])
    done = client.post(url, {"version": 1, "outcome": "order_granted",
                             **_day("started_on", date(2026, 1, 20))})
    assert done.status_code == 302
    stale = client.post(url, {"version": 1, "outcome": "not_successful",
                              **_day("started_on", date(2026, 1, 20))})
    assert stale.status_code == 400 and "Someone else changed" in stale.content.decode()
    made.refresh_from_db()
    assert (made.outcome, made.version) == ("order_granted", 2)
    shown = client.get(reverse("disruption:detail", args=[made.pk])).content.decode()
    assert "Criminal justice outcome: order granted" in shown


def test_the_api_records_lists_reads_and_changes_as_the_pages_do(
        hub: Actor, kaz: Any, personas: dict[str, Any]) -> None:
    police = Api("panel_member")
    made = police.post("/disruptions", {"target_kind": "person", "target_id": kaz.pk,
                                        "tactic": "diversion", "decided_on": "2026-03-02"})
    assert made.status_code == 201, made.json()
    body = made.json()
    assert body["target"] == {"kind": "person", "kind_label": "Person of interest",
                              "id": kaz.pk, "label": "Known as Kaz"}
    assert body["tactic_label"] == "Diversion of a perpetrator"
    listed = Api("analyst").get("/disruptions", tactic="diversion").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == body["id"]
    url = f"/api/v1/disruptions/{body['id']}"
    patch = {"version": 1, "started_on": "2026-03-03", "outcome": "successful"}
    changed = police.client.patch(url, patch, content_type="application/json",
                                  headers=police.headers)
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = police.client.patch(url, patch, content_type="application/json",
                                headers=police.headers)
    assert stale.status_code == 409
    bad = police.post("/disruptions", {"target_kind": "person", "target_id": kaz.pk,
                                       "tactic": "curfew", "decided_on": "2026-03-02"})
    assert bad.status_code == 422 and "tactic" in str(bad.json())
    assert Api("analyst").post("/disruptions", {
        "target_kind": "person", "target_id": kaz.pk, "tactic": "diversion",
        "decided_on": "2026-03-02"}).status_code == 403
    assert Disruption.objects.count() == 1


def test_another_partnerships_record_is_not_found_through_the_api(
        personas: dict[str, Any], essex: Any) -> None:
    from macehub.intelligence.services import entity_create

    essex_hub = factories.actor(factories.user_with_role("essex_hub_api", essex,
                                                         "hub_coordinator"), essex)
    theirs = entity_create(actor=essex_hub, kind="person", name="Alex Other", status="active")
    answer = Api("hub_coordinator").post("/disruptions", {
        "target_kind": "person", "target_id": theirs.pk, "tactic": "diversion",
        "decided_on": "2026-03-02"})
    assert answer.status_code == 404 and not Disruption.objects.exists()
