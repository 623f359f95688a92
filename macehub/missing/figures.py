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


def _repeat(n: int) -> str:
    return REPEATS[0 if n == 1 else 1 if n == 2 else 2 if n <= 4 else 3]


def _duration(hours: float | None) -> str:
    if hours is None:
        return "Still missing"
    for limit, label in DURATIONS:
        if limit is None or hours < limit:
            return label
    return DURATIONS[-1][1]


def default_period() -> tuple[date, date]:
    """The period shown until one is chosen: from the first of the month a year ago."""
    today = timezone.localdate()
    return today.replace(day=1) - timedelta(days=365), today


def missing_figures(actor: Actor, start: date, end: date) -> Figures:
    """The oversight tables for the period: counts only, from the records the actor
    reaches (an analyst reaches them for these figures alone: macehub.missing.reach)."""
    since = timezone.make_aware(datetime.combine(start, time.min))
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    rows = list(MissingEpisode.objects.for_actor(actor).filter(
        reported_at__gte=since, reported_at__lt=until)
        .values_list("child_id", "reported_at", "returned_at", "missing_from", "area__name"))
    per_child = Counter(r[0] for r in rows if r[0])
    bands: Counter[str] = Counter()
    lengths: Counter[str] = Counter()
    froms: Counter[str] = Counter()
    areas: Counter[str] = Counter()
    months: Counter[str] = Counter()
    for _child, reported, returned, where, area in rows:
        local = timezone.localtime(reported)
        bands[TIME_BANDS[local.hour // 6]] += 1
        hours = (returned - reported).total_seconds() / 3600 if returned else None
        lengths[_duration(hours)] += 1
        froms[MissingFrom(where).label if where in MissingFrom.values else where] += 1
        areas[area or "Not recorded"] += 1
        months[f"{local:%Y-%m}"] += 1
    interviews = list(ReturnInterview.objects.for_actor(actor).filter(
        offered_on__gte=start, offered_on__lte=end)
        .values_list("status", "push_factors", "pull_factors", "kind"))
    statuses = Counter(s for s, *_ in interviews)
    offered = [("Offered", len(interviews))] + [
        (label, statuses[key]) for key, label in ReturnInterview.Status.choices if key != "offered"]
    push = Counter(f for _, p, _, _ in interviews for f in p)
    pull = Counter(f for _, _, p, _ in interviews for f in p)
    repeat = Counter(_repeat(n) for n in per_child.values())
    tables = [
        Table("Episodes by time of day reported", [(b, bands[b]) for b in TIME_BANDS]),
        Table("Episodes by duration", [(label, lengths[label]) for label in
                                       [d[1] for d in DURATIONS] + ["Still missing"]]),
        Table("Where children went missing from", sorted(froms.items())),
        Table("Return interviews", offered),
        Table("Push factors", push.most_common()),
        Table("Pull factors", pull.most_common()),
        Table("Repeat missing: children by number of episodes", [(r, repeat[r]) for r in REPEATS]),
        Table("Episodes by area", sorted(areas.items())),
        Table("Episodes by month", sorted(months.items())),
    ]
    figures = Figures(start, end, len(per_child), len(rows), tables, counted=len(rows))
    if actor.has("missing.view"):
        return figures
    below = actor.partnership.policy.missing.figures_suppress_below.value
    children, episodes = (None if 0 < n < below else n for n in (len(per_child), len(rows)))
    return Figures(start, end, children, episodes,
                   [Table(t.title, _suppress([(label, n or 0) for label, n in t.rows], below))
                    for t in tables], suppressed_below=below, counted=len(rows))
