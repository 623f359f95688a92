"""What oversight makes due: each report the pack lists, for each of its periods, falls due
`due_within` days after the period ends and is shown to the hub and chairs from
`remind_before` days before, until a signed-off report covers the period; and a yearly duty
with a day of its own (Kirklees MACE Process §8 iii and §8 v: membership and the terms of
reference reviewed annually) is shown from `remind_before` days before that day until as
long after it. Dates are the UK calendar's days, so a clock change moves nothing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.urls import reverse

from macehub.oversight.models import Report
from macehub.oversight.periods import period_before, period_containing, yearly_due
from macehub.oversight.services_duty import reviews_done, yearly_duties
from macehub.partnerships.policy.governance import PERIOD_LABELS
from macehub.rules.due import DueItem, DueScope, due_item

if TYPE_CHECKING:
    from macehub.access.actor import Actor

PERIODS_LOOKED_AT = 3  # the current period and the two before it


def due_on(rule: Any, end: date) -> date:
    return end + timedelta(days=rule.due_within.value)


def _periods(rule: Any, today: date) -> list[tuple[date, date]]:
    found = [period_containing(rule.period.value, today)]
    for _ in range(PERIODS_LOOKED_AT - 1):
        found.append(period_before(rule.period.value, found[-1][0]))
    return found


def next_due(rule: Any, actor: Actor, today: date | None = None) -> date:
    """When the report for the current period is due."""
    from django.utils import timezone

    return due_on(rule, period_containing(rule.period.value, today or
                                          timezone.localdate())[1])


def report_due_items(scope: DueScope) -> list[DueItem]:
    if scope.case is not None or not scope.actor.has("report.write"):
        return []
    rules = scope.partnership.policy.oversight.reports
    if not rules:
        return []
    signed = list(Report.objects.for_actor(scope.actor).filter(
        status=Report.Status.SIGNED_OFF, kind__in=list(rules)).values_list(
        "kind", "period_start", "period_end"))
    items: list[DueItem] = []
    for key, rule in rules.items():
        for start, end in _periods(rule, scope.today):
            due = due_on(rule, end)
            if scope.today < due - timedelta(days=rule.remind_before.value):
                continue
            if any(k == key and s <= start and e >= end for k, s, e in signed):
                continue
            items.append(due_item(
                scope.today, kind="report", title=f"Sign off the {rule.title}",
                subject=f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}", due_on=due,
                reason=rule.period.reason(
                    f"{rule.title}: due {rule.due_within.value} days after each "
                    f"{PERIOD_LABELS[rule.period.value]} ends, to "
                    f"{', '.join(rule.recipients.value)}"),
                url=reverse("oversight:reports")))
    return items


def duty_due_items(scope: DueScope) -> list[DueItem]:
    """Yearly duties of the partnership with a day of their own, until a review is recorded
    as done for that year."""
    if scope.case is not None or not scope.actor.has("report.write"):
        return []
    duties = yearly_duties(scope.actor)
    done = reviews_done(scope.actor) if duties else set()
    items: list[DueItem] = []
    for key, duty in duties.items():
        item = duty.item
        window = timedelta(days=item.remind_before.value)
        for year in (scope.today.year - 1, scope.today.year, scope.today.year + 1):
            due = yearly_due(item.due_on.value, year)
            if (key, year) in done:
                continue
            if due - window <= scope.today <= due + window:
                items.append(due_item(
                    scope.today, kind="oversight_duty", title=item.label, subject=item.by,
                    due_on=due, reason=item.reason(f"{item.label}, every year ({item.by})"),
                    url=f"{reverse('oversight:duties')}?duty={key}&year={year}"))
    return items
