"""Case pages: the list, the due list, and a case's summary, timeline and plans (each a
sub-page under the case header, macehub/cases/pages.py). Changes: views_changes.py."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_shown, cases_shown, with_child
from macehub.cases import forms
from macehub.cases.pages import case_header, case_page
from macehub.cases.queries import case_list, get_case_for
from macehub.rules.due import due_items


@requires("case.view")
def case_index(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    form = forms.CaseFilterForm(request.GET or None, pack=actor.partnership.policy,
                                partnership=actor.partnership)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = Paginator(case_list(actor, filters), 25).get_page(request.GET.get("page"))
    audit_shown(action="case.list", actor=actor, records=with_child(page.object_list),
                purpose="case list", request=request)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "cases/list.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "can_break_glass": actor.has("breakglass.open")})


@requires("case.view")
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The case summary: what is due, the monitoring it is held under, its exploitation
    types and NRM referrals; the changes a manager may record."""
    actor: Actor = request.actor  # type: ignore[attr-defined]
    case = get_case_for(actor, pk)
    pack = actor.partnership.policy
    header = case_header(actor, case)
    return case_page(request, case, "cases/detail.html", "cases:detail", {
        "due": due_items(actor, case=case, discussed=header.get("discussed")),
        "types": [pack.exploitation_types[t].label for t in case.exploitation_types
                  if t in pack.exploitation_types],
        "nrm_referrals": list(case.nrm_referrals.order_by("referred_on", "pk")),
    }, header=header)


@requires("case.view")
def case_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything that happened on the case, latest first, as a timeline; filtered by
    kind."""
    case = get_case_for(request.actor, pk)  # type: ignore[attr-defined]
    chronology_filter = forms.ChronologyFilterForm(request.GET or None)
    entries = case.chronology.select_related("by").order_by("-at", "-pk")
    if chronology_filter.is_valid() and chronology_filter.cleaned_data["kind"]:
        entries = entries.filter(kind=chronology_filter.cleaned_data["kind"])
    return case_page(request, case, "cases/timeline.html", "cases:timeline", {
        "chronology": list(entries), "chronology_filter": chronology_filter})


@requires("case.view")
def case_plans(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's plans, with their type as the partnership's pack names it."""
    actor: Actor = request.actor  # type: ignore[attr-defined]
    case = get_case_for(actor, pk)
    types = actor.partnership.policy.plans.types
    return case_page(request, case, "cases/plans.html", "cases:plans", {
        "plans": [(p, types[p.kind].label if p.kind in types else p.kind)
                  for p in case.plans.select_related("by").order_by("-agreed_on", "-pk")]})


@requires("due.view")
def due(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    items = due_items(actor)
    audit_shown(action="due.list", actor=actor, records=cases_shown(i.case_id for i in items),
                purpose="due list", request=request)
    return render(request, "cases/due.html", {"items": items,
                                              "overdue": sum(i.overdue for i in items)})
