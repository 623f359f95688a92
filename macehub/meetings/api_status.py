"""A meeting's status and who comes, through the API, one operation per page action:
record it as held, approve the minutes, record the feedback to professionals, cancel it,
invite a guest and send apologies. The same services and permissions as the meeting page.
No `from __future__ import annotations` here: django-ninja reads the annotations at
import time."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.accounts.models import User
from macehub.api.core import actor_of, permission
from macehub.meetings import conduct, services
from macehub.meetings.api import agency_in, member
from macehub.meetings.api_schemas import InvitationOut, MeetingOut, VersionIn
from macehub.meetings.models import AgendaItem, Meeting
from macehub.meetings.queries import get_meeting_for, invitation_of

router = Router(tags=["meetings"])


class HoldIn(Schema):
    version: int = Field(description="The meeting's version you last read")
    inquorate_reason: str = Field("", max_length=5000, description="Needed when the pack's "
                                  "quorum was not met: the meeting is recorded as inquorate")


class GuestIn(Schema):
    name: str = Field(max_length=200)
    agency_id: int
    item_id: int | None = Field(None, description="The agenda item the guest attends for")
    user_id: int | None = Field(None, description="The guest's account, if they have one")


class ApologiesIn(Schema):
    deputy: str = Field("", max_length=200, description="Who attends in your place")


def _meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    return get_meeting_for(actor_of(request), meeting_id)


@router.post("/meetings/{meeting_id}/hold", response=MeetingOut)
@permission("meeting.manage")
def hold_meeting(request: HttpRequest, meeting_id: int, payload: HoldIn) -> object:
    """Record that the meeting took place (as inquorate, with a reason, when the pack's
    quorum was not met)."""
    return conduct.meeting_hold(actor=actor_of(request), meeting=_meeting(request, meeting_id),
                                **payload.dict())


@router.post("/meetings/{meeting_id}/approve", response=MeetingOut)
@permission("meeting.chair")
def approve_minutes(request: HttpRequest, meeting_id: int, payload: VersionIn) -> object:
    """The meeting's chair approves the minutes; from then on they are never edited."""
    return conduct.minutes_approve(actor=actor_of(request),
                                   meeting=_meeting(request, meeting_id), **payload.dict())


@router.post("/meetings/{meeting_id}/feedback", response=MeetingOut)
@permission("meeting.manage")
def record_meeting_feedback(request: HttpRequest, meeting_id: int,
                            payload: VersionIn) -> object:
    """Feedback has been given to the relevant professionals after the meeting."""
    return conduct.feedback_record(actor=actor_of(request),
                                   meeting=_meeting(request, meeting_id), **payload.dict())


@router.post("/meetings/{meeting_id}/cancel", response=MeetingOut)
@permission("meeting.manage")
def cancel_meeting(request: HttpRequest, meeting_id: int, payload: VersionIn) -> object:
    return conduct.meeting_cancel(actor=actor_of(request),
                                  meeting=_meeting(request, meeting_id), **payload.dict())


@router.post("/meetings/{meeting_id}/guests", response={201: InvitationOut})
@permission("meeting.manage")
def invite_guest(request: HttpRequest, meeting_id: int, payload: GuestIn) -> Status[object]:
    """A guest for one item (licensing, housing, environmental health ...)."""
    actor = actor_of(request)
    meeting = _meeting(request, meeting_id)
    item: AgendaItem | None = None
    if payload.item_id is not None:
        item = meeting.items.filter(pk=payload.item_id).first()
        if item is None:
            raise ValidationError({"item_id": "Select an item on this agenda"})
    user: User | None = member(actor, payload.user_id, "user_id")
    return Status(201, services.guest_invite(
        actor=actor, meeting=meeting, name=payload.name, item=item, user=user,
        agency=agency_in(actor, payload.agency_id, "agency_id")))


@router.post("/meetings/{meeting_id}/apologies", response=InvitationOut)
@permission("meeting.view")
def send_apologies(request: HttpRequest, meeting_id: int, payload: ApologiesIn) -> object:
    """The caller's apologies for a meeting they are invited to, with their deputy."""
    actor = actor_of(request)
    meeting = _meeting(request, meeting_id)
    invitation = invitation_of(actor, meeting)
    if invitation is None:
        raise ValidationError("You are not invited to this meeting.")
    return services.apologies_send(actor=actor, invitation=invitation, deputy=payload.deputy)
