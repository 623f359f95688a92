"""The rest of a partnership's rules: identity, first meeting, escalation, consent,
closure, plans, oversight, RAG schemes, cross-border sharing and disagreements."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, model_validator

from macehub.lib.working_days import Region
from macehub.partnerships.policy.interval import Interval
from macehub.partnerships.policy.values import (
    RISK_LABELS,
    Key,
    Keyed,
    Names,
    NonNegative,
    Positive,
    RiskLevel,
    RoleKey,
    Sourced,
    Table,
    Text,
    ages,
    check_ages,
    named,
)


class AgeScope(Sourced):
    """Ages in scope, inclusive: under 18 is max_age 17."""

    min_age: NonNegative | None = None
    max_age: NonNegative

    @model_validator(mode="after")
    def _ordered(self) -> AgeScope:
        check_ages(self.min_age, self.max_age)
        return self

    def summary(self, names: Names) -> str:
        return f"children and young people {ages(self.min_age, self.max_age)} are in scope"

    def display_value(self) -> str:
        return ages(self.min_age, self.max_age)


class Identity(Sourced):
    key: Key
    name: Text
    # Whose bank holidays "working days" skip: every deadline counted in working days
    # uses this calendar (pack.holidays).
    bank_holidays: Region
    age_scope: AgeScope

    def summary(self, names: Names) -> str:
        return f"policy pack of {self.name}"

    def display_value(self) -> str:
        return self.name


class RoleLabel(Sourced):
    label: Text

    def summary(self, names: Names) -> str:
        return f"this role is called '{self.label}'"

    def display_value(self) -> str:
        return self.label


class ExploitationType(Keyed):
    label: Text

    def summary(self, names: Names) -> str:
        return f"exploitation type '{self.label}'"

    def display_value(self) -> str:
        return self.label


class Area(Keyed):
    """A quadrant or district (Essex MACE runs per quadrant)."""

    name: Text
    kind: Literal["quadrant", "district", "locality"]
    districts: list[Text] = []

    def summary(self, names: Names) -> str:
        text = f"{self.kind} '{self.name}'"
        return text + f" covering {', '.join(self.districts)}" if self.districts else text

    def display_value(self) -> str:
        return self.name


class FirstMeeting(Sourced):
    """When a child's first meeting must happen (Dudley: within 2 weeks of referral)."""

    forum: Key | None = None
    within: Interval | None = None
    from_event: Literal["referral", "screening_decision"] | None = None
    after_forum: Key | None = None

    @model_validator(mode="after")
    def _complete(self) -> FirstMeeting:
        if self.within is not None and (self.forum is None or self.from_event is None):
            raise ValueError("a deadline (within) needs the forum and from_event it runs from")
        return self

    def summary(self, names: Names) -> str:
        forum = named(names, self.forum)
        event = (self.from_event or "").replace("_", " ")
        if self.within is not None:
            return f"the first {forum} is held within {self.within} of the {event}"
        if self.after_forum:
            return f"the first {forum} follows a {named(names, self.after_forum)} that agrees it"
        if self.forum:
            return f"no fixed deadline for the first {forum}"
        return "no deadline for the first meeting"

    def display_value(self) -> str:
        return str(self.within or "no deadline")


class EscalationRule(Keyed):
    """Moving a child, linked children, a person of interest, a location or a theme from
    one forum to another. Dudley: chair escalates a high-risk child to CEOG when the risk
    has not reduced after 3 MACE meetings."""

    from_forum: Key | None = None
    to_forum: Key
    subject: Literal["child", "linked_children", "person_of_interest", "location", "theme"]
    action: Literal["escalate", "recommend", "convene", "refer"] = "escalate"
    decided_by: RoleKey
    risk_level: RiskLevel | None = None
    after_meetings: Positive | None = None
    linked_children_at_least: int | None = Field(default=None, ge=2)
    # Dudley §CEOG Scope: multi-victim, multi-suspect — persons of interest linked to the
    # same linked children.
    linked_suspects_at_least: int | None = Field(default=None, ge=2)
    conditions: list[Text] = []

    def summary(self, names: Names) -> str:
        who = self.decided_by.replace("_", " ")
        what = self.subject.replace("_", " ")
        if self.risk_level:
            what = f"{RISK_LABELS[self.risk_level]}-risk {what}"
        what = what if self.subject == "linked_children" else f"a {what}"
        text = f"the {who} may {self.action} {what}"
        if self.from_forum:
            text += f" from {named(names, self.from_forum)}"
        text += f" to {named(names, self.to_forum)}"
        if self.after_meetings:
            text += f" when the risk has not reduced after {self.after_meetings} meetings"
        if self.linked_children_at_least:
            text += f" when {self.linked_children_at_least} or more children are linked"
        if self.linked_suspects_at_least:
            text += (f" with {self.linked_suspects_at_least} or more persons of interest "
                     "linked to them")
        if self.conditions:
            text += f" ({'; '.join(self.conditions)})"
        return text

    def display_value(self) -> str:
        return f"{self.from_forum or '-'} → {self.to_forum}"


class Escalation(Sourced):
    collection: ClassVar[str | None] = "rules"
    rules: Table[EscalationRule] = {}

    def summary(self, names: Names) -> str:
        return f"{len(self.rules)} escalation rule(s)" if self.rules else "no escalation rule"


class Consent(Sourced):
    """Kirklees Annex A: consent is not required where the case is child protection;
    otherwise obtained, or dispensed with (reason recorded), or neither → the concern is
    recorded and finalised with no further development."""

    check: bool
    not_required_for: list[Literal["child_protection"]] = []
    dispensation_reason_required: bool = False
    without_consent: Literal["record_and_finalise", "proceed"] = "proceed"

    def summary(self, names: Names) -> str:
        if not self.check:
            return "no consent check before screening"
        text = "consent checked before screening"
        if self.not_required_for:
            text += f" (not required for {', '.join(self.not_required_for).replace('_', ' ')})"
        if self.dispensation_reason_required:
            text += "; dispensing with consent needs a recorded reason"
        if self.without_consent == "record_and_finalise":
            text += "; with neither consent nor dispensation the concern is recorded and finalised"
        return text

    def display_value(self) -> str:
        return "checked" if self.check else "not checked"


class Closure(Sourced):
    """How a case leaves the forum. `discharge_at`: recording this risk level discharges
    the case (Dudley). `eligible_below`: a risk below this level makes the case eligible for
    the chair's discharge decision, which only the chair takes (Essex: heard "until the
    risk reduces")."""

    discharge_at: RiskLevel | None = None
    eligible_below: RiskLevel | None = None
    requires_review_meeting: bool = False
    hold_dormant: bool = False
    review_questions: list[Text] = []
    decided_by: RoleKey | None = None

    def summary(self, names: Names) -> str:
        parts = []
        if self.discharge_at:
            parts.append(f"discharged when risk is lowered to {RISK_LABELS[self.discharge_at]}")
        if self.eligible_below:
            parts.append(f"a risk below {RISK_LABELS[self.eligible_below]} makes the case "
                         "eligible for the chair's discharge decision")
        if self.requires_review_meeting:
            parts.append("closed only at a review meeting")
        if self.hold_dormant:
            parts.append("a closed case is held dormant until new concerns reopen it")
        if self.review_questions:
            parts.append(f"{len(self.review_questions)} questions answered before closing")
        return "; ".join(parts) or "no closure rule"

    def display_value(self) -> str:
        return self.discharge_at or ("dormant" if self.hold_dormant else "")


class PlanType(Keyed):
    """A type of plan. Most belong to a child's case; `belongs_to = "forum_area"` makes it
    a forum's plan for an area (Essex MACE 2: each quadrant's action plan)."""

    label: Text
    forum: Key | None = None
    belongs_to: Literal["case", "forum_area"] = "case"

    @model_validator(mode="after")
    def _forum_for_area_plans(self) -> PlanType:
        if self.belongs_to == "forum_area" and not self.forum:
            raise ValueError("a forum's plan for an area names its forum")
        return self

    def summary(self, names: Names) -> str:
        forum = f" ({named(names, self.forum)})" if self.forum else ""
        owner = ", for an area rather than a child" if self.belongs_to == "forum_area" else ""
        return f"plan type '{self.label}'{forum}{owner}"

    def display_value(self) -> str:
        return self.label


class Plans(Sourced):
    collection: ClassVar[str | None] = "types"
    types: Table[PlanType] = {}

    def summary(self, names: Names) -> str:
        return f"{len(self.types)} plan type(s)" if self.types else "no plan types named"
