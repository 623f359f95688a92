"""Hotspots: how the hotspot analysis clusters located records (how near, in metres, and
how many make a cluster), and which forums' recorded decisions promote a vulnerable
location to a hotspot (Essex's hotspot tracker, kept at MACE 2; Dudley's CEOG)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from macehub.partnerships.policy.values import Key, Positive, Rule, Strict

Metres = Annotated[int, Field(ge=10, le=50_000)]


class Hotspots(Strict):
    # Two located records this near (metres) are neighbours in the analysis.
    cluster_radius: Rule[Metres]
    # A cluster needs at least this many located records (a record counts itself).
    cluster_min_points: Rule[Positive]
    # Forum keys: a location becomes a hotspot only by a held meeting's recorded decision
    # of one of these forums.
    promoted_by: Rule[list[Key]] = Field()
