"""Missing children: police risk grades, episode triggers and return interviews."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import model_validator

from macehub.partnerships.policy.interval import Interval
from macehub.partnerships.policy.values import (
    RISK_LABELS,
    AgencyType,
    Key,
    Keyed,
    Names,
    NonNegative,
    PoliceGrade,
    Positive,
    RiskLevel,
    Rule,
    Sourced,
    Strict,
    Table,
    Text,
    ages,
    check_ages,
    named,
)

TriggerAction = Literal["triage", "nominate", "discuss"]


class MissingTrigger(Keyed):
    """When missing episodes call for action. Exactly one condition:
    `episodes` within `within` (Essex: 3 in 90 days), `harm_indicated` (Essex: an episode
    indicating harm), or `every_episode` (Dudley daily missing meeting, Thurrock RMM)."""

    episodes: Positive | None = None
    within: Interval | None = None
    harm_indicated: bool = False
    every_episode: bool = False
    action: TriggerAction
    forum: Key | None = None
    set_risk: RiskLevel | None = None

    @model_validator(mode="after")
    def _one_condition(self) -> MissingTrigger:
        counted = self.episodes is not None or self.within is not None
        if counted and (self.episodes is None or self.within is None):
            raise ValueError("episodes and within go together (e.g. 3 episodes within 90 days)")
        if sum([counted, self.harm_indicated, self.every_episode]) != 1:
            raise ValueError(
                "give exactly one condition: episodes + within, harm_indicated, or every_episode"
            )
        if self.action in ("nominate", "discuss") and self.forum is None:
            raise ValueError(f"action '{self.action}' needs the forum it sends the child to")
        return self

    def fires(self, episode_count: int, *, harm: bool = False) -> bool:
        """Whether `episode_count` episodes inside the window (counted by the caller over
        `within`) or a harm indicator meet this trigger."""
        if self.every_episode:
            return episode_count >= 1
        if self.harm_indicated:
            return harm
        return self.episodes is not None and episode_count >= self.episodes

    def summary(self, names: Names) -> str:
        if self.every_episode:
            when = "every missing episode"
        elif self.harm_indicated:
            when = "an episode indicating the child may have suffered harm"
        else:
            when = f"{self.episodes} missing episodes within {self.within}"
        does = {"triage": "automatic triage", "nominate": "nomination", "discuss": "discussion"}
        text = f"{when} → {does[self.action]}"
        if self.forum:
            text += f" at {named(names, self.forum)}"
        if self.set_risk:
            text += f", risk assessed {RISK_LABELS[self.set_risk]}"
        return text

    def display_value(self) -> str:
        if self.episodes is not None:
            return f"{self.episodes} in {self.within}"
        return "harm indicated" if self.harm_indicated else "every episode"


class Triggers(Sourced):
    collection: ClassVar[str | None] = "rules"
    rules: Table[MissingTrigger] = {}

    def summary(self, names: Names) -> str:
        if not self.rules:
            return "no missing-episode triggers"
        return f"{len(self.rules)} missing-episode trigger(s)"


class ReturnInterview(Sourced):
    """Return interview on coming back from missing ("Missing Chat" in Essex)."""

    offered: bool
    label: str | None = None
    min_age: NonNegative | None = None
    max_age: NonNegative | None = None
    time_limit: Rule[Interval] | None = None
    # One offer may cover several episodes reported within this time (Essex §4.1: "multiple
    # missing episodes in a week, one offer may cover all episodes").
    one_offer_covers: Rule[Interval] | None = None
    parent_offer: bool = False
    shared_with: list[AgencyType] = []
    # Push and pull factors explored in the interview (Essex §4.1 names them without
    # listing them, so every pack's lists are product defaults marked as such).
    push_factors: Rule[list[Text]] | None = None
    pull_factors: Rule[list[Text]] | None = None

    @model_validator(mode="after")
    def _ages(self) -> ReturnInterview:
        check_ages(self.min_age, self.max_age)
        return self

    def offered_at(self, age: int | None) -> bool:
        """Whether a child of `age` is offered an interview; a child whose age is not
        known is offered one (nobody is left out for want of a date of birth)."""
        if not self.offered:
            return False
        if age is None:
            return True
        if self.min_age is not None and age < self.min_age:
            return False
        return self.max_age is None or age <= self.max_age

    def summary(self, names: Names) -> str:
        if not self.offered:
            return "no return interview offered"
        name = self.label or "return interview"
        text = f"{name} offered to every child {ages(self.min_age, self.max_age)} on return"
        if self.one_offer_covers:
            text += f"; one offer may cover several episodes within {self.one_offer_covers.value}"
        if self.parent_offer:
            text += "; parents may have one too"
        return text

    def display_value(self) -> str:
        return ages(self.min_age, self.max_age) if self.offered else "not offered"


class Missing(Strict):
    police_risk_grades: Rule[list[PoliceGrade]]
    # Small numbers in the oversight figures (SECURITY S20): for people who see aggregates
    # only, a count from 1 to one less than this is shown as "fewer than" it.
    figures_suppress_below: Rule[Positive]
    triggers: Triggers
    return_interview: ReturnInterview

    @model_validator(mode="after")
    def _grades(self) -> Missing:
        grades = self.police_risk_grades.value
        if not grades:
            raise ValueError("police_risk_grades: list at least one grade")
        if len(set(grades)) != len(grades):
            raise ValueError("police_risk_grades: a grade is listed twice")
        return self
