"""Making a vulnerable location a hotspot. Essex's MACE 2 identifies vulnerable locations
(exploitation suspected) and hotspots (exploitation known) and keeps the hotspot tracker
(Essex Child Exploitation and Missing Arrangements §6.1 MACE 2; §6.2 MACE 2 One Minute
Guide, item 5); Dudley's CEOG disrupts locations and plans patrols of hotspots (Dudley MACE
and CEOG Terms of Reference §CEOG Purpose). So a location becomes a hotspot only by the
recorded decision of a held meeting of a forum the pack names (`hotspots.promoted_by`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.intelligence.checks import stale
from macehub.intelligence.models import Location, LocationStatus, StatusChange
from macehub.intelligence.services import require_manage
from macehub.meetings.models import Decision, Meeting

HELD = (Meeting.Status.HELD, Meeting.Status.APPROVED)


def forums_promoting(actor: Actor) -> list[str]:
    return list(actor.partnership.policy.hotspots.promoted_by.value)


def forum_labels(actor: Actor) -> str:
    forums = actor.partnership.policy.forums
    return " or ".join(forums[k].label if k in forums else k for k in forums_promoting(actor))


def decisions_promoting(actor: Actor) -> QuerySet[Decision]:
    """The decisions that can make a location a hotspot: recorded at a held meeting of a
    forum the pack names, and not since corrected. Latest first."""
    return (Decision.objects.for_actor(actor)
            .filter(item__meeting__forum__in=forums_promoting(actor),
                    item__meeting__status__in=HELD, corrections__isnull=True)
            .select_related("item__meeting").order_by("-at", "-pk"))


def _decision(actor: Actor, decision_id: Any) -> Decision:
    try:
        pk = int(decision_id)
    except (TypeError, ValueError):
        pk = None
    found = Decision.objects.for_actor(actor).select_related("item__meeting").filter(
        pk=pk).first() if pk else None
    if found is None:
        raise ValidationError({"decision": "Select the meeting's decision that makes this "
                                           "location a hotspot"})
    meeting = found.item.meeting
    if meeting.forum not in forums_promoting(actor):
        raise ValidationError({"decision": f"Select a decision of a {forum_labels(actor)} "
                                           "meeting: only theirs makes a location a hotspot"})
    if meeting.status not in HELD:
        raise ValidationError({"decision": "Select a decision of a meeting that has been "
                                           "held"})
    if found.corrections.exists():
        raise ValidationError({"decision": "This decision has been corrected: select its "
                                           "correction"})
    return found


@transaction.atomic
def promote(*, actor: Actor, location: Location, version: int | None, decision_id: Any,
            via: str = "page") -> Location:
    """Make a vulnerable location a hotspot by `decision_id`; the change is kept with the
    decision, who recorded it and when. Anything wrong changes nothing."""
    require_manage(actor)
    record = Location.objects.for_actor(actor).select_for_update().get(pk=location.pk)
    stale(record, version)
    if record.status != LocationStatus.VULNERABLE:
        raise ValidationError({"status": "Only a vulnerable location can be made a hotspot: "
                                         "record it as a vulnerable location first"})
    decision = _decision(actor, decision_id)
    StatusChange.objects.create(
        partnership=record.partnership, location=record, was=record.status,
        now=LocationStatus.HOTSPOT, decision=decision, by=actor.user, at=timezone.now())
    record.status = LocationStatus.HOTSPOT
    record.version += 1
    record.save(update_fields=["status", "version"])
    audit_record(action="location.promote", actor=actor, obj=record,
                 purpose=f"{via}: decision {decision.pk}")
    return record
