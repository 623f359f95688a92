"""Reading cases: fetch-and-authorise (audited) and the filtered list."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.cases.models import Case


def reaches_case(actor: Actor, case: Case) -> bool:
    from macehub.meetings.queries import reaches_case as need_to_know
    return need_to_know(actor, case)


def case_scope(actor: Actor, cases: QuerySet[Case]) -> QuerySet[Case]:
    from macehub.meetings.queries import case_scope as scope
    return scope(actor, cases)


def get_case_for(actor: Actor, pk: object, *, purpose: str = "") -> Case:
    """The case for someone whose role reaches it; 404 otherwise. Every read is audited."""
    if not actor.has("case.view") or not str(pk).isdigit():
        raise Http404("Not found")
    case = (Case.objects.select_related("child", "lead_agency")
            .filter(pk=int(str(pk)), partnership=actor.partnership).first())
    if case is None or not reaches_case(actor, case):
        raise Http404("Not found")
    audit_record(action="case.view", actor=actor, obj=case, purpose=purpose)
    return case


def case_list(actor: Actor, filters: dict[str, Any]) -> QuerySet[Case]:
    cases = (case_scope(actor, Case.objects.filter(partnership=actor.partnership))
             .select_related("child", "lead_agency").order_by("-opened_at", "-pk"))
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
