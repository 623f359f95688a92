"""Bands worked out by the database, so that one GROUP BY answers a figure (docs/adr/0030):
each is the rule of the Python it replaces, written as an SQL expression that gives the
same answer on PostgreSQL and SQLite. Days are UK calendar days (the current time zone),
so a clock change moves nothing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import (
    Cast,
    ExtractDay,
    ExtractHour,
    ExtractMinute,
    ExtractMonth,
    ExtractSecond,
    ExtractYear,
    Replace,
    TruncDate,
)
from django.db.models.lookups import Exact, GreaterThanOrEqual, IsNull, LessThan, Regex
from django.utils import timezone

from macehub.people.models import Precision

ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _day_key(day: Any) -> Any:
    """A date as the integer YYYYMMDD: whole years between two are their difference
    divided by 10,000 (people.birth.whole_years)."""
    return Cast(Replace(Cast(day, CharField()), Value("-"), Value("")), IntegerField())


def age_when(details: str, at: str) -> Any:
    """The child's age in whole years on the UK day of the instant `at`, from the JSON
    `details` holding `date_of_birth` (ISO) and its precision; None when not known.
    (A date of birth after the day counts as 0 rather than -1: both are under 10.)"""
    tz = timezone.get_current_timezone()
    born = KeyTextTransform("date_of_birth", details)
    precision = KeyTextTransform("date_of_birth_precision", details)
    unknown = Q(IsNull(born, True)) | ~Q(Regex(born, ISO_DATE)) | Q(
        Exact(precision, Value(Precision.UNKNOWN.value)))
    return Case(When(unknown, then=Value(None)),
                default=(_day_key(TruncDate(at, tzinfo=tz)) - _day_key(born)) / 10000,
                output_field=IntegerField())


def whole_years(born: str, at: str) -> Any:
    """Whole years from the date field `born` to the UK day of the instant `at`
    (people.birth.whole_years: a birthday counts from the day itself)."""
    tz = timezone.get_current_timezone()
    day = ExtractMonth(at, tzinfo=tz) * 100 + ExtractDay(at, tzinfo=tz)
    birthday = ExtractMonth(born) * 100 + ExtractDay(born)
    return ExtractYear(at, tzinfo=tz) - ExtractYear(born) - Case(
        When(LessThan(day, birthday), then=Value(1)), default=Value(0),
        output_field=IntegerField())


def past_midnight(at: str, after: timedelta) -> Any:
    """True when the UK wall-clock time of day of the instant `at`, plus the part of
    `after` under a day, reaches the next day: (local time + after).date() is then one day
    later than local date + whole days of `after`."""
    if not after.seconds:
        return Value(False)
    tz = timezone.get_current_timezone()
    seconds = (ExtractHour(at, tzinfo=tz) * 3600 + ExtractMinute(at, tzinfo=tz) * 60
               + ExtractSecond(at, tzinfo=tz))
    return Case(When(GreaterThanOrEqual(seconds, 86400 - after.seconds), then=Value(True)),
                default=Value(False), output_field=BooleanField())


def duration_band(start: str, end: str, limits: Sequence[tuple[float | None, str]],
                  unit: timedelta) -> Case:
    """The band of the time from instant `start` to instant `end`: the first limit (in
    `unit`s) it is under; the last band for the rest."""
    took = ExpressionWrapper(F(end) - F(start), output_field=DurationField())
    return Case(*[When(LessThan(took, unit * limit), then=Value(label))
                  for limit, label in limits if limit is not None],
                default=Value(limits[-1][1]), output_field=CharField())


def instant_band(field: str, edges: list[tuple[datetime, str]], rest: str) -> Case:
    """The band of an instant against edges, latest first: the first edge the instant is
    at or after gives its label; earlier than every edge, `rest`."""
    return Case(*[When(GreaterThanOrEqual(F(field), edge), then=Value(label))
                  for edge, label in edges], default=Value(rest), output_field=CharField())
