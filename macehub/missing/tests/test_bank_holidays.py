"""A return interview's time limit counted in working days skips the partnership's bank
holidays. Essex's pack gives 72 hours (DfE statutory guidance, a default); a limit in
working days is changed in for this test. Friday 25 and Monday 28 December 2026 are bank
holidays: one working day after Thursday 24 December is Tuesday 29 December."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from macehub.missing.services import episode_record
from macehub.partnerships.tests.changed import changed_pack
from macehub.rules.due import due_items

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def test_return_interview_limit_in_working_days_skips_bank_holidays(
        essex_hub: Any, make_child: Any, monkeypatch: Any) -> None:
    # Essex (000) §4.1 Missing Chats, with the time limit in working days.
    changed_pack(monkeypatch, "essex", lambda d: d["missing"]["return_interview"][
        "time_limit"].update(value="1 working day"))
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 12, 29, 9, tzinfo=LONDON))
    child = make_child(essex_hub, born=date(2012, 1, 1))
    back = datetime(2026, 12, 24, 18, tzinfo=LONDON)
    episode_record(actor=essex_hub, child=child, force="Essex Police", police_reference="A",
                   reported_at=back - timedelta(hours=5), returned_at=back,
                   missing_from="home", risk_grade="high")
    [item] = [i for i in due_items(essex_hub, today=date(2026, 12, 29))
              if i.kind == "return_interview"]
    assert item.due_on == date(2026, 12, 29) and not item.overdue
    assert "1 working day" in item.reason.rule
