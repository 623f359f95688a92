"""Each case's due items, stored (DueEntry) so that the due list and the reviews-due page
read one page of them in date order, however many cases are open.

The entries are never worked out here: `refresh` runs the same providers the on-demand
due list runs (macehub.rules.due, with the cases and meetings apps' rules) for the cases
that changed, and stores what they answer. A save of a case, its child, its risk, its
monitoring, or (registered by the meetings app) an agenda item, meeting or decision marks
the case, which is refreshed at once in the same transaction (or once at the end of a
`deferred` block, for writes that touch many cases). `check` compares the stored entries with a full
computation (`manage.py due_entries check`)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.access.scoped import unscoped
from macehub.accounts.system import system_actor
from macehub.cases.due import case_milestones
from macehub.cases.models import Case, DueEntry
from macehub.partnerships.models import Partnership
from macehub.rules.due import DueItem, DueScope, due_items
from macehub.rules.reason import Reason

JOB = "due list"
WINDOWED = {"age_milestone", "end_of_scope"}  # shown only around the birthday
LIVE = (Case.Status.OPEN, Case.Status.MONITORED)  # other cases have nothing due

# Rows that are not on the due list but are kept per case too (the meetings app's reviews
# due): given the actor and one case (None: every case), the entries to store.
RowsHook = Callable[[Actor, Case | None], list[DueEntry]]
_ROWS: list[RowsHook] = []
_pending = threading.local()


def register_rows(hook: RowsHook) -> None:
    if hook not in _ROWS:
        _ROWS.append(hook)


def entry(item: DueItem, *, case_id: int, listed: bool = True, shown: tuple[date, date]
          | None = None, last_on: date | None = None) -> DueEntry:
    reason = item.reason
    return DueEntry(case_id=case_id, kind=item.kind, title=item.title[:300],
                    subject=item.subject[:300], url=item.url, due_on=item.due_on,
                    overdue_never=not item.overdue, listed=listed, last_on=last_on,
                    shown_from=shown[0] if shown else None,
                    shown_until=shown[1] if shown else None,
                    reason={"rule": reason.rule, "source": reason.source, "path": reason.path,
                            "default": reason.default})


def as_item(stored: DueEntry, today: date) -> DueItem:
    assert stored.due_on is not None
    return DueItem(kind=stored.kind, title=stored.title, subject=stored.subject,
                   due_on=stored.due_on, reason=reason_of(stored),
                   overdue=not stored.overdue_never and stored.due_on < today,
                   url=stored.url, case_id=stored.case_id)


def reason_of(stored: DueEntry) -> Reason:
    return Reason(**stored.reason)


def _computed(actor: Actor, case: Case | None) -> list[DueEntry]:
    """The entries of one case (loaded with its child), or of every case of the actor's
    partnership, from the providers. Items are asked for as of the end of time (so that
    an item that can be overdue says so), birthdays' reminders as of today, with the days
    they are shown."""
    today = timezone.localdate()
    rows = [entry(item, case_id=item.case_id or 0, shown=(shown_from, shown_until))
            for item, shown_from, shown_until in case_milestones(DueScope(actor, today, case))]
    rows += [entry(item, case_id=item.case_id or 0)
             for item in due_items(actor, today=date.max, case=case, per_case=True)
             if item.kind not in WINDOWED]
    for hook in _ROWS:
        rows += hook(actor, case)
    for row in rows:
        row.partnership_id = actor.partnership.pk
    return rows


@transaction.atomic
def refresh(partnership: Partnership, case_ids: Iterable[int] | None = None) -> int:
    """Store again the entries of the cases given (all of the partnership's when None);
    returns how many entries are stored for them."""
    actor = system_actor(partnership, JOB)
    with unscoped("the due store keeps every case's entries of one partnership"):
        stored = DueEntry._base_manager.filter(partnership_id=partnership.pk)
        if case_ids is None:
            stored.delete()
            rows = _computed(actor, None)
        else:
            ids = set(case_ids)
            stored.filter(case_id__in=ids).delete()
            rows = []
            for case in Case._base_manager.filter(pk__in=ids, status__in=LIVE,
                                                 partnership_id=partnership.pk
                                                 ).select_related("child"):
                rows += _computed(actor, case)
        DueEntry._base_manager.bulk_create(rows, batch_size=1000)
    return len(rows)


def mark(partnership_id: int, case_ids: Iterable[int]) -> None:
    """Cases whose entries may have changed: refreshed now (in the writer's transaction), or
    at the end of a `deferred` block."""
    pending: set[tuple[int, int]] = getattr(_pending, "cases", set())
    pending.update((partnership_id, pk) for pk in case_ids if pk is not None)
    _pending.cases = pending
    if not getattr(_pending, "deferred", 0):
        flush()


@contextmanager
def deferred() -> Iterator[None]:
    """Refresh the cases marked inside the block once, at its end (an import, say), rather
    than at every save."""
    _pending.deferred = getattr(_pending, "deferred", 0) + 1
    try:
        yield
    finally:
        _pending.deferred -= 1
        if not _pending.deferred:
            flush()


def mark_partnership(partnership_id: int) -> None:
    mark(partnership_id, Case._base_manager.filter(
        partnership_id=partnership_id, status__in=LIVE).values_list("pk", flat=True))


def flush() -> None:
    """Refresh the cases marked so far (nothing when none are)."""
    pending: set[tuple[int, int]] = getattr(_pending, "cases", set())
    if not pending:
        return
    _pending.cases = set()
    by_partnership: dict[int, list[int]] = {}
    for partnership_id, pk in pending:
        by_partnership.setdefault(partnership_id, []).append(pk)
    for partnership in Partnership.objects.filter(pk__in=by_partnership):
        refresh(partnership, by_partnership[partnership.pk])


def listed(actor: Actor, today: date) -> Any:
    """The actor's due-list entries shown today, as a query."""
    flush()
    return DueEntry.objects.for_actor(actor).filter(
        Q(shown_from__isnull=True) | Q(shown_from__lte=today),
        Q(shown_until__isnull=True) | Q(shown_until__gte=today),
        listed=True, due_on__isnull=False)


def check(actor: Actor) -> list[str]:
    """Where the stored entries differ from a full computation of the actor's per-case
    items (empty when they agree)."""
    today = timezone.localdate()

    def key(i: DueItem) -> tuple[Any, ...]:
        return (i.case_id, i.kind, i.due_on, i.title, i.subject, i.url, i.overdue, i.reason)

    def row(e: DueEntry) -> tuple[Any, ...]:
        return (e.case_id, e.kind, e.due_on, e.last_on, e.reason["rule"], e.reason["source"])

    stored = {key(as_item(e, today)) for e in listed(actor, today)}
    computed = {key(i) for i in due_items(actor, today=today, per_case=True)}
    stored |= {row(e) for e in DueEntry.objects.for_actor(actor).filter(listed=False)}
    computed |= {row(e) for hook in _ROWS for e in hook(actor, None)}
    return ([f"stored, not computed: {k}" for k in sorted(stored - computed, key=str)]
            + [f"computed, not stored: {k}" for k in sorted(computed - stored, key=str)])


def _case_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    mark(instance.partnership_id, [instance.pk])


def _child_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    mark(instance.partnership_id, Case._base_manager.filter(
        partnership_id=instance.partnership_id, child_id=instance.pk, status__in=LIVE)
        .values_list("pk", flat=True))


def _of_case(sender: Any, instance: Any, **kwargs: Any) -> None:
    mark(instance.partnership_id, [instance.case_id])


def _partnership_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Its pack, or its areas (a child with no area of the forum's kind is due one).
    mark_partnership(getattr(instance, "partnership_id", None) or instance.pk)


def connect() -> None:
    """Mark cases when what their due items are worked out from changes."""
    from django.db.models.signals import post_delete, post_save

    from macehub.cases.models import Monitoring, RiskChange
    from macehub.partnerships.models import Area
    from macehub.people.models import Child

    for signal in (post_save, post_delete):
        signal.connect(_case_saved, sender=Case, dispatch_uid=f"due-case-{signal}")
        signal.connect(_child_saved, sender=Child, dispatch_uid=f"due-child-{signal}")
        for of_case in (RiskChange, Monitoring):
            signal.connect(_of_case, sender=of_case, dispatch_uid=f"due-{of_case}-{signal}")
        for setup in (Partnership, Area):
            signal.connect(_partnership_saved, sender=setup,
                           dispatch_uid=f"due-{setup}-{signal}")
