"""Writing to the audit trail. Every service calls audit_record; nothing else writes here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest
from django.utils import timezone

from macehub.audit.actions import check_action
from macehub.audit.models import AuditEvent, AuditEventObject
from macehub.lib.bulk import insert_many

if TYPE_CHECKING:
    from macehub.access.actor import Actor


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address. Behind the documented TLS proxy (BEHIND_TLS_PROXY) it is the
    last X-Forwarded-For entry, the one the proxy itself appended; otherwise the socket's
    address, so a client cannot choose its own address by sending the header."""
    if request is None:
        return None
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    action: str,
    actor: Actor | None = None,
    user: Any = None,
    obj: Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    purpose: str = "",
    outcome: str = AuditEvent.Outcome.OK,
    count: int | None = None,
    request: HttpRequest | None = None,
    partnership_id: int | None = None,
) -> AuditEvent:
    """Append one event. Names the object by type and id only: never its content. The
    action must be registered (macehub/audit/actions.py) with the label people read."""
    check_action(action)
    if actor is not None:
        user = actor.user
        partnership_id = actor.partnership.pk
    if obj is not None:
        object_type = obj._meta.label_lower
        object_id = obj.pk if obj.pk is not None else ""
    agency = actor.agency if actor is not None else None
    return AuditEvent.objects.create(
        at=timezone.now(),
        user_id=getattr(user, "pk", None),
        username=getattr(user, "username", "") or "",
        roles=AuditEvent.encode_roles(actor.roles) if actor is not None else "",
        agency_id=agency.pk if agency is not None else None,
        agency_name=agency.name if agency is not None else "",
        partnership_id=partnership_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        purpose=purpose[:300],
        outcome=outcome,
        count=count,
        ip_address=client_ip(request),
    )


def audit_record_many(*, action: str, actor: Actor, objects: list[Model],
                      purpose: str = "") -> int:
    """One event per record, written in one statement: for imports of many records."""
    check_action(action)
    agency = actor.agency
    first = AuditEvent(
        at=timezone.now(), user_id=actor.user.pk, username=actor.user.get_username(),
        roles=AuditEvent.encode_roles(actor.roles), agency_id=agency.pk if agency else None,
        agency_name=agency.name if agency else "", partnership_id=actor.partnership.pk,
        action=action, purpose=purpose[:300])
    # Every event is the first with its record named: made from the first's values in
    # field order, as Django makes records it reads (an import writes thousands).
    fields = [f.attname for f in AuditEvent._meta.concrete_fields]
    values = [getattr(first, name) for name in fields]
    kind, key = fields.index("object_type"), fields.index("object_id")
    events = []
    for obj in objects:
        values[kind], values[key] = obj._meta.label_lower, str(obj.pk)
        events.append(AuditEvent(*values))  # type: ignore[misc]  # positional, in field order
    insert_many(AuditEvent, events)
    return len(events)


def audit_read(actor: Actor, record: Any, purpose: str) -> None:
    """The kernel's read log: one event for each person's record an actor loads."""
    audit_record(action=record.read_action, actor=actor, obj=record, purpose=purpose)


Shown = Model | tuple[str, object]


def with_child(records: Iterable[Any]) -> list[Shown]:
    """Records that name a child (a case, an episode, an action on a case): each record and
    the child it names, so that "who saw this child" finds the list as well."""
    out: list[Shown] = []
    for record in records:
        out.append(record)
        child_id = getattr(record, "child_id", None)
        if child_id is None and getattr(record, "case_id", None) is not None:
            child_id = record.case.child_id
        if child_id is not None:
            out.append(("people.child", child_id))
    return out


def cases_shown(actor: Actor, case_ids: Iterable[int | None]) -> list[Shown]:
    """Cases known by id (a due list, a review list) and their children, in one query
    within the actor's partnership."""
    from django.apps import apps

    ids = {pk for pk in case_ids if pk is not None}
    rows = apps.get_model("cases", "Case")._base_manager.filter(
        partnership_id=actor.partnership.pk, pk__in=ids).values_list("pk", "child_id")
    return [pair for pk, child_id in rows
            for pair in (("cases.case", pk), ("people.child", child_id))]


def audit_shown(*, action: str, actor: Actor, records: Iterable[Shown], purpose: str = "",
                obj: Model | None = None, request: HttpRequest | None = None) -> AuditEvent:
    """A list, agenda or pack that shows people's identities: one event naming every record
    shown (written in two statements, whatever the number), each findable on its own."""
    seen = {r if isinstance(r, tuple) else (r._meta.label_lower, r.pk) for r in records}
    pairs = sorted({(kind, str(pk)) for kind, pk in seen if pk is not None})
    event = audit_record(action=action, actor=actor, obj=obj, purpose=purpose,
                         count=len(pairs), request=request)
    # Made in field order (id, event, kind, key), as Django makes records it reads: a
    # tracker export names a quarter of a million at England.
    if [f.attname for f in AuditEventObject._meta.concrete_fields] != [
            "id", "event_id", "object_type", "object_id"]:
        raise RuntimeError("AuditEventObject's fields changed: make its records by name")
    insert_many(AuditEventObject, [AuditEventObject(None, event.pk, kind, pk)  # type: ignore[misc]
                                   for kind, pk in pairs], with_ids=False)
    return event
