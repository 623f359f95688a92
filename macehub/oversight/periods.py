"""Report periods as calendar months, quarters, half-years and years (the packs' sources
name no months, so calendar periods are the product's default: docs/policy-packs.md), and
the yearly day a duty falls due."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

MONTHS = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}


def period_containing(period: str, day: date) -> tuple[date, date]:
    """The calendar period of this kind that holds `day`: (first day, last day)."""
    months = MONTHS[period]
    first_month = months * ((day.month - 1) // months) + 1
    start = date(day.year, first_month, 1)
    last_month = first_month + months - 1
    return start, date(day.year, last_month, calendar.monthrange(day.year, last_month)[1])


def period_before(period: str, start: date) -> tuple[date, date]:
    return period_containing(period, start - timedelta(days=1))


def yearly_due(month_day: str, year: int) -> date:
    """The day a yearly duty falls due in `year`: "02-29" is 28 February in a common year."""
    month, day = (int(x) for x in month_day.split("-"))
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))
