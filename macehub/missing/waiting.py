"""Missing work waiting for the hub: episodes to match to a child, triggers to handle, and
imports that had problems in the last 30 days."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.urls import reverse

from macehub.lib.waiting import Waiting
from macehub.missing.models import MissingEpisode, TriggerFiring
from macehub.missing.queries import imports_with_problems

if TYPE_CHECKING:
    from macehub.access.actor import Actor


def missing_waiting(actor: Actor) -> Iterator[Waiting]:
    if actor.has("missing.record"):
        episodes = MissingEpisode.objects.for_actor(actor)
        yield Waiting("Missing episodes to match to a child", 0, reverse("missing:queue"),
                      order=50, counted=(episodes.filter(child__isnull=True),))
        firings = TriggerFiring.objects.for_actor(actor).filter(status="open")
        yield Waiting("Missing triggers to handle", 0, reverse("missing:triggers"),
                      alert=True, order=51, counted=(firings,))
    if actor.has("missing.import"):
        yield Waiting("Imports with problems in the last 30 days", 0,
                      f"{reverse('missing:import')}?problems=1", order=52,
                      counted=(imports_with_problems(actor),))
