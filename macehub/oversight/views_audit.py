"""The quarterly plan audit's pages: the audits and drawing a sample, one audit with its
grades and findings, and one sampled plan to grade. The auditor reads only the sampled
plans, while the audit is being graded; every read of a plan is audited."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.lib.forms import saved
from macehub.lib.paging import paged
from macehub.oversight import services
from macehub.oversight.forms import CompleteForm, DrawForm, GradeForm
from macehub.oversight.models import PlanAudit


def _actor(request: HttpRequest) -> Actor:
    return request.actor  # type: ignore[attr-defined, no-any-return]


def _questions(actor: Actor) -> list[str]:
    rule = services.audit_rule(actor)
    return list(rule.questions.value) if rule else []


@requires("plan_audit.run")
@require_http_methods(["GET", "POST"])
def audits(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    form = DrawForm(request.POST or None)
    drawn: list[PlanAudit] = []
    if request.method == "POST" and saved(form, lambda data: drawn.append(
            services.plan_audit_draw(actor=actor, quarter=date.fromisoformat(data["quarter"])))):
        return redirect("oversight:audit", pk=drawn[0].pk)
    listing = paged(request, "page", PlanAudit.objects.for_actor(actor), 20)
    return render(request, "oversight/audits.html", {
        **listing, "query": listing["page_query"], "form": form,
        "rule": services.audit_rule(actor)}, status=400 if form.errors else 200)


@requires("plan_audit.run")
@require_http_methods(["GET", "POST"])
def audit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    found = PlanAudit.objects.get_for(actor, pk)
    form = CompleteForm(request.POST or None, initial={"version": found.version})
    if request.method == "POST" and saved(form, lambda data: services.plan_audit_complete(
            actor=actor, audit=found, version=data["version"], findings=data["findings"],
            actions=data["actions"])):
        return redirect("oversight:audit", pk=found.pk)
    questions = _questions(actor)
    return render(request, "oversight/audit.html", {
        "audit": found, "entries": found.entries.select_related("plan"), "form": form,
        "summary": services.grade_summary(found, questions),
        "actions": [line for line in found.actions.splitlines() if line.strip()]},
        status=400 if form.errors else 200)


@requires("plan_audit.run")
@require_http_methods(["GET", "POST"])
def entry(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    actor = _actor(request)
    found = services.sampled_entry(actor, pk, entry_pk)
    plan = services.sampled_plan(actor, found, request=request,
                                 audited=request.method == "GET")
    questions = _questions(actor)
    form = GradeForm(request.POST or None, questions=questions,
                     initial={"version": found.version, "note": found.note, **found.grades})
    if request.method == "POST" and saved(form, lambda data: services.plan_audit_grade(
            actor=actor, entry=found, version=data["version"], note=data["note"],
            grades={k: v for k, v in data.items() if k.startswith("q")})):
        return redirect("oversight:audit", pk=pk)
    return render(request, "oversight/audit_entry.html", {
        "audit": found.audit, "entry": found, "plan": plan, "form": form,
        "kind": actor.partnership.policy.plans.types.get(plan.kind)},
        status=400 if form.errors else 200)
