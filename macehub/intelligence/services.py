"""Writes to intelligence: recording and changing a record (refusing a stale version), and
recording, ending and correcting a link. A link is never deleted: ending keeps it with its
end date, and a correction is a new version that keeps the one it corrects as history."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.intelligence.checks import CHECKS, choice, stale, text
from macehub.intelligence.kinds import KINDS
from macehub.intelligence.models import (
    Assessment,
    EndKind,
    Entity,
    Handling,
    Link,
    LinkKind,
    NameKind,
    PersonName,
    PersonOfInterest,
    SourceEvaluation,
    SourceKind,
)
from macehub.lib.errors import Problems
from macehub.people.models import Child

# The roles a handling code C link may be shown to: those who read intelligence.
DISCLOSABLE = ("hub_coordinator", "chair", "analyst", "panel_member")
LINK_FIELDS = ("kind", "started_on", "ended_on", "details", "source_kind", "source_detail",
               "source_evaluation", "assessment", "handling", "disclose_to", "conditions")


def require_manage(actor: Actor) -> None:
    if not actor.has("intelligence.manage"):
        raise PermissionDenied("Your role cannot record or change intelligence.")


def _names(person: PersonOfInterest, aliases: list[str], street_names: list[str]) -> None:
    wanted = [(n, NameKind.ALIAS) for n in aliases] + [
        (n, NameKind.STREET_NAME) for n in street_names]
    current = {(n.name, n.kind): n for n in person.names.all()}
    for key, name in current.items():
        if key not in wanted:
            name.delete()
    PersonName.objects.bulk_create([PersonName(person=person, name=n, kind=k)
                                    for n, k in wanted if (n, k) not in current])


@transaction.atomic
def entity_create(*, actor: Actor, kind: str, via: str = "page", **fields: Any) -> Entity:
    """Record a person of interest, vehicle, phone number, online account, location or
    group (`kind`), after checking every field; nothing is saved if one is wrong."""
    require_manage(actor)
    data = CHECKS[kind](actor, fields, None)
    names = (data.pop("aliases"), data.pop("street_names")) if kind == "person" else None
    record = KINDS[kind].model.objects.create(partnership=actor.partnership,
                                              created_by=actor.user, **data)
    if names is not None:
        _names(record, *names)  # type: ignore[arg-type]
    audit_record(action="intelligence.create", actor=actor, obj=record, purpose=via)
    return record


@transaction.atomic
def entity_update(*, actor: Actor, record: Entity, version: int | None, via: str = "page",
                  **fields: Any) -> Entity:
    """Change a record made from `version`; refused if someone changed it since."""
    require_manage(actor)
    model = type(record)
    record = model.objects.for_actor(actor).select_for_update().get(pk=record.pk)
    stale(record, version)
    data = CHECKS[model.kind](actor, fields, record)
    names = (data.pop("aliases"), data.pop("street_names")) if model.kind == "person" else None
    for name, value in data.items():
        setattr(record, name, value)
    record.version += 1
    record.save()
    if names is not None:
        _names(record, *names)  # type: ignore[arg-type]
    audit_record(action="intelligence.change", actor=actor, obj=record, purpose=via)
    return record


def end_record(actor: Actor, kind: str, pk: Any) -> Model:
    """One end of a link: an intelligence record or a child the actor reaches, or Http404
    (a record in another partnership is not found, the same as one that does not exist)."""
    if kind == EndKind.CHILD:
        return Child.objects.get_for(actor, pk, purpose="link")
    if kind not in KINDS:
        raise ValidationError({"kind": "Select what to link to"})
    return KINDS[kind].model.objects.get_for(actor, pk, purpose="link")


def _link_fields(data: dict[str, Any]) -> dict[str, Any]:
    problems = Problems()
    out: dict[str, Any] = {
        "kind": choice(problems, data, "kind", LinkKind, "Select the kind of link"),
        "details": text(data, "details"), "source_detail": text(data, "source_detail"),
        "source_kind": choice(problems, data, "source_kind", SourceKind,
                              "Select where the information came from"),
        "source_evaluation": choice(problems, data, "source_evaluation", SourceEvaluation,
                                    "Select the source evaluation: 1, 2 or 3"),
        "assessment": choice(problems, data, "assessment", Assessment,
                             "Select the intelligence assessment: A, B, C, D or E"),
        "handling": choice(problems, data, "handling", Handling,
                           "Select the handling code: P or C"),
        "started_on": data.get("started_on"), "ended_on": data.get("ended_on")}
    started, ended = out["started_on"], out["ended_on"]
    if started and ended and ended < started:
        problems.add("ended_on", "End date must be the same as or after the start date")
    if started and started > timezone.localdate():
        problems.add("started_on", "Start date must be today or in the past")
    roles = [str(r) for r in data.get("disclose_to") or []]
    conditions = text(data, "conditions")
    if out["handling"] == Handling.CONDITIONS:
        if not conditions:
            problems.add("conditions", "Enter the handling conditions for handling code C")
        if not roles:
            problems.add("disclose_to", "Select the roles the conditions allow to see the link")
        elif any(r not in DISCLOSABLE for r in roles):
            problems.add("disclose_to", "Select roles that read intelligence")
    else:  # P: shared without conditions
        roles, conditions = [], ""
    out["disclose_to"] = f",{','.join(sorted(set(roles)))}," if roles else ""
    out["conditions"] = conditions
    problems.raise_any()
    return out


@transaction.atomic
def link_create(*, actor: Actor, a_kind: str, a_id: Any, b_kind: str, b_id: Any,
                via: str = "page", **fields: Any) -> Link:
    """Link two records of the partnership (intelligence records or children), graded
    3x5x2, with its source and who recorded it."""
    require_manage(actor)
    a, b = end_record(actor, a_kind, a_id), end_record(actor, b_kind, b_id)
    if (a_kind, a.pk) == (b_kind, b.pk):
        raise ValidationError({"b_id": "A record cannot be linked to itself"})
    link = Link.objects.create(partnership=actor.partnership, a_kind=a_kind, a_id=a.pk,
                               b_kind=b_kind, b_id=b.pk, recorded_by=actor.user,
                               recorded_at=timezone.now(), **_link_fields(fields))
    audit_record(action="link.create", actor=actor, obj=link, purpose=via)
    return link


def _current(actor: Actor, link: Link, version: int | None) -> Link:
    link = Link.objects.for_actor(actor).select_for_update().get(pk=link.pk)
    if link.superseded:
        raise ValidationError("This link has been corrected: change its latest version.")
    stale(link, version)
    return link


@transaction.atomic
def link_end(*, actor: Actor, link: Link, version: int | None, ended_on: date | None,
             reason: str = "", via: str = "page") -> Link:
    """Record that a link has ended (it stays, with its end date and who ended it)."""
    require_manage(actor)
    link = _current(actor, link, version)
    problems = Problems()
    if link.ended_on is not None:
        problems.add("ended_on", "This link has already ended")
    if ended_on is None:
        problems.add("ended_on", "Enter the date the link ended")
    elif ended_on > timezone.localdate():
        problems.add("ended_on", "End date must be today or in the past")
    elif link.started_on and ended_on < link.started_on:
        problems.add("ended_on", "End date must be the same as or after the start date")
    problems.raise_any()
    link.ended_on, link.end_reason, link.ended_by = ended_on, reason.strip(), actor.user
    link.version += 1
    link.save()
    audit_record(action="link.end", actor=actor, obj=link, purpose=via)
    return link


@transaction.atomic
def link_correct(*, actor: Actor, link: Link, version: int | None, reason: str,
                 via: str = "page", **fields: Any) -> Link:
    """Correct a link: a new version with the corrected fields; the one it corrects is kept
    unchanged as its history."""
    require_manage(actor)
    old = _current(actor, link, version)
    if not (reason or "").strip():
        raise ValidationError({"reason": "Enter why the link is being corrected"})
    data = _link_fields({name: getattr(old, name) for name in LINK_FIELDS}
                        | {"disclose_to": old.roles_allowed} | fields)
    old.superseded = True
    old.version += 1
    old.save(update_fields=["superseded", "version"])
    new = Link.objects.create(
        partnership=old.partnership, a_kind=old.a_kind, a_id=old.a_id, b_kind=old.b_kind,
        b_id=old.b_id, recorded_by=actor.user, recorded_at=timezone.now(), corrects=old,
        correction_reason=reason.strip(), end_reason=old.end_reason, ended_by=old.ended_by,
        **data)
    audit_record(action="link.correct", actor=actor, obj=new, purpose=via)
    return new
