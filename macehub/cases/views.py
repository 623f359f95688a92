"""Case pages: the list, and a case's summary, timeline and plans (each a sub-page under
the case header, macehub/cases/pages.py). The due list: views_due.py; changes:
views_changes.py."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_shown, with_child
from macehub.cases import forms
from macehub.cases.pages import case_header, case_page
from macehub.cases.queries import CASE_SORTS, case_list, get_case_for
from macehub.lib.listing import Column, list_page
from macehub.rules.due import due_items

CASE_COLUMNS = [Column("Reference", "reference"), Column("Child", "child"),
                Column("Age", "age"), Column("Area", "area"),
                Column("Status", "status"), Column("Risk", "risk"),
                Column("Lead professional"), Column("Opened", "opened")]


@requires("case.view")
def case_index(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    form = forms.CaseFilterForm(request.GET or None, pack=actor.partnership.policy,
                                partnership=actor.partnership)
    listing = list_page(request, lambda filters: case_list(actor, filters), noun="cases",
                        form=form, columns=CASE_COLUMNS, sorts=CASE_SORTS, default="-opened")
    today = timezone.localdate()
    audit_shown(action="case.list", actor=actor, records=with_child(listing.rows),
                purpose="case list", request=request)
    return render(request, "cases/list.html", {
        "listing": listing, "page": listing.page,
        "rows": [(case, case.child.birth.age_label(today)) for case in listing.rows],
        "can_break_glass": actor.has("breakglass.open")}, status=listing.status)


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
        "places": [pack.oversight.tracker.places.value[p] for p in case.places
                   if p in pack.oversight.tracker.places.value],
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

