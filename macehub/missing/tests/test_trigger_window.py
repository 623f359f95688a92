"""The trigger window looks back only as far as its width (plus the hour a clock change
can move the wall clock), so a child with years of episodes costs no more than one with a
few; what it counts is exactly what counting every earlier episode gives, across the
clock changes and 29 February (Essex §4: three episodes in 90 days; four weeks)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from macehub.missing.triggers import Ep, _groups, _wall, _window

LONDON = ZoneInfo("Europe/London")
WIDTHS = [timedelta(days=90), timedelta(weeks=4), timedelta(hours=1), timedelta(0)]


def _naive(walls: list[datetime], i: int, width: timedelta) -> list[int]:
    return [k for k in range(i + 1) if walls[i] - walls[k] <= width]


def _episodes(seed: int, start: datetime, spread_hours: int, count: int) -> list[Ep]:
    chance = random.Random(seed)
    out = []
    for n in range(count):
        at = start + timedelta(minutes=chance.randrange(spread_hours * 60))
        back = at + timedelta(hours=chance.randrange(1, 30)) if chance.random() < 0.8 else None
        out.append(Ep(n + 1, at, back, False))
    return out


@pytest.mark.parametrize("start, hours", [
    # The autumn change: 01:00-02:00 happens twice (wall clock runs back an hour).
    (datetime(2026, 10, 24, 22, 0, tzinfo=LONDON), 8),
    # The spring change: 01:00-02:00 never happens.
    (datetime(2027, 3, 27, 22, 0, tzinfo=LONDON), 8),
    # A leap day, and years of history.
    (datetime(2027, 12, 1, 0, 0, tzinfo=LONDON), 24 * 365 * 2),
])
@pytest.mark.parametrize("seed", range(8))
def test_the_trigger_window_counts_what_a_full_count_of_earlier_episodes_counts(
        start: datetime, hours: int, seed: int) -> None:
    groups = _groups(_episodes(seed, start, hours, 60))
    walls = [_wall(g[0].reported_at) for g in groups]
    for width in WIDTHS:
        for i in range(len(groups)):
            assert _window(groups, walls, i, width) == _naive(walls, i, width)


def test_a_long_history_is_looked_back_over_only_as_far_as_the_window() -> None:
    # 2,000 episodes over ten years: each looks back over its recent ones only.
    episodes = [Ep(n, datetime(2020, 1, 1, tzinfo=LONDON) + timedelta(days=2 * n), None, False)
                for n in range(2000)]
    groups = _groups(episodes)
    walls = [_wall(g[0].reported_at) for g in groups]
    assert len(_window(groups, walls, 1999, timedelta(days=90))) == 46
