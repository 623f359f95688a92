"""Every case page: the summary header (who the child is, the risk and since when, the
case's status, the people around the child, the next meeting and review, and the flags on
agencies' systems) above the sub-navigation. The sub-pages of other apps render through
`case_page` too, so every road to the case shows the same header behind the same gate
(`get_case_for`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from macehub.access.actor import Actor
from macehub.cases.models import Case
from macehub.cases.monitoring import active_monitoring
from macehub.cases.sections import case_facts, case_tabs


def case_header(actor: Actor, case: Case) -> dict[str, Any]:
    """The header's context: the case loaded by `get_case_for` (child, area and lead
    agency joined, `risk_since` annotated), its agency flags, the monitoring it is held
    under, and the facts other apps add (next meeting, next review)."""
    monitoring = active_monitoring(case) if case.status == Case.Status.MONITORED else None
    return {
        "case": case, "child": case.child,
        "risk_since": getattr(case, "risk_since", None) or case.opened_at,
        "flags": list(case.flags.select_related("agency").order_by("flagged_on", "pk")),
        "monitoring": monitoring,
        **case_facts(actor, case),
    }


def case_page(request: HttpRequest, case: Case, template: str, tab: str,
              context: dict[str, Any] | None = None, *,
              header: dict[str, Any] | None = None) -> HttpResponse:
    """Render a case sub-page: `tab` is the URL name of the sub-page shown; `header`, when
    the view already built it."""
    actor: Actor = request.actor  # type: ignore[attr-defined]
    tabs = [{"label": t.label, "url": reverse(t.url_name, args=[case.pk]),
             "current": t.url_name == tab} for t in case_tabs(actor)]
    return render(request, template, {**(header or case_header(actor, case)), "tabs": tabs,
                                      "can_manage": actor.has("case.manage"),
                                      **(context or {})})
