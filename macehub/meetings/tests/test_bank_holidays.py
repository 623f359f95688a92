"""Every meeting deadline counted in working days skips the partnership's bank holidays.

No pack states these rules in working days today (Kirklees §8 iv's feedback aside), so
each test changes one rule of Dudley's pack to "1 working day" and counts across Easter
2026: Good Friday 3 April and Easter Monday 6 April are bank holidays in England, so one
working day after Thursday 2 April is Tuesday 7 April (not Friday 3 April)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from macehub.cases.models import Case
from macehub.meetings import conduct, services
from macehub.meetings.models import Meeting
from macehub.meetings.rules import (
    deadlines,
    first_meeting_due,
    next_review,
    papers_open_until,
    series_dates,
)
from macehub.partnerships.tests.changed import changed_pack
from macehub.rules.due import due_items
from macehub.tests.factories import open_case, schedule

LONDON = ZoneInfo("Europe/London")
THURSDAY, TUESDAY = date(2026, 4, 2), date(2026, 4, 7)
ONE = "1 working day"


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=LONDON)


def test_first_meeting_in_working_days_skips_bank_holidays(monkeypatch: Any) -> None:
    # Dudley ToR (003) §MACE Purpose: the first MACE within a time of the referral.
    pack = changed_pack(monkeypatch, "dudley",
                        lambda d: d["first_meeting"].update(within=ONE))
    due_on, _ = first_meeting_due(pack, Case(referred_at=_at(THURSDAY, 10)))
    assert due_on == TUESDAY


def test_review_interval_in_working_days_skips_bank_holidays(monkeypatch: Any) -> None:
    # Dudley ToR (003) §MACE Review & Reporting: high risk reviewed after an interval.
    pack = changed_pack(monkeypatch, "dudley",
                        lambda d: d["forums"]["mace"]["review_interval"]["high"].update(
                            value=ONE))
    due_on, reason = next_review(pack, "mace", Case(risk="high"), THURSDAY)
    assert due_on == TUESDAY and reason.path == "forums.mace.review_interval.high"


def test_forum_cadence_in_working_days_skips_bank_holidays(monkeypatch: Any) -> None:
    # Dudley ToR (003) §CEOG Frequency: the forum's cadence places its meetings.
    pack = changed_pack(monkeypatch, "dudley",
                        lambda d: d["forums"]["ceog"]["cadence"].update(every=ONE))
    dates, _ = series_dates(pack, "ceog", THURSDAY, 2)
    assert dates == [THURSDAY, TUESDAY]


def test_lead_time_before_another_meeting_in_working_days_skips_bank_holidays(
        monkeypatch: Any) -> None:
    # Dudley ToR (003) §CEOG Frequency: CEOG sits a lead time before police tasking.
    pack = changed_pack(monkeypatch, "dudley",
                        lambda d: d["oversight"]["items"]["ceog_before_police_tasking"].update(
                            lead_time=ONE))
    dates, _ = series_dates(pack, "ceog", THURSDAY, 1, anchors=[TUESDAY])
    assert dates == [THURSDAY]


def test_agenda_and_update_deadlines_in_working_days_skip_bank_holidays(
        monkeypatch: Any) -> None:
    # Dudley ToR (003) §CEOG Agenda: the agenda is agreed a lead time before the meeting.
    def change(data: dict[str, Any]) -> None:
        data["forums"]["ceog"]["agenda"].update(circulated_before=ONE)
        data["forums"]["ceog"]["updates"].update(before=ONE)

    pack = changed_pack(monkeypatch, "dudley", change)
    meeting = Meeting(forum="ceog", starts_at=_at(TUESDAY, 10), ends_at=_at(TUESDAY, 12))
    assert [(what, at) for what, at, _ in deadlines(pack, meeting)] == [
        ("agenda", _at(THURSDAY, 10)), ("updates", _at(THURSDAY, 10))]


def test_papers_open_after_the_meeting_in_working_days_skip_bank_holidays(
        monkeypatch: Any) -> None:
    # Pack default (need to know): panel members keep sight of a case after the meeting.
    pack = changed_pack(monkeypatch, "dudley",
                        lambda d: d["meetings"]["access_after"].update(value=ONE))
    meeting = Meeting(forum="ceog", starts_at=_at(THURSDAY, 10), ends_at=_at(THURSDAY, 16))
    assert papers_open_until(pack, meeting) == _at(TUESDAY, 16)


@pytest.mark.django_db
def test_kirklees_feedback_to_professionals_skips_christmas_bank_holidays(
        team: Any, monkeypatch: Any) -> None:
    # Kirklees §8 iv: feedback to relevant professionals within 2 working days. Friday 25
    # and Monday 28 December 2026 are bank holidays: a meeting on Thursday 24 December
    # gives Wednesday 30 December.
    t = team("kirklees")
    case = open_case(t["referrer"], t["hub"])
    christmas_eve = _at(date(2026, 12, 24), 10)
    monkeypatch.setattr(timezone, "now", lambda: _at(date(2026, 12, 29), 9))
    meeting = schedule(t["hub"], when=christmas_eve, chair=t["chair"].user)
    services.agenda_item_add(actor=t["hub"], meeting=meeting, version=meeting.version,
                             title="x", kind="nomination", case=case)
    meeting.refresh_from_db()
    services.agenda_publish(actor=t["hub"], meeting=meeting, version=meeting.version)
    meeting.refresh_from_db()
    conduct.meeting_hold(actor=t["hub"], meeting=meeting, version=meeting.version,
                         inquorate_reason="test")
    [item] = [i for i in due_items(t["hub"], today=date(2026, 12, 29))
              if i.kind == "feedback_professionals"]
    assert item.due_on == date(2026, 12, 30) and not item.overdue
