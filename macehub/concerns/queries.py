"""Reading concerns: fetch-and-authorise, the screening queue, a referrer's own list."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.concerns.models import Concern


def get_concern_for(actor: Actor, pk: object) -> Concern:
    """Screeners see every concern of the partnership; anyone else only their own."""
    concern = (Concern.objects.select_related("child", "referrer", "referrer_agency")
               .filter(pk=int(str(pk)) if str(pk).isdigit() else -1, partnership=actor.partnership)
               .first())
    if concern is None:
        raise Http404("Not found")
    if not actor.has("concern.screen") and concern.referrer_id != actor.user.pk:
        raise Http404("Not found")
    audit_record(action="concern.view", actor=actor, obj=concern)
    return concern


def screening_queue(actor: Actor) -> QuerySet[Concern]:
    return (Concern.objects.filter(partnership=actor.partnership,
                                   status=Concern.Status.AWAITING_SCREENING)
            .select_related("referrer", "referrer_agency").order_by("submitted_at", "pk"))


def own_concerns(actor: Actor) -> QuerySet[Concern]:
    return (Concern.objects.filter(partnership=actor.partnership, referrer=actor.user)
            .select_related("screening").order_by("-submitted_at", "-pk"))
