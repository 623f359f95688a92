"""Due work waiting for the hub and chairs: overdue, and due in the next two weeks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from macehub.cases.due_list import DueParts
from macehub.lib.waiting import Waiting

if TYPE_CHECKING:
    from macehub.access.actor import Actor


def due_waiting(actor: Actor) -> Iterator[Waiting]:
    if not actor.has("due.view"):
        return
    parts = DueParts(actor, timezone.localdate())
    # Each case's items are stored (cases.due_store), and return interviews and overdue
    # actions are counted in the database, with the rest of home's counts.
    url = reverse("cases:due")
    now, counted = parts.counting("overdue")
    yield Waiting("Overdue work", now, f"{url}?when=overdue", alert=True, order=20,
                  counted=counted)
    now, counted = parts.counting("soon")
    yield Waiting("Work due in the next two weeks", now, f"{url}?when=soon", order=21,
                  counted=counted)
