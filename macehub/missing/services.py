"""Writes on missing episodes: record, change (with history), match a queued notification
to a child, and handle a trigger. Each checks permission, validates, writes, audits and
re-evaluates the pack's triggers for the child (macehub.missing.triggers)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.lib.errors import StaleEdit
from macehub.missing import triggers
from macehub.missing.models import EpisodeChange, MissingEpisode, TriggerFiring
from macehub.missing.rules import episode_problems
from macehub.people.birth import Birth
from macehub.people.models import Child
from macehub.people.services import child_create

EPISODE_FIELDS = (
    "force", "police_reference", "reported_at", "returned_at", "missing_from",
    "missing_from_address", "found_location", "area", "risk_grade", "circumstances",
    "harm_indicators", "reported_by", "looked_after", "responsible_authority",
)


def require(actor: Actor, permission: str, message: str) -> None:
    if not actor.has(permission):
        raise PermissionDenied(message)


def plain(value: Any) -> Any:
    """A value as history can hold it (JSON)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "pk"):
        return value.pk
    return value


def differs(before: Any, after: Any) -> bool:
    """Whether a field really changed. Times are compared as instants: the database hands
    back UTC, a page or a police file local time (BST in summer), and both can name the
    same moment."""
    if isinstance(before, datetime) and isinstance(after, datetime):
        return before != after
    return bool(plain(before) != plain(after))


def changes_between(record: Any, data: dict[str, Any]) -> dict[str, list[Any]]:
    """Field -> [before, after], as history keeps it, for the fields that really changed."""
    return {name: [plain(getattr(record, name)), plain(value)]
            for name, value in data.items() if differs(getattr(record, name), value)}


def _validate(actor: Actor, data: dict[str, Any], episode: MissingEpisode | None) -> None:
    problems = episode_problems(actor.partnership, data)
    if problems:
        raise ValidationError({field: reason for field, reason in problems})
    area = data.get("area")
    if area is not None and area.partnership_id != actor.partnership.pk:
        raise ValidationError({"area": "Choose an area of this partnership"})
    clash = MissingEpisode.objects.for_bookkeeping(
        actor, why="a force's reference is recorded once in the partnership").filter(
        force=str(data["force"]), police_reference=data["police_reference"])
    if episode is not None:
        clash = clash.exclude(pk=episode.pk)
    if clash.exists():
        raise ValidationError({"police_reference": "An episode with this force and police "
                                                   "reference is already recorded"})


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {name: fields.get(name) for name in EPISODE_FIELDS}
    for name in EPISODE_FIELDS:
        if isinstance(data[name], str):
            data[name] = data[name].strip()
        elif data[name] is None and name not in {"returned_at", "area", "reported_at"}:
            data[name] = [] if name == "harm_indicators" else ""
    data["looked_after"] = data["looked_after"] or "no"
    data["force"], data["police_reference"] = data["force"] or "", data["police_reference"] or ""
    return data


@transaction.atomic
def episode_record(*, actor: Actor, child: Child, via: str = "page",
                   **fields: Any) -> MissingEpisode:
    require(actor, "missing.record", "Your role cannot record missing episodes.")
    if child.partnership_id != actor.partnership.pk:
        raise PermissionDenied("That child is not in your partnership.")
    data = _clean(fields)
    _validate(actor, data, None)
    episode = MissingEpisode.objects.create(
        partnership=actor.partnership, child=child, child_details={
            "first_name": child.first_name, "last_name": child.last_name,
            **child.birth.details()}, **data)
    audit_record(action="missing_episode.create", actor=actor, obj=episode)
    triggers.evaluate(actor, [child.pk])
    return episode


@transaction.atomic
def episode_update(*, actor: Actor, episode: MissingEpisode, version: int, via: str = "page",
                   **fields: Any) -> MissingEpisode:
    require(actor, "missing.record", "Your role cannot change missing episodes.")
    episode = MissingEpisode.objects.for_actor(actor).select_for_update().get(pk=episode.pk)
    if episode.version != version:
        raise StaleEdit("Someone else changed this episode while you were editing it. "
                              "Reload the page to see their change, then make yours again.")
    data = _clean({name: getattr(episode, name) for name in EPISODE_FIELDS} | fields)
    _validate(actor, data, episode)
    changes = changes_between(episode, data)
    if not changes:
        return episode
    for name, value in data.items():
        setattr(episode, name, value)
    episode.version += 1
    episode.save()
    EpisodeChange.objects.create(episode=episode, at=timezone.now(), by=actor.user, via=via,
                                 changes=changes)
    audit_record(action="missing_episode.change", actor=actor, obj=episode)
    if episode.child_id:
        triggers.evaluate(actor, [episode.child_id])
    return episode


@transaction.atomic
def episode_match(*, actor: Actor, episode: MissingEpisode, child: Child | None = None,
                  confirm_new: bool = False) -> Child:
    """Link a queued notification to the child the coordinator chose, or to a new record
    once they confirm it is a new child. Never guessed (the same rule as concerns)."""
    require(actor, "missing.record", "Your role cannot match notifications.")
    episode = MissingEpisode.objects.for_actor(actor).select_for_update().get(pk=episode.pk)
    if episode.child_id is not None:
        raise ValidationError("This notification is already matched to a child.")
    if child is not None:
        if child.partnership_id != actor.partnership.pk:
            raise PermissionDenied("That child is not in your partnership.")
    else:
        d = episode.child_details
        child = child_create(actor=actor, confirm_new=confirm_new,
                             first_name=d.get("first_name", ""),
                             last_name=d.get("last_name", ""),
                             birth=Birth.from_details(d))
    episode.child = child
    episode.version += 1
    episode.save(update_fields=["child", "version"])
    EpisodeChange.objects.create(episode=episode, at=timezone.now(), by=actor.user,
                                 via="match", changes={"child": [None, child.pk]})
    audit_record(action="missing_episode.match", actor=actor, obj=episode)
    triggers.evaluate(actor, [child.pk])
    return child


@transaction.atomic
def firing_handle(*, actor: Actor, firing: TriggerFiring, note: str) -> TriggerFiring:
    """Record that a triggered triage (or discussion) has been done, and what was decided."""
    require(actor, "missing.record", "Your role cannot handle missing triggers.")
    if not note.strip():
        raise ValidationError({"note": "Say what was done or decided"})
    firing = TriggerFiring.objects.for_actor(actor).select_for_update().get(pk=firing.pk)
    if firing.status == TriggerFiring.Status.DONE:
        raise ValidationError("This trigger has already been handled.")
    firing.status, firing.handled_note = TriggerFiring.Status.DONE, note.strip()
    firing.handled_at = timezone.now()
    firing.save(update_fields=["status", "handled_note", "handled_at"])
    audit_record(action="missing.trigger_handled", actor=actor, obj=firing)
    return firing
