"""Due items from missing records: a return interview not completed within the pack's
time limit (default 72 hours, DfE statutory guidance 2014), and triggers to triage."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone

from macehub.missing.models import MissingEpisode, ReturnInterview, TriggerFiring
from macehub.missing.rules import interview_due_on
from macehub.rules.due import DueItem, DueScope, due_item
from macehub.rules.reason import Reason

_MARK = 918273645  # a number no episode has: where an episode's id goes in its address


def missing_due(scope: DueScope) -> list[DueItem]:
    if scope.case is not None:
        return []
    partnership, today = scope.partnership, scope.today
    items: list[DueItem] = []
    pack = partnership.policy
    rule = pack.missing.return_interview
    if rule.offered and rule.time_limit is not None:
        limit = rule.time_limit.value
        # Episodes returned longer ago leave the due list (they stay in the figures).
        since = timezone.now() - pack.due.returned_look_back.value.as_timedelta()
        done = set(ReturnInterview.objects.for_actor(scope.actor).filter(
            kind="child",
            status__in=[ReturnInterview.Status.COMPLETED, ReturnInterview.Status.DECLINED],
            episodes__returned_at__gte=since).values_list("episodes", flat=True))
        returned = (MissingEpisode.objects.for_actor(scope.actor).filter(
            returned_at__gte=since, child__isnull=False)
                    .exclude(pk__in=done).select_related("child"))
        # The same title and reason for every episode, worked out once; the address
        # pattern resolved once, and each return day's working-day deadline once.
        title = f"{rule.label or 'Return interview'} due"
        reason = rule.time_limit.reason(f"Return interview within {limit} of the child's return")
        pattern = reverse("missing:episode", args=[_MARK])
        by_day: dict[date, date] = {}
        for e in returned:
            assert e.returned_at is not None and e.child is not None
            back = timezone.localtime(e.returned_at)
            if not rule.offered_at(e.child.age_on(back.date())):
                continue
            # A limit in working days depends on the day of return alone; one in hours on
            # the moment, so it is worked out for each episode.
            day = back.date()
            if day not in by_day or limit.unit != "working_days":
                by_day[day] = interview_due_on(pack, e.returned_at) or day
            items.append(due_item(
                today, kind="return_interview", title=title, subject=str(e.child),
                url=pattern.replace(str(_MARK), str(e.pk)), due_on=by_day[day], reason=reason))
    triggers = pack.missing.triggers.rules
    for f in (TriggerFiring.objects.for_actor(scope.actor).filter(status="open",
                                                                action="triage").select_related("child")):
        items.append(due_item(
            today, kind="missing_triage", title="Triage a missing trigger", subject=str(f.child),
            url=reverse("missing:triggers"), due_on=timezone.localtime(f.fired_at).date(),
            reason=triggers[f.rule_key].reason(f.explanation) if f.rule_key in triggers
            else Reason(f.explanation, f.source)))
    return items
