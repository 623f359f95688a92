"""GOV.UK date input: a date is asked as three boxes, day, month and year, never with the
browser's date picker (which shows the American order on many machines). A date and time
adds a fourth box for the time. The page's fields are always UK local time; the API takes
and gives ISO 8601 and never comes through here.

Error messages follow the GOV.UK Design System's date input guidance: what is missing
("Date of birth must include a month"), what is not a real date, and what is out of range
("Date of birth must be in the past")."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

# One text value is accepted too (a client posting "27/3/2012" or "2012-03-27" as one field).
DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d %m %Y"]
PART_LABELS = {"day": "Day", "month": "Month", "year": "Year", "time": "Time"}
_WIDTH = {"day": 2, "month": 2, "year": 4, "time": 5}


class DateParts(forms.MultiWidget):
    """Day, month and year (and a time when asked) as separate numeric boxes."""

    template_name = "forms/govuk_date_input.html"
    use_fieldset = True

    def __init__(self, attrs: dict[str, Any] | None = None, *, with_time: bool = False,
                 month_only: bool = False) -> None:
        names = (["month", "year"] if month_only else
                 ["day", "month", "year"] + (["time"] if with_time else []))
        super().__init__({n: forms.TextInput() for n in names}, attrs)
        self.parts = names
        self.error = False

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, str):
            value = _parse_one(value) or _parse_iso_instant(value) or value
        if isinstance(value, datetime):
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            return [local.day, local.month, local.year, f"{local:%H:%M}"][:len(self.parts)]
        if isinstance(value, date) and self.parts[0] == "month":
            return [value.month, value.year]
        if isinstance(value, date):
            return [value.day, value.month, value.year, ""][:len(self.parts)]
        return [None] * len(self.parts)

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if not any(f"{name}_{p}" in data for p in self.parts) and name in data:
            return data.get(name)
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and super().value_omitted_from_data(data, files, name)

    def id_for_label(self, id_: str) -> str:
        # The error summary links to the first box.
        return f"{id_}_{self.parts[0]}" if id_ else ""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> Any:
        context = super().get_context(name, value, attrs)
        base = context["widget"]["attrs"].get("id", "")
        for part, sub in zip(self.parts, context["widget"]["subwidgets"], strict=True):
            sub["attrs"]["id"] = f"{base}_{part}" if base else ""
        context["widget"]["parts"] = [
            {"label": PART_LABELS[p], "width": _WIDTH[p], "sub": sub,
             "numeric": p != "time"}
            for p, sub in zip(self.parts, context["widget"]["subwidgets"], strict=True)]
        context["widget"]["error"] = self.error
        return context


def _parse_one(text: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()  # noqa: DTZ007 - a day, no time
        except ValueError:
            continue
    return None


def _parse_iso_instant(text: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return value if "T" in text or " " in text.strip() else None


class DateField(forms.Field):
    """A date from three boxes. `past` refuses today and later; `future` refuses today and
    earlier (each with GOV.UK's wording)."""

    widget = DateParts

    def __init__(self, *, label: str, required: bool = True, past: bool = False,
                 future: bool = False, not_after_today: bool = False,
                 required_message: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "For example, 27 3 2012")
        super().__init__(label=label, required=required, **kwargs)
        self.past, self.future, self.not_after_today = past, future, not_after_today
        self.name = label.removesuffix(" (optional)")
        self.error_messages["required"] = required_message or \
            f"Enter {self.name[0].lower()}{self.name[1:]}"

    def _parts(self, value: Any) -> list[str] | None:
        """The boxes as text, or None when nothing was entered."""
        if value in self.empty_values:
            return None
        if isinstance(value, str):
            found = _parse_one(value)
            if found is None:
                raise ValidationError(f"{self.name} must be a real date", code="invalid")
            return [str(found.day), str(found.month), str(found.year)]
        parts = [str(v if v is not None else "").strip() for v in value]
        return parts if any(parts) else None

    def _date(self, parts: list[str]) -> date:
        missing = [n for n, v in zip(("day", "month", "year"), parts, strict=False) if not v]
        if missing:
            raise ValidationError(f"{self.name} must include a {' and a '.join(missing)}",
                                  code="incomplete")
        day, month, year = parts[:3]
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValidationError(f"{self.name} must be a real date", code="invalid")
        if len(year) != 4:
            raise ValidationError("Year must include 4 numbers", code="invalid")
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{self.name} must be a real date", code="invalid") from None

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, date):
            return value
        parts = self._parts(value)
        return None if parts is None else self._date(parts)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is None:
            return
        today = timezone.localdate()
        if self.past and value >= today:
            raise ValidationError(f"{self.name} must be in the past", code="past")
        if self.not_after_today and value > today:
            raise ValidationError(f"{self.name} must be today or in the past", code="past")
        if self.future and value <= today:
            raise ValidationError(f"{self.name} must be in the future", code="future")


class MonthField(DateField):
    """A month and year from two boxes, as the 1st of the month. `past` refuses a month
    after this one (this month may have begun on or before today)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "For example, 3 2012")
        kwargs["widget"] = DateParts(month_only=True)
        super().__init__(**kwargs)

    def _parts(self, value: Any) -> list[str] | None:
        if isinstance(value, str) and value not in self.empty_values:
            found = _parse_one(value)
            if found is None:
                raise ValidationError(f"{self.name} must be a real month", code="invalid")
            return [str(found.month), str(found.year)]
        return super()._parts(value)

    def _date(self, parts: list[str]) -> date:
        return super()._date(["1", *parts[:2]])

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)
        if value is not None and self.past and value > timezone.localdate():
            raise ValidationError(f"{self.name} must be in the past", code="past")


class DateTimeField(DateField):
    """A date from three boxes and a time (24-hour, like 14:30) as a UK instant. A time the
    clocks skip is refused; one they repeat needs BST or GMT after it."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "For example, 27 3 2026 and 14:30")
        kwargs["widget"] = DateParts(with_time=True)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> datetime | None:  # type: ignore[override]
        if isinstance(value, datetime):
            return value
        if isinstance(value, str):
            found = _parse_iso_instant(value)
            if found is None:
                raise ValidationError(f"{self.name} must be a real date and time",
                                      code="invalid")
            return found if timezone.is_aware(found) else self._instant(found, "")
        parts = self._parts(value)
        if parts is None:
            return None
        day = self._date(parts)
        text = parts[3] if len(parts) > 3 else ""
        if not text:
            raise ValidationError(f"{self.name} must include a time", code="incomplete")
        words = text.upper().split()
        zone_word = words[-1] if len(words) > 1 and words[-1] in {"BST", "GMT"} else ""
        try:
            clock = time.fromisoformat((words[0] if zone_word else text).zfill(5))
        except ValueError:
            raise ValidationError(f"{self.name} must include a real time, like 14:30",
                                  code="invalid") from None
        return self._instant(datetime.combine(day, clock), zone_word)

    def _instant(self, value: datetime, zone_word: str) -> datetime:
        zone = timezone.get_current_timezone()
        earlier, later = value.replace(tzinfo=zone, fold=0), value.replace(tzinfo=zone, fold=1)
        shown = f"{value:%H:%M} on {value.day} {value:%B %Y}"
        if earlier.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != value:
            raise ValidationError(f"{shown} did not happen in the UK: the clocks went "
                                  "forward an hour. Check the time", code="invalid")
        # As UTC: arithmetic between two aware times in one zone ignores `fold`.
        if earlier.utcoffset() == later.utcoffset() or zone_word == "BST":
            return earlier.astimezone(UTC)
        if zone_word == "GMT":
            return later.astimezone(UTC)
        raise ValidationError(f"{shown} happened twice in the UK, as the clocks went back: "
                              "add BST (the first) or GMT (the second) after the time, like "
                              f"{value:%H:%M} BST", code="ambiguous")

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)
        if value is None:
            return
        now = timezone.now()
        if (self.past or self.not_after_today) and value > now:
            raise ValidationError(f"{self.name} must be in the past", code="past")
        if self.future and value <= now:
            raise ValidationError(f"{self.name} must be in the future", code="future")
