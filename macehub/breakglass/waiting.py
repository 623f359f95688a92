"""Break-glass openings waiting for the auditor's sign-off (SECURITY S18)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.urls import reverse

from macehub.breakglass.services import break_glass_list
from macehub.lib.waiting import Waiting

if TYPE_CHECKING:
    from macehub.access.actor import Actor


def break_glass_waiting(actor: Actor) -> Iterator[Waiting]:
    if actor.has("breakglass.review"):
        yield Waiting("Break-glass openings to review", 0, reverse("breakglass:review"),
                      alert=True, order=60,
                      counted=(break_glass_list(actor, awaiting=True),))
