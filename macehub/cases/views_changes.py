"""A case's changes, each on its own page: the form (GET), then the service through
`saved(form, write)` (POST). A refused change shows its errors on the same page, above the
form, and changes nothing; a saved one goes back to the case."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.cases import forms, services
from macehub.cases.models import Case, NrmReferral
from macehub.cases.monitoring import active_monitoring, monitoring_review
from macehub.cases.queries import get_case_for
from macehub.lib.forms import Form, saved

Write = Callable[[Actor, Case, dict[str, Any]], object]
MakeForm = Callable[[Actor, Case, Any], Form]


def _change(request: HttpRequest, pk: int, *, title: str, button: str, done: str,
            make: MakeForm, write: Write, back: str = "cases:detail",
            intro: Callable[[Case], str] | None = None) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    case = get_case_for(actor, pk, purpose="change")
    form = make(actor, case, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if saved(form, lambda data: write(actor, case, data)):
            messages.success(request, done)
            return redirect(back, pk=case.pk)
    return render(request, "cases/change.html", {
        "case": case, "child": case.child, "form": form, "title": title, "button": button,
        "intro": intro(case) if intro else "", "back": back}, status=400 if form.is_bound else 200)


def _version(case: Case) -> dict[str, Any]:
    return {"version": case.version}


@requires("case.manage")
@require_http_methods(["GET", "POST"])
def case_risk(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(
        request, pk, title="Set the risk level", button="Set risk level", done="Risk level set.",
        make=lambda a, c, data: forms.RiskForm(data, initial={**_version(c), "risk": c.risk}),
        write=lambda a, c, d: services.case_set_risk(actor=a, case=c, **d))


@requires("case.manage")
@require_http_methods(["GET", "POST"])
def case_status(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(
        request, pk, title="Hold dormant, close or reopen", button="Change status",
        done="Case status changed.",
        make=lambda a, c, data: forms.StatusForm(data, initial=_version(c)),
        write=lambda a, c, d: services.case_set_status(actor=a, case=c, **d))


@requires("case.manage")
@require_http_methods(["GET", "POST"])
def case_monitoring(request: HttpRequest, pk: int) -> HttpResponse:
    def intro(case: Case) -> str:
        held = active_monitoring(case) if case.status == Case.Status.MONITORED else None
        if held is None:
            return "The case is not monitored without MACE meetings."
        return f"{held.get_reason_display()} since {held.started_at:%-d %B %Y}."

    return _change(
        request, pk, title="Record the monitoring review", button="Record review",
        done="Monitoring review recorded.", intro=intro,
        make=lambda a, c, data: forms.MonitoringForm(data, initial={
            **_version(c), "lead_professional": c.lead_professional}),
        write=lambda a, c, d: monitoring_review(actor=a, case=c, **d))


@requires("case.manage")
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(
        request, pk, title="Lead professional and exploitation types", button="Save",
        done="Case updated.",
        make=lambda a, c, data: forms.CaseEditForm(
            data, pack=a.partnership.policy, partnership=a.partnership, initial={
                **_version(c), "lead_professional": c.lead_professional,
                "lead_agency": c.lead_agency_id, "exploitation_types": c.exploitation_types,
                "places": c.places, "outcome": c.outcome}),
        write=lambda a, c, d: services.case_update(actor=a, case=c, **d))


@requires("case.manage")
@require_http_methods(["GET", "POST"])
def plan_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(
        request, pk, title="Add a plan", button="Add plan", done="Plan added.",
        back="cases:plans",
        make=lambda a, c, data: forms.PlanForm(data, pack=a.partnership.policy),
        write=lambda a, c, d: services.plan_add(actor=a, case=c, **d))


@requires("case.manage")
@require_http_methods(["GET", "POST"])
def flag_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(
        request, pk, title="Record a flag on an agency's systems", button="Record flag",
        done="Flag recorded.",
        make=lambda a, c, data: forms.FlagForm(data, partnership=a.partnership),
        write=lambda a, c, d: services.flag_add(actor=a, case=c, **d))


@requires("case.manage")
@require_http_methods(["GET", "POST"])
def nrm_add(request: HttpRequest, pk: int, referral_pk: int | None = None) -> HttpResponse:
    """Record an NRM referral, or (with `referral_pk`) its grounds decisions as they
    arrive."""
    found: dict[str, NrmReferral | None] = {}

    def referral(actor: Actor, case: Case) -> NrmReferral | None:
        if referral_pk is not None and "it" not in found:
            found["it"] = NrmReferral.objects.filter(case=case).get_for(actor, referral_pk)
        return found.get("it")

    def make(actor: Actor, case: Case, data: Any) -> Form:
        r = referral(actor, case)
        if r is None:
            return forms.NrmForm(data)
        return forms.NrmForm(data, prefix=f"nrm-{r.pk}", initial={
            "referred_on": r.referred_on, "first_responder": r.first_responder,
            "reasonable_grounds": r.reasonable_grounds,
            "reasonable_grounds_on": r.reasonable_grounds_on,
            "conclusive_grounds": r.conclusive_grounds,
            "conclusive_grounds_on": r.conclusive_grounds_on, "version": r.version})

    return _change(
        request, pk, done="NRM referral recorded.", make=make,
        title="Update the NRM decisions" if referral_pk else "Record an NRM referral",
        button="Save decisions" if referral_pk else "Record referral",
        write=lambda a, c, d: services.nrm_record(actor=a, case=c, referral=referral(a, c),
                                                  **d))
