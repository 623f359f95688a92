"""Reading disruptions: the list with its filters, and the records they are aimed at named
for the reader (one query per kind of record, as intelligence links name their ends)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from macehub.access.actor import Actor
from macehub.disruption.models import Disruption
from macehub.intelligence.queries import End, ends
from macehub.lib.listing import Sorts

SORTS: Sorts = {"agreed": ("decided_on", "pk"), "started": ("started_on", "pk")}
DEFAULT_SORT = "-agreed"


def disruption_list(actor: Actor, filters: dict[str, Any]) -> QuerySet[Disruption]:
    rows = Disruption.objects.for_actor(actor).select_related("lead_agency", "partnership")
    for name in ("tactic", "outcome", "target_kind"):
        if filters.get(name):
            rows = rows.filter(**{name: filters[name]})
    return rows


def of_record(actor: Actor, kind: str, pk: int) -> list[Disruption]:
    """The disruptions aimed at one record, latest agreed first."""
    return list(Disruption.objects.for_actor(actor).filter(
        target_kind=kind, target_id=pk).select_related("lead_agency", "partnership"))


def targets(actor: Actor, rows: list[Disruption]) -> dict[int, End]:
    """Each disruption's target, named for this actor (by disruption id)."""
    named = ends(actor, {(d.target_kind, d.target_id) for d in rows})
    return {d.pk: named.get((d.target_kind, d.target_id)) or End(
        d.target_kind, d.target_id, "Not found") for d in rows}
