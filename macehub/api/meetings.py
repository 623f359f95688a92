"""Meetings through the API: schedule, build and publish the agenda, agency updates,
attendance and the confidentiality agreement, decisions, dissent and actions, and the
reviews due. The same services, fetch-and-authorise helpers and permissions as the pages.

No `from __future__ import annotations` here: django-ninja reads the annotations at import
time through the permission wrapper, so they must be real types."""


from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.access.actor import Actor
from macehub.accounts.models import User
from macehub.api.core import permission
from macehub.meetings import conduct, decisions, services
from macehub.meetings.models import Decision, Invitation, Meeting
from macehub.meetings.queries import (
    get_item_for,
    get_meeting_for,
    may_open_papers,
    papers_closed,
)
from macehub.meetings.rules import reviews_due
from macehub.partnerships.models import Agency, Area

router = Router(tags=["meetings"])


# --- schemas ------------------------------------------------------------------------------


class MeetingIn(Schema):
    forum: str = Field(description="A forum key from the partnership's policy pack")
    starts_at: datetime
    minutes: int = Field(description="How long the meeting lasts, in minutes")
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
    version: int


class VersionIn(Schema):
    version: int = Field(description="The meeting's version you last read")


class ItemOut(Schema):
    id: int
    position: int
    kind: str
    title: str
    case_id: int | None
    starts_at: time | None
    minutes: int | None
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
    rule: str
    source: str
    is_default: bool


# --- fetch-and-authorise for the records a request names ---------------------------------


def _actor(request: HttpRequest) -> Actor:
    return request.auth  # type: ignore[attr-defined,no-any-return]


def _member(actor: Actor, pk: int | None, field: str) -> User | None:
    """Someone with an active role in the actor's partnership, named in the body."""
    if pk is None:
        return None
    user = User.objects.filter(pk=pk, memberships__partnership=actor.partnership,
                               memberships__is_active=True).first()
    if user is None:
        raise ValidationError({field: "Select someone in this partnership"})
    return user


def _agency(actor: Actor, pk: int, field: str) -> Agency:
    agency = Agency.objects.filter(pk=pk, partnership=actor.partnership).first()
    if agency is None:
        raise ValidationError({field: "Select an agency"})
    return agency


# --- operations -----------------------------------------------------------------------------


@router.post("/meetings", response={201: MeetingOut})
@permission("meeting.manage")
def schedule_meeting(request: HttpRequest, payload: MeetingIn) -> Status[object]:
    actor = _actor(request)
    area = None
    if payload.area_id is not None:
        area = Area.objects.filter(pk=payload.area_id, partnership=actor.partnership).first()
        if area is None:
            raise ValidationError({"area_id": "Select an area"})
    meeting = services.meeting_schedule(
        actor=actor, forum=payload.forum, starts_at=payload.starts_at, minutes=payload.minutes,
        area=area, venue=payload.venue, online_link=payload.online_link,
        chair=_member(actor, payload.chair_id, "chair_id"),
        vice_chair=_member(actor, payload.vice_chair_id, "vice_chair_id"))
    return Status(201, meeting)


@router.get("/meetings/{meeting_id}", response=MeetingOut)
@permission("meeting.view")
def read_meeting(request: HttpRequest, meeting_id: int) -> object:
    return get_meeting_for(_actor(request), meeting_id)


@router.post("/meetings/{meeting_id}/agenda/build", response=list[ItemOut])
@permission("meeting.manage")
def build_agenda(request: HttpRequest, meeting_id: int, payload: VersionIn) -> object:
    """Add the suggested items (nominations, reviews due, escalated cases, the previous
    action log) that are not on the agenda yet; returns the items added."""
    actor = _actor(request)
    meeting = get_meeting_for(actor, meeting_id)
    return services.agenda_build(actor=actor, meeting=meeting, version=payload.version)


@router.get("/meetings/{meeting_id}/agenda", response=list[ItemOut])
@permission("meeting.view")
def read_agenda(request: HttpRequest, meeting_id: int) -> object:
    actor = _actor(request)
    meeting = _papers(actor, get_meeting_for(actor, meeting_id))
    return list(meeting.items.filter(removed_at__isnull=True))


def _papers(actor: Actor, meeting: Meeting) -> Meeting:
    """The meeting's papers: closed (404) after a panel member's need-to-know window;
    refused (403) until the confidentiality statement is agreed for this meeting."""
    if papers_closed(actor, meeting):
        raise Http404("Not found")
    if not may_open_papers(actor, meeting):
        raise PermissionDenied("Agree the confidentiality statement for this meeting first.")
    return meeting


@router.post("/meetings/{meeting_id}/agenda/publish", response=PublishedOut)
@permission("meeting.manage")
def publish_agenda(request: HttpRequest, meeting_id: int, payload: VersionIn) -> object:
    """Publish the agenda; invitations go to the pack's panel, the chair and key workers."""
    actor = _actor(request)
    meeting = get_meeting_for(actor, meeting_id)
    invited = services.agenda_publish(actor=actor, meeting=meeting, version=payload.version)
    meeting.refresh_from_db()
    return {"meeting": meeting, "invited": invited}


@router.put("/meetings/{meeting_id}/items/{item_id}/update", response=UpdateOut)
@permission("meeting.update")
def submit_update(request: HttpRequest, meeting_id: int, item_id: int,
                  payload: UpdateIn) -> object:
    """Your agency's written update on the case of an agenda item (one per agency; sending
    again replaces it)."""
    actor = _actor(request)
    item = get_item_for(actor, _papers(actor, get_meeting_for(actor, meeting_id)), item_id)
    return services.update_submit(actor=actor, item=item, text=payload.text,
                                  version=payload.version)


@router.post("/meetings/{meeting_id}/invitations/{invitation_id}/attendance",
             response=InvitationOut)
@permission("meeting.manage")
def record_attendance(request: HttpRequest, meeting_id: int, invitation_id: int,
                      payload: AttendanceIn) -> object:
    actor = _actor(request)
    meeting = get_meeting_for(actor, meeting_id)
    invitation = Invitation.objects.filter(meeting=meeting, pk=invitation_id).first()
    if invitation is None:
        raise Http404("Not found")
    return conduct.attendance_record(actor=actor, invitation=invitation, **payload.dict())


@router.post("/meetings/{meeting_id}/confidentiality", response=InvitationOut)
@permission("meeting.view")
def agree_confidentiality(request: HttpRequest, meeting_id: int) -> object:
    """The caller agrees the meeting's confidentiality statement; until then they cannot
    open its papers."""
    actor = _actor(request)
    return conduct.confidentiality_agree(actor=actor, meeting=get_meeting_for(actor, meeting_id))


@router.post("/meetings/{meeting_id}/items/{item_id}/decisions", response={201: DecisionOut})
@permission("meeting.minute")
def record_decision(request: HttpRequest, meeting_id: int, item_id: int,
                    payload: DecisionIn) -> Status[object]:
    actor = _actor(request)
    item = get_item_for(actor, get_meeting_for(actor, meeting_id), item_id)
    data = payload.dict()
    corrects_id = data.pop("corrects_id")
    corrects = None
    if corrects_id is not None:
        corrects = Decision.objects.filter(pk=corrects_id,
                                           item__meeting__partnership=actor.partnership).first()
        if corrects is None:
            raise ValidationError({"corrects_id": "Correct a decision on this case"})
    return Status(201, decisions.decision_record(actor=actor, item=item, corrects=corrects,
                                                 **data))


@router.post("/meetings/{meeting_id}/decisions/{decision_id}/dissent",
             response={201: DissentOut})
@permission("meeting.minute")
def record_dissent(request: HttpRequest, meeting_id: int, decision_id: int,
                   payload: DissentIn) -> Status[object]:
    actor = _actor(request)
    meeting = get_meeting_for(actor, meeting_id)
    decision = Decision.objects.select_related("item__meeting").filter(
        pk=decision_id, item__meeting=meeting).first()
    if decision is None:
        raise Http404("Not found")
    return Status(201, decisions.dissent_record(
        actor=actor, decision=decision, agency=_agency(actor, payload.agency_id, "agency_id"),
        person=payload.person, reason=payload.reason))


@router.post("/meetings/{meeting_id}/actions", response={201: ActionOut})
@permission("meeting.minute")
def add_action(request: HttpRequest, meeting_id: int, payload: ActionIn) -> Status[object]:
    actor = _actor(request)
    meeting = get_meeting_for(actor, meeting_id)
    item = None
    if payload.item_id is not None:
        item = meeting.items.filter(pk=payload.item_id).first()
        if item is None:
            raise ValidationError({"item_id": "Select an item on this agenda"})
    return Status(201, decisions.action_add(
        actor=actor, meeting=meeting, item=item, description=payload.description,
        owner_name=payload.owner_name, due_on=payload.due_on,
        owner_agency=_agency(actor, payload.owner_agency_id, "owner_agency_id"),
        owner=_member(actor, payload.owner_id, "owner_id")))


@router.get("/reviews-due", response=list[ReviewDueOut])
@permission("due.view")
def list_reviews_due(request: HttpRequest, until: date | None = None,
                     forum: str | None = None) -> list[ReviewDueOut]:
    """Open cases due at their forum (new nominations and reviews), soonest first, each
    with the rule that makes it due and its source."""
    partnership = _actor(request).partnership
    if forum is not None and forum not in partnership.policy.forums:
        raise ValidationError({"forum": "Select a forum"})
    return [ReviewDueOut(case_id=r.case.pk, kind=r.kind, due_on=r.due_on,
                         last_meeting_on=r.last_meeting_on, rule=r.because.rule,
                         source=r.because.source, is_default=r.because.is_default)
            for r in reviews_due(partnership, until=until, forum_key=forum)]
