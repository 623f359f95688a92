"""Plans that belong to a forum and an area rather than to a child (Essex MACE 2: each
quadrant's action plan, built from the bi-annual trend report, with the impact measures
partner agencies report against, 000 §6.3, §6.5). A case's own plans are written by
cases.services.plan_add."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.cases.models import Plan
from macehub.lib.errors import StaleEdit
from macehub.partnerships.models import Area

STALE = ("Someone else changed this plan while you were editing it. Reload the page to see "
         "their change, then make yours again.")


def _require(actor: Actor) -> None:
    if not actor.has("meeting.manage"):
        raise PermissionDenied("Your role cannot keep forums' plans.")


def forum_plan_types(actor: Actor, forum: str | None = None) -> dict[str, str]:
    """The pack's plan types that belong to a forum (label by key), for one forum or all."""
    return {key: t.label for key, t in actor.partnership.policy.plans.types.items()
            if t.belongs_to == "forum_area" and (forum is None or t.forum == forum)}


def plan_type_label(actor: Actor, kind: str) -> str:
    """A plan type's label in the partnership's pack; "Plan" for a type it no longer has."""
    found = actor.partnership.policy.plans.types.get(kind)
    return found.label if found else "Plan"


def _measures(impact_measures: list[str]) -> list[str]:
    return [" ".join(m.split()) for m in impact_measures if m.strip()]


def _check(actor: Actor, forum: str, area: Area | None, kind: str) -> None:
    pack = actor.partnership.policy
    found = pack.forums.get(forum)
    if found is None:
        raise ValidationError({"forum": "Select a forum"})
    plan_type = pack.plans.types.get(kind)
    if plan_type is None or plan_type.belongs_to != "forum_area" or plan_type.forum != forum:
        raise ValidationError({"kind": f"Select a type of plan for {found.label}"})
    if area is not None and area.partnership_id != actor.partnership.pk:
        raise ValidationError({"area": "Select an area"})
    if found.per_area and (area is None or area.kind != found.per_area):
        raise ValidationError({"area": f"{found.label} is held per {found.per_area}: select "
                                       f"the {found.per_area} the plan is for"})


@transaction.atomic
def forum_plan_create(*, actor: Actor, forum: str, area: Area | None, kind: str,
                      summary: str, impact_measures: list[str], agreed_on: date,
                      review_on: date | None = None) -> Plan:
    """Record a forum's plan for an area, with its impact measures."""
    _require(actor)
    _check(actor, forum, area, kind)
    if not summary.strip():
        raise ValidationError({"summary": "Summarise the plan"})
    if review_on is not None and review_on < agreed_on:
        raise ValidationError({"review_on": "The review is on or after the date agreed"})
    plan = Plan.objects.create(
        partnership=actor.partnership, forum=forum, area=area, kind=kind,
        summary=summary.strip(), impact_measures=_measures(impact_measures),
        agreed_on=agreed_on, review_on=review_on, by=actor.user)
    audit_record(action="plan.create", actor=actor, obj=plan)
    return plan


@transaction.atomic
def forum_plan_update(*, actor: Actor, plan: Plan, version: int, summary: str,
                      impact_measures: list[str], review_on: date | None = None) -> Plan:
    """Change a forum's plan: its summary, impact measures and review date. Refused if
    someone else changed it since it was read."""
    _require(actor)
    plan = Plan.objects.for_actor(actor).select_for_update().get(pk=plan.pk)
    if plan.case_id is not None:
        raise ValidationError("A child's plan changes on the case page.")
    if plan.version != version:
        raise StaleEdit(STALE)
    if not summary.strip():
        raise ValidationError({"summary": "Summarise the plan"})
    if review_on is not None and review_on < plan.agreed_on:
        raise ValidationError({"review_on": "The review is on or after the date agreed"})
    plan.summary, plan.impact_measures = summary.strip(), _measures(impact_measures)
    plan.review_on, plan.version = review_on, plan.version + 1
    plan.save(update_fields=["summary", "impact_measures", "review_on", "version"])
    audit_record(action="plan.change", actor=actor, obj=plan)
    return plan


def forum_plans(actor: Actor, *, forum: str = "", area: Area | None = None) -> QuerySet[Plan]:
    """The forums' plans the actor reaches, newest first, for one forum and area if given."""
    plans = Plan.objects.for_actor(actor).filter(case__isnull=True).select_related("area", "by")
    if forum:
        plans = plans.filter(forum=forum)
    if area is not None:
        plans = plans.filter(area=area)
    return plans.order_by("-agreed_on", "-pk")


def get_forum_plan_for(actor: Actor, pk: object) -> Plan:
    """One forum's plan, or 404 (the same for another partnership's plan)."""
    if not actor.has("meeting.manage"):
        raise Http404("Not found")
    plan = Plan.objects.get_for(actor, pk)
    if plan.case_id is not None:
        raise Http404("Not found")
    return plan
