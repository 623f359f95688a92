"""Disruption: the tactics a partnership records against the people, places and groups
that exploit children (Dudley's CEOG outcomes, Essex's council powers at MACE 2), and how
soon after it is agreed a disruption counts as timely (Kirklees' fourth outcome measure)."""

from __future__ import annotations

from macehub.partnerships.policy.interval import Interval
from macehub.partnerships.policy.values import Key, Rule, Strict, Text


class Disruption(Strict):
    tactics: Rule[dict[Key, Text]]
    # A disruption is timely when it starts within this of the decision to pursue it.
    timely_within: Rule[Interval]
