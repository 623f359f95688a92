"""Lists of records past retention, waiting for the partnership admin's decision."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.urls import reverse

from macehub.lib.waiting import Waiting
from macehub.retention.models import RetentionReview

if TYPE_CHECKING:
    from macehub.access.actor import Actor


def retention_waiting(actor: Actor) -> Iterator[Waiting]:
    if actor.has("retention.review"):
        proposed = RetentionReview.objects.for_actor(actor).filter(
            status=RetentionReview.Status.PROPOSED)
        yield Waiting("Records past retention waiting for your decision", 0,
                      reverse("retention:reviews"), order=71, counted=(proposed,))
