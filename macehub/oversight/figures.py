"""The exploitation dashboard: the partnership's picture over a period and, if chosen, one
area. Counts only, each from one aggregate query or one narrow column read; no names and
no free text (a free-text answer is never a group).

Essex (000 §4.6 and §6) asks for MACE trackers and trend reports; Dudley (003) for an
exploitation dashboard; Wolverhampton (001) for a picture of victims and locations for
its CEMOG. Someone who sees these figures but no case (an analyst) sees small counts
suppressed as the missing figures are (SECURITY S20)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Min, OuterRef, Q, Subquery
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.cases.models import Case, NrmReferral
from macehub.concerns.models import Concern, RiskLevel, Screening
from macehub.lib.plans import without_jit
from macehub.meetings.models import Action, Invitation, Meeting
from macehub.missing.figures import Table, period_instants, suppressed_tables
from macehub.missing.models import MissingEpisode
from macehub.oversight.bands import age_when, duration_band, instant_band
from macehub.oversight.figures_pursuit import (
    disruption_tables,
    escalation_table,
    perpetrator_disruption,
    place_tables,
)
from macehub.oversight.outcomes import MOVES, outcome_tables, risk_move
from macehub.partnerships.models import AgencyType, Area
from macehub.people.ethnicity import ethnicity_label
from macehub.people.models import Gender

AGE_BANDS = ["Under 10", "10 to 12", "13 to 15", "16 to 17", "18 or over", "Not known"]
SCREENING_TIMES = [(1, "Within a day"), (3, "1 to 3 days"), (7, "3 to 7 days"),
                   (None, "Over 7 days")]
TIME_OPEN = [(91, "Under 3 months"), (182, "3 to 6 months"), (365, "6 to 12 months"),
             (None, "Over a year")]


@dataclass
class Dashboard:
    start: date
    end: date
    area: Area | None
    tables: list[Table]
    outcomes: list[Table]
    suppressed_below: int = 0
    counted: int = 0  # records counted, for the audit trail only

    @property
    def suppression_note(self) -> str:
        if not self.suppressed_below:
            return ""
        return (f"Numbers from 1 to {self.suppressed_below - 1} are shown as \u201cfewer than "
                f"{self.suppressed_below}\u201d so that no child can be picked out.")


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time()))


def _age_band(age: int | None) -> str:
    if age is None:
        return AGE_BANDS[-1]
    return AGE_BANDS[0 if age < 10 else 1 if age < 13 else 2 if age < 16 else 3 if age < 18
                     else 4]


def _grouped(query: Any, field: str, labels: dict[str, str]) -> list[tuple[str, int]]:
    return _rows({row[field]: row["n"] for row in query.values(field).annotate(n=Count("pk"))},
                 labels)


def _rows(counts: dict[Any, int], labels: dict[str, str]) -> list[tuple[str, int]]:
    """Every label in order with its count, then any key the labels do not know."""
    counts = dict(counts)
    rows = [(labels[key], counts.pop(key, 0)) for key in labels]
    rows += [(labels.get(key, "Not recorded") if key else "Not recorded", n)
             for key, n in counts.items()]
    return rows


def _concern_tables(actor: Actor, since: datetime, until: datetime,
                    area: Area | None) -> tuple[list[Table], int]:
    concerns = Concern.objects.for_actor(actor).filter(submitted_at__gte=since,
                                                       submitted_at__lt=until)
    if area is not None:
        concerns = concerns.filter(child__area=area)
    concerns = concerns.order_by()
    pack = actor.partnership.policy
    types: Counter[str] = Counter()
    ages: Counter[str] = Counter()
    areas: Counter[str] = Counter()
    counted = 0
    # One GROUP BY for three tables: the rows are the combinations of types, age band and
    # area, a few hundred at most, whatever the number of concerns.
    for kinds, about_missing, age, area_name, n in concerns.annotate(
            age=age_when("child_details", "submitted_at")).values_list(
            "exploitation_types", "about_missing", "age", "child__area__name").annotate(
            n=Count("pk")):
        counted += n
        for kind in kinds or []:
            found = pack.exploitation_types.get(kind)
            types[found.label if found else "Other"] += n
        if about_missing and not kinds:
            types["Missing only"] += n
        ages[_age_band(age)] += n
        areas[area_name or "Not recorded"] += n
    agency_types = dict(AgencyType.choices)
    ethnicities: Counter[str] = Counter()
    for row in concerns.values("ethnicity").annotate(n=Count("pk")):
        ethnicities[ethnicity_label(row["ethnicity"])] += row["n"]
    return [
        Table("Concerns by referring agency",
              _grouped(concerns, "referrer_agency__type", agency_types)),
        Table("Concerns by type of exploitation", sorted(types.items())),
        Table("Concerns by the child's age when referred",
              [(b, ages[b]) for b in AGE_BANDS]),
        Table("Concerns by the child's sex or gender",
              _grouped(concerns, "gender", dict(Gender.choices))),
        Table("Concerns by the child's ethnicity", sorted(ethnicities.items())),
        Table("Concerns by area", sorted(areas.items())),
    ], counted


def _screening_tables(actor: Actor, since: datetime, until: datetime,
                      area: Area | None) -> list[Table]:
    screenings = Screening.objects.for_actor(actor).filter(screened_at__gte=since,
                                                           screened_at__lt=until)
    if area is not None:
        screenings = screenings.filter(concern__child__area=area)
    outcomes = {key: o.label for key, o in actor.partnership.policy.screening.outcomes.items()}
    waits: Counter[str] = Counter()
    by_outcome: Counter[str] = Counter()
    for outcome, band, n in screenings.order_by().annotate(band=duration_band(
            "concern__submitted_at", "screened_at", SCREENING_TIMES, timedelta(days=1))
            ).values_list("outcome", "band").annotate(n=Count("pk")):
        waits[band] += n
        by_outcome[outcome] += n
    return [Table("Screening outcomes", _rows(by_outcome, outcomes)),
            Table("Time from concern to screening",
                  [(label, waits.get(label, 0)) for _, label in SCREENING_TIMES])]


def _case_tables(actor: Actor, end: date, area: Area | None) -> list[Table]:
    cases = Case.objects.for_actor(actor).filter(status=Case.Status.OPEN)
    if area is not None:
        cases = cases.filter(child__area=area)
    cases = cases.order_by()
    # Open under L days at `end`: opened on or after the UK day L - 1 days before it.
    edges = [(_midnight(end - timedelta(days=limit - 1)), label)
             for limit, label in TIME_OPEN if limit is not None]
    open_for = dict(cases.annotate(band=instant_band("opened_at", edges, TIME_OPEN[-1][1]))
                    .values_list("band").annotate(n=Count("pk")))
    # The risk each case was opened at: its earliest screening's.
    # Ordered by the case first (one case here) so that the planner reads the screenings
    # by their case rather than walking the partnership's screenings in date order.
    first = Screening.objects.for_actor(actor).filter(case=OuterRef("pk")).order_by(
        "case", "screened_at", "pk").values("risk")[:1]
    movement: Counter[str] = Counter()
    by_risk: Counter[str] = Counter()
    for risk, opened_with, n in cases.annotate(first=Subquery(first)).values_list(
            "risk", "first").annotate(n=Count("pk")):
        movement[risk_move(opened_with or risk, risk)] += n
        by_risk[risk] += n
    return [Table("Open cases by risk", _rows(by_risk, dict(RiskLevel.choices))),
            Table("Open cases by time open",
                  [(label, open_for.get(label, 0)) for _, label in TIME_OPEN]),
            Table("Open cases: risk now against risk when opened",
                  [(move, movement[move]) for move in MOVES])]


def _meeting_tables(actor: Actor, since: datetime, until: datetime,
                    area: Area | None) -> list[Table]:
    meetings = Meeting.objects.for_actor(actor).filter(
        starts_at__gte=since, starts_at__lt=until,
        status__in=[Meeting.Status.HELD, Meeting.Status.APPROVED])
    if area is not None:
        meetings = meetings.filter(area=area)
    forums = {key: forum.label for key, forum in actor.partnership.policy.forums.items()}
    held = [(label, n) for label, n in _grouped(meetings, "forum", forums) if n]
    quorate = meetings.aggregate(inquorate=Count("pk", filter=~Q(inquorate_reason="")),
                                 all=Count("pk"))
    present = (Invitation.Attendance.PRESENT,)
    attendance: list[tuple[str, int]] = []
    for row in (Invitation.objects.for_actor(actor).filter(meeting__in=meetings)
                .exclude(agency__isnull=True).values("agency__name")
                .annotate(invited=Count("pk"),
                          came=Count("pk", filter=Q(attendance__in=present)))
                .order_by("agency__name")):
        attendance += [(f"{row['agency__name']}: invited", row["invited"]),
                       (f"{row['agency__name']}: attended", row["came"])]
    return [Table("Meetings held, by forum", held),
            Table("Quoracy of meetings held",
                  [("Quorate", quorate["all"] - quorate["inquorate"]),
                   ("Not quorate", quorate["inquorate"])]),
            Table("Attendance by agency", attendance)]


def _action_table(actor: Actor, start: date, end: date, area: Area | None) -> Table:
    """Actions due in the period: done by their date, done late, still open and overdue,
    or still open and not yet due. An action is done when its first 'done' update is."""
    actions = Action.objects.for_actor(actor).filter(due_on__gte=start, due_on__lte=end)
    if area is not None:
        actions = actions.filter(meeting__area=area)
    today = timezone.localdate()
    done = Action.Status.DONE
    counts: Counter[str] = Counter()
    for status, due_on, finished in actions.annotate(
            finished=Min("updates__at", filter=Q(updates__status=done))).values_list(
            "status", "due_on", "finished"):
        if status == Action.Status.CANCELLED:
            counts["Cancelled"] += 1
        elif status == done:
            on_time = finished is None or timezone.localtime(finished).date() <= due_on
            counts["Done by the date set" if on_time else "Done late"] += 1
        else:
            counts["Open and overdue" if due_on < today else "Open, not yet due"] += 1
    return Table("Actions due in the period", [(k, counts[k]) for k in (
        "Done by the date set", "Done late", "Open and overdue", "Open, not yet due",
        "Cancelled")])


def _missing_and_nrm(actor: Actor, since: datetime, until: datetime, start: date,
                     end: date, area: Area | None) -> list[Table]:
    episodes = MissingEpisode.objects.for_actor(actor).filter(reported_at__gte=since,
                                                              reported_at__lt=until)
    nrm = NrmReferral.objects.for_actor(actor).filter(referred_on__gte=start,
                                                      referred_on__lte=end)
    if area is not None:
        episodes, nrm = episodes.filter(area=area), nrm.filter(case__child__area=area)
    linked = episodes.aggregate(
        linked=Count("pk", filter=Q(child__cases__isnull=False), distinct=True),
        all=Count("pk", distinct=True))
    decisions = dict(NrmReferral.Decision.choices)
    return [
        Table("Missing episodes of children known for exploitation",
              [("Child has an exploitation case", linked["linked"]),
               ("No exploitation case", linked["all"] - linked["linked"])]),
        Table("National Referral Mechanism referrals: reasonable grounds",
              _grouped(nrm, "reasonable_grounds", decisions)),
        Table("National Referral Mechanism referrals: conclusive grounds",
              _grouped(nrm, "conclusive_grounds", decisions)),
    ]


def dashboard(actor: Actor, start: date, end: date, area: Area | None = None) -> Dashboard:
    """Every table of the dashboard for the period (and area), from the records the actor
    reaches; suppressed for someone who sees aggregates only (no `case.view`). Read in one
    transaction without JIT compilation, which the correlated subqueries' estimated cost
    would otherwise set off (docs/adr/0030)."""
    with without_jit():
        return _dashboard(actor, start, end, area)


def _dashboard(actor: Actor, start: date, end: date, area: Area | None) -> Dashboard:
    since, until = period_instants(start, end)
    concern_tables, counted = _concern_tables(actor, since, until, area)
    tables = [*concern_tables, *_screening_tables(actor, since, until, area),
              *_case_tables(actor, end, area), *_meeting_tables(actor, since, until, area),
              _action_table(actor, start, end, area),
              *_missing_and_nrm(actor, since, until, start, end, area),
              escalation_table(actor, start, end, area),
              *disruption_tables(actor, start, end, area), *place_tables(actor, area)]
    outcomes = [*outcome_tables(actor, since, until, area),
                perpetrator_disruption(actor, start, end, area)]
    if actor.has("case.view"):
        return Dashboard(start, end, area, tables, outcomes, counted=counted)
    below = actor.partnership.policy.missing.figures_suppress_below.value
    return Dashboard(start, end, area, suppressed_tables(tables, below),
                     suppressed_tables(outcomes, below),
                     suppressed_below=below, counted=counted)

