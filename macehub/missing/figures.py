"""Missing figures for oversight (Essex §4.6, "oversight of missing children": numbers of
children and episodes, times and durations, where from, where located, return interview
information, repeat missing) by area and period. Aggregates only: no names.

Free text is never a group: where a child was found is written by the police in their own
words and can name an adult, so the figures count what the forms record as choices (time,
duration, where from, area, interview outcome, push and pull factors) and nothing typed.

Small numbers (SECURITY S20): someone who sees the figures and no missing record (an
analyst) sees counts from 1 to one less than the pack's `figures_suppress_below` as
"fewer than" it, and where a table would then hide a single count (which its other counts
and the total would give away) the next smallest count is hidden too."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Case as DjCase
from django.db.models import Count as Counted
from django.db.models import F, Q, QuerySet, Value, When
from django.db.models.functions import ExtractHour, TruncMonth
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.missing.models import MissingEpisode, MissingFrom, ReturnInterview

TIME_BANDS = ["00:00–05:59", "06:00–11:59", "12:00–17:59", "18:00–23:59"]
DURATIONS = [(6, "Under 6 hours"), (24, "6 to 24 hours"), (72, "1 to 3 days"),
             (None, "Over 3 days")]
REPEATS = ["1 episode", "2 episodes", "3 to 4 episodes", "5 or more episodes"]


# A count, or None where it is suppressed as a small number.
Count = int | None


@dataclass
class Table:
    title: str
    rows: Sequence[tuple[str, Count]] = field(default_factory=list)


@dataclass
class Figures:
    start: date
    end: date
    children: Count
    episodes: Count
    tables: list[Table]
    # Counts from 1 to one less than this are suppressed; 0 when nothing is.
    suppressed_below: int = 0
    # Episodes counted, for the audit trail only (never shown).
    counted: int = 0

    @property
    def suppression_note(self) -> str:
        if not self.suppressed_below:
            return ""
        return (f"Numbers from 1 to {self.suppressed_below - 1} are shown as "
                f"\u201cfewer than {self.suppressed_below}\u201d so that no child can be "
                "picked out.")

    def shown(self, count: Count) -> str:
        """A count as people read it: the number, or "fewer than N" where suppressed."""
        return str(count) if count is not None else f"fewer than {self.suppressed_below}"


def _suppress(rows: list[tuple[str, int]], below: int) -> list[tuple[str, Count]]:
    small = [i for i, (_, n) in enumerate(rows) if 0 < n < below]
    if len(small) == 1:
        # One hidden count could be worked out from the others and the total: hide the
        # next smallest count as well.
        others = sorted((n, i) for i, (_, n) in enumerate(rows) if n >= below)
        if others:
            small.append(others[0][1])
    return [(label, None if i in small else n) for i, (label, n) in enumerate(rows)]


def period_instants(start: date, end: date) -> tuple[datetime, datetime]:
    """A period of days as instants: from the start of its first day to the start of the
    day after its last, in UK time (a day with a clock change is 23 or 25 hours)."""
    zone = timezone.get_current_timezone()
    return (datetime.combine(start, time(), tzinfo=zone),
            datetime.combine(end + timedelta(days=1), time(), tzinfo=zone))


def suppressed_tables(tables: list[Table], below: int) -> list[Table]:
    """The tables as someone who sees aggregates only reads them (SECURITY S20)."""
    return [Table(t.title, _suppress([(label, n or 0) for label, n in t.rows], below))
            for t in tables]


def default_period() -> tuple[date, date]:
    """The period shown until one is chosen: from the first of the month a year ago."""
    today = timezone.localdate()
    return today.replace(day=1) - timedelta(days=365), today


def _grouped(rows: QuerySet[Any], *fields: str) -> list[tuple[Any, ...]]:
    """(value of each field..., count) per group: one GROUP BY in the database."""
    return list(rows.order_by().values(*fields).annotate(n=Counted("pk"))
                .values_list(*fields, "n"))


def _episode_counts(episodes: QuerySet[Any]) -> dict[str, Counter[str]]:
    """The episode tables' counts, each from a GROUP BY: the rows never come to Python.
    Times are grouped by local hour and month (the partnership's time zone), durations by
    band."""
    reported = F("reported_at")
    band = DjCase(*(When(returned_at__lt=reported + timedelta(hours=limit), then=Value(label))
                    for limit, label in DURATIONS if limit is not None),
                  When(returned_at__isnull=True, then=Value("Still missing")),
                  default=Value(DURATIONS[-1][1]))
    counts: dict[str, Counter[str]] = {name: Counter() for name in
                                       ("bands", "lengths", "froms", "areas", "months")}
    for hour, n in _grouped(episodes.annotate(hour=ExtractHour("reported_at")), "hour"):
        counts["bands"][TIME_BANDS[hour // 6]] += n
    for month, n in _grouped(episodes.annotate(month=TruncMonth("reported_at")), "month"):
        counts["months"][f"{month:%Y-%m}"] += n
    for length, n in _grouped(episodes.annotate(length=band), "length"):
        counts["lengths"][length] += n
    for where, n in _grouped(episodes, "missing_from"):
        counts["froms"][MissingFrom(where).label if where in MissingFrom.values else where] += n
    for area, n in _grouped(episodes, "area__name"):
        counts["areas"][area or "Not recorded"] += n
    return counts


def _repeats(episodes: QuerySet[Any]) -> tuple[int, Counter[str]]:
    """How many children went missing, and how many of them 1, 2, 3 to 4 and 5 or more
    times: per-child counts, grouped again in the database."""
    per_child = episodes.filter(child__isnull=False).order_by().values("child_id").annotate(
        n=Counted("pk"))
    found = per_child.aggregate(
        children=Counted("child_id"), one=Counted("child_id", filter=Q(n=1)),
        two=Counted("child_id", filter=Q(n=2)),
        some=Counted("child_id", filter=Q(n__gte=3, n__lte=4)),
        many=Counted("child_id", filter=Q(n__gte=5)))
    return found["children"], Counter(dict(zip(REPEATS, (found["one"], found["two"],
                                                         found["some"], found["many"]),
                                               strict=True)))


def _factors(interviews: QuerySet[Any], name: str) -> list[tuple[str, int]]:
    """Push or pull factors, most often first (then by name): grouped by the set of factors
    recorded, so only the distinct sets come to Python."""
    found: Counter[str] = Counter()
    for factors, n in _grouped(interviews, name):
        for factor in factors or []:
            found[factor] += n
    return sorted(found.items(), key=lambda item: (-item[1], item[0]))


def missing_figures(actor: Actor, start: date, end: date) -> Figures:
    """The oversight tables for the period: counts only, from the records the actor
    reaches (an analyst reaches them for these figures alone: macehub.missing.reach).
    Every count is made in the database (GROUP BY): a fixed number of statements and
    little memory, however many episodes the period holds."""
    since, until = period_instants(start, end)
    episodes = MissingEpisode.objects.for_actor(actor).filter(
        reported_at__gte=since, reported_at__lt=until)
    counts = _episode_counts(episodes)
    total = sum(counts["froms"].values())
    children, repeat = _repeats(episodes)
    bands, lengths, froms, areas, months = (counts[k] for k in (
        "bands", "lengths", "froms", "areas", "months"))
    interviews = ReturnInterview.objects.for_actor(actor).filter(
        offered_on__gte=start, offered_on__lte=end)
    statuses = Counter(dict(_grouped(interviews, "status")))
    offered = [("Offered", sum(statuses.values()))] + [
        (label, statuses[key]) for key, label in ReturnInterview.Status.choices if key != "offered"]
    tables = [
        Table("Episodes by time of day reported", [(b, bands[b]) for b in TIME_BANDS]),
        Table("Episodes by duration", [(label, lengths[label]) for label in
                                       [d[1] for d in DURATIONS] + ["Still missing"]]),
        Table("Where children went missing from", sorted(froms.items())),
        Table("Return interviews", offered),
        Table("Push factors", _factors(interviews, "push_factors")),
        Table("Pull factors", _factors(interviews, "pull_factors")),
        Table("Repeat missing: children by number of episodes", [(r, repeat[r]) for r in REPEATS]),
        Table("Episodes by area", sorted(areas.items())),
        Table("Episodes by month", sorted(months.items())),
    ]
    figures = Figures(start, end, children, total, tables, counted=total)
    if actor.has("missing.view"):
        return figures
    below = actor.partnership.policy.missing.figures_suppress_below.value
    shown_children, episodes = (None if 0 < n < below else n for n in (children, total))
    return Figures(start, end, shown_children, episodes, suppressed_tables(tables, below),
                   suppressed_below=below, counted=total)
