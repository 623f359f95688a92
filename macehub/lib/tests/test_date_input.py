"""The GOV.UK date input (lib.date_input): three boxes, GOV.UK's error wording, real dates
only (29 February in leap years), and UK local times across the clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from macehub.lib.date_input import DateTimeField
from macehub.lib.forms import Form, date_field


class BirthForm(Form):
    date_of_birth = date_field("Date of birth", past=True,
                               required_message="Enter the child's date of birth")


class ReportedForm(Form):
    reported_at = DateTimeField(label="Reported missing")


def _errors(form: Form) -> list[str]:
    form.is_valid()
    return [str(e) for errors in form.errors.values() for e in errors]


def _parts(day: Any, month: Any, year: Any, name: str = "date_of_birth") -> dict[str, Any]:
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}


def test_a_date_is_asked_as_day_month_and_year_boxes_never_a_date_picker() -> None:
    html = str(BirthForm(initial={"date_of_birth": date(2012, 3, 27)}))
    assert 'type="date"' not in html and "govuk-date-input" in html
    for part, value in (("day", 27), ("month", 3), ("year", 2012)):
        assert f'id="id_date_of_birth_{part}" name="date_of_birth_{part}"' in html
        assert f'value="{value}"' in html
    assert "<legend" in html  # the boxes sit in a fieldset named by the question


def test_an_empty_date_of_birth_asks_for_it_in_govuk_words() -> None:
    assert _errors(BirthForm({})) == ["Enter the child's date of birth"]
    assert _errors(BirthForm(_parts("", "", ""))) == ["Enter the child's date of birth"]


def test_a_date_missing_a_part_says_which_part() -> None:
    assert _errors(BirthForm(_parts("3", "", "2012"))) == ["Date of birth must include a month"]
    assert _errors(BirthForm(_parts("", "", "2012"))) == [
        "Date of birth must include a day and a month"]


def test_29_february_is_a_real_date_only_in_a_leap_year() -> None:
    form = BirthForm(_parts("29", "2", "2012"))
    assert form.is_valid() and form.cleaned_data["date_of_birth"] == date(2012, 2, 29)
    assert _errors(BirthForm(_parts("29", "2", "2011"))) == ["Date of birth must be a real date"]
    assert _errors(BirthForm(_parts("x", "2", "2011"))) == ["Date of birth must be a real date"]
    assert _errors(BirthForm(_parts("1", "2", "11"))) == ["Year must include 4 numbers"]


def test_a_date_of_birth_must_be_in_the_past() -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert _errors(BirthForm(_parts(tomorrow.day, tomorrow.month, tomorrow.year))) == [
        "Date of birth must be in the past"]


def test_one_text_value_is_still_read_as_a_uk_date() -> None:
    form = BirthForm({"date_of_birth": "27/3/2012"})
    assert form.is_valid() and form.cleaned_data["date_of_birth"] == date(2012, 3, 27)


def _when(day: int, month: int, year: int, at: str) -> dict[str, Any]:
    return {**_parts(day, month, year, "reported_at"), "reported_at_time": at}


@pytest.mark.parametrize(("at", "expected"), [
    ("14:30", datetime(2026, 7, 14, 13, 30, tzinfo=UTC)),  # British Summer Time
])
def test_a_date_and_time_is_uk_local_time(at: str, expected: datetime) -> None:
    form = ReportedForm(_when(14, 7, 2026, at))
    assert form.is_valid() and form.cleaned_data["reported_at"] == expected
    winter = ReportedForm(_when(14, 1, 2026, "14:30"))
    assert winter.is_valid()
    assert winter.cleaned_data["reported_at"] == datetime(2026, 1, 14, 14, 30, tzinfo=UTC)


def test_the_hour_the_clocks_skip_in_march_is_refused() -> None:
    assert "did not happen in the UK" in _errors(ReportedForm(_when(29, 3, 2026, "01:30")))[0]


def test_the_hour_the_clocks_repeat_in_october_needs_bst_or_gmt() -> None:
    assert "happened twice" in _errors(ReportedForm(_when(25, 10, 2026, "01:30")))[0]
    first = ReportedForm(_when(25, 10, 2026, "01:30 BST"))
    second = ReportedForm(_when(25, 10, 2026, "01:30 gmt"))
    assert first.is_valid() and second.is_valid()
    assert second.cleaned_data["reported_at"] - first.cleaned_data["reported_at"] == \
        timedelta(hours=1)


def test_a_time_is_needed_with_the_date() -> None:
    assert _errors(ReportedForm(_when(14, 7, 2026, ""))) == [
        "Reported missing must include a time"]
    assert _errors(ReportedForm(_when(14, 7, 2026, "25:99"))) == [
        "Reported missing must include a real time, like 14:30"]
