"""The missing figures are counted in the database (GROUP BY), in a fixed number of
statements (PERFORMANCE B6/B7), and give exactly the figures that reading every episode
into Python gave: the reference below is that earlier computation, kept here to check
against on a varied data set (Essex ToR (000) §4.6, oversight of missing children)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.access.scoped import unscoped
from macehub.missing import figures as current
from macehub.missing.figures import (
    DURATIONS,
    REPEATS,
    TIME_BANDS,
    Figures,
    Table,
    _suppress,
)
from macehub.missing.models import MissingEpisode, MissingFrom, ReturnInterview
from macehub.partnerships.models import Area
from macehub.tests.factories import child, years_ago

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
START, END = date(2025, 1, 1), date(2025, 12, 31)


def _repeat(n: int) -> str:
    return REPEATS[0 if n == 1 else 1 if n == 2 else 2 if n <= 4 else 3]


def _duration(hours: float | None) -> str:
    if hours is None:
        return "Still missing"
    for limit, label in DURATIONS:
        if limit is None or hours < limit:
            return label
    return DURATIONS[-1][1]


def reference_figures(actor: Actor, start: date, end: date) -> Figures:
    """The earlier computation: every episode's row read into Python and counted there."""
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


def _comparable(figures: Figures) -> Any:
    """The figures with equal counts in a table in a fixed order: the earlier computation
    left ties among push and pull factors in the order rows happened to come."""
    return (figures.children, figures.episodes, figures.counted, figures.suppressed_below,
            [(t.title, sorted(t.rows, key=lambda r: (-(r[1] or 0), r[0]))
              if t.title.endswith("factors") else list(t.rows)) for t in figures.tables])


def _varied(hub: Actor) -> None:
    """Episodes over a year and its clock changes, at every hour, of every length and none,
    from every kind of place, in two areas and none, with repeats concentrated in a few
    children and some not yet matched to a child; interviews in every state with factors."""
    rng = random.Random(14)
    kids = [child(hub, f"Figure{n}", "Example", years_ago(12 + n % 5)) for n in range(9)]
    areas = [Area.objects.create(partnership=hub.partnership, name=f"Quadrant {n}",
                                 kind=Area.Kind.QUADRANT) for n in range(2)]
    episodes = []
    for n in range(160):
        reported = datetime(2024, 12, 31, 22, tzinfo=LONDON) + timedelta(
            minutes=rng.randrange(0, 60 * 24 * 368))
        length = rng.choice([None, 0.5, 5.99, 6, 6.01, 23.9, 24, 71.9, 72, 200])
        who = rng.choice(kids[:2] * 6 + kids + [None])
        episodes.append(MissingEpisode(
            partnership=hub.partnership, child=who, force="Essex Police",
            police_reference=f"FIG-{n}", reported_at=reported,
            returned_at=None if length is None else reported + timedelta(hours=length),
            missing_from=rng.choice(MissingFrom.values), risk_grade="medium",
            area=rng.choice([*areas, None])))
    factors = ["family_conflict", "peers", "school", "substance_use", "relationship"]
    interviews = [ReturnInterview(
        partnership=hub.partnership, child=rng.choice(kids), offered_by="Missing team",
        offered_on=START + timedelta(days=rng.randrange(-20, 380)),
        status=rng.choice(ReturnInterview.Status.values),
        push_factors=rng.sample(factors, rng.randrange(0, 3)),
        pull_factors=rng.sample(factors, rng.randrange(0, 2))) for _ in range(40)]
    with unscoped("tests arrange records"):
        MissingEpisode.objects.bulk_create(episodes)
        ReturnInterview.objects.bulk_create(interviews)


@pytest.mark.parametrize("role", ["hub_coordinator", "analyst"])
def test_grouped_figures_equal_the_figures_counted_row_by_row(
        personas: dict[str, Any], actor_of: Any, role: str) -> None:
    # Essex ToR (000) §4.6: the same oversight figures; SECURITY S20: the same suppression
    # for an analyst.
    _varied(actor_of(personas["hub_coordinator"]))
    actor = actor_of(personas[role])
    for start, end in [(START, END), (date(2025, 3, 30), date(2025, 3, 30)),
                       (date(2025, 10, 1), date(2025, 11, 30)), (date(2030, 1, 1), END)]:
        assert _comparable(current.missing_figures(actor, start, end)) == \
            _comparable(reference_figures(actor, start, end)), (start, end)


@pytest.mark.parametrize("episodes", [5, 50])
def test_the_figures_take_the_same_statements_for_5_episodes_as_for_50(
        personas: dict[str, Any], actor_of: Any, episodes: int,
        django_assert_max_num_queries: Any) -> None:
    hub = actor_of(personas["hub_coordinator"])
    kid = child(hub, "Figure", "Example", years_ago(13))
    with unscoped("tests arrange records"):
        MissingEpisode.objects.bulk_create([MissingEpisode(
            partnership=hub.partnership, child=kid, force="Essex Police",
            police_reference=f"FIG-{n}", reported_at=timezone.now() - timedelta(hours=n + 1),
            missing_from="home", risk_grade="medium") for n in range(episodes)])
    with django_assert_max_num_queries(10):
        found = current.missing_figures(hub, timezone.localdate() - timedelta(days=7),
                                        timezone.localdate())
    assert found.episodes == episodes
