"""Reading concerns: fetch-and-authorise, the screening queue, a referrer's own list."""

from __future__ import annotations

from django.db.models import QuerySet

from macehub.access.actor import Actor
from macehub.concerns.models import Concern


def get_concern_for(actor: Actor, pk: object) -> Concern:
    """Screeners see every concern of the partnership; anyone else only their own."""
    return Concern.objects.select_related("child", "referrer", "referrer_agency").get_for(
        actor, pk)


def screening_queue(actor: Actor) -> QuerySet[Concern]:
    return (Concern.objects.for_actor(actor).filter(status=Concern.Status.AWAITING_SCREENING)
            .select_related("referrer", "referrer_agency").order_by("submitted_at", "pk"))


def own_concerns(actor: Actor) -> QuerySet[Concern]:
    return (Concern.objects.for_actor(actor).filter(referrer=actor.user)
            .select_related("screening").order_by("-submitted_at", "-pk"))
