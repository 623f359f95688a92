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

from collections import Counter, defaultdict
from datetime import date, datetime
from types import SimpleNamespace
from typing import cast

from django.db.models import Min
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.cases.models import Case, RiskChange
from macehub.concerns.models import Concern, Screening
from macehub.meetings.models import AgendaItem, Meeting
from macehub.meetings.rules import first_meeting_due
from macehub.missing.figures import Table
from macehub.missing.models import MissingEpisode, ReturnInterview
from macehub.missing.rules import interview_due_on
from macehub.partnerships.models import Area
from macehub.partnerships.policy.values import RISK_ORDER
from macehub.people.models import age_on

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


def _risk_at(changes: list[tuple[datetime, str]], at: datetime) -> str | None:
    """The risk in force at `at`: the latest change at or before it (the first change
    where none is earlier: the risk the case was opened at)."""
    found = [risk for when, risk in changes if when <= at]
    return found[-1] if found else (changes[0][1] if changes else None)


def _risk_movement(actor: Actor, since: datetime, until: datetime,
                   area: Area | None) -> Table:
    items = AgendaItem.objects.for_actor(actor).filter(case__isnull=False,
                                                       meeting__status__in=HELD,
                                                       meeting__starts_at__lt=until)
    if area is not None:
        items = items.filter(case__child__area=area)
    meetings: dict[int, list[datetime]] = defaultdict(list)
    for case_id, starts in items.values_list("case_id", "meeting__starts_at").distinct():
        meetings[case_id].append(starts)
    wanted = [pk for pk, starts in meetings.items() if len(set(starts)) > 1
              and max(starts) >= since]
    changes: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
    for case_id, at, risk in RiskChange.objects.for_actor(actor).filter(
            case_id__in=wanted, at__lt=until).order_by("at", "pk").values_list(
            "case_id", "at", "risk"):
        changes[case_id].append((at, risk))
    moved: Counter[str] = Counter()
    for pk in wanted:
        first, last = _risk_at(changes[pk], min(meetings[pk])), _risk_at(changes[pk], until)
        if first is None or last is None:
            continue
        moved[risk_move(first, last)] += 1
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
    pack = actor.partnership.policy
    episodes = MissingEpisode.objects.for_actor(actor).filter(
        returned_at__gte=since, returned_at__lt=until, child__isnull=False)
    if area is not None:
        episodes = episodes.filter(area=area)
    done: dict[int, tuple[str, date | None]] = {}
    for episode_id, status, completed in ReturnInterview.objects.for_actor(actor).filter(
            kind=ReturnInterview.Kind.CHILD, episodes__in=episodes).values_list(
            "episodes", "status", "completed_on"):
        done[episode_id] = (status, completed)
    counts: Counter[str] = Counter()
    rule = pack.missing.return_interview
    for pk, returned_at, born, precision in episodes.values_list(
            "pk", "returned_at", "child__date_of_birth", "child__date_of_birth_precision"):
        due_on = interview_due_on(pack, returned_at)
        age = age_on(born, timezone.localtime(returned_at).date(), precision)
        # A child whose age is not known is offered an interview, as the due list does.
        if due_on is None or (age is not None and not rule.offered_at(age)):
            continue
        status, completed = done.get(pk, ("", None))
        if status == ReturnInterview.Status.DECLINED:
            counts[INTERVIEWS[2]] += 1
        elif status == ReturnInterview.Status.COMPLETED and completed is not None:
            counts[INTERVIEWS[0] if completed <= due_on else INTERVIEWS[1]] += 1
        else:
            counts[INTERVIEWS[3]] += 1
    return Table("Return interviews against the time limit, for returns in the period",
                 [(label, counts[label]) for label in INTERVIEWS])


def outcome_tables(actor: Actor, since: datetime, until: datetime,
                   area: Area | None) -> list[Table]:
    return [_trend(actor, since, until, area), _intervention(actor, since, until, area),
            _risk_movement(actor, since, until, area), _first_meeting(actor, since, until, area),
            _interviews(actor, since, until, area)]
