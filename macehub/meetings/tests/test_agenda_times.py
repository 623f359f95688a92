"""Agenda start times: each item starts at the meeting's start plus the durations of the
items before it, recalculated whenever an item is added, moved or dropped. Times are
compared as instants (UTC), so a meeting on the day the clocks change keeps real times."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from macehub.meetings import services
from macehub.meetings.models import AgendaItem, Meeting
from macehub.meetings.timing import item_starts
from macehub.tests.factories import schedule

pytestmark = pytest.mark.django_db
ZONE = timezone.get_current_timezone()


def _agenda(hub: Any, when: datetime, *minutes: int) -> Meeting:
    meeting = schedule(hub, when=when)
    for n, each in enumerate(minutes, start=1):
        services.agenda_item_add(actor=hub, meeting=meeting, version=meeting.version,
                                 title=f"Theme {n}", kind=AgendaItem.Kind.THEME,
                                 minutes=each)
        meeting.refresh_from_db()
    return meeting


def _starts(meeting: Meeting) -> list[datetime]:
    meeting.refresh_from_db()
    return item_starts(meeting, list(meeting.items.all()))


def _after(start: datetime, *minutes: int) -> list[datetime]:
    return [start + timedelta(minutes=m) for m in minutes]


def test_each_item_starts_at_the_meeting_start_plus_the_durations_before_it(
        team: Any) -> None:
    # Kirklees §6 vi: each case has a time slot so its lead professional can attend.
    hub = team("dudley")["hub"]
    start = datetime(2027, 2, 9, 10, tzinfo=ZONE)
    meeting = _agenda(hub, start, 20, 30, 15)
    assert _starts(meeting) == _after(start, 0, 20, 50)
    assert [i.starts_at for i in meeting.items.all()] == [time(10), time(10, 20),
                                                          time(10, 50)]


def test_an_item_added_in_the_middle_moves_every_later_item_by_its_duration(
        team: Any) -> None:
    hub = team("dudley")["hub"]
    start = datetime(2027, 2, 9, 10, tzinfo=ZONE)
    meeting = _agenda(hub, start, 20, 30, 15)
    added = services.agenda_item_add(actor=hub, meeting=meeting, version=meeting.version,
                                     title="Missing episodes this month",
                                     kind=AgendaItem.Kind.THEME, minutes=10, position=2)
    assert added.position == 2 and added.starts_at == time(10, 20)
    items = list(Meeting.objects.get(pk=meeting.pk).items.all())
    assert [i.title for i in items] == ["Theme 1", "Missing episodes this month", "Theme 2",
                                        "Theme 3"]
    assert [i.position for i in items] == [1, 2, 3, 4]
    assert _starts(meeting) == _after(start, 0, 20, 30, 60)


def test_moving_an_item_recalculates_every_start_time(team: Any) -> None:
    hub = team("dudley")["hub"]
    start = datetime(2027, 2, 9, 10, tzinfo=ZONE)
    meeting = _agenda(hub, start, 20, 30, 15)
    last = meeting.items.get(title="Theme 3")
    services.agenda_item_move(actor=hub, meeting=meeting, version=meeting.version, item=last,
                              up=True)
    assert [i.title for i in meeting.items.all()] == ["Theme 1", "Theme 3", "Theme 2"]
    assert _starts(meeting) == _after(start, 0, 20, 35)
    assert meeting.items.get(title="Theme 2").starts_at == time(10, 35)


def test_dropping_an_item_closes_the_gap_it_leaves(team: Any) -> None:
    hub = team("dudley")["hub"]
    start = datetime(2027, 2, 9, 10, tzinfo=ZONE)
    meeting = _agenda(hub, start, 20, 30, 15)
    services.agenda_item_drop(actor=hub, meeting=meeting, version=meeting.version,
                              item=meeting.items.get(title="Theme 1"))
    assert [i.position for i in meeting.items.all()] == [1, 2]
    assert _starts(meeting) == _after(start, 0, 30)
    assert meeting.items.get(title="Theme 3").starts_at == time(10, 30)


def test_an_item_added_at_a_place_not_on_the_agenda_is_refused_and_changes_nothing(
        team: Any) -> None:
    hub = team("dudley")["hub"]
    meeting = _agenda(hub, datetime(2027, 2, 9, 10, tzinfo=ZONE), 20, 30)
    with pytest.raises(ValidationError):
        services.agenda_item_add(actor=hub, meeting=meeting, version=meeting.version,
                                 title="Late item", kind=AgendaItem.Kind.THEME, position=4)
    assert meeting.items.count() == 2


def test_on_the_day_the_clocks_go_forward_item_times_are_real_minutes_apart(
        team: Any) -> None:
    # 29 March 2026: at 01:00 GMT the clocks go forward to 02:00 BST.
    hub = team("dudley")["hub"]
    start = datetime(2026, 3, 29, 0, 30, tzinfo=ZONE)
    meeting = _agenda(hub, start, 20, 30, 15)
    instants = _starts(meeting)
    assert instants == [datetime(2026, 3, 29, 0, 30, tzinfo=UTC),
                        datetime(2026, 3, 29, 0, 50, tzinfo=UTC),
                        datetime(2026, 3, 29, 1, 20, tzinfo=UTC)]
    # 01:20 UTC is 02:20 BST: the hour that does not exist is skipped, not kept.
    assert meeting.items.get(title="Theme 3").starts_at == time(2, 20)


def test_on_the_day_the_clocks_go_back_item_times_are_real_minutes_apart(
        team: Any) -> None:
    # 25 October 2026: at 02:00 BST the clocks go back to 01:00 GMT.
    hub = team("dudley")["hub"]
    start = datetime(2026, 10, 25, 0, 30, tzinfo=ZONE)  # 23:30 UTC the evening before
    meeting = _agenda(hub, start, 60, 60, 15)
    assert _starts(meeting) == _after(start.astimezone(UTC), 0, 60, 120)
    assert [i.starts_at for i in meeting.items.all()] == [time(0, 30), time(1, 30),
                                                          time(1, 30)]
    assert date(2026, 10, 25) == timezone.localtime(_starts(meeting)[2]).date()


def test_the_api_adds_an_item_at_a_number_and_answers_each_items_local_start_time(
        personas: dict[str, Any], dudley: Any, actor_of: Any) -> None:
    from macehub.api.tests.test_meetings_api import Api

    hub = actor_of(personas["hub_coordinator"])
    meeting = _agenda(hub, datetime(2027, 2, 9, 10, tzinfo=ZONE), 20, 30)
    api = Api("hub_coordinator")
    added = api.post(f"/meetings/{meeting.pk}/agenda/items", {
        "title": "Theme in the middle", "kind": "theme", "minutes": 15, "position": 2,
        "version": meeting.version})
    assert added.status_code == 201 and added.json()["starts_at"] == "10:20"
    agenda = api.get(f"/meetings/{meeting.pk}/agenda").json()
    items = agenda["items"] if isinstance(agenda, dict) else agenda
    assert [i["starts_at"] for i in items] == ["10:00", "10:20", "10:35"]
