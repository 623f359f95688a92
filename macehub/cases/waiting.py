"""Due work waiting for the hub and chairs: overdue, and due in the next two weeks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from macehub.cases.due_list import DueParts
from macehub.lib.waiting import SOON, Waiting

if TYPE_CHECKING:
    from macehub.access.actor import Actor


def due_waiting(actor: Actor) -> Iterator[Waiting]:
    if not actor.has("due.view"):
        return
    today = timezone.localdate()
    parts = DueParts(actor, today)
    # Each case's items are stored (cases.due_store), and return interviews and overdue
    # actions are counted in the database.
    counts = parts.entries.aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today, overdue_never=False)),
        soon=Count("pk", filter=Q(due_on__lte=today + SOON)))
    url = reverse("cases:due")
    yield Waiting("Overdue work", counts["overdue"] + parts.besides_entries("overdue"),
                  f"{url}?when=overdue", alert=True, order=20)
    yield Waiting("Work due in the next two weeks",
                  counts["soon"] + parts.besides_entries("soon"), f"{url}?when=soon",
                  order=21)
