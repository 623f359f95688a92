"""Screening: the weighted exploitation screening tool and the outcomes it can lead to."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import Field, model_validator

from macehub.partnerships.policy.interval import Interval
from macehub.partnerships.policy.values import (
    RISK_LABELS,
    RISK_ORDER,
    Key,
    Keyed,
    Names,
    NonNegative,
    OutcomeKey,
    Positive,
    RiskLevel,
    Rule,
    Sourced,
    Table,
    Text,
    named,
)


class Indicator(Keyed):
    """One screening indicator. `sets_at_least` lets a single indicator decide a minimum
    level on its own (Essex §6.1: a child known to be exploited is high risk)."""

    label: Text
    weight: Positive
    sets_at_least: RiskLevel | None = None

    def summary(self, names: Names) -> str:
        text = f"indicator '{self.label}' scores {self.weight}"
        if self.sets_at_least:
            text += f" and on its own makes the risk at least {RISK_LABELS[self.sets_at_least]}"
        return text

    def display_value(self) -> str:
        return str(self.weight)


class Thresholds(Sourced):
    """Lowest score for each level; must rise at_risk < medium < high."""

    at_risk: NonNegative
    medium: NonNegative
    high: NonNegative

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if not self.at_risk < self.medium < self.high:
            raise ValueError(
                "thresholds out of order: need at_risk < medium < high, got "
                f"at_risk {self.at_risk}, medium {self.medium}, high {self.high}"
            )
        return self

    def level_for(self, score: int) -> RiskLevel | None:
        level: RiskLevel | None = None
        for name in RISK_ORDER:
            if score >= getattr(self, name):
                level = name
        return level

    def summary(self, names: Names) -> str:
        return f"score {self.at_risk}+ is at risk (low), {self.medium}+ medium, {self.high}+ high"

    def display_value(self) -> str:
        return f"{self.at_risk}/{self.medium}/{self.high}"


class ScreeningTool(Sourced):
    label: Text
    indicators: Table[Indicator] = Field(min_length=1)
    thresholds: Thresholds

    @model_validator(mode="after")
    def _reachable(self) -> ScreeningTool:
        total = sum(i.weight for i in self.indicators.values())
        if total < self.thresholds.high:
            raise ValueError(
                f"thresholds.high ({self.thresholds.high}) is unreachable: the indicator "
                f"weights add up to {total}"
            )
        return self

    def assess(self, present: Iterable[str]) -> tuple[int, RiskLevel | None]:
        """Score the indicators found and the level that score gives.
        Raises KeyError for an indicator this pack does not define."""
        found = [self.indicators[key] for key in set(present)]
        score = sum(i.weight for i in found)
        level = self.thresholds.level_for(score)
        for indicator in found:
            floor = indicator.sets_at_least
            if floor and (level is None or RISK_ORDER.index(floor) > RISK_ORDER.index(level)):
                level = floor
        return score, level

    def summary(self, names: Names) -> str:
        return f"{self.label}: {len(self.indicators)} weighted indicators"


class Outcome(Keyed):
    key: OutcomeKey
    label: Text
    forum: Key | None = None
    risk_levels: list[RiskLevel] = []

    def summary(self, names: Names) -> str:
        text = f"screening outcome '{self.label}'"
        if self.risk_levels:
            text += " for " + " or ".join(RISK_LABELS[r] for r in self.risk_levels) + " risk"
        if self.forum:
            text += f" → {named(names, self.forum)}"
        return text

    def display_value(self) -> str:
        return self.key


class NoFurtherAction(Sourced):
    """Kirklees §5 ii: "'No further Action' will not be considered as an option"; the
    minimum is signposting and/or advice, and the feedback to the referrer is recorded."""

    allowed: bool
    minimum_outcome: OutcomeKey | None = None
    feedback_recorded: bool = False

    def summary(self, names: Names) -> str:
        if self.allowed:
            return "no further action is a possible screening outcome"
        text = "no further action is never an outcome of screening"
        if self.minimum_outcome:
            text += f"; the minimum is {self.minimum_outcome.replace('_', ' ')}"
        if self.feedback_recorded:
            text += "; the feedback given to the referrer is recorded"
        return text

    def display_value(self) -> str:
        return "allowed" if self.allowed else "never"


class ReferrerFeedback(Sourced):
    """Feedback to the person who raised the concern, after screening. Its own rule, apart
    from the feedback representatives give professionals after a meeting (a forum's
    `feedback`). Kirklees §5 ii records it and sets no timescale, so `within` is optional:
    without it nothing falls due."""

    recorded: bool = True
    within: Interval | None = None

    def summary(self, names: Names) -> str:
        if self.within is None:
            return "the feedback given to the referrer is recorded (no timescale)"
        return f"feedback is due to the referrer within {self.within} of the concern"

    def display_value(self) -> str:
        return str(self.within) if self.within else "recorded, no timescale"


class Screening(Sourced):
    """Who screens concerns, with which tool, and what may come of it."""

    forum: Key | None = None
    no_further_action: NoFurtherAction
    feedback_to_referrer: ReferrerFeedback | None = None
    # A concern may be about missing alone, with no type of exploitation (Kirklees).
    missing_alone: Rule[bool] | None = None
    tool: ScreeningTool
    outcomes: Table[Outcome] = Field(min_length=1)

    def summary(self, names: Names) -> str:
        if self.forum:
            return f"concerns are screened at the {named(names, self.forum)}"
        return "how concerns are screened"

    def display_value(self) -> str:
        return self.forum or ""
