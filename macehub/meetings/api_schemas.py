"""The meetings API's request and response schemas. No `from __future__ import
annotations` here: django-ninja reads the annotations at import time."""

from datetime import date, datetime, time
from typing import Any

from ninja import Field, Schema

from macehub.lib.api_paging import NEXT_DESCRIPTION
from macehub.rules.api import ReasonOut


class MeetingIn(Schema):
    forum: str = Field(description="A forum key from the partnership's policy pack")
    starts_at: datetime
    minutes: int = Field(description="How long the meeting lasts, in minutes")
    area_id: int | None = None
    venue: str = Field("", max_length=200)
    online_link: str = Field("", max_length=200)
    chair_id: int | None = None
    vice_chair_id: int | None = None


class SeriesIn(Schema):
    forum: str = Field(description="A forum key from the partnership's policy pack")
    first: date = Field(description="The first meeting's date")
    at: time = Field(description="Local start time")
    minutes: int
    count: int = Field(1, description="How many meetings, from the forum's cadence")
    anchors: list[date] = Field([], description="Dates the meetings are placed before, for "
                                "a forum the pack places before another meeting")
    area_id: int | None = None
    venue: str = Field("", max_length=200)
    online_link: str = Field("", max_length=200)
    chair_id: int | None = None
    vice_chair_id: int | None = None


class MeetingOut(Schema):
    id: int
    forum: str
    area_id: int | None
    starts_at: datetime
    ends_at: datetime
    venue: str
    online_link: str
    chair_id: int | None
    vice_chair_id: int | None
    status: str
    published_at: datetime | None = None
    held_at: datetime | None = None
    inquorate_reason: str = ""
    feedback_given_at: datetime | None = None
    minutes_approved_at: datetime | None = None
    version: int


class MeetingPage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list[MeetingOut]


class QuorumOut(Schema):
    met: bool
    missing: list[str]
    reason: ReasonOut | None


class DeadlineOut(Schema):
    title: str
    at: datetime
    reason: ReasonOut


class MeetingDetailOut(MeetingOut):
    """The meeting as its page shows it: with its quorum and its deadlines, each with the
    rule and its source."""

    quorum: QuorumOut
    deadlines: list[DeadlineOut]


class VersionIn(Schema):
    version: int = Field(description="The meeting's version you last read")


class ItemOut(Schema):
    id: int
    position: int
    kind: str
    title: str
    case_id: int | None
    starts_at: str | None = Field(
        None, pattern=r"^[0-2][0-9]:[0-5][0-9]$",
        description="Local (UK) clock time the item starts, HH:MM: the meeting's start plus "
        "the durations of the items before it, recalculated when the agenda changes")
    minutes: int | None

    @staticmethod
    def resolve_starts_at(obj: Any) -> str | None:
        at = getattr(obj, "starts_at", None)
        return at.strftime("%H:%M") if isinstance(at, time) else None
    lead: str
    why: str


class InvitationOut(Schema):
    id: int
    name: str
    user_id: int | None
    agency_id: int | None
    basis: str
    why: str
    attendance: str
    deputy: str
    confidentiality_agreed_at: datetime | None
    version: int


class ConditionIn(Schema):
    panel: str = Field(description="The panel's key (from the conditions list)")
    case_id: int | None = Field(None, description="The case it answers for; none answers "
                                "for every case on the agenda")
    answer: bool


class PublishIn(VersionIn):
    conditions: list[ConditionIn] = Field(
        [], description="Yes or no for each panel invited only on a condition the records "
        "cannot answer (GET .../agenda/conditions lists them)")


class ConditionOut(Schema):
    panel: str
    label: str
    condition: str
    source: str
    case_id: int
    item_id: int
    question: str


class PublishedOut(Schema):
    meeting: MeetingOut
    invited: list[InvitationOut]


class UpdateIn(Schema):
    text: str = Field(max_length=10000)
    version: int | None = Field(None, description="Your agency's update version, when "
                                "replacing it")


class UpdateOut(Schema):
    id: int
    item_id: int
    agency_id: int
    text: str
    submitted_at: datetime
    version: int


class AttendanceIn(Schema):
    attendance: str = Field(description="expected, present, apologies or absent")
    deputy: str = Field("", max_length=200)
    agreed: bool = Field(False, description="The attendee agreed the confidentiality "
                         "statement at the start of the meeting")
    version: int = Field(description="The invitation's version you last read (GET "
                         ".../register): a save over someone else's change to the same row "
                         "is refused with 409")


class RegisterOut(Schema):
    quorate: bool = Field(description="True where the forum has no quorum rule")
    missing: list[str] = Field(description="The agencies the quorum still needs present")
    invitations: list[InvitationOut]


class DecisionIn(Schema):
    kind: str
    text: str = Field(max_length=10000)
    risk: str = ""
    next_review_on: date | None = None
    to_forum: str = ""
    details: dict[str, Any] = {}
    corrects_id: int | None = Field(None, description="The decision this one corrects")


class DecisionOut(Schema):
    id: int
    item_id: int
    case_id: int | None
    kind: str
    text: str
    risk: str
    next_review_on: date | None
    to_forum: str
    details: dict[str, Any]
    at: datetime
    corrects_id: int | None


class DissentIn(Schema):
    agency_id: int
    person: str = Field(max_length=200)
    reason: str = Field(max_length=10000)


class DissentOut(Schema):
    id: int
    decision_id: int
    agency_id: int
    person: str
    reason: str
    at: datetime


class ActionIn(Schema):
    description: str = Field(max_length=10000)
    owner_name: str = Field(max_length=200)
    owner_agency_id: int
    due_on: date
    item_id: int | None = None
    owner_id: int | None = None


class ActionOut(Schema):
    id: int
    meeting_id: int
    item_id: int | None
    case_id: int | None
    description: str
    owner_name: str
    owner_agency_id: int
    due_on: date
    status: str
    version: int


class ReviewDueOut(Schema):
    case_id: int
    kind: str
    due_on: date | None
    last_meeting_on: date | None
    reason: ReasonOut


class DecisionPage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list[DecisionOut]


class ActionPage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list[ActionOut]
