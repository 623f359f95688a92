"""Re-importing a police notification is idempotent whatever the season: times are
compared as instants, never as text (docs/missing-import.md "Idempotent"). UK local
times in the file are read in Europe/London; the hours the clocks skip or repeat have no
single instant, so such a row is refused with a reason that says how to write it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from macehub.missing.importer import import_rows
from macehub.missing.models import EpisodeChange, MissingEpisode
from macehub.missing.services import episode_update
from macehub.missing.tests.conftest import LONDON, row

pytestmark = pytest.mark.django_db


def _twice(actor: Any, rows: list[dict[str, str]]) -> tuple[Any, Any]:
    first = import_rows(actor=actor, rows=rows, via="test")
    second = import_rows(actor=actor, rows=rows, via="test")
    return first, second


@pytest.mark.parametrize(("reported", "returned"), [
    ("2026-07-14 22:15", "2026-07-15 09:40"),          # summer: British Summer Time
    ("2026-01-14 22:15", "2026-01-15 09:40"),          # winter: Greenwich Mean Time
    ("2026-03-29 00:30", "2026-03-29 03:30"),          # either side of the spring change
    ("2026-10-25 00:30", "2026-10-25 03:30"),          # either side of the autumn change
    ("2026-07-14T22:15:00+01:00", "2026-07-15T08:40:00Z"),  # offsets written out
])
def test_reimporting_a_notification_is_unchanged_in_summer_and_winter(
        essex_hub: Any, reported: str, returned: str) -> None:
    first, second = _twice(essex_hub, [row("A", reported, returned)])
    assert (first.created, first.errors) == (1, [])
    assert (second.created, second.updated, second.unchanged) == (0, 0, 1)
    episode = MissingEpisode.objects.get()
    assert episode.version == 1
    assert not EpisodeChange.objects.filter(episode=episode).exists()


def test_summer_local_time_is_stored_as_the_instant_an_hour_before_in_utc(
        essex_hub: Any) -> None:
    import_rows(actor=essex_hub, rows=[row("A", "2026-07-14 22:15")], via="test")
    assert MissingEpisode.objects.get().reported_at == datetime(2026, 7, 14, 21, 15, tzinfo=UTC)


def test_the_same_instant_written_with_another_offset_is_unchanged(essex_hub: Any) -> None:
    import_rows(actor=essex_hub, rows=[row("A", "2026-07-14 22:15")], via="test")
    run = import_rows(actor=essex_hub, rows=[row("A", "2026-07-14T21:15:00+00:00")],
                      via="test")
    assert (run.updated, run.unchanged) == (0, 1)


def test_a_real_change_of_time_in_summer_is_still_an_update_with_history(
        essex_hub: Any) -> None:
    import_rows(actor=essex_hub, rows=[row("A", "2026-07-14 22:15")], via="test")
    run = import_rows(actor=essex_hub, rows=[row("A", "2026-07-14 22:45")], via="test")
    assert run.updated == 1
    change = EpisodeChange.objects.get()
    assert set(change.changes) == {"reported_at"}


def test_a_time_in_the_hour_the_clocks_skip_in_march_is_refused(essex_hub: Any) -> None:
    # 29 March 2026: 01:00 GMT becomes 02:00 BST, so 01:30 never happened in the UK.
    run = import_rows(actor=essex_hub, rows=[row("A", "2026-03-29 01:30")], via="test")
    assert run.created == 0 and not MissingEpisode.objects.exists()
    [error] = run.errors
    assert error["field"] == "reported_at" and "did not happen" in error["reason"]


def test_a_time_in_the_hour_the_clocks_repeat_in_october_is_refused_without_an_offset(
        essex_hub: Any) -> None:
    # 25 October 2026: 01:00-02:00 happens twice (BST, then GMT); the file must say which.
    run = import_rows(actor=essex_hub, rows=[row("A", "2026-10-25 00:00", "2026-10-25 01:30")],
                      via="test")
    [error] = run.errors
    assert error["field"] == "returned_at" and "+01:00" in error["reason"]
    assert not MissingEpisode.objects.exists()


def test_the_repeated_october_hour_with_an_offset_imports_and_reimports_unchanged(
        essex_hub: Any) -> None:
    rows = [row("A", "2026-10-25 01:30+01:00", "2026-10-25 01:30+00:00")]
    first, second = _twice(essex_hub, rows)
    assert (first.created, first.errors) == (1, [])
    assert (second.updated, second.unchanged) == (0, 1)
    episode = MissingEpisode.objects.get()
    assert episode.duration_hours == 1.0


def test_saving_an_episode_page_unchanged_in_summer_records_no_change(
        essex_hub: Any) -> None:
    import_rows(actor=essex_hub, rows=[row("A", "2026-07-14 22:15", "2026-07-15 09:40")],
                via="test")
    episode = MissingEpisode.objects.get()
    assert episode.returned_at is not None
    # The edit page hands back the times it showed: local (BST) datetimes.
    episode_update(actor=essex_hub, episode=episode, version=1,
                   reported_at=episode.reported_at.astimezone(LONDON),
                   returned_at=episode.returned_at.astimezone(LONDON))
    episode.refresh_from_db()
    assert episode.version == 1 and not EpisodeChange.objects.exists()
