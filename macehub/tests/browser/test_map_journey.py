"""The map of locations in Chromium, with axe on every page: the analyst's map draws the
located locations and the hotspot cluster over the area outlines (no tiles), with the
same locations in a table; the coordinator then makes the park a hotspot by the CEOG's
recorded decision (Dudley ToR (003) §CEOG Purpose; pack hotspots.promoted_by)."""

from __future__ import annotations

from typing import Any

import pytest

from macehub.intelligence.models import Location
from macehub.intelligence.tests.map_helpers import cluster_of, decision
from macehub.tests.browser.helpers import accessible
from macehub.tests.factories import actor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_map_draws_the_locations_and_a_cluster_and_a_ceog_decision_makes_a_hotspot(
    signed_in: Any, personas: dict[str, Any], dudley: Any,
) -> None:
    hub = actor(personas["hub_coordinator"], dudley)
    places = cluster_of(hub)
    decision(hub, "ceog", text="Agreed at CEOG: Exampleton Park is a hotspot")

    page = signed_in(personas["hub_coordinator"])
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto("/".join(page.url.split("/")[:3]) + "/intelligence/map/")
    page.wait_for_selector("#map-drawing path.leaflet-interactive", state="attached")
    assert errors == []
    accessible(page)
    table = page.locator("#map-locations").inner_text()
    assert "Exampleton Park" in table and "Cluster 1" in table and "Transport hub" in table
    assert page.locator("#map-drawing path.leaflet-interactive").count() >= 4 + 1
    assert "Cluster 1" in page.locator("#map-clusters").inner_text()

    page.click("a:text-is('Exampleton Park')")
    page.click("a:has-text('Make it a hotspot')")
    accessible(page)
    page.select_option("#id_decision", label=page.locator("#id_decision option").nth(1)
                       .inner_text())
    page.click("button:has-text('Make it a hotspot')")
    assert "now a hotspot" in page.locator("main").inner_text()
    assert Location.objects.get(pk=places["park"].pk).status == "hotspot"
