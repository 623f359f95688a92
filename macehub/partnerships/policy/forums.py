"""Forums: the meetings a partnership runs (MACE, CEOG/CEMOG, missing meetings, ...).

Code keeps one `kind` per forum ("perpetrator_forum"); the pack supplies the label users
see ("CEOG" in Dudley, "CEMOG" in Wolverhampton).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import Field, model_validator

from macehub.partnerships.policy.intake import Intake
from macehub.partnerships.policy.interval import Interval
from macehub.partnerships.policy.outcomes import MeetingOutcome
from macehub.partnerships.policy.values import (
    RISK_LABELS,
    AgencyType,
    ForumKind,
    Key,
    Keyed,
    Names,
    NonNegative,
    Positive,
    RiskLevel,
    Rule,
    Sourced,
    Strict,
    Subject,
    Table,
    Text,
    agency_words,
    ages,
    check_ages,
    labelled,
)


def _agencies(agencies: Iterable[str]) -> str:
    return agency_words(tuple(agencies))


class Cadence(Sourced):
    """How often the forum sits: a regular interval, or on demand (convened per case)."""

    every: Interval | None = None
    on_demand: bool = False

    @model_validator(mode="after")
    def _one_of(self) -> Cadence:
        if self.every is not None and self.on_demand:
            raise ValueError("give either every or on_demand, not both")
        if self.every is None and not self.on_demand and not self.default:
            raise ValueError(
                "give every (e.g. 'monthly') or on_demand = true; if the source is silent "
                "say so with default = true"
            )
        return self

    def summary(self, names: Names) -> str:
        if self.every is not None:
            return f"meets {self.every.as_cadence()}"
        return "meets on demand" if self.on_demand else "meeting frequency not stated"

    def display_value(self) -> str:
        if self.every is not None:
            return self.every.as_cadence()
        return "on demand" if self.on_demand else "not stated"


class Chair(Sourced):
    chair: Text
    agency: AgencyType
    vice_chair: str | None = None
    vice_chair_agency: AgencyType | None = None

    def summary(self, names: Names) -> str:
        text = f"chaired by {self.chair} ({self.agency.replace('_', ' ')})"
        if self.vice_chair:
            text += f"; vice chair: {self.vice_chair}"
        return text

    def display_value(self) -> str:
        return self.chair


class Quorum(Sourced):
    agencies: list[AgencyType] = Field(min_length=1)

    def summary(self, names: Names) -> str:
        return f"quorate only with {_agencies(self.agencies)} present"

    def display_value(self) -> str:
        return _agencies(self.agencies)


class Panel(Keyed):
    """Who is invited. Panels can depend on the exploitation type (Wolverhampton: CSE vs
    CCE/modern slavery), on age (Essex: adult social care from the 17th birthday), on the
    meeting being initial or review, or on a stated condition."""

    label: Text
    agencies: list[AgencyType] = Field(min_length=1)
    members: list[Text] = []
    exploitation_types: list[Key] = []
    min_age: NonNegative | None = None
    max_age: NonNegative | None = None
    meeting: Literal["any", "initial", "review"] = "any"
    condition: str | None = None
    # Also invites the agencies of these panels (Wolverhampton: review meetings take the
    # operational members of every agency on the initial panels).
    with_panels: list[Key] = []

    @model_validator(mode="after")
    def _ages(self) -> Panel:
        check_ages(self.min_age, self.max_age)
        return self

    def applies(
        self,
        *,
        exploitation_types: set[str] | None = None,
        age: int | None = None,
        meeting: str = "any",
    ) -> bool:
        if self.exploitation_types and exploitation_types is not None:
            if not set(self.exploitation_types) & exploitation_types:
                return False
        if age is not None:
            if self.min_age is not None and age < self.min_age:
                return False
            if self.max_age is not None and age > self.max_age:
                return False
        # "any" on either side matches: a caller that does not say which meeting gets all.
        return self.meeting == "any" or meeting in ("any", self.meeting)

    def summary(self, names: Names) -> str:
        parts = [f"panel '{self.label}' invites {_agencies(self.agencies)}"]
        if self.exploitation_types:
            parts.append(f"for {labelled(names, 'type', self.exploitation_types)}")
        if self.min_age is not None or self.max_age is not None:
            parts.append(f"for children {ages(self.min_age, self.max_age)}")
        if self.meeting != "any":
            parts.append(f"at {self.meeting} meetings")
        if self.condition:
            parts.append(f"if {self.condition}")
        if self.with_panels:
            parts.append(f"with the agencies of the {labelled(names, 'panel', self.with_panels)}"
                         " panels")
        return " ".join(parts)

    def display_value(self) -> str:
        return _agencies(self.agencies)


class Entry(Sourced):
    """Who the forum is for."""

    risk_levels: list[RiskLevel] = []
    exploitation_types: list[Key] = []
    description: str | None = None

    def summary(self, names: Names) -> str:
        text = "considers "
        if self.risk_levels:
            text += "children at " + " or ".join(RISK_LABELS[r] for r in self.risk_levels)
            text += " risk"
        else:
            text += "children"
        if self.exploitation_types:
            text += f" of {labelled(names, 'type', self.exploitation_types)}"
        if self.description:
            text += f" ({self.description})"
        return text

    def display_value(self) -> str:
        return ", ".join(RISK_LABELS[r] for r in self.risk_levels)


class StandardItem(Strict):
    """An item of a forum's standard agenda (Essex MACE 2, Appendix 4): title, minutes
    allowed and who leads it."""

    title: Text
    minutes: Positive | None = None
    lead: str | None = None


class Agenda(Sourced):
    circulated_before: Interval | None = None
    set_by: str | None = None
    new_nominations_first: bool = False
    standard_items: list[StandardItem] = []

    def summary(self, names: Names) -> str:
        parts = []
        if self.circulated_before is not None:
            parts.append(f"agenda settled and circulated {self.circulated_before} before")
        if self.set_by:
            parts.append(f"agenda set by {self.set_by}")
        if self.new_nominations_first:
            parts.append("new nominations first, then reviews")
        if self.standard_items:
            parts.append(f"standard agenda of {len(self.standard_items)} items")
        return "; ".join(parts) or "agenda rules not stated"

    def display_value(self) -> str:
        return str(self.circulated_before or "")


class Updates(Sourced):
    """Agency updates before the meeting; `before` is None where the source gives no
    lead time ("prior to the meeting")."""

    before: Interval | None = None
    written: bool = True
    # What the updates cover, where the source says (Essex MACE 2: actions and hotspots).
    on: str | None = None

    def summary(self, names: Names) -> str:
        kind = "a written update" if self.written else "an update"
        if self.on:
            kind += f" on {self.on}"
        when = f"at least {self.before} before the meeting" if self.before else "before the meeting"
        return f"each agency sends {kind} {when}"

    def display_value(self) -> str:
        return str(self.before or "before the meeting")


class Feedback(Sourced):
    """Feedback to the professionals involved after the meeting (Kirklees §8 iv: within 2
    working days)."""

    within: Interval

    def summary(self, names: Names) -> str:
        return f"feedback to the relevant professionals within {self.within} of the meeting"

    def display_value(self) -> str:
        return str(self.within)


class ReviewInterval(Strict):
    """How long after a meeting a child's case comes back, by risk level."""

    high: Rule[Interval] | None = None
    medium: Rule[Interval] | None = None
    at_risk: Rule[Interval] | None = None
    set_at_meeting: Rule[bool] | None = None

    @model_validator(mode="after")
    def _something(self) -> ReviewInterval:
        if not (self.high or self.medium or self.at_risk or self.set_at_meeting):
            raise ValueError("give an interval for at least one risk level, or set_at_meeting")
        return self

    def for_risk(self, risk: str) -> Rule[Interval] | None:
        return getattr(self, risk, None) if risk in RISK_LABELS else None


class Removal(Sourced):
    """Leaving the forum's agenda (Dudley CEOG: only when the panel is satisfied; the
    reason and the actions completed are recorded)."""

    reason_required: bool = True
    actions_recorded: bool = False

    def summary(self, names: Names) -> str:
        text = "removal from the agenda needs a recorded reason"
        return text + " and the actions completed" if self.actions_recorded else text


class Forum(Keyed):
    label: Text
    kind: ForumKind
    purpose: Text
    considers: list[Subject] = Field(min_length=1)
    cadence: Cadence
    per_area: Key | None = None
    includes_adults: bool = False
    chair: Chair | None = None
    quorum: Quorum | None = None
    entry: Entry | None = None
    panels: Table[Panel] = {}
    agenda: Agenda | None = None
    updates: Updates | None = None
    review_interval: ReviewInterval | None = None
    removal: Removal | None = None
    feedback: Feedback | None = None
    outcomes: Table[MeetingOutcome] = {}
    intake: Intake | None = None

    def summary(self, names: Names) -> str:
        text = f"{self.label} ({self.kind.replace('_', ' ')}): {self.purpose}"
        if self.per_area:
            text += f" (one per {self.per_area})"
        if self.includes_adults:
            text += " (adults as well as children)"
        return text

    def display_value(self) -> str:
        return self.label

    def panel_agencies(self, panel: Panel) -> list[AgencyType]:
        """The panel's agencies with those of the panels it takes in, each once."""
        found = [*panel.agencies, *(a for key in panel.with_panels if key in self.panels
                                    for a in self.panels[key].agencies)]
        return list(dict.fromkeys(found))

    def panels_for(
        self,
        *,
        exploitation_types: set[str] | None = None,
        age: int | None = None,
        meeting: str = "any",
    ) -> list[Panel]:
        """The panels to invite for a child: e.g. Wolverhampton's CSE panel for CSE."""
        return [
            panel
            for panel in self.panels.values()
            if panel.applies(exploitation_types=exploitation_types, age=age, meeting=meeting)
        ]
