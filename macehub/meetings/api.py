"""Meetings through the API: schedule, build and publish the agenda, and read them. The same
services, fetch-and-authorise helpers and permissions as the pages; the meeting's conduct
(updates, attendance, decisions, actions) is in api_minutes.py.

No `from __future__ import annotations` here: django-ninja reads the annotations at import
time through the permission wrapper, so they must be real types."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Router
from ninja.responses import Status

from macehub.access.actor import Actor
from macehub.accounts.models import User
from macehub.api.core import actor_of, permission
from macehub.meetings import services
from macehub.meetings.api_schemas import (
    ItemOut,
    MeetingIn,
    MeetingOut,
    PublishedOut,
    VersionIn,
)
from macehub.meetings.models import Meeting
from macehub.meetings.queries import get_meeting_for, may_open_papers, papers_closed
from macehub.partnerships.models import Agency, Area

router = Router(tags=["meetings"])



def member(actor: Actor, pk: int | None, field: str) -> User | None:
    """Someone with an active role in the actor's partnership, named in the body."""
    if pk is None:
        return None
    user = User.objects.filter(pk=pk, memberships__partnership=actor.partnership,
                               memberships__is_active=True).first()
    if user is None:
        raise ValidationError({field: "Select someone in this partnership"})
    return user


def agency_in(actor: Actor, pk: int, field: str) -> Agency:
    agency = Agency.objects.filter(pk=pk, partnership=actor.partnership).first()
    if agency is None:
        raise ValidationError({field: "Select an agency"})
    return agency


@router.post("/meetings", response={201: MeetingOut},
             operation_id="macehub_api_meetings_schedule_meeting")
@permission("meeting.manage")
def schedule_meeting(request: HttpRequest, payload: MeetingIn) -> Status[object]:
    actor = actor_of(request)
    area = None
    if payload.area_id is not None:
        area = Area.objects.filter(pk=payload.area_id, partnership=actor.partnership).first()
        if area is None:
            raise ValidationError({"area_id": "Select an area"})
    meeting = services.meeting_schedule(
        actor=actor, forum=payload.forum, starts_at=payload.starts_at, minutes=payload.minutes,
        area=area, venue=payload.venue, online_link=payload.online_link,
        chair=member(actor, payload.chair_id, "chair_id"),
        vice_chair=member(actor, payload.vice_chair_id, "vice_chair_id"))
    return Status(201, meeting)


@router.get("/meetings/{meeting_id}", response=MeetingOut,
             operation_id="macehub_api_meetings_read_meeting")
@permission("meeting.view")
def read_meeting(request: HttpRequest, meeting_id: int) -> object:
    return get_meeting_for(actor_of(request), meeting_id)


@router.post("/meetings/{meeting_id}/agenda/build", response=list[ItemOut],
             operation_id="macehub_api_meetings_build_agenda")
@permission("meeting.manage")
def build_agenda(request: HttpRequest, meeting_id: int, payload: VersionIn) -> object:
    """Add the suggested items (nominations, reviews due, escalated cases, the previous
    action log) that are not on the agenda yet; returns the items added."""
    actor = actor_of(request)
    meeting = get_meeting_for(actor, meeting_id)
    return services.agenda_build(actor=actor, meeting=meeting, version=payload.version)


@router.get("/meetings/{meeting_id}/agenda", response=list[ItemOut],
             operation_id="macehub_api_meetings_read_agenda")
@permission("meeting.view")
def read_agenda(request: HttpRequest, meeting_id: int) -> object:
    actor = actor_of(request)
    meeting = papers(actor, get_meeting_for(actor, meeting_id))
    return list(meeting.items.filter(removed_at__isnull=True))


def papers(actor: Actor, meeting: Meeting) -> Meeting:
    """The meeting's papers: closed (404) after a panel member's need-to-know window;
    refused (403) until the confidentiality statement is agreed for this meeting."""
    if papers_closed(actor, meeting):
        raise Http404("Not found")
    if not may_open_papers(actor, meeting):
        raise PermissionDenied("Agree the confidentiality statement for this meeting first.")
    return meeting


@router.post("/meetings/{meeting_id}/agenda/publish", response=PublishedOut,
             operation_id="macehub_api_meetings_publish_agenda")
@permission("meeting.manage")
def publish_agenda(request: HttpRequest, meeting_id: int, payload: VersionIn) -> object:
    """Publish the agenda; invitations go to the pack's panel, the chair and key workers."""
    actor = actor_of(request)
    meeting = get_meeting_for(actor, meeting_id)
    invited = services.agenda_publish(actor=actor, meeting=meeting, version=payload.version)
    meeting.refresh_from_db()
    return {"meeting": meeting, "invited": invited}
