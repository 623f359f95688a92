"""Due items from concerns: screening outstanding, and feedback to the referrer."""

from __future__ import annotations

from django.db.models import Q, Subquery
from django.urls import reverse
from django.utils import timezone

from macehub.concerns.models import Concern, Screening
from macehub.rules.due import DueItem, DueScope, due_item


def concern_due_items(scope: DueScope) -> list[DueItem]:
    if scope.case is not None:
        return []
    pack, today = scope.partnership.policy, scope.today
    screening = pack.screening
    feedback = screening.feedback_to_referrer
    wanted = Q(status=Concern.Status.AWAITING_SCREENING)
    if feedback is not None and feedback.within is not None:
        # Only a timescale makes feedback due: without one, screened concerns are not read.
        # The screenings without feedback are found by their own (partial) index first:
        # an OR across the join would read every screened concern the partnership holds.
        unfed = (Screening.objects.for_actor(scope.actor)
                 .filter(feedback_given_at__isnull=True).values("concern_id"))
        wanted |= Q(status=Concern.Status.SCREENED, pk__in=Subquery(unfed))
    concerns = (Concern.objects.for_actor(scope.actor).filter(wanted)
                .select_related("screening"))
    items = []
    for concern in concerns:
        url = reverse("concerns:screen", args=[concern.pk])
        received = timezone.localtime(concern.submitted_at).date()
        if concern.status == Concern.Status.AWAITING_SCREENING:
            forum = pack.forums.get(screening.forum) if screening.forum else None
            where = f" at the {forum.label}" if forum else ""
            items.append(due_item(
                today, kind="screening", title="Screening outstanding",
                subject=concern.reference, due_on=received, url=url, concern_id=concern.pk,
                reason=screening.reason(f"Every concern is screened{where}")))
        has_feedback = hasattr(concern, "screening") and \
            concern.screening.feedback_given_at is not None
        # Only a timescale makes referrer feedback due (Kirklees §5 ii records it, no
        # timescale); meetings' feedback to professionals is meetings.due's item.
        if feedback is not None and feedback.within is not None and not has_feedback and \
                concern.status != Concern.Status.FINALISED_NO_CONSENT:
            items.append(due_item(
                today, kind="feedback", title="Feedback to the referrer due",
                subject=concern.reference, url=url, concern_id=concern.pk,
                due_on=feedback.within.after(received, holidays=pack.holidays),
                reason=feedback.reason(
                    f"Feedback to the referrer within {feedback.within} of the concern")))
    return items
