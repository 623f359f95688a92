"""Reports and yearly duties on the due list: the chair is reminded `remind_before` days
before each report is due (`due_within` days after its period ends) until a signed-off
report covers the period; Kirklees' yearly reviews of the terms of reference (Kirklees MACE
Process §8 v) and of membership (§8 iii) fall due on the pack's day. Each due item carries
its rule and source. Dates are UK calendar days: a clock change moves nothing, and a duty
due on 29 February falls on 28 February in a common year."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from macehub.oversight.models import Report
from macehub.oversight.periods import period_containing, yearly_due
from macehub.rules.due import due_items
from macehub.tests import factories as f

pytestmark = pytest.mark.django_db


def _kirklees_chair(make_partnership: Any, actor_of: Any) -> Any:
    kirklees = make_partnership("kirklees")
    return actor_of(f.user_with_role("kirklees-chair", kirklees, "chair"), kirklees)


def _titles(items: list[Any]) -> dict[str, Any]:
    return {(i.title, i.subject): i for i in items}


def test_the_chair_is_reminded_of_the_quarterly_report_before_it_is_due(
        make_partnership: Any, actor_of: Any) -> None:
    # Kirklees §8 v: a Chair's quarterly report; due 30 days after the quarter (default),
    # reminded 14 days before (default). Quarter to 31 March: due 30 April, reminded 16 April.
    chair = _kirklees_chair(make_partnership, actor_of)
    key = ("Sign off the Chair's quarterly report", "1 January 2026 to 31 March 2026")
    assert key not in _titles(due_items(chair, today=date(2026, 4, 15)))
    item = _titles(due_items(chair, today=date(2026, 4, 16)))[key]
    assert item.due_on == date(2026, 4, 30) and not item.overdue
    assert "section 8 v" in item.reason.source
    assert _titles(due_items(chair, today=date(2026, 5, 1)))[key].overdue


def test_a_signed_off_report_for_the_period_ends_the_reminder(
        make_partnership: Any, actor_of: Any) -> None:
    chair = _kirklees_chair(make_partnership, actor_of)
    Report.objects.create(
        partnership=chair.partnership, kind="chair_quarterly_report", title="Chair's report",
        period_start=date(2026, 1, 1), period_end=date(2026, 3, 31), external=False,
        status=Report.Status.SIGNED_OFF, generated_by=chair.user,
        generated_at=timezone.now())
    titles = _titles(due_items(chair, today=date(2026, 4, 20)))
    assert ("Sign off the Chair's quarterly report",
            "1 January 2026 to 31 March 2026") not in titles
    assert ("Sign off the Coordinator's report for senior managers and the KSCP",
            "1 January 2026 to 31 March 2026") in titles


def test_kirklees_reviews_of_the_terms_of_reference_and_membership_are_due_each_year(
        make_partnership: Any, actor_of: Any) -> None:
    # Kirklees §8 v: "The terms of reference will be reviewed annually"; §8 iii:
    # "Membership shall be reviewed on an annual basis". Day: 31 March (default), reminded
    # 30 days before.
    chair = _kirklees_chair(make_partnership, actor_of)
    items = [i for i in due_items(chair, today=date(2026, 3, 1)) if i.kind == "oversight_duty"]
    assert {i.title for i in items} == {"Terms of reference reviewed",
                                        "MACE membership reviewed"}
    tor = next(i for i in items if i.title == "Terms of reference reviewed")
    assert tor.due_on == date(2026, 3, 31) and "section 8 v" in tor.reason.source
    membership = next(i for i in items if i.title == "MACE membership reviewed")
    assert "section 8 iii" in membership.reason.source
    assert not [i for i in due_items(chair, today=date(2026, 2, 27))
                if i.kind == "oversight_duty"]


def test_a_day_around_the_clock_change_is_the_uk_calendar_day(
        make_partnership: Any, actor_of: Any) -> None:
    # Clocks go forward at 01:00 UTC on 29 March 2026: 00:30 UTC is 00:30 GMT on the 29th
    # and 23:30 UTC is 00:30 BST on the 30th. The due list's day is the UK day.
    chair = _kirklees_chair(make_partnership, actor_of)
    for instant, day in ((datetime(2026, 3, 29, 0, 30, tzinfo=ZoneInfo("UTC")), 29),
                         (datetime(2026, 3, 29, 23, 30, tzinfo=ZoneInfo("UTC")), 30)):
        today = timezone.localtime(instant).date()
        assert today == date(2026, 3, day)
        tor = next(i for i in due_items(chair, today=today)
                   if i.title == "Terms of reference reviewed")
        assert tor.due_on == date(2026, 3, 31) and not tor.overdue
    # Clocks go back on 25 October 2026: the October quarter's last day is unaffected.
    assert period_containing("quarter", date(2026, 10, 25)) == (date(2026, 10, 1),
                                                                 date(2026, 12, 31))


def test_a_duty_due_on_29_february_falls_on_28_february_in_a_common_year() -> None:
    assert yearly_due("02-29", 2028) == date(2028, 2, 29)
    assert yearly_due("02-29", 2027) == date(2027, 2, 28)
    # A half-year and a month holding 29 February end on its last day.
    assert period_containing("month", date(2028, 2, 29)) == (date(2028, 2, 1),
                                                             date(2028, 2, 29))
    assert period_containing("half_year", date(2028, 2, 29)) == (date(2028, 1, 1),
                                                                 date(2028, 6, 30))


def test_a_pack_refuses_a_due_day_that_is_no_day_of_the_year() -> None:
    from pydantic import ValidationError

    from macehub.partnerships.policy.governance import OversightItem

    with pytest.raises(ValidationError, match="not a day of the year"):
        OversightItem(key="tor_review", label="Terms of reference reviewed", by="KSCP",
                      source="default: x", default=True,
                      due_on={"value": "02-30", "source": "default: x", "default": True},
                      remind_before={"value": 30, "source": "default: x", "default": True})


def test_only_the_hub_and_chairs_are_reminded(personas: dict[str, Any],
                                              actor_of: Any) -> None:
    # The analyst reads reports but writes none: nothing is due for them.
    today = period_containing("month", timezone.localdate())[1]
    chair_items = [i for i in due_items(actor_of(personas["chair"]), today=today)
                   if i.kind == "report"]
    assert chair_items
    analyst = actor_of(personas["analyst"])
    assert not [i for i in due_items(analyst, today=today) if i.kind == "report"]
