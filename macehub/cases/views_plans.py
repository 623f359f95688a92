"""Forums' plans for an area (Essex MACE 2: each quadrant's action plan with its impact
measures): the list, recording one, and reading and changing one. Writes go through
macehub/cases/plans.py."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.cases import forms, plans
from macehub.lib.forms import saved


def _actor(request: HttpRequest) -> Actor:
    return request.actor  # type: ignore[attr-defined, no-any-return]


def _labels(actor: Actor) -> dict[str, str]:
    return {key: forum.label for key, forum in actor.partnership.policy.forums.items()}


@requires("meeting.manage")
def forum_plan_list(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    areas = list(actor.partnership.areas.all())
    area = next((a for a in areas if str(a.pk) == request.GET.get("area", "")), None)
    return render(request, "cases/forum_plans.html", {
        "plans": plans.forum_plans(actor, area=area)[:200], "areas": areas, "area": area,
        "forums": _labels(actor), "types": plans.forum_plan_types(actor)})


@requires("meeting.manage")
def forum_plan_new(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    types = plans.forum_plan_types(actor)
    form = forms.ForumPlanForm(request.POST or None, types=types,
                               partnership=actor.partnership)
    pack = actor.partnership.policy
    if request.method == "POST" and saved(form, lambda d: plans.forum_plan_create(
            actor=actor, forum=pack.plans.types[d["kind"]].forum or "", **d)):
        messages.success(request, "Plan recorded.")
        return redirect("cases:forum_plans")
    return render(request, "cases/forum_plan_new.html", {"form": form, "types": types},
                  status=400 if form.is_bound else 200)


@requires("meeting.manage")
def forum_plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    plan = plans.get_forum_plan_for(actor, pk)
    form = forms.ForumPlanEditForm(request.POST or None, initial={
        "summary": plan.summary, "impact_measures": "\n".join(plan.impact_measures),
        "review_on": plan.review_on, "version": plan.version})
    if request.method == "POST" and saved(form, lambda d: plans.forum_plan_update(
            actor=actor, plan=plan, **d)):
        messages.success(request, "Plan saved.")
        return redirect("cases:forum_plan", pk=plan.pk)
    return render(request, "cases/forum_plan.html", {
        "plan": plan, "form": form, "forum": _labels(actor).get(plan.forum, plan.forum),
        "type": plans.plan_type_label(actor, plan.kind)},
        status=400 if form.is_bound else 200)
