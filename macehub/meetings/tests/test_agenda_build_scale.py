"""Building an agenda writes its items in a fixed number of statements, however many cases
are due (PERFORMANCE B7), in the same order, with the same start times and audit."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from macehub.audit.models import AuditEvent
from macehub.meetings import services
from macehub.meetings.timing import item_starts
from macehub.tests.factories import open_case, schedule, years_ago


def _build(t: dict[str, Any], cases: int) -> tuple[int, Any]:
    """Open cases until `cases` are open, then build a new meeting's agenda."""
    for n in range(len(t.setdefault("opened", [])), cases):
        t["opened"].append(n)
        open_case(t["referrer"], t["hub"], child_details={
            "first_name": f"Kai{n}", "last_name": "Example", "date_of_birth": years_ago(14)})
    # At ten in the morning, so the agenda's slots never run past midnight whatever the
    # hour the test runs at.
    day = timezone.localdate() + timedelta(days=7)
    ten = timezone.make_aware(datetime.combine(day, time(10)))
    meeting = schedule(t["hub"], chair=t["chair"].user, when=ten)
    with CaptureQueriesContext(connection) as queries:
        added = services.agenda_build(actor=t["hub"], meeting=meeting, version=meeting.version)
    assert len([a for a in added if a.case_id]) == cases
    return len(queries), meeting


@pytest.mark.django_db
def test_building_an_agenda_takes_the_same_statements_for_3_cases_as_for_12(
        team: Any) -> None:
    # Dudley ToR §4: every open case is nominated to the MACE meeting; the agenda lists
    # them all, so its writing must not cost a statement per case.
    t = dict(team("dudley"))
    few, _ = _build(t, 3)
    many, _ = _build(t, 12)
    assert many == few


@pytest.mark.django_db
def test_a_built_agenda_is_numbered_timed_and_audited_as_one_change(team: Any) -> None:
    # Kirklees §6 vi: each case has a time slot, from the meeting's start.
    _, meeting = _build(dict(team("dudley")), 4)
    items = list(meeting.items.all())
    assert [i.position for i in items] == list(range(1, len(items) + 1))
    assert all(i.pk for i in items)
    assert [i.starts_at for i in items] == [
        timezone.localtime(at).time() for at in item_starts(meeting, items)]
    assert items[0].starts_at < items[-1].starts_at
    event = AuditEvent.objects.filter(action="meeting.agenda").latest("at")
    assert event.count == len(items)
