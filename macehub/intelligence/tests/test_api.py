"""Intelligence through the API: create, read, list with filters, change from a version
(409 when stale) and links (record, end, correct) for each kind; bad input answered 422
naming the field with nothing saved; another partnership's records not found."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from macehub.api.tests.helpers import Api
from macehub.intelligence.models import Link, Vehicle
from macehub.lib.problems import fields
from macehub.tests import factories

pytestmark = pytest.mark.django_db

GRADE = {"source_kind": "police_notification", "source_evaluation": "2", "assessment": "C",
         "handling": "P"}
BODIES = {
    "people": {"name": "", "street_names": ["Kaz"], "approximate_age": 24},
    "vehicles": {"registration": "ab12 cde", "make": "Volkswagen", "colour": "Silver"},
    "phones": {"number": "07700 900321", "deal_line": True, "line_name": "Kaz line"},
    "accounts": {"platform": "Snapchat", "handle": "kaz_line"},
    "locations": {"address": "Flat above the takeaway", "postcode": "dy1 1aa",
                  "type": "takeaway", "status": "vulnerable", "latitude": 52.51,
                  "longitude": -2.08, "approximate": True},
    "groups": {"name": "Kaz line", "type": "county_line"},
}


def _patch(api: Api, url: str, body: dict[str, Any]) -> Any:
    return api.client.patch(f"/api/v1{url}", body, content_type="application/json",
                            headers=api.headers)


@pytest.mark.parametrize("slug", sorted(BODIES))
def test_each_kind_is_created_read_listed_and_changed_from_its_version(
        personas: dict[str, Any], slug: str) -> None:
    # CONTRIBUTING "The API": every page action has its operation; a stale version is 409.
    hub = Api("hub_coordinator")
    made = hub.post(f"/intelligence/{slug}", BODIES[slug])
    assert made.status_code == 201, made.json()
    record = made.json()
    assert record["version"] == 1
    url = f"/intelligence/{slug}/{record['id']}"
    assert Api("analyst").get(url).json()["id"] == record["id"]
    listed = Api("panel_member").get(f"/intelligence/{slug}").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == record["id"]
    changed = _patch(hub, url, {"version": 1, "notes": "Seen weekly"})
    assert changed.status_code == 200 and changed.json()["version"] == 2
    assert changed.json()["notes"] == "Seen weekly"
    stale = _patch(hub, url, {"version": 1, "notes": "Older"})
    assert stale.status_code == 409
    assert hub.get(url).json()["notes"] == "Seen weekly"
    assert Api("analyst").post(f"/intelligence/{slug}", BODIES[slug]).status_code == 403


def test_registrations_phones_and_postcodes_come_back_in_one_form(
        personas: dict[str, Any]) -> None:
    hub = Api("hub_coordinator")
    assert hub.post("/intelligence/vehicles", BODIES["vehicles"]).json()[
        "registration"] == "AB12CDE"
    assert hub.post("/intelligence/phones", BODIES["phones"]).json()[
        "number"] == "+447700900321"
    assert hub.post("/intelligence/locations", BODIES["locations"]).json()[
        "postcode"] == "DY1 1AA"
    assert hub.get("/intelligence/vehicles", q="AB12 cde").json()["count"] == 1
    assert hub.get("/intelligence/phones", q="+44 7700 900321").json()["count"] == 1
    assert hub.get("/intelligence/phones", deal_line=True).json()["count"] == 1


@pytest.mark.parametrize(("slug", "body", "field"), [
    ("vehicles", {"registration": "AB12 C$E"}, "registration"),
    ("phones", {"number": "12"}, "number"),
    ("locations", {"address": "Park", "type": "park", "postcode": "ZZ"}, "postcode"),
    ("people", {"name": "X", "status": "wanted"}, "status")])
def test_bad_input_is_answered_422_naming_the_field_and_nothing_is_saved(
        personas: dict[str, Any], slug: str, body: dict[str, Any], field: str) -> None:
    # SECURITY S5 (bad input changes nothing): 422 naming the field, nothing saved.
    response = Api("hub_coordinator").post(f"/intelligence/{slug}", body)
    assert response.status_code == 422 and field in fields(response.json())
    assert Api("hub_coordinator").get(f"/intelligence/{slug}").json()["count"] == 0


def test_a_link_is_recorded_ended_and_corrected_and_a_malformed_grade_refused(
        personas: dict[str, Any], actor_of: Any) -> None:
    hub = Api("hub_coordinator")
    child = factories.child(actor_of(personas["hub_coordinator"]))
    person = hub.post("/intelligence/people", BODIES["people"]).json()
    body = {"a_kind": "person", "a_id": person["id"], "b_kind": "child", "b_id": child.pk,
            "kind": "exploiter_of", **GRADE}
    bad = hub.post("/intelligence/links", body | {"assessment": "Z"})
    assert bad.status_code == 422 and "assessment" in fields(bad.json())
    made = hub.post("/intelligence/links", body)
    assert made.status_code == 201, made.json()
    link = made.json()
    assert hub.get(f"/intelligence/people/{person['id']}/links").json()[0]["id"] == link["id"]
    corrected = hub.post(f"/intelligence/links/{link['id']}/correct", {
        "version": 1, "reason": "Police confirmed", "assessment": "B"})
    assert corrected.status_code == 201 and corrected.json()["corrects_id"] == link["id"]
    new = corrected.json()
    assert hub.post(f"/intelligence/links/{link['id']}/end", {
        "version": 2, "ended_on": "2026-01-05"}).status_code == 422
    ended = hub.post(f"/intelligence/links/{new['id']}/end", {
        "version": 1, "ended_on": "2026-01-05", "reason": "Moved"})
    assert ended.status_code == 200 and ended.json()["ended_on"] == "2026-01-05"
    assert Link.objects.count() == 2


def test_handling_code_c_needs_conditions_and_is_read_only_by_the_roles_they_allow(
        personas: dict[str, Any]) -> None:
    hub = Api("hub_coordinator")
    person = hub.post("/intelligence/people", BODIES["people"]).json()
    car = hub.post("/intelligence/vehicles", BODIES["vehicles"]).json()
    body = {"a_kind": "person", "a_id": person["id"], "b_kind": "vehicle", "b_id": car["id"],
            "kind": "uses", **(GRADE | {"handling": "C"})}
    refused = hub.post("/intelligence/links", body)
    assert refused.status_code == 422
    assert fields(refused.json()) == {"conditions", "disclose_to"}
    made = hub.post("/intelligence/links", body | {
        "conditions": "Police only", "disclose_to": ["panel_member"]})
    assert made.status_code == 201
    url = f"/intelligence/links/{made.json()['id']}"
    assert Api("panel_member").get(url).json()["conditions"] == "Police only"
    assert Api("analyst").get(url).status_code == 404
    assert Api("referrer").get(url).status_code == 403


def test_another_partnerships_records_are_not_found_and_cannot_be_linked(
        personas: dict[str, Any], essex: Any) -> None:
    # SECURITY S5/S7: another partnership's record is not found, and cannot be linked.
    away = factories.actor(factories.user_with_role("essex_hub", essex, "hub_coordinator"),
                           essex)
    from macehub.intelligence.services import entity_create

    theirs = entity_create(actor=away, kind="vehicle", registration="XY12ZZZ")
    hub = Api("hub_coordinator")
    assert hub.get(f"/intelligence/vehicles/{theirs.pk}").status_code == 404
    person = hub.post("/intelligence/people", BODIES["people"]).json()
    linked = hub.post("/intelligence/links", {
        "a_kind": "person", "a_id": person["id"], "b_kind": "vehicle", "b_id": theirs.pk,
        "kind": "uses", **GRADE})
    assert linked.status_code == 404
    assert not Link.objects.exists() and Vehicle.objects.count() == 1
    assert Client().get("/api/v1/intelligence/vehicles").status_code == 401
