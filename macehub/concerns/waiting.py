"""Concerns waiting: for the hub, those to screen; for a referrer, their own not yet screened."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.urls import reverse

from macehub.concerns.models import Concern
from macehub.concerns.queries import own_concerns, screening_queue
from macehub.lib.waiting import Waiting

if TYPE_CHECKING:
    from macehub.access.actor import Actor


def concerns_waiting(actor: Actor) -> Iterator[Waiting]:
    if actor.has("concern.screen"):
        yield Waiting("Concerns waiting for screening", 0, reverse("concerns:queue"),
                      order=10, counted=(screening_queue(actor),))
    elif actor.has("concern.submit"):
        status = Concern.Status.AWAITING_SCREENING
        yield Waiting("Your concerns not yet screened", 0,
                      f"{reverse('concerns:mine')}?status={status}", order=10,
                      counted=(own_concerns(actor, {"status": status}),))
