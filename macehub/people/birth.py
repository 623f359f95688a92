"""A child's date of birth, as precisely as it is known: an exact date, a month and year,
an approximate age, or not known at all.

A month and year is stored as the 1st of the month. An approximate age is stored with the
day it was given and a date derived from it (that day, `age` years earlier), so the age
keeps counting up: "about 15" recorded today reads "about 16" a year on. `age_on` in
`people.models` is the one age function, and every page, paper and export shows a date
of birth through `Birth.label`."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models


class Precision(models.TextChoices):
    EXACT = "exact", "Exact date"
    MONTH = "month", "Month and year"
    AGE = "age", "Approximate age"
    UNKNOWN = "unknown", "Not known"


# The precisions a date of birth can be compared at; an age or "not known" cannot.
COMPARABLE = frozenset({Precision.EXACT, Precision.MONTH})

OLDEST = 25  # an approximate age above this is a typing error, not a child


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def same_birth_days(born: date | None, precision: str | None
                    ) -> tuple[list[date], date | None, date | None] | None:
    """The stored days (ChildName.born: an exact date, or the 1st of the month for a month
    and year) that could be this birth: a list of days (the date, and its month's 1st), or
    for a month and year its first and last day; None when it is not known well enough."""
    if born is None or precision not in COMPARABLE:
        return None
    first = born.replace(day=1)
    if precision == Precision.MONTH:
        return [], first, latest_born(first, Precision.MONTH)
    return sorted({born, first}), None, None


def details_label(details: dict[str, Any], today: date) -> str:
    """The date of birth in a concern's or an episode's details, as a person reads it."""
    return Birth.from_details(details).label(today)


def latest_born(born: date | None, precision: str | None) -> date | None:
    """The latest day the child can have been born: the month's last day for a month and
    year, so nothing that waits for a birthday comes early; None when not known."""
    if born is None or precision == Precision.UNKNOWN:
        return None
    if precision == Precision.MONTH:
        return born.replace(day=calendar.monthrange(born.year, born.month)[1])
    return born


def whole_years(born: date, day: date) -> int:
    """Age in whole years on `day` (a birthday counts from the day itself)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass(frozen=True)
class Birth:
    precision: str = Precision.EXACT
    born: date | None = None
    approximate_age: int | None = None
    recorded_on: date | None = None

    @classmethod
    def exact(cls, born: date) -> Birth:
        return cls(Precision.EXACT, born)

    @classmethod
    def month(cls, born: date) -> Birth:
        return cls(Precision.MONTH, born.replace(day=1))

    @classmethod
    def about(cls, age: int, today: date) -> Birth:
        return cls(Precision.AGE, years_before(today, age), age, today)

    @classmethod
    def unknown(cls) -> Birth:
        return cls(Precision.UNKNOWN)

    @classmethod
    def of(cls, precision: str, *, date_of_birth: date | None = None,
           approximate_age: int | None = None, today: date) -> Birth:
        """From what a person or client gave; raises ValueError when the part the
        precision needs is missing (the caller words the message)."""
        if precision == Precision.UNKNOWN:
            return cls.unknown()
        if precision == Precision.AGE:
            if approximate_age is None:
                raise ValueError("approximate_age")
            return cls.about(approximate_age, today)
        if date_of_birth is None:
            raise ValueError("date_of_birth")
        return cls.month(date_of_birth) if precision == Precision.MONTH else \
            cls.exact(date_of_birth)

    def same_as(self, other: Birth, today: date) -> bool:
        """The same date of birth; an approximate age is the same when it gives the same
        age today (so saving a record unchanged keeps the day the age was given)."""
        if self.precision != other.precision:
            return False
        if self.precision == Precision.AGE:
            return self.age_on(today) == other.age_on(today)
        return self.born == other.born

    @property
    def known(self) -> bool:
        return self.precision != Precision.UNKNOWN and self.born is not None

    def age_on(self, day: date) -> int | None:
        """Age in whole years on `day`, or None when the date of birth is not known.
        A month and year counts the birthday from the 1st of the month."""
        return whole_years(self.born, day) if self.known and self.born else None

    def ages_on(self, day: date) -> tuple[int, int] | None:
        """The youngest and oldest the child can be on `day`: a month and year spans the
        month's first and last days; an exact date or an approximate age is one age."""
        if not self.known or self.born is None:
            return None
        oldest = whole_years(self.born, day)
        if self.precision == Precision.MONTH:
            last = calendar.monthrange(self.born.year, self.born.month)[1]
            return whole_years(self.born.replace(day=last), day), oldest
        return oldest, oldest

    def label(self, today: date) -> str:
        """'15 March 2011', 'March 2011', 'about 15' or 'Not known'."""
        if not self.known or self.born is None:
            return "Not known"
        if self.precision == Precision.MONTH:
            return f"{self.born:%B %Y}"
        if self.precision == Precision.AGE:
            return f"about {self.age_on(today)}"
        return f"{self.born.day} {self.born:%B %Y}"

    def summary(self, today: date) -> str:
        """The label with the age where the date says more: '15 March 2011 (age 15)',
        'March 2011 (age 15)', 'about 15' or 'Not known'."""
        if self.precision in (Precision.EXACT, Precision.MONTH) and self.known:
            return f"{self.label(today)} (age {self.age_on(today)})"
        return self.label(today)

    def age_label(self, today: date) -> str:
        """'15', 'about 15' or 'Not known'."""
        age = self.age_on(today)
        if age is None:
            return "Not known"
        return f"about {age}" if self.precision == Precision.AGE else str(age)

    def fields(self) -> dict[str, Any]:
        """The child's model fields."""
        return {"date_of_birth": self.born, "date_of_birth_precision": str(self.precision),
                "age_given": self.approximate_age, "age_recorded_on": self.recorded_on}

    def details(self) -> dict[str, Any]:
        """As kept in a concern's or an episode's JSON details (an exact date alone, as
        details kept before precision existed)."""
        if self.precision == Precision.EXACT and self.born is not None:
            return {"date_of_birth": self.born.isoformat()}
        return {k: v.isoformat() if isinstance(v, date) else v
                for k, v in self.fields().items()}

    @classmethod
    def from_details(cls, d: dict[str, Any]) -> Birth:
        """From JSON details; details kept before precision existed hold an exact date."""
        def day(key: str) -> date | None:
            value = d.get(key)
            return date.fromisoformat(value) if isinstance(value, str) and value else None

        born = day("date_of_birth")
        precision = d.get("date_of_birth_precision") or (
            Precision.EXACT if born else Precision.UNKNOWN)
        if precision not in Precision.values or (precision != Precision.UNKNOWN and not born):
            return cls.unknown()
        age = d.get("age_given")
        return cls(precision, born if precision != Precision.UNKNOWN else None,
                   age if isinstance(age, int) else None, day("age_recorded_on"))
