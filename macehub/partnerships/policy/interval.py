"""Intervals: "2 weeks", "48 hours", "3 months", "2 working days", "4-6 weeks", "monthly".

Written as text in a pack and parsed here, so a pack reads like its source document.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Container
from datetime import date, datetime, timedelta
from typing import Any, Literal

from pydantic import model_validator

from macehub.partnerships.policy.values import Strict

Unit = Literal["hours", "days", "working_days", "weeks", "months", "years"]
_UNIT_WORDS: dict[str, Unit] = {
    "hour": "hours",
    "day": "days",
    "working day": "working_days",
    "week": "weeks",
    "month": "months",
    "year": "years",
}
_WORDS: dict[str, tuple[int, Unit]] = {
    "daily": (1, "days"),
    "weekly": (1, "weeks"),
    "fortnightly": (2, "weeks"),
    "monthly": (1, "months"),
    "quarterly": (3, "months"),
    "twice a year": (6, "months"),
    "annually": (1, "years"),
}
_AMOUNT = re.compile(
    r"^(?P<n>-?\d+)(?:\s*[-–]\s*(?P<upto>\d+))?\s*(?P<unit>hour|day|working day|week|month|year)s?$"
)
_N_WEEKLY = re.compile(r"^(?P<n>-?\d+)-(?P<unit>week|month)ly$")
# Days in an average month/year: timedeltas cannot hold calendar months, so
# as_timedelta() approximates; after()/before() do exact calendar arithmetic.
_DAYS_PER = {"months": 365.25 / 12, "years": 365.25}


class Interval(Strict):
    """A length of time: "2 weeks", "48 hours", "3 months", "2 working days", "4-6 weeks".

    A range ("4-6 weeks", Wolverhampton) is a window: the rule is met from `amount`
    and due by `upto`, so due dates use the upper bound.
    """

    amount: int
    unit: Unit
    upto: int | None = None

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, data: Any) -> Any:
        if isinstance(data, int | float) and not isinstance(data, bool):
            raise ValueError(f"give the unit too, as text: e.g. '{data} weeks' (got {data})")
        if not isinstance(data, str):
            return data
        text = " ".join(data.strip().lower().replace("_", " ").split())
        if text in _WORDS:
            amount, unit = _WORDS[text]
            return {"amount": amount, "unit": unit}
        if text == "bi-monthly":
            raise ValueError("'bi-monthly' is ambiguous: write '2 months' or '2 weeks'")
        if match := _N_WEEKLY.match(text):
            return {"amount": int(match["n"]), "unit": _UNIT_WORDS[match["unit"]]}
        if match := _AMOUNT.match(text):
            upto = int(match["upto"]) if match["upto"] else None
            return {"amount": int(match["n"]), "unit": _UNIT_WORDS[match["unit"]], "upto": upto}
        raise ValueError(
            f"{data!r} is not an interval: write e.g. '2 weeks', '48 hours', '3 months', "
            "'2 working days', '4-6 weeks', 'monthly' or 'fortnightly'"
        )

    @model_validator(mode="after")
    def _positive(self) -> Interval:
        if self.amount <= 0:
            raise ValueError("must be a positive interval")
        if self.upto is not None and self.upto <= self.amount:
            raise ValueError("range must run from the smaller to the larger amount")
        return self

    def __str__(self) -> str:
        top = self.upto if self.upto is not None else self.amount
        unit = self.unit.replace("_", " ")
        unit = unit if top != 1 else unit.removesuffix("s")
        span = f"{self.amount}–{self.upto}" if self.upto is not None else str(self.amount)
        return f"{span} {unit}"

    def as_cadence(self) -> str:
        """How a meeting frequency is said: "monthly", "every 6 weeks"."""
        if self.upto is None:
            for word, (amount, unit) in _WORDS.items():
                if (amount, unit) == (self.amount, self.unit):
                    return word
        return f"every {self}"

    def as_timedelta(self) -> timedelta:
        """Upper bound as a timedelta. Months and years are approximated (average length);
        working days need a calendar, so use after()/before() for those."""
        return self._delta(self.upto if self.upto is not None else self.amount)

    def minimum_timedelta(self) -> timedelta:
        return self._delta(self.amount)

    def _delta(self, n: int) -> timedelta:
        if self.unit == "working_days":
            raise ValueError("working days need a calendar: use Interval.after()/before()")
        if self.unit in _DAYS_PER:
            return timedelta(days=round(n * _DAYS_PER[self.unit]))
        hours = {"hours": 1, "days": 24, "weeks": 24 * 7}[self.unit]
        return timedelta(hours=n * hours)

    def after(self, start: date, *, holidays: Container[date]) -> date:
        """Calendar-exact end of the interval (upper bound) counted from `start`, working
        days skipping `holidays`: pass the partnership's calendar, `pack.holidays`."""
        return self._shift(start, 1, holidays)

    def before(self, end: date, *, holidays: Container[date]) -> date:
        """Calendar-exact start: e.g. the agenda deadline `before(meeting_date)`."""
        return self._shift(end, -1, holidays)

    def _shift(self, moment: date, sign: int, holidays: Container[date]) -> date:
        n = self.upto if self.upto is not None else self.amount
        if self.unit in ("months", "years"):
            months = n * (12 if self.unit == "years" else 1) * sign
            index = moment.year * 12 + moment.month - 1 + months
            year, month = divmod(index, 12)
            day = min(moment.day, calendar.monthrange(year, month + 1)[1])
            return moment.replace(year=year, month=month + 1, day=day)
        if self.unit == "working_days":
            current = moment
            while n:
                current += timedelta(days=sign)
                on = current.date() if isinstance(current, datetime) else current
                if current.weekday() < 5 and on not in holidays:
                    n -= 1
            return current
        if self.unit == "hours" and not isinstance(moment, datetime):
            raise TypeError("an interval in hours needs a datetime, not a date")
        return moment + self._delta(n) * sign
