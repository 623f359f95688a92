"""Due items from missing records: a return interview not completed within the pack's
time limit (default 72 hours, DfE statutory guidance 2014), and triggers to triage."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.missing.models import MissingEpisode, ReturnInterview, TriggerFiring

if TYPE_CHECKING:
    from macehub.rules.due import DueItem

# Episodes returned longer ago than this leave the due list (they stay in the figures).
LOOK_BACK = timedelta(days=28)


def missing_due(actor: Actor, today: date) -> list[DueItem]:
    from macehub.rules.due import _item

    items: list[DueItem] = []

    rule = actor.partnership.policy.missing.return_interview
    if rule.offered and rule.time_limit is not None:
        limit = rule.time_limit.value
        since = timezone.now() - LOOK_BACK
        done = set(ReturnInterview.objects.for_actor(actor).filter(
            kind="child",
            status__in=[ReturnInterview.Status.COMPLETED, ReturnInterview.Status.DECLINED],
            episodes__returned_at__gte=since).values_list("episodes", flat=True))
        returned = (MissingEpisode.objects.for_actor(actor).filter(
            returned_at__gte=since, child__isnull=False)
                    .exclude(pk__in=done).select_related("child"))
        for e in returned:
            assert e.returned_at is not None and e.child is not None
            back = timezone.localtime(e.returned_at)
            if not rule.offered_at(e.child.age_on(back.date())):
                continue
            items.append(_item(
                today, kind="return_interview", title=f"{rule.label or 'Return interview'} due",
                subject=str(e.child), url=reverse("missing:episode", args=[e.pk]),
                due_on=(back + limit.as_timedelta()).date() if limit.unit != "working_days"
                else limit.after(back.date()),
                rule=f"Return interview within {limit} of the child's return",
                source=rule.time_limit.source, is_default=rule.time_limit.default))
    for f in (TriggerFiring.objects.for_actor(actor).filter(status="open",
                                           action="triage").select_related("child")[:200]):
        items.append(_item(
            today, kind="missing_triage", title="Triage a missing trigger", subject=str(f.child),
            url=reverse("missing:triggers"), due_on=timezone.localtime(f.fired_at).date(),
            rule=f.explanation, source=f.source))
    return items
