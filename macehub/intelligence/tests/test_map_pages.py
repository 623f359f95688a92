"""The map page (filters in the address, the locations and clusters in a table beside the
drawing, labels not codes, a bounded number of queries, need to know), the page that
makes a location a hotspot, and the same through the API."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from macehub.access.actor import Actor
from macehub.api.tests.helpers import Api
from macehub.audit.models import AuditEvent
from macehub.intelligence.tests.map_helpers import cluster_of, decision, place

pytestmark = pytest.mark.django_db
# PERFORMANCE B7: a page in at most 10 queries of its own, plus the 4 of a signed-in
# request and the 3 of the audit of what it showed.
MAX_QUERIES = 17


def test_the_map_shows_the_locations_and_clusters_in_a_table_with_labels(
        hub: Actor, personas: dict[str, Any], client_as: Any,
        django_assert_max_num_queries: Any) -> None:
    cluster_of(hub)
    client = client_as(personas["analyst"])
    with django_assert_max_num_queries(MAX_QUERIES):
        page = client.get(reverse("intelligence:map"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Exampleton bus station" in body and "Transport hub" in body
    assert "Vulnerable location" in body and "Cluster 1" in body
    assert 'id="map-data"' in body and "transport_hub</td>" not in body
    assert AuditEvent.objects.filter(action="intelligence.map").count() == 1
    for n in range(20):
        place(hub, f"Flat {n}, Example Court", 40 * n)
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(reverse("intelligence:map"))


def test_the_map_filters_by_type_and_refuses_a_bad_filter(
        hub: Actor, personas: dict[str, Any], client_as: Any) -> None:
    cluster_of(hub)
    client = client_as(personas["hub_coordinator"])
    body = client.get(reverse("intelligence:map"), {"type": "park"}).content.decode()
    assert "Exampleton Park" in body and "Exampleton bus station" not in body
    bad = client.get(reverse("intelligence:map"), {"type": "castle"})
    assert bad.status_code == 400 and "There is a problem" in bad.content.decode()


def test_those_without_intelligence_cannot_open_the_map(
        personas: dict[str, Any], client_as: Any) -> None:
    # Issue "Who may see intelligence": referrers see nothing beyond their own concern.
    assert client_as(personas["referrer"]).get(reverse("intelligence:map")).status_code == 403


def test_the_hotspot_page_makes_a_location_a_hotspot_by_a_ceog_decision(
        hub: Actor, personas: dict[str, Any], client_as: Any) -> None:
    # Dudley ToR §CEOG Purpose (pack hotspots.promoted_by): only the CEOG's decision.
    park = place(hub, "Exampleton Park")
    made = decision(hub, "ceog")
    decision(hub, "mace", text="Not offered: a MACE decision")
    client = client_as(personas["hub_coordinator"])
    url = reverse("intelligence:location_hotspot", args=[park.pk])
    form = client.get(url).content.decode()
    assert "Agreed: the park is a hotspot" in form and "Not offered" not in form
    empty = client.post(url, {"version": 1, "decision": ""})
    assert empty.status_code == 400
    done = client.post(url, {"version": 1, "decision": made.pk})
    assert done.status_code == 302
    park.refresh_from_db()
    assert park.status == "hotspot"
    assert "Vulnerable location to Hotspot" in client.get(url).content.decode()
    assert client_as(personas["analyst"]).get(url).status_code == 403


def test_the_api_lists_located_locations_clusters_them_and_promotes_by_decision(
        hub: Actor, personas: dict[str, Any]) -> None:
    places = cluster_of(hub)
    analyst = Api("analyst")
    listed = analyst.get("/intelligence/map?type=premises").json()
    assert {i["address"] for i in listed["items"]} == {places["shop"].address,
                                                       places["far"].address}
    assert analyst.get("/intelligence/map?status=hot").status_code == 422
    found = analyst.get("/intelligence/hotspots").json()
    assert found["radius_metres"] == 400 and found["min_points"] == 3
    assert len(found["clusters"]) == 1 and len(found["clusters"][0]["location_ids"]) == 3
    hub_api = Api("hub_coordinator")
    url = f"/intelligence/locations/{places['park'].pk}/hotspot"
    wrong = hub_api.post(url, {"version": 1, "decision_id": decision(hub, "mace").pk})
    assert wrong.status_code == 422
    made = decision(hub, "ceog")
    assert hub_api.post(url, {"version": 1, "decision_id": made.pk}).json()["status"] == \
        "hotspot"
    assert hub_api.post(url, {"version": 1, "decision_id": made.pk}).status_code == 409
    assert analyst.post(url, {"version": 2, "decision_id": made.pk}).status_code == 403
