"""Outcome measures, beside the dashboard's counts.

Kirklees (004 §2, "How will we know outcomes are being achieved?") names four measures;
three are counted here from what macehub records:
- more concerns reported, with fewer children identified at risk: concerns received and
  cases opened, in the period and in the period of the same length before it;
- a greater share of concerns needing multi-agency intervention: screenings whose outcome
  takes the child to a meeting, against those that end in advice or single-agency work;
- risk assessed to have reduced: each case's risk when it first came to a meeting against
  its risk at the end of the period, for cases that have been to at least two.
The fourth (timely and successful perpetrator disruptions and criminal justice outcomes)
is counted from disruption records: oversight/figures_pursuit.py.

Every pack also implies two timeliness measures: the first meeting against the pack's
deadline (Dudley 003: MACE within two weeks of the referral), and return interviews
against the pack's time limit (72 hours by default, DfE statutory guidance 2014)."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import cast

from django.db.models import (
    BooleanField,
    CharField,
    Count,
    F,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models import Case as Choose
from django.db.models.functions import Cast, Coalesce, Concat, TruncDate
from django.db.models.lookups import GreaterThan, LessThan
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.cases.models import Case, RiskChange
from macehub.concerns.models import Concern, Screening
from macehub.meetings.models import AgendaItem, Meeting
from macehub.meetings.rules import first_meeting_due
from macehub.missing.figures import Table
from macehub.missing.models import MissingEpisode, ReturnInterview
from macehub.oversight.bands import past_midnight, whole_years
from macehub.partnerships.models import Area
from macehub.partnerships.policy.values import RISK_ORDER
from macehub.people.models import Precision

HELD = (Meeting.Status.HELD, Meeting.Status.APPROVED)
MOVES = ["Risk went down", "Risk stayed the same", "Risk went up"]
FIRST = ["Held by the deadline", "Held after the deadline", "Not yet held: overdue",
         "Not yet held: not yet due"]
INTERVIEWS = ["Completed within the time limit", "Completed late", "Declined",
              "Not completed"]


def _trend(actor: Actor, since: datetime, until: datetime, area: Area | None) -> Table:
    before = since - (until - since)
    concerns = Concern.objects.for_actor(actor)
    cases = Case.objects.for_actor(actor)
    if area is not None:
        concerns, cases = concerns.filter(child__area=area), cases.filter(child__area=area)
    return Table("Concerns received and children identified at risk, against the period "
                 "before", [
                     ("Concerns received in the period",
                      concerns.filter(submitted_at__gte=since, submitted_at__lt=until).count()),
                     ("Concerns received in the period before",
                      concerns.filter(submitted_at__gte=before, submitted_at__lt=since).count()),
                     ("Cases opened in the period",
                      cases.filter(opened_at__gte=since, opened_at__lt=until).count()),
                     ("Cases opened in the period before",
                      cases.filter(opened_at__gte=before, opened_at__lt=since).count())])


def _intervention(actor: Actor, since: datetime, until: datetime, area: Area | None) -> Table:
    screenings = Screening.objects.for_actor(actor).filter(screened_at__gte=since,
                                                           screened_at__lt=until)
    if area is not None:
        screenings = screenings.filter(concern__child__area=area)
    to_meeting = {key for key, o in actor.partnership.policy.screening.outcomes.items()
                  if o.forum}
    outcomes = Counter(screenings.values_list("outcome", flat=True))
    met = sum(n for key, n in outcomes.items() if key in to_meeting)
    return Table("Concerns screened: multi-agency intervention needed", [
        ("Taken to a multi-agency meeting", met),
        ("Advice, signposting or single-agency support", sum(outcomes.values()) - met)])


def risk_move(before: str, after: str) -> str:
    """How a case's risk moved between two levels, in words (at risk < medium < high)."""
    step = RISK_ORDER.index(after) - RISK_ORDER.index(before)  # type: ignore[arg-type]
    return MOVES[(step > 0) - (step < 0) + 1]


def _risk_movement(actor: Actor, since: datetime, until: datetime,
                   area: Area | None) -> Table:
    """Cases at held meetings on two or more different times before the period ends, the
    last of them in the period: the risk in force at the first (the latest change at or
    before it; the first change where none is earlier: the risk the case was opened at)
    against the risk at the end of the period (the latest change before it). One GROUP BY
    of the cases by those two risks."""
    cases = Case.objects.for_actor(actor)
    if area is not None:
        cases = cases.filter(child__area=area)
    held = AgendaItem.objects.for_actor(actor).filter(
        case=OuterRef("pk"), meeting__status__in=HELD, meeting__starts_at__lt=until
    ).order_by().values("meeting__starts_at")
    changes = RiskChange.objects.for_actor(actor).filter(case=OuterRef("pk"), at__lt=until)
    latest = changes.order_by("-at", "-pk").values("risk")[:1]
    # Only cases at a meeting in the period can have their last meeting in it.
    met = AgendaItem.objects.for_actor(actor).filter(
        meeting__status__in=HELD, meeting__starts_at__gte=since, meeting__starts_at__lt=until
    ).values("case_id")
    cases = cases.filter(pk__in=met).order_by().annotate(
        first_held=Subquery(held.order_by("meeting__starts_at")[:1]),
        last_held=Subquery(held.order_by("-meeting__starts_at")[:1]),
    ).filter(last_held__gt=F("first_held"), last_held__gte=since).annotate(
        before=Coalesce(Subquery(RiskChange.objects.for_actor(actor).filter(
            case=OuterRef("pk"), at__lte=OuterRef("first_held")).order_by("-at", "-pk")
            .values("risk")[:1]), Subquery(changes.order_by("at", "pk").values("risk")[:1])),
        after=Subquery(latest)).filter(after__isnull=False)
    moved: Counter[str] = Counter()
    for before, after, n in cases.values_list("before", "after").annotate(n=Count("pk")):
        moved[risk_move(before, after)] += n
    return Table("Cases at two or more meetings: risk at the first against risk now",
                 [(m, moved[m]) for m in MOVES])


def _first_meeting(actor: Actor, since: datetime, until: datetime, area: Area | None) -> Table:
    pack = actor.partnership.policy
    cases = Case.objects.for_actor(actor).filter(referred_at__gte=since, referred_at__lt=until)
    if area is not None:
        cases = cases.filter(child__area=area)
    firsts = dict(AgendaItem.objects.for_actor(actor).filter(
        case__in=cases, meeting__status__in=HELD).values("case_id").annotate(
        first=Min("meeting__starts_at")).values_list("case_id", "first"))
    today = timezone.localdate()
    counts: Counter[str] = Counter()
    due_by_day: dict[date, date | None] = {}  # the deadline depends on the referral's day
    for pk, referred in cases.values_list("pk", "referred_at"):
        day = timezone.localtime(referred).date()
        if day not in due_by_day:
            due_by_day[day] = first_meeting_due(pack, cast(Case, SimpleNamespace(
                referred_at=referred)))[0]
        due_on = due_by_day[day]
        if due_on is None:
            continue
        held = firsts.get(pk)
        if held is not None:
            counts[FIRST[0] if timezone.localtime(held).date() <= due_on else FIRST[1]] += 1
        else:
            counts[FIRST[2] if due_on < today else FIRST[3]] += 1
    return Table("First meeting against the deadline, for cases referred in the period",
                 [(label, counts[label]) for label in FIRST])


def _interviews(actor: Actor, since: datetime, until: datetime, area: Area | None) -> Table:
    """Returns in the period of children offered an interview (by their age on the day
    of the return; a child whose age is not known is offered one, as the due list does),
    by the child interview's outcome against the day it was due. One GROUP BY by the
    return's UK day and what decides the rest: rows per day, not per return."""
    pack = actor.partnership.policy
    rule = pack.missing.return_interview
    counts: Counter[str] = Counter()
    if not rule.offered or rule.time_limit is None:
        return Table("Return interviews against the time limit, for returns in the period",
                     [(label, counts[label]) for label in INTERVIEWS])
    limit = rule.time_limit.value
    working = limit.unit == "working_days"
    after = None if working else limit.as_timedelta()
    episodes = MissingEpisode.objects.for_actor(actor).filter(
        returned_at__gte=since, returned_at__lt=until, child__isnull=False)
    if area is not None:
        episodes = episodes.filter(area=area)
    age = whole_years("child__date_of_birth", "returned_at")
    unknown = Q(child__date_of_birth__isnull=True) | Q(
        child__date_of_birth_precision=Precision.UNKNOWN)
    refused = [When(unknown, then=Value(True))]
    if rule.min_age is not None:
        refused.append(When(LessThan(age, rule.min_age), then=Value(False)))
    if rule.max_age is not None:
        refused.append(When(GreaterThan(age, rule.max_age), then=Value(False)))
    interview = ReturnInterview.objects.for_actor(actor).filter(
        kind=ReturnInterview.Kind.CHILD, episodes=OuterRef("pk")).order_by("pk")
    tz = timezone.get_current_timezone()
    grouped = episodes.order_by().annotate(
        day=TruncDate("returned_at", tzinfo=tz),
        late=past_midnight("returned_at", after) if after else Value(False),
        offered=Choose(*refused, default=Value(True), output_field=BooleanField()),
        # The child interview's status and day completed in one subquery: "completed|2026-03-02".
        interview=Subquery(interview.annotate(both=Concat(
            "status", Value("|"), Coalesce(Cast("completed_on", CharField()), Value("")),
            output_field=CharField())).values("both")[:1]),
    ).filter(offered=True).values_list("day", "late", "interview").annotate(n=Count("pk"))
    due_by_day: dict[tuple[date, bool], date] = {}
    for day, late, both, n in grouped:
        status, _, done_on = (both or "").partition("|")
        completed = date.fromisoformat(done_on) if done_on else None
        if (day, late) not in due_by_day:
            due_by_day[day, late] = (
                limit.after(day, holidays=pack.holidays) if working else
                day + timedelta(days=after.days + late))  # type: ignore[union-attr]
        due_on = due_by_day[day, late]
        if status == ReturnInterview.Status.DECLINED:
            counts[INTERVIEWS[2]] += n
        elif status == ReturnInterview.Status.COMPLETED and completed is not None:
            counts[INTERVIEWS[0] if completed <= due_on else INTERVIEWS[1]] += n
        else:
            counts[INTERVIEWS[3]] += n
    return Table("Return interviews against the time limit, for returns in the period",
                 [(label, counts[label]) for label in INTERVIEWS])


def outcome_tables(actor: Actor, since: datetime, until: datetime,
                   area: Area | None) -> list[Table]:
    return [_trend(actor, since, until, area), _intervention(actor, since, until, area),
            _risk_movement(actor, since, until, area), _first_meeting(actor, since, until, area),
            _interviews(actor, since, until, area)]
