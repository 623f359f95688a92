"""Due items: what the policy pack says must happen next, each with its rule and source.

Computed on demand from the records (nothing stored), so they are always current and a
change of pack changes them at once. The same function serves the case page, the
coordinator's work list and the API."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.cases.models import Case
from macehub.concerns.models import Concern
from macehub.lib.working_days import BANK_HOLIDAYS
from macehub.meetings.due import meeting_due_items
from macehub.meetings.models import AgendaItem, Meeting
from macehub.meetings.rules import discharge_eligible
from macehub.partnerships.policy import PolicyPack
from macehub.people.models import Child

# Age milestones are shown from this long before the birthday to this long after it.
MILESTONE_LEAD = timedelta(weeks=8)
MILESTONE_TAIL = timedelta(weeks=4)


@dataclass(frozen=True)
class DueItem:
    kind: str
    title: str
    subject: str
    due_on: date
    rule: str
    source: str
    url: str = ""
    case_id: int | None = None
    concern_id: int | None = None
    is_default: bool = False
    overdue: bool = field(default=False)


def _day(value: datetime) -> date:
    return timezone.localtime(value).date()


def _birthday(born: date, age: int) -> date:
    try:
        return born.replace(year=born.year + age)
    except ValueError:  # born on 29 February
        return date(born.year + age, 3, 1)


def _item(today: date, **kwargs: object) -> DueItem:
    due_on = kwargs["due_on"]
    assert isinstance(due_on, date)
    return DueItem(overdue=due_on < today, **kwargs)  # type: ignore[arg-type]


def _concern_items(pack: PolicyPack, concerns: list[Concern], today: date) -> list[DueItem]:
    items = []
    screening = pack.screening
    feedback = screening.feedback_to_referrer
    for concern in concerns:
        url = reverse("concerns:screen", args=[concern.pk])
        received = _day(concern.submitted_at)
        if concern.status == Concern.Status.AWAITING_SCREENING:
            forum = pack.forums.get(screening.forum) if screening.forum else None
            where = f" at the {forum.label}" if forum else ""
            items.append(_item(
                today, kind="screening", title="Screening outstanding",
                subject=concern.reference, due_on=received, url=url, concern_id=concern.pk,
                rule=f"Every concern is screened{where}", source=screening.source))
        has_feedback = hasattr(concern, "screening") and \
            concern.screening.feedback_given_at is not None
        # Only a timescale makes referrer feedback due (Kirklees §5 ii records it, no
        # timescale); meetings' feedback to professionals is meetings.due's item.
        if feedback is not None and feedback.within is not None and not has_feedback and \
                concern.status != Concern.Status.FINALISED_NO_CONSENT:
            items.append(_item(
                today, kind="feedback", title="Feedback to the referrer due",
                subject=concern.reference, url=url, concern_id=concern.pk,
                due_on=feedback.within.after(received, holidays=BANK_HOLIDAYS),
                rule=f"Feedback to the referrer within {feedback.within} of the concern",
                source=feedback.source, is_default=feedback.default))
    return items


def _case_items(pack: PolicyPack, cases: list[Case], today: date,
                discussed: Collection[int] = ()) -> list[DueItem]:
    items = []
    first = pack.first_meeting
    scope = pack.partnership.age_scope
    panels = [(forum, panel) for forum in pack.forums.values() if forum.kind == "mace"
              for panel in forum.panels.values() if panel.min_age is not None]
    for case in cases:
        child: Child = case.child
        url = reverse("cases:detail", args=[case.pk])
        who = str(child)
        if first.within is not None and case.pk not in discussed:
            label = pack.forums[first.forum].label if first.forum else "MACE meeting"
            items.append(_item(
                today, kind="first_meeting", title=f"First {label} due", subject=who, url=url,
                case_id=case.pk, due_on=first.within.after(_day(case.referred_at),
                                                           holidays=BANK_HOLIDAYS),
                rule=f"First {label} within {first.within} of the referral",
                source=first.source, is_default=first.default))
        for forum, panel in panels:
            assert panel.min_age is not None
            on = _birthday(child.date_of_birth, panel.min_age)
            if on - MILESTONE_LEAD <= today <= on + MILESTONE_TAIL:
                items.append(_item(
                    today, kind="age_milestone", subject=who, url=url, case_id=case.pk,
                    title=f"Invite {panel.label.split(':')[0]} panel from the "
                          f"{panel.min_age}th birthday", due_on=on,
                    rule=f"{forum.label}: {panel.label}", source=panel.source))
        eligible = discharge_eligible(pack, case)
        if eligible is not None:
            # Due from the day the risk came down; never overdue: the chair decides at the
            # case's next review.
            lowered = case.risk_changes.order_by("-at", "-pk").first()
            items.append(DueItem(
                kind="discharge_decision", title="Chair's discharge decision", subject=who,
                url=url, case_id=case.pk, due_on=_day(lowered.at if lowered else case.opened_at),
                rule=eligible.rule, source=eligible.source, is_default=eligible.is_default))
        leaves = _birthday(child.date_of_birth, scope.max_age + 1)
        if leaves - MILESTONE_LEAD <= today <= leaves + MILESTONE_TAIL:
            items.append(_item(
                today, kind="end_of_scope", title=f"Reaches {scope.max_age + 1}: leaves scope",
                subject=who, url=url, case_id=case.pk, due_on=leaves,
                rule=f"{pack.name} works with children and young people "
                     f"{scope.display_value()}", source=scope.source))
    return items


def due_items(actor: Actor, *, today: date | None = None,
              case: Case | None = None, discussed: bool | None = None) -> list[DueItem]:
    """Everything due or overdue that the actor reaches in their partnership (or on one
    case, already loaded with its child), soonest first."""
    today = today or timezone.localdate()
    pack = actor.partnership.policy
    if case is not None:
        cases = [case] if case.status == Case.Status.OPEN else []
    else:
        cases = list(Case.objects.for_actor(actor).filter(status=Case.Status.OPEN)
                     .select_related("child"))
    if discussed is not None:  # the caller already knows whether the one case was discussed
        seen = {c.pk for c in cases} if discussed else set()
    else:
        seen = set(AgendaItem.objects.for_actor(actor).filter(
            case_id__in=[c.pk for c in cases], meeting__status__in=[
                Meeting.Status.HELD, Meeting.Status.APPROVED]).values_list("case_id", flat=True))
    items = _case_items(pack, cases, today, seen)
    if case is None:
        items += meeting_due_items(actor, today)
        concerns = (Concern.objects.for_actor(actor)
                    .filter(Q(status=Concern.Status.AWAITING_SCREENING) |
                            Q(status=Concern.Status.SCREENED,
                              screening__feedback_given_at__isnull=True))
                    .select_related("screening"))
        items += _concern_items(pack, list(concerns), today)
        from macehub.missing.due import missing_due

        items += missing_due(actor, today)
    return sorted(items, key=lambda i: (i.due_on, i.kind, i.subject))
