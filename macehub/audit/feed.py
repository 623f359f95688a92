"""The changes feed: what changed in the partnership, in order, for a partner system that
keeps itself in step (`GET /api/v1/changes?since=…`).

Every write goes through a service that appends an audit event naming the record (one
path for writes), so the audit trail already holds each change in order. The feed reads
it: the events that change a record of a type registered here, after the caller's cursor,
limited to the records the caller reaches now (need to know, access/reach.py). A record
removed under the retention schedule cannot be checked against need to know any more: its
removal is in the feed only for callers who see every record of its type.

A write commits a moment after its event's number is drawn, so a slow transaction could
commit behind a faster one that a reader has already passed. The feed only shows events
older than CHANGES_SETTLE_SECONDS (default 10), by which time every such transaction has
committed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.access.reach import grants_for, where
from macehub.audit.models import AuditEvent


@dataclass(frozen=True)
class FeedType:
    model: type[Model]
    kind: str  # as the feed names it: "case", "child", "person"
    path: str  # its API read: "/api/v1/cases/{id}"


FEED: dict[str, FeedType] = {}

# Events that read, list or export records: not changes.
READ_VERBS = frozenset({"view", "list", "search", "export", "download", "read", "figures",
                        "figures_export", "agenda_view", "papers", "reviews_due", "refused"})
REMOVED = frozenset({"retention.delete"})
SCAN_LIMIT = 2000  # events looked at in one request, seen or not


def register(model: type[Model], kind: str, path: str) -> None:
    """A record type partner systems may keep in step with, and the API read for it."""
    FEED[model._meta.label_lower] = FeedType(model, kind, path)


@dataclass(frozen=True)
class Change:
    event: int
    at: Any
    kind: str
    id: str
    change: str  # the action's code, e.g. "case.change"
    removed: bool
    url: str | None


def _is_change(action: str) -> bool:
    return action.rsplit(".", 1)[-1] not in READ_VERBS


def _sees_every(actor: Actor, model: type[Model]) -> bool:
    return actor.is_system or any(g.is_whole_partnership and g.roles & actor.roles
                                  for g in grants_for(model))


def _reached(actor: Actor, events: list[AuditEvent]) -> set[tuple[str, str]]:
    """The (type, id) pairs among the events that the actor reaches now."""
    wanted: dict[str, set[int]] = {}
    for event in events:
        if event.object_id.isdigit():
            wanted.setdefault(event.object_type, set()).add(int(event.object_id))
    reached: set[tuple[str, str]] = set()
    for label, ids in wanted.items():
        model = FEED[label].model
        rows = where(actor, model)
        if rows is None:
            continue
        found = model._base_manager.filter(rows, pk__in=ids).values_list("pk", flat=True)
        reached.update((label, str(pk)) for pk in found)
    return reached


def changes(actor: Actor, since: int, limit: int) -> tuple[list[Change], int]:
    """Up to `limit` changes after event `since`, and the cursor to ask from next (it moves
    on past events the actor may not see, so a caller is never stuck behind them)."""
    settled = timezone.now() - timedelta(seconds=settings.CHANGES_SETTLE_SECONDS)
    events = list(AuditEvent.objects.filter(
        partnership_id=actor.partnership.pk, id__gt=since, at__lte=settled,
        outcome=AuditEvent.Outcome.OK, object_type__in=list(FEED),
    ).order_by("id").only("id", "at", "action", "object_type", "object_id")[:SCAN_LIMIT])
    reached = _reached(actor, [e for e in events
                               if _is_change(e.action) and e.action not in REMOVED])
    found: list[Change] = []
    cursor = since
    for event in events:
        feed_type = FEED[event.object_type]
        removed = event.action in REMOVED
        if removed:
            visible = _sees_every(actor, feed_type.model)
        else:
            visible = (_is_change(event.action)
                       and (event.object_type, event.object_id) in reached)
        if visible:
            if len(found) == limit:
                return found, cursor
            found.append(Change(event.pk, event.at, feed_type.kind, event.object_id,
                                event.action, removed,
                                None if removed else feed_type.path.format(id=event.object_id)))
        cursor = event.pk
    return found, cursor
