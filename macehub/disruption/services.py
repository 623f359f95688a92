"""Recording a disruption and changing it (its dates, outcome and details) from its
version. Every input is checked before anything is saved, each problem naming its field;
the record aimed at, the meeting and the lead agency must be the partnership's and
reached by the one recording."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.disruption.models import Disruption, Outcome, TargetKind
from macehub.intelligence.checks import stale
from macehub.intelligence.kinds import KINDS
from macehub.intelligence.models import Entity
from macehub.lib.errors import Problems
from macehub.meetings.models import Meeting
from macehub.partnerships.models import Agency

CHANGEABLE = ("started_on", "ended_on", "outcome", "details")


def require_record(actor: Actor) -> None:
    if not actor.has("disruption.record"):
        raise PermissionDenied("Your role cannot record disruption.")


def target_of(actor: Actor, kind: str, pk: Any) -> Entity:
    """The record a disruption is aimed at, if the actor reaches it (else Http404)."""
    if kind not in TargetKind.values:
        from django.http import Http404

        raise Http404("No such record")
    return KINDS[kind].model.objects.get_for(actor, pk, purpose="record a disruption")


def _dates(problems: Problems, data: dict[str, Any], decided_on: date | None) -> None:
    today = timezone.localdate()
    for name, words in (("decided_on", "agreed"), ("started_on", "started"),
                        ("ended_on", "ended")):
        value = data.get(name)
        if value is not None and value > today:
            problems.add(name, f"The date {words} must be today or in the past")
    started, ended = data.get("started_on"), data.get("ended_on")
    if decided_on and started and started < decided_on:
        problems.add("started_on", "The date started must be on or after the date agreed")
    if started and ended and ended < started:
        problems.add("ended_on", "The date ended must be on or after the date started")
    if ended and not started:
        problems.add("started_on", "Enter the date started, as the disruption has ended")


def _checked(actor: Actor, data: dict[str, Any], record: Disruption | None) -> dict[str, Any]:
    problems = Problems()
    out: dict[str, Any] = {"details": str(data.get("details") or "").strip()}
    for name in ("started_on", "ended_on"):
        out[name] = data.get(name) if name in data else getattr(record, name, None)
    out["outcome"] = str(data.get("outcome") or Outcome.NOT_YET)
    if out["outcome"] not in Outcome.values:
        problems.add("outcome", "Select what came of the disruption")
    if record is None:
        tactic = str(data.get("tactic") or "")
        if tactic not in actor.partnership.policy.disruption.tactics.value:
            problems.add("tactic", "Select a tactic from the partnership's list")
        out["tactic"] = tactic
        out["decided_on"] = data.get("decided_on")
        if out["decided_on"] is None:
            problems.add("decided_on", "Enter the date the disruption was agreed")
        out["lead_agency"] = data.get("lead_agency")
        if out["lead_agency"] is not None and (
                not isinstance(out["lead_agency"], Agency)
                or out["lead_agency"].partnership_id != actor.partnership.pk):
            problems.add("lead_agency", "Select an agency of this partnership")
        out["meeting"] = data.get("meeting")
        if out["meeting"] is not None and not isinstance(out["meeting"], Meeting):
            problems.add("meeting", "Select a meeting of this partnership")
    else:
        out = {k: v for k, v in out.items() if k in CHANGEABLE}
    _dates(problems, out, out.get("decided_on") or getattr(record, "decided_on", None))
    if out["outcome"] != Outcome.NOT_YET and not out.get("started_on"):
        problems.add("started_on", "Enter the date started, as the disruption has an outcome")
    problems.raise_any()
    return out


@transaction.atomic
def record(*, actor: Actor, target: Entity, via: str = "page", **fields: Any) -> Disruption:
    """Record a disruption aimed at `target` (a record the actor reaches)."""
    require_record(actor)
    data = _checked(actor, fields, None)
    disruption = Disruption.objects.create(
        partnership=actor.partnership, target_kind=type(target).kind, target_id=target.pk,
        recorded_by=actor.user, **data)
    audit_record(action="disruption.create", actor=actor, obj=disruption, purpose=via)
    return disruption


@transaction.atomic
def change(*, actor: Actor, disruption: Disruption, version: int | None, via: str = "page",
           **fields: Any) -> Disruption:
    """Change a disruption's dates, outcome or details, made from `version`."""
    require_record(actor)
    disruption = Disruption.objects.for_actor(actor).select_for_update().get(pk=disruption.pk)
    stale(disruption, version)
    data = _checked(actor, fields, disruption)
    for name, value in data.items():
        setattr(disruption, name, value)
    disruption.version += 1
    disruption.save()
    audit_record(action="disruption.change", actor=actor, obj=disruption, purpose=via)
    return disruption
