"""Police notification import: idempotent on (force, reference), row-level errors that
change nothing, matching through the match queue (SECURITY R3), and the pack's grades."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from macehub.audit.models import AuditEvent
from macehub.missing.importer import import_rows, read_csv
from macehub.missing.models import EpisodeChange, MissingEpisode
from macehub.missing.tests.conftest import row
from macehub.people.models import Child

pytestmark = pytest.mark.django_db


def test_importing_the_same_notifications_again_changes_nothing(essex_hub: Any) -> None:
    rows = [row("A", "2026-01-01 10:00", "2026-01-01 20:00"),
            row("B", "2026-01-05 10:00")]
    first = import_rows(actor=essex_hub, rows=rows, via="test")
    assert (first.created, first.updated, first.errors) == (2, 0, [])
    second = import_rows(actor=essex_hub, rows=rows, via="test")
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert MissingEpisode.objects.count() == 2 and Child.objects.count() == 1


def test_a_notification_seen_again_updates_its_episode_with_history(essex_hub: Any) -> None:
    import_rows(actor=essex_hub, rows=[row("B", "2026-01-05 10:00")], via="test")
    run = import_rows(actor=essex_hub, via="test",
                      rows=[row("B", "2026-01-05 10:00", "2026-01-06 09:00",
                                found_location="Exampleton bus station")])
    assert run.updated == 1
    episode = MissingEpisode.objects.get()
    assert episode.returned_at is not None and episode.version == 2
    change = EpisodeChange.objects.filter(episode=episode, via="test").last()
    assert change is not None and set(change.changes) == {"returned_at", "found_location"}
    assert AuditEvent.objects.filter(action="missing_episode.change").count() == 1


def test_bad_rows_change_nothing_and_are_reported_by_row_field_and_reason(
        essex_hub: Any) -> None:
    import_rows(actor=essex_hub, rows=[row("A", "2026-01-01 10:00")], via="test")
    run = import_rows(actor=essex_hub, via="test", rows=[
        row("A", "2026-01-01 10:00", "2025-12-01 10:00"),  # return before report
        row("B", "not a time"),
        row("C", "2026-01-02 10:00", risk_grade="standard"),
        row("D", "2026-01-03 10:00"),
    ])
    assert run.created == 1 and MissingEpisode.objects.count() == 2
    assert MissingEpisode.objects.get(police_reference="A").returned_at is None
    assert [(e["row"], e["field"]) for e in run.errors] == [
        (2, "returned_at"), (3, "reported_at"), (4, "risk_grade")]


def test_essex_refuses_standard_and_absent_grades_with_the_reason(essex_hub: Any) -> None:
    # 000 §2: under-18s are never 'absent', never 'standard' risk: medium or high only.
    run = import_rows(actor=essex_hub, via="test", rows=[
        row("A", "2026-01-01 10:00", risk_grade="absent"),
        row("B", "2026-01-01 11:00", risk_grade="high")])
    assert run.created == 1
    reason = run.errors[0]["reason"]
    assert "medium or high" in reason and \
        "Essex Child Exploitation and Missing Arrangements (September 2018), section 2" in reason


def test_a_missing_column_is_reported_once_for_the_file() -> None:
    rows, errors = read_csv("force,police_reference\nEssex Police,A\n")
    assert rows == [] and len(errors) == 1 and errors[0]["row"] == 1
    assert "reported_at" in errors[0]["reason"] and "risk_grade" in errors[0]["reason"]


def test_an_uncertain_match_goes_to_the_match_queue_not_a_guess(
        essex_hub: Any, make_child: Any) -> None:
    make_child(essex_hub, "Ivy", "Example", date(2011, 4, 2))
    run = import_rows(actor=essex_hub, via="test", rows=[
        row("A", "2026-01-01 10:00"),  # exact name and date of birth: linked
        row("B", "2026-01-02 10:00", first_name="Ivey"),  # similar: queued
        row("C", "2026-01-03 10:00", first_name="Zachary", last_name="Quill",
            date_of_birth="2010-09-09"),  # no likely match: a new record
    ])
    assert run.queued == 1 and run.errors == []
    assert MissingEpisode.objects.get(police_reference="B").child is None
    a = MissingEpisode.objects.get(police_reference="A")
    c = MissingEpisode.objects.get(police_reference="C")
    assert a.child is not None and c.child is not None and a.child != c.child
    assert Child.objects.count() == 2


def test_csv_example_in_the_docs_imports_cleanly(essex_hub: Any, settings: Any) -> None:
    from pathlib import Path

    text = (Path(settings.BASE_DIR) / "docs" / "missing-import-example.csv").read_text()
    rows, errors = read_csv(text)
    run = import_rows(actor=essex_hub, rows=rows, via="test", errors=errors)
    assert run.errors == [] and run.created == len(rows) >= 5
