"""Hotspot analysis: where located records gather. Each located location recorded in the
period is a point, and so is each link to a located location that started (or, without
a start date, was recorded) in the period: a sighting or a visit is an incident there.
Points are clustered with DBSCAN on the great-circle (haversine) distance, with the
pack's radius and minimum number of points (`hotspots` section; docs/adr 0028)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.db.models import Q

from macehub.access.actor import Actor
from macehub.intelligence.clustering import cluster_labels
from macehub.intelligence.models import Link, Location


@dataclass
class Cluster:
    number: int
    latitude: float
    longitude: float
    points: int
    locations: list[Location] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"Cluster {self.number}"


@dataclass
class Analysis:
    clusters: list[Cluster]
    of_location: dict[int, Cluster]  # location id: its cluster
    points: int
    radius_m: int
    min_points: int


def _in_period(start: date | None, end: date | None, prefix: str) -> Q:
    found = Q()
    if start:
        found &= Q(**{f"{prefix}__gte": start})
    if end:
        found &= Q(**{f"{prefix}__lte": end})
    return found


def incidents(actor: Actor, located: dict[int, Location], start: date | None,
              end: date | None) -> list[int]:
    """The location of each link to a located location in the period (that the actor
    may see): one query."""
    if not located:
        return []
    links = Link.objects.for_actor(actor).filter(superseded=False).filter(
        Q(a_kind="location", a_id__in=sorted(located)) |
        Q(b_kind="location", b_id__in=sorted(located)))
    dated = _in_period(start, end, "started_on") | (
        Q(started_on__isnull=True) & _in_period(start, end, "recorded_at__date"))
    out = []
    for a_kind, a_id, b_id in links.filter(dated).values_list("a_kind", "a_id", "b_id"):
        out.append(a_id if a_kind == "location" and a_id in located else b_id)
    return out


def analyse(actor: Actor, locations: list[Location], start: date | None = None,
            end: date | None = None) -> Analysis:
    """Cluster the located `locations` recorded in the period and the incidents at them."""
    pack = actor.partnership.policy.hotspots
    radius, least = pack.cluster_radius.value, pack.cluster_min_points.value
    located = {loc.pk: loc for loc in locations if loc.latitude is not None}
    recorded = [pk for pk, loc in located.items()
                if (start is None or loc.created_at.date() >= start)
                and (end is None or loc.created_at.date() <= end)]
    owners = recorded + incidents(actor, located, start, end)
    coords = np.array([[float(located[pk].latitude), float(located[pk].longitude)]  # type: ignore[arg-type]
                       for pk in owners], dtype=np.float64).reshape(-1, 2)
    labels = cluster_labels(coords, radius, least)
    clusters: dict[int, Cluster] = {}
    for pk, label, (lat, lon) in zip(owners, labels, coords, strict=True):
        if label < 0:
            continue
        found = clusters.setdefault(int(label), Cluster(int(label) + 1, 0.0, 0.0, 0))
        found.points += 1
        found.latitude += lat
        found.longitude += lon
        if located[pk] not in found.locations:
            found.locations.append(located[pk])
    for found in clusters.values():
        found.latitude, found.longitude = (round(found.latitude / found.points, 6),
                                           round(found.longitude / found.points, 6))
    of_location = {loc.pk: c for c in clusters.values() for loc in c.locations}
    return Analysis(sorted(clusters.values(), key=lambda c: c.number), of_location,
                    len(owners), radius, least)
