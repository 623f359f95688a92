"""Reading cases: fetch-and-authorise (audited) and the filtered list."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404

from macehub.access.actor import Actor
from macehub.cases.models import Case, RiskChange
from macehub.concerns.models import RiskLevel
from macehub.lib.listing import NULLS_LAST, Sorts

# The case list's sort keys (page and API): risk sorts by its level, not its name.
CASE_SORTS: Sorts = {"reference": ("opened_at", "number", "pk"),
                     "child": ("child__last_name", "child__first_name", "pk"),
                     "age": ("-child__date_of_birth" + NULLS_LAST, "pk"),
                     "area": ("child__area__name", "pk"), "status": ("status", "pk"),
                     "risk": ("risk_rank", "pk"), "opened": ("opened_at", "pk")}
_RANK = models.Case(*(models.When(risk=level, then=models.Value(rank))
                      for rank, level in enumerate(RiskLevel.values)),
                    output_field=models.IntegerField())


def get_case_for(actor: Actor, pk: object, *, purpose: str = "") -> Case:
    """The case for someone whose role reaches it (need to know: macehub.access.reach);
    404 otherwise. Every read is audited. The case comes with its child (and the child's
    area), its lead agency and `risk_since`, when its current risk level was set."""
    if not actor.has("case.view"):
        raise Http404("Not found")
    # The case's own risk history, read in the same query as the case it belongs to.
    latest = (RiskChange.objects.filter(case=OuterRef("pk")).order_by("-at", "-pk")
              .values("at")[:1])
    return (Case.objects.select_related("child", "child__area", "lead_agency")
            .annotate(risk_since=Subquery(latest)).get_for(actor, pk, purpose=purpose))


def case_list(actor: Actor, filters: dict[str, Any]) -> QuerySet[Case]:
    cases = (Case.objects.for_actor(actor)
             .select_related("child__area", "lead_agency").annotate(risk_rank=_RANK)
             .order_by("-opened_at", "-pk"))
    if filters.get("reference"):
        cases = cases.filter(reference__icontains=" ".join(filters["reference"].split()))
    if filters.get("status"):
        cases = cases.filter(status=filters["status"])
    if filters.get("risk"):
        cases = cases.filter(risk=filters["risk"])
    if filters.get("lead_professional"):
        cases = cases.filter(lead_professional__icontains=filters["lead_professional"])
    if filters.get("area"):
        cases = cases.filter(child__area=filters["area"])
    if filters.get("exploitation_type"):
        # JSON "contains" is not available on SQLite; the list is short, so match the text.
        cases = cases.filter(exploitation_types__icontains=f'"{filters["exploitation_type"]}"')
    return cases
