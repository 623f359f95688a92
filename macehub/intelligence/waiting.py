"""Intelligence work waiting for the hub: what was named and is still to be confirmed as
a record (candidates, and names on concerns not brought in yet), and the linked-children
proposals not yet accepted or declined."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.urls import reverse

from macehub.intelligence.candidates import waiting_mentions
from macehub.intelligence.linked import proposals
from macehub.intelligence.models_matching import Candidate, Outcome
from macehub.lib.waiting import Waiting

if TYPE_CHECKING:
    from macehub.access.actor import Actor


def intelligence_waiting(actor: Actor) -> Iterator[Waiting]:
    if not actor.has("intelligence.manage"):
        return
    # One count: the candidates to confirm and the names on concerns not brought in yet.
    pending = Candidate.objects.for_actor(actor).filter(outcome=Outcome.PENDING)
    yield Waiting("Matches to confirm", 0, reverse("intelligence:matches"), order=45,
                  counted=(pending, waiting_mentions(actor)))
    yield Waiting("Linked-children proposals", len(proposals(actor)),
                  reverse("intelligence:proposals"), order=46)
