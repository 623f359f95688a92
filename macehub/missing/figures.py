"""Missing figures for oversight (Essex §4.6, "oversight of missing children": numbers of
children and episodes, times and durations, where from, where located, return interview
information, repeat missing) by area and period. Aggregates only: no names."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from macehub.access.actor import Actor
from macehub.missing.models import MissingEpisode, MissingFrom, ReturnInterview

TIME_BANDS = ["00:00–05:59", "06:00–11:59", "12:00–17:59", "18:00–23:59"]
DURATIONS = [(6, "Under 6 hours"), (24, "6 to 24 hours"), (72, "1 to 3 days"),
             (None, "Over 3 days")]
REPEATS = ["1 episode", "2 episodes", "3 to 4 episodes", "5 or more episodes"]


@dataclass
class Table:
    title: str
    rows: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Figures:
    start: date
    end: date
    children: int
    episodes: int
    tables: list[Table]


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
        .values_list("child_id", "reported_at", "returned_at", "missing_from",
                     "found_location", "area__name", "looked_after"))
    per_child = Counter(r[0] for r in rows if r[0])
    bands: Counter[str] = Counter()
    lengths: Counter[str] = Counter()
    froms: Counter[str] = Counter()
    located: Counter[str] = Counter()
    areas: Counter[str] = Counter()
    months: Counter[str] = Counter()
    for _child, reported, returned, where, found, area, _la in rows:
        local = timezone.localtime(reported)
        bands[TIME_BANDS[local.hour // 6]] += 1
        hours = (returned - reported).total_seconds() / 3600 if returned else None
        lengths[_duration(hours)] += 1
        froms[MissingFrom(where).label if where in MissingFrom.values else where] += 1
        located[(found or "Not recorded").strip().capitalize()] += 1
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
        Table("Where children were found or located (most common)", located.most_common(10)),
        Table("Return interviews", offered),
        Table("Push factors", push.most_common()),
        Table("Pull factors", pull.most_common()),
        Table("Repeat missing: children by number of episodes", [(r, repeat[r]) for r in REPEATS]),
        Table("Episodes by area", sorted(areas.items())),
        Table("Episodes by month", sorted(months.items())),
    ]
    return Figures(start, end, len(per_child), len(rows), tables)
