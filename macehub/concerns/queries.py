"""Reading concerns: fetch-and-authorise, the screening queue, a referrer's own list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from macehub.access.actor import Actor
from macehub.concerns.models import Concern
from macehub.lib.forms import Form
from macehub.lib.listing import Sorts


def get_concern_for(actor: Actor, pk: object) -> Concern:
    """Screeners see every concern of the partnership; anyone else only their own."""
    return Concern.objects.select_related(
        "child", "referrer", "referrer_agency", "screening").get_for(actor, pk)


# The sort keys of "Your concerns" and the screening queue (pages and API).
CONCERN_SORTS: Sorts = {"reference": ("reference", "pk"), "sent": ("submitted_at", "pk"),
                        "status": ("status", "submitted_at", "pk")}


class OwnConcernFilterForm(Form):
    status = forms.ChoiceField(required=False, label="Status",
                               choices=[("", "Any status"), *Concern.Status.choices])


def screening_queue(actor: Actor) -> QuerySet[Concern]:
    return (Concern.objects.for_actor(actor).filter(status=Concern.Status.AWAITING_SCREENING)
            .select_related("referrer", "referrer_agency").order_by("submitted_at", "pk"))


def own_concerns(actor: Actor, filters: dict[str, Any] | None = None) -> QuerySet[Concern]:
    found = (Concern.objects.for_actor(actor).filter(referrer=actor.user)
             .select_related("screening").order_by("-submitted_at", "-pk"))
    if (filters or {}).get("status"):
        found = found.filter(status=(filters or {})["status"])
    return found
