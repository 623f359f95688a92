"""The hotspot analysis (clusters of located records, DBSCAN on the great-circle distance,
the pack's radius and minimum size) and making a vulnerable location a hotspot, which
only a held meeting's recorded decision of a forum the pack names can do."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from django.core.exceptions import ValidationError

from macehub.access.actor import Actor
from macehub.intelligence.clustering import cluster_labels
from macehub.intelligence.hotspots import analyse
from macehub.intelligence.models import Location, StatusChange
from macehub.intelligence.promotion import promote
from macehub.intelligence.services import entity_update, link_create
from macehub.intelligence.tests.map_helpers import cluster_of, decision, place
from macehub.lib.errors import StaleEdit
from macehub.meetings.models import Meeting

pytestmark = pytest.mark.django_db

GRADE = {"source_kind": "meeting", "source_evaluation": "2", "assessment": "B",
         "handling": "P"}


def test_clusters_are_measured_on_the_ground_in_metres() -> None:
    # Two points 0.004 degrees of longitude apart are ~270 m apart at the equator but
    # ~170 m apart in Dudley (52.5 N): the haversine distance, not degrees, decides.
    dudley = np.array([[52.5, -2.0], [52.5, -1.9975], [52.5, -1.995]])
    equator = np.array([[0.0, 0.0], [0.0, 0.0025], [0.0, 0.005]])
    assert set(cluster_labels(dudley, 200, 3)) == {0}
    assert set(cluster_labels(equator, 200, 3)) == {-1}


def test_the_packs_radius_and_minimum_decide_the_clusters(
        hub: Actor, monkeypatch: Any) -> None:
    # Dudley pack, hotspots section (a default: the sources are silent): 400 m, 3 records.
    places = cluster_of(hub)
    rows = list(Location.objects.for_actor(hub))
    found = analyse(hub, rows)
    assert [sorted(loc.address for loc in c.locations) for c in found.clusters] == [
        sorted(p.address for k, p in places.items() if k != "far")]
    pack = hub.partnership.policy
    tighter = pack.hotspots.model_copy(update={"cluster_radius": pack.hotspots
                                               .cluster_radius.model_copy(update={"value": 100})})
    changed = pack.model_copy(update={"hotspots": tighter})
    monkeypatch.setattr(type(hub.partnership), "policy", property(lambda self: changed))
    assert analyse(hub, rows).clusters == []


def test_links_to_a_location_in_the_period_are_incidents_there(hub: Actor) -> None:
    # Essex arrangements §6.1 MACE 2: trends and patterns of where exploitation happens.
    park = place(hub, "Exampleton Park")
    kaz = place(hub, "Somewhere else", 9000)
    assert analyse(hub, [park]).clusters == []
    for _ in range(2):
        link_create(actor=hub, a_kind="location", a_id=kaz.pk, b_kind="location",
                    b_id=park.pk, kind="seen_with", **GRADE)
    found = analyse(hub, [park])
    assert len(found.clusters) == 1 and found.clusters[0].points == 3


def test_a_held_forum_decision_makes_a_vulnerable_location_a_hotspot_kept_in_history(
        hub: Actor) -> None:
    # Dudley ToR §CEOG Purpose: the CEOG disrupts locations and plans patrols of hotspots;
    # Dudley pack hotspots.promoted_by = ceog.
    park = place(hub, "Exampleton Park")
    made = decision(hub, "ceog")
    promoted = promote(actor=hub, location=park, version=1, decision_id=made.pk)
    assert promoted.status == "hotspot" and promoted.version == 2
    change = StatusChange.objects.get(location=park)
    assert (change.was, change.now, change.decision_id) == ("vulnerable", "hotspot", made.pk)


@pytest.mark.parametrize(("forum", "status", "named"), [
    ("mace", Meeting.Status.HELD, "CEOG"),  # not a forum the pack names
    ("ceog", Meeting.Status.PUBLISHED, "held"),  # not held yet
])
def test_any_other_decision_is_refused_and_nothing_changes(
        hub: Actor, forum: str, status: str, named: str) -> None:
    # Essex arrangements §6.1 MACE 2 (hotspots: exploitation known); Dudley ToR §CEOG.
    park = place(hub, "Exampleton Park")
    made = decision(hub, forum, status)
    with pytest.raises(ValidationError) as error:
        promote(actor=hub, location=park, version=1, decision_id=made.pk)
    assert named in str(error.value.message_dict["decision"])
    park.refresh_from_db()
    assert park.status == "vulnerable" and park.version == 1
    assert not StatusChange.objects.exists()


def test_a_missing_decision_a_stale_version_or_a_location_not_vulnerable_is_refused(
        hub: Actor) -> None:
    park = place(hub, "Exampleton Park")
    with pytest.raises(ValidationError):
        promote(actor=hub, location=park, version=1, decision_id=None)
    made = decision(hub, "ceog")
    with pytest.raises(StaleEdit):
        promote(actor=hub, location=park, version=7, decision_id=made.pk)
    shop = place(hub, "Corner shop", status="not_assessed")
    with pytest.raises(ValidationError) as error:
        promote(actor=hub, location=shop, version=1, decision_id=made.pk)
    assert "status" in error.value.message_dict
    assert not StatusChange.objects.exists()


def test_an_essex_location_is_made_a_hotspot_by_mace_2_only(essex_hub: Actor) -> None:
    # Essex arrangements §6.1: MACE 2 identifies vulnerable locations and hotspots and
    # keeps the hotspot tracker (§6.2, MACE 2 agenda item 5).
    park = place(essex_hub, "Example Park, Colchester")
    with pytest.raises(ValidationError):
        promote(actor=essex_hub, location=park, version=1,
                decision_id=decision(essex_hub, "mace_1").pk)
    promote(actor=essex_hub, location=park, version=1,
            decision_id=decision(essex_hub, "mace_2").pk)
    park.refresh_from_db()
    assert park.status == "hotspot"


def test_an_edit_cannot_make_a_location_a_hotspot(hub: Actor) -> None:
    park = place(hub, "Exampleton Park")
    with pytest.raises(ValidationError) as error:
        entity_update(actor=hub, record=park, version=1, address=park.address,
                      type="park", status="hotspot")
    assert "status" in error.value.message_dict
