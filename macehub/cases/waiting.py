"""Due work waiting for the hub and chairs: overdue, and due in the next two weeks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from macehub.cases.due_store import listed
from macehub.lib.waiting import SOON, Waiting
from macehub.rules.due import due_items, due_sources

if TYPE_CHECKING:
    from macehub.access.actor import Actor


def due_waiting(actor: Actor) -> Iterator[Waiting]:
    if not actor.has("due.view"):
        return
    today = timezone.localdate()
    soon = today + SOON
    items = due_items(actor, today=today, per_case=False, sources=False)
    sources = due_sources(actor, today=today)
    # Each case's items are stored (cases.due_store), and return interviews are counted
    # in the database.
    counts = listed(actor, today).aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today, overdue_never=False)),
        soon=Count("pk", filter=Q(due_on__lte=soon)))
    url = reverse("cases:due")
    overdue = counts["overdue"] + sum(i.overdue for i in items) + \
        sum(s.count({"when": "overdue"}) for s in sources)
    due_soon = counts["soon"] + sum(i.due_on <= soon for i in items) + \
        sum(s.count({"when": "soon"}) for s in sources)
    yield Waiting("Overdue work", overdue, f"{url}?when=overdue", alert=True, order=20)
    yield Waiting("Work due in the next two weeks", due_soon, f"{url}?when=soon", order=21)
