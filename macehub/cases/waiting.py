"""Due work waiting for the hub and chairs: overdue, and due in the next two weeks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from macehub.cases.due_list import SOON
from macehub.lib.waiting import Waiting
from macehub.rules.due import due_items

if TYPE_CHECKING:
    from macehub.access.actor import Actor


def due_waiting(actor: Actor) -> Iterator[Waiting]:
    if not actor.has("due.view"):
        return
    items = due_items(actor)
    soon = timezone.localdate() + SOON
    url = reverse("cases:due")
    yield Waiting("Overdue work", sum(i.overdue for i in items), f"{url}?when=overdue",
                  alert=True, order=20)
    yield Waiting("Work due in the next two weeks", sum(i.due_on <= soon for i in items),
                  f"{url}?when=soon", order=21)
