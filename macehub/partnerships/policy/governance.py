"""Governance rules: oversight duties, rating schemes, cross-border sharing and
professional disagreements."""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar, Literal

from pydantic import Field, StringConstraints, model_validator

from macehub.partnerships.policy.interval import Interval
from macehub.partnerships.policy.values import (
    Key,
    Keyed,
    Names,
    Positive,
    Rule,
    Sourced,
    Strict,
    Table,
    Text,
)

MonthDay = Annotated[str, StringConstraints(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]


class OversightItem(Keyed):
    """A report, audit or scheduling duty towards the partnership's oversight bodies."""

    label: Text
    every: Interval | None = None
    by: Text
    to: str | None = None
    forum: Key | None = None
    lead_time: Interval | None = None
    before_event: str | None = None
    # A plan audit (Wolverhampton, Dudley): how many plans a quarter's sample holds, and
    # the questions each sampled plan is graded against.
    sample_size: Rule[Positive] | None = None
    questions: Rule[list[Text]] | None = None
    # A yearly duty with no record of its own (Kirklees: the terms of reference and the
    # membership reviewed annually) falls due each year on this day ("03-31"), with a
    # reminder this many days before; "02-29" falls on 28 February in other years.
    due_on: Rule[MonthDay] | None = None
    remind_before: Rule[Positive] | None = None

    @model_validator(mode="after")
    def _paired(self) -> OversightItem:
        if (self.lead_time is None) != (self.before_event is None):
            raise ValueError("lead_time and before_event go together")
        if (self.due_on is None) != (self.remind_before is None):
            raise ValueError("due_on and remind_before go together")
        if self.due_on is not None:
            month, day = (int(x) for x in self.due_on.value.split("-"))
            try:
                date(2024, month, day)  # a leap year: 29 February is a day of the year
            except ValueError:
                raise ValueError(f"due_on {self.due_on.value!r} is not a day of the year") \
                    from None
        return self

    def summary(self, names: Names) -> str:
        text = f"{self.label}: {self.by}"
        if self.to:
            text += f" → {self.to}"
        if self.every:
            text += f", every {self.every}"
        if self.lead_time:
            text += f", {self.lead_time} before the {self.before_event}"
        return text

    def display_value(self) -> str:
        return str(self.every or self.lead_time or "")


ReportPeriod = Literal["month", "quarter", "half_year", "year"]
PERIOD_LABELS = {"month": "month", "quarter": "quarter", "half_year": "half-year",
                 "year": "year"}


class ReportKind(Keyed):
    """A report the chair (or coordinator) writes for a period for the partnership's
    oversight bodies: its figures frozen from the dashboard, its narrative under the
    sections listed here. An external report (circulating beyond the partnership) shows
    small numbers suppressed, below the pack's `missing.figures_suppress_below`."""

    title: Text
    period: Rule[ReportPeriod]
    recipients: Rule[list[Text]]
    sections: Rule[list[Text]]
    external: Rule[bool]
    # Due this many days after the period ends; the chair is reminded this many days
    # before it is due.
    due_within: Rule[Positive]
    remind_before: Rule[Positive]

    def summary(self, names: Names) -> str:
        return (f"{self.title}: each {PERIOD_LABELS[self.period.value]}, to "
                f"{', '.join(self.recipients.value)}")

    def display_value(self) -> str:
        return PERIOD_LABELS[self.period.value]


# What the MACE tracker can show, one column each (the product's words for them are in
# macehub/oversight/tracker.py).
TrackerColumn = Literal["reference", "child", "date_of_birth", "ethnicity", "area", "education",
                        "exploitation_types", "places", "risk", "status", "time_open",
                        "lead_agency", "outcome"]


class Tracker(Strict):
    """The MACE tracker: a list of the cases open to MACE with the columns the partnership
    reports on (Essex: to the Sub-Committee in the chairs' reports, 000 §6.3), and the places
    of exploitation a case records."""

    columns: Rule[list[TrackerColumn]]
    places: Rule[dict[Key, Text]]

    @model_validator(mode="after")
    def _listed(self) -> Tracker:
        if not self.columns.value or len(set(self.columns.value)) != len(self.columns.value):
            raise ValueError("list each tracker column once, and at least one")
        if not self.places.value:
            raise ValueError("list at least one place of exploitation")
        return self


class Oversight(Sourced):
    collection: ClassVar[str | None] = "items"
    items: Table[OversightItem] = {}
    reports: Table[ReportKind] = {}
    tracker: Tracker

    def summary(self, names: Names) -> str:
        return f"{len(self.items)} oversight duty(ies)" if self.items else "no oversight rule"


class Rating(Strict):
    """One colour of a scheme; the scheme's source covers it."""

    key: Key
    label: Text
    meaning: Text
    rank: Positive


class RagScheme(Keyed):
    """Thurrock GRV: red/amber/green/blue. Rank 1 is the most urgent."""

    label: Text
    forum: Key | None = None
    ratings: Table[Rating] = Field(min_length=2)

    @model_validator(mode="after")
    def _ranks(self) -> RagScheme:
        ranks = [r.rank for r in self.ratings.values()]
        if len(set(ranks)) != len(ranks):
            raise ValueError("each rating needs its own rank")
        return self

    def summary(self, names: Names) -> str:
        ordered = sorted(self.ratings.values(), key=lambda r: r.rank)
        return f"{self.label}: " + "; ".join(f"{r.label}: {r.meaning}" for r in ordered)

    def display_value(self) -> str:
        return ", ".join(self.ratings)


class Rag(Sourced):
    collection: ClassVar[str | None] = "schemes"
    schemes: Table[RagScheme] = {}

    def summary(self, names: Names) -> str:
        return f"{len(self.schemes)} rating scheme(s)" if self.schemes else "no rating scheme"


class Sharing(Sourced):
    """Cross-border sharing (SET protocol): partner packs and the strategic group."""

    protocol: str | None = None
    partners: list[Key] = []
    strategic_group: str | None = None
    levels: list[Text] = []

    def summary(self, names: Names) -> str:
        if not self.partners:
            return "no cross-border sharing arrangement"
        text = f"shares with {', '.join(self.partners)} under {self.protocol}"
        if self.strategic_group:
            text += f"; patterns across areas go to the {self.strategic_group}"
        return text

    def display_value(self) -> str:
        return ", ".join(self.partners)


class Disagreements(Sourced):
    process: Text
    dissent_recorded: bool = False

    def summary(self, names: Names) -> str:
        text = f"professional disagreements follow {self.process}"
        return text + "; dissent is recorded in the minutes" if self.dissent_recorded else text

    def display_value(self) -> str:
        return self.process


class Meetings(Strict):
    """How every forum's meetings handle papers and people (ARCHITECTURE principle 4)."""

    # A panel member sees a case from the agenda's publication until this long after the
    # meeting (need to know), unless their agency owns an open action on it.
    access_after: Rule[Interval]
    # Each case on a MACE agenda gets a time slot so its lead professional can attend for
    # it (Kirklees §6 vi).
    case_slot_minutes: Rule[Positive]
    # Read out, and agreed by every attendee, at the start of each meeting.
    confidentiality_statement: Rule[Text]
    # Printed in every agenda pack (Essex Appendix 3: "embedded in every agenda").
    information_sharing_statement: Rule[Text] | None = None
    # Invitees whose agency's updates are missing are reminded from this long before the
    # updates deadline (once).
    reminder_lead: Rule[Interval]


class BreakGlass(Strict):
    """Opening a record beyond one's normal reach with a stated reason (SECURITY S10)."""

    # How long access opened by break-glass lasts before it must be opened again.
    lasts: Rule[Interval]


class DueList(Strict):
    """How far the due list looks ahead and back: every such window is a pack value (most
    are product defaults where the documents are silent)."""

    # A birthday that changes a child's panel, or takes them out of scope, is shown from
    # this long before it until this long after it.
    milestone_before: Rule[Interval]
    milestone_after: Rule[Interval]
    # Draft meetings starting within this horizon show their agenda deadline.
    agenda_horizon: Rule[Interval]
    # Held meetings this recent are checked for feedback still owed to professionals.
    feedback_look_back: Rule[Interval]
    # Episodes returned this recently are checked for a return interview still owed.
    returned_look_back: Rule[Interval]
