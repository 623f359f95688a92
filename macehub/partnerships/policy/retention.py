"""Retention (UK GDPR Art 5(1)(e)): how long each kind of record is kept, and what happens
to it when the period ends. The record types and what each action means are the
product's (docs/dpo/retention.md); the periods are the partnership's."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from macehub.partnerships.policy.errors import PackIssues
from macehub.partnerships.policy.interval import Interval
from macehub.partnerships.policy.values import Names, Sourced

RecordType = Literal["concern_not_progressed", "closed_case", "missing_episode",
                     "meeting_records", "audit_events"]
RetentionAction = Literal["delete", "anonymise", "report"]

# What users read for each record type.
RECORD_TYPES: dict[str, str] = {
    "concern_not_progressed": "Concerns that did not lead to a case",
    "closed_case": "A child's record once every case is closed",
    "missing_episode": "Missing records with no case",
    "meeting_records": "Meeting records (agendas, minutes, decisions)",
    "audit_events": "Access log entries",
}
# The actions each record type supports. Minutes and decisions are never changed (they are
# the record of what was decided) and the access log is append-only, so those two are only
# reported to the data protection officer when due.
SUPPORTED: dict[str, tuple[str, ...]] = {
    "concern_not_progressed": ("delete", "anonymise"),
    "closed_case": ("anonymise",),
    "missing_episode": ("anonymise",),
    "meeting_records": ("report",),
    "audit_events": ("report",),
}
ACTION_LABELS = {"delete": "deleted", "anonymise": "anonymised",
                 "report": "reported, never changed by macehub"}


class RetentionRule(Sourced):
    """How long one record type is kept: `kept_for` after the record's own date, and not
    before the child's `until_age` birthday (where the record names a child)."""

    kept_for: Interval | None = None
    until_age: int | None = Field(None, ge=1, le=120)
    action: RetentionAction

    @model_validator(mode="after")
    def _has_period(self) -> RetentionRule:
        if self.kept_for is None and self.until_age is None:
            raise ValueError("give kept_for, until_age or both")
        return self

    def summary(self, names: Names) -> str:
        parts = []
        if self.kept_for:
            parts.append(f"kept for {self.kept_for}")
        if self.until_age:
            until = f"until the child's {_ordinal(self.until_age)} birthday"
            parts.append(until if parts else f"kept {until}")
        label = RECORD_TYPES.get(self.path.rsplit(".", 1)[-1], "Records")
        return f"{label}: {' and '.join(parts)}, then {ACTION_LABELS[self.action]}"

    def display_value(self) -> str:
        return ", ".join(filter(None, [str(self.kept_for or ""),
                                       f"age {self.until_age}" if self.until_age else ""]))

    def due_on(self, *, since: date | None, born: date | None) -> date | None:
        """The first day the record is past retention; None when a date it needs is not
        known (then it is kept)."""
        days: list[date] = []
        if self.kept_for is not None:
            if since is None:
                return None
            days.append(self.kept_for.after(since, holidays=()))
        if self.until_age is not None and born is not None:
            days.append(birthday(born, self.until_age))
        return max(days) if days else None


def birthday(born: date, age: int) -> date:
    """The `age`th birthday; a child born on 29 February has it on 1 March in other years."""
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return date(born.year + age, 3, 1)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class Retention(Sourced):
    """Every record type has a rule: a pack cannot forget one."""

    concern_not_progressed: RetentionRule
    closed_case: RetentionRule
    missing_episode: RetentionRule
    meeting_records: RetentionRule
    audit_events: RetentionRule

    @model_validator(mode="after")
    def _supported(self) -> Retention:
        for key, supported in SUPPORTED.items():
            rule: RetentionRule = getattr(self, key)
            if rule.action not in supported:
                raise PackIssues([(f"{key}.action", f"{rule.action!r} is not possible for "
                                   f"this record type (use {' or '.join(supported)})")])
        return self

    def summary(self, names: Names) -> str:
        return "retention schedule"

    def rule(self, record_type: str) -> RetentionRule:
        if record_type not in RECORD_TYPES:
            raise KeyError(f"unknown record type {record_type!r}")
        rule: RetentionRule = getattr(self, record_type)
        return rule


