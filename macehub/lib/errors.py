"""Errors the services raise that callers answer differently from a plain invalid input."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class StaleEdit(ValidationError):
    """Someone else changed the record since the caller read it (ARCHITECTURE principle 9:
    a stale edit is refused, never silently applied). Pages show it like any other
    ValidationError; the API answers 409 Conflict."""


class Problems:
    """Collects every problem with an input so a service reports them all in one pass
    (GOV.UK: show all errors together), then raises them as one ValidationError.

        problems = Problems()
        with problems.check():
            check_age_scope(...)
        problems.raise_any()
    """

    def __init__(self) -> None:
        self.found: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.found.setdefault(field, []).append(message)

    def check(self) -> _Collect:
        return _Collect(self)

    def raise_any(self) -> None:
        if self.found:
            raise ValidationError(self.found)


class _Collect:
    def __init__(self, problems: Problems) -> None:
        self.problems = problems

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> bool:
        if not isinstance(error, ValidationError) or isinstance(error, StaleEdit):
            return False
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.problems.add(field, message)
        else:
            for message in error.messages:
                self.problems.add("__all__", message)
        return True
