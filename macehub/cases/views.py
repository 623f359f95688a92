"""Case pages: the list, the case with its due items and chronology, and its changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_shown, cases_shown, with_child
from macehub.cases import forms, services
from macehub.cases.models import Case, NrmReferral
from macehub.cases.monitoring import active_monitoring, monitoring_review
from macehub.cases.queries import case_list, get_case_for
from macehub.cases.sections import case_sections
from macehub.lib.forms import Form, saved
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


def _forms(actor: Actor, case: Case) -> dict[str, Form]:
    pack, partnership = actor.partnership.policy, actor.partnership
    version = {"version": case.version}
    return {
        "risk_form": forms.RiskForm(initial={**version, "risk": case.risk}),
        "status_form": forms.StatusForm(initial=version),
        "monitoring_form": forms.MonitoringForm(initial={
            **version, "lead_professional": case.lead_professional}),
        "edit_form": forms.CaseEditForm(pack=pack, partnership=partnership, initial={
            **version, "lead_professional": case.lead_professional,
            "lead_agency": case.lead_agency_id, "exploitation_types": case.exploitation_types}),
        "plan_form": forms.PlanForm(pack=pack),
        "flag_form": forms.FlagForm(partnership=partnership),
        "nrm_form": forms.NrmForm(),
    }


def _render(request: HttpRequest, case: Case, status: int = 200, **bound: Form) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    pack = actor.partnership.policy
    chronology_filter = forms.ChronologyFilterForm(request.GET or None)
    entries = list(case.chronology.select_related("by"))
    chronology = entries
    if chronology_filter.is_valid() and chronology_filter.cleaned_data["kind"]:
        chronology = [e for e in entries if e.kind == chronology_filter.cleaned_data["kind"]]
    sections = case_sections(actor, case)
    can_manage = actor.has("case.manage")
    context: dict[str, Any] = {
        "case": case, "child": case.child, **(_forms(actor, case) if can_manage else {}),
        **bound,
        "due": due_items(actor, case=case, discussed=sections.get("discussed")),
        "risk_changes": [e for e in entries if e.kind == "risk"],
        "plans": [(p, pack.plans.types[p.kind].label if p.kind in pack.plans.types else p.kind)
                  for p in case.plans.all()],
        "nrm_referrals": [(r, can_manage and forms.NrmForm(prefix=f"nrm-{r.pk}", initial={
            "referred_on": r.referred_on, "first_responder": r.first_responder,
            "reasonable_grounds": r.reasonable_grounds,
            "reasonable_grounds_on": r.reasonable_grounds_on,
            "conclusive_grounds": r.conclusive_grounds,
            "conclusive_grounds_on": r.conclusive_grounds_on, "version": r.version}))
            for r in case.nrm_referrals.all()],
        "monitoring": active_monitoring(case) if case.status == Case.Status.MONITORED
        else None,
        "flags": case.flags.select_related("agency"),
        "types": [pack.exploitation_types[t].label for t in case.exploitation_types
                  if t in pack.exploitation_types],
        "chronology": chronology, "chronology_filter": chronology_filter,
        "can_manage": can_manage,
        **sections,
    }
    return render(request, "cases/detail.html", context, status=status)


@requires("case.view")
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, get_case_for(request.actor, pk))  # type: ignore[attr-defined]


def _act(request: HttpRequest, pk: int, name: str, form: Form,
         write: Callable[[Actor, Case, dict[str, Any]], object], done: str) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    case = get_case_for(actor, pk, purpose="change")
    if saved(form, lambda data: write(actor, case, data)):
        messages.success(request, done)
        return redirect("cases:detail", pk=case.pk)
    case.refresh_from_db()
    return _render(request, case, status=400, **{name: form})


@requires("case.manage")
@require_POST
def case_risk(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "risk_form", forms.RiskForm(request.POST),
                lambda a, c, d: services.case_set_risk(actor=a, case=c, **d), "Risk level set.")


@requires("case.manage")
@require_POST
def case_status(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "status_form", forms.StatusForm(request.POST),
                lambda a, c, d: services.case_set_status(actor=a, case=c, **d),
                "Case status changed.")


@requires("case.manage")
@require_POST
def case_monitoring(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "monitoring_form", forms.MonitoringForm(request.POST),
                lambda a, c, d: monitoring_review(actor=a, case=c, **d),
                "Monitoring review recorded.")


@requires("case.manage")
@require_POST
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    form = forms.CaseEditForm(request.POST, pack=actor.partnership.policy,
                              partnership=actor.partnership)
    return _act(request, pk, "edit_form", form,
                lambda a, c, d: services.case_update(actor=a, case=c, **d), "Case updated.")


@requires("case.manage")
@require_POST
def plan_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    form = forms.PlanForm(request.POST, pack=actor.partnership.policy)
    return _act(request, pk, "plan_form", form,
                lambda a, c, d: services.plan_add(actor=a, case=c, **d), "Plan added.")


@requires("case.manage")
@require_POST
def flag_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    form = forms.FlagForm(request.POST, partnership=actor.partnership)
    return _act(request, pk, "flag_form", form,
                lambda a, c, d: services.flag_add(actor=a, case=c, **d), "Flag recorded.")


@requires("case.manage")
@require_POST
def nrm_add(request: HttpRequest, pk: int, referral_pk: int | None = None) -> HttpResponse:
    def write(actor: Actor, case: Case, data: dict[str, Any]) -> object:
        referral = (NrmReferral.objects.filter(case=case).get_for(actor, referral_pk)
                    if referral_pk else None)
        return services.nrm_record(actor=actor, case=case, referral=referral, **data)

    prefix = f"nrm-{referral_pk}" if referral_pk else "nrm"
    return _act(request, pk, "nrm_form", forms.NrmForm(request.POST, prefix=prefix), write,
                "NRM referral recorded.")


@requires("due.view")
def due(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    items = due_items(actor)
    audit_shown(action="due.list", actor=actor, records=cases_shown(i.case_id for i in items),
                purpose="due list", request=request)
    return render(request, "cases/due.html", {"items": items,
                                              "overdue": sum(i.overdue for i in items)})
