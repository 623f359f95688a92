"""The reviews-due page's rows, stored per case with the due list's (macehub.cases.
due_store): each open case's nomination or next review at its forum, as `reviews_due`
works it out; and the meetings' records whose changes mark the cases on them."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from macehub.access.actor import Actor
from macehub.cases.due_store import entry, mark, register_rows
from macehub.cases.models import Case, DueEntry
from macehub.meetings.models import AgendaItem, Decision, Meeting
from macehub.meetings.rules import HELD, ReviewDue, reviews_due
from macehub.rules.due import DueItem


def review_rows(actor: Actor, case: Case | None) -> list[DueEntry]:
    return [entry(DueItem(kind=r.kind, title="", subject="", due_on=r.due_on,  # type: ignore[arg-type]
                          reason=r.reason, overdue=True, case_id=r.case.pk),
                  case_id=r.case.pk, listed=False, last_on=r.last_meeting_on)
            for r in reviews_due(actor, case=case)]


def as_review(stored: DueEntry) -> ReviewDue:
    """A stored row as the page shows it (the entry loaded with its case and child)."""
    from macehub.cases.due_store import reason_of

    return ReviewDue(stored.case, stored.kind, stored.due_on, reason_of(stored),
                     stored.last_on)


def _of_case(sender: Any, instance: Any, **kwargs: Any) -> None:
    mark(instance.partnership_id, [instance.case_id])


def _item_saved(sender: Any, instance: AgendaItem, **kwargs: Any) -> None:
    # Only a held meeting's agenda says a case was discussed: an agenda in preparation
    # changes nothing due (and holding the meeting marks every case on it).
    if instance.case_id is not None and instance.meeting.status in HELD:
        mark(instance.partnership_id, [instance.case_id])


def _meeting_saving(sender: Any, instance: Meeting, **kwargs: Any) -> None:
    instance._held_before = instance.pk is not None and Meeting._base_manager.filter(  # type: ignore[attr-defined]
        partnership_id=instance.partnership_id, pk=instance.pk, status__in=HELD).exists()


def _meeting_saved(sender: Any, instance: Meeting, **kwargs: Any) -> None:
    # Held (or no longer held): the cases on its agenda were (or were not) discussed.
    held = instance.status in HELD and not kwargs.get("signal") == post_delete
    if held != getattr(instance, "_held_before", False):
        mark(instance.partnership_id, AgendaItem._base_manager.filter(
            partnership_id=instance.partnership_id, meeting_id=instance.pk,
            case__isnull=False).values_list("case_id", flat=True))


def connect() -> None:
    register_rows(review_rows)
    pre_save.connect(_meeting_saving, sender=Meeting, dispatch_uid="due-meeting-saving")
    pre_delete.connect(_meeting_saving, sender=Meeting, dispatch_uid="due-meeting-deleting")
    for signal in (post_save, post_delete):
        signal.connect(_meeting_saved, sender=Meeting, dispatch_uid=f"due-meeting-{signal}")
        signal.connect(_item_saved, sender=AgendaItem, dispatch_uid=f"due-item-{signal}")
        signal.connect(_of_case, sender=Decision, dispatch_uid=f"due-decision-{signal}")
