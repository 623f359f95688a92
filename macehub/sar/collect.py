"""Everything held about one child (SECURITY S19, UK GDPR Art 15).

Which records are "about" the child is worked out from the models themselves: every scoped
model with a chain of foreign keys to the child (a case, its chronology, an agenda item
on the case, its minutes, decisions and actions, a missing episode and its interviews, a
concern, a relation). A model added later that links to a child is in the export without
anyone remembering to add it. Then every audit event naming any of those records: who
saw or changed them, when and why."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Model, Q

from macehub.access.scoped import Scoped, scoped_models
from macehub.audit.models import AuditEvent
from macehub.people.models import Child

if TYPE_CHECKING:
    from macehub.access.actor import Actor

MAX_DEPTH = 4  # foreign-key hops from a record to the child (action update → action → case)


def path_to_child(model: type[Model], depth: int = 0) -> str | None:
    """The shortest lookup from `model` to people.Child ("item__case__child"), or None."""
    if model is Child:
        return "pk"
    best: str | None = None
    for field in model._meta.concrete_fields:
        if not (field.is_relation and field.many_to_one) or field.name == "partnership":
            continue
        related = field.related_model
        if related is Child:
            return field.name
        if depth + 1 < MAX_DEPTH and isinstance(related, type) and issubclass(related, Scoped):
            inner = path_to_child(related, depth + 1)
            if inner and inner != "pk":
                found = f"{field.name}__{inner}"
                if best is None or found.count("__") < best.count("__"):
                    best = found
    return best


def linked_models() -> list[tuple[type[Scoped], str]]:
    found = [(m, p) for m in scoped_models() if (p := path_to_child(m))]
    return sorted(found, key=lambda mp: (mp[0] is not Child, mp[0]._meta.label))


def _value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | dict | str | int | float | bool) or value is None:
        return value
    return str(value)


def as_dict(record: Model) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in record._meta.concrete_fields:
        if field.name == "partnership":
            continue
        out[field.attname] = _value(field.value_from_object(record))
    return out


def _links(model: type[Model], path: str, child: Child) -> Q:
    """The child as this model links to it; a relation counts from either side."""
    where = Q(**{path: child.pk})
    if model._meta.label == "people.Relation":
        where |= Q(other=child.pk)
    return where


def held_about(system: Actor, child: Child) -> dict[str, Any]:
    """The bundle: each model's records about the child, then the audit events on them.
    `system` is a system actor of the child's partnership: every record is collected,
    whoever asked (they were authorised by the caller)."""
    sections: list[dict[str, Any]] = []
    named: set[tuple[str, str]] = set()
    for model, path in linked_models():
        rows = list(model.objects.for_actor(system).filter(_links(model, path, child))
                    .order_by("pk"))
        for row in rows:
            named.add((model._meta.label_lower, str(row.pk)))
        sections.append({"model": model._meta.label, "title": str(model._meta.verbose_name_plural)
                         .capitalize(), "records": [as_dict(r) for r in rows]})
    events = _events(system, named)
    return {"child_id": child.pk, "partnership": system.partnership.name,
            "sections": sections, "audit_events": events}


def _events(system: Actor, named: set[tuple[str, str]]) -> list[dict[str, Any]]:
    by_type: dict[str, list[str]] = {}
    for object_type, object_id in named:
        by_type.setdefault(object_type, []).append(object_id)
    if not by_type:
        return []
    where = Q()
    for object_type, ids in by_type.items():
        where |= Q(object_type=object_type, object_id__in=ids)
    events = (AuditEvent.objects.filter(where, partnership_id=system.partnership.pk)
              .order_by("at", "pk"))
    return [{"at": e.at.isoformat(), "user": e.username, "roles": e.roles,
             "agency": e.agency_name, "action": e.action, "record": e.object_type,
             "record_id": e.object_id, "purpose": e.purpose, "outcome": e.outcome}
            for e in events]
