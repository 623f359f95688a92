"""Meetings through the API: schedule, list and read them, and the escalation flags the
case page shows. The same services, fetch-and-authorise helpers and permissions as the
pages. The agenda is in api_agenda.py, the meeting's status in api_status.py, its conduct
(updates, attendance, minutes, decisions, actions) in api_minutes.py, and the decision and
action logs and disclosures in api_records.py.

No `from __future__ import annotations` here: django-ninja reads the annotations at import
time through the permission wrapper, so they must be real types."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Router
from ninja.responses import Status

from macehub.access.actor import Actor
from macehub.accounts.models import User
from macehub.api.core import actor_of, permission
from macehub.cases.api import ESCALATION_FLAGS, EscalationFlagOut
from macehub.cases.models import Case
from macehub.lib.api_paging import page_of
from macehub.lib.listing import api_filters, ordered
from macehub.meetings import services
from macehub.meetings.api_schemas import (
    DeadlineOut,
    MeetingDetailOut,
    MeetingIn,
    MeetingOut,
    MeetingPage,
    QuorumOut,
    SeriesIn,
)
from macehub.meetings.lists import MEETING_SORTS, MeetingFilterForm, meeting_list
from macehub.meetings.models import Meeting
from macehub.meetings.queries import get_meeting_for, may_open_papers, papers_closed
from macehub.meetings.rules import deadlines, escalation_flags, quorum
from macehub.partnerships.models import Agency
from macehub.rules.api import ReasonOut

router = Router(tags=["meetings"])


def member(actor: Actor, pk: int | None, field: str) -> User | None:
    """Someone with an active role in the actor's partnership, named in the body."""
    if pk is None:
        return None
    user = User.objects.filter(
        pk=pk, memberships__in=actor.partnership.memberships.filter(is_active=True)).first()
    if user is None:
        raise ValidationError({field: "Select someone in this partnership"})
    return user


def agency_in(actor: Actor, pk: int, field: str) -> Agency:
    agency = actor.partnership.agencies.filter(pk=pk).first()
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
        area = actor.partnership.areas.filter(pk=payload.area_id).first()
        if area is None:
            raise ValidationError({"area_id": "Select an area"})
    meeting = services.meeting_schedule(
        actor=actor, forum=payload.forum, starts_at=payload.starts_at, minutes=payload.minutes,
        area=area, venue=payload.venue, online_link=payload.online_link,
        chair=member(actor, payload.chair_id, "chair_id"),
        vice_chair=member(actor, payload.vice_chair_id, "vice_chair_id"))
    return Status(201, meeting)


@router.post("/meetings/series", response={201: list[MeetingOut]})
@permission("meeting.manage")
def schedule_series(request: HttpRequest, payload: SeriesIn) -> Status[object]:
    """Recurring meetings from the forum's cadence in the policy pack, or placed before
    anchor dates, as the scheduling page does."""
    actor = actor_of(request)
    area = None
    if payload.area_id is not None:
        area = actor.partnership.areas.filter(pk=payload.area_id).first()
        if area is None:
            raise ValidationError({"area_id": "Select an area"})
    return Status(201, services.meeting_series(
        actor=actor, forum=payload.forum, first=payload.first, at=payload.at,
        minutes=payload.minutes, count=payload.count, anchors=payload.anchors or None,
        area=area, venue=payload.venue, online_link=payload.online_link,
        chair=member(actor, payload.chair_id, "chair_id"),
        vice_chair=member(actor, payload.vice_chair_id, "vice_chair_id")))


@router.get("/meetings", response=MeetingPage)
@permission("meeting.view")
def list_meetings(request: HttpRequest, when: str = "", forum: str = "", status: str = "",
                  area_id: int | None = None, sort: str = "", page: int = 1,
                  page_size: int = 25, cursor: str = "") -> object:
    """The meetings the caller may see (a panel member: those they are invited to, once
    published), with the meetings page's filters: `when=upcoming` (cancelled left out) or
    `when=past`, forum, status, area. Sort keys: when, forum, area, status (a leading "-"
    reverses); coming up reads soonest first, anything else latest first."""
    actor = actor_of(request)
    filters = api_filters(MeetingFilterForm(
        {"when": when, "forum": forum, "status": status, "area": area_id or ""}, actor=actor))
    default = "when" if when == "upcoming" else "-when"
    meetings = ordered(meeting_list(actor, filters), MEETING_SORTS, sort or default)
    return page_of(meetings, page=page, page_size=page_size, cursor=cursor)


@router.get("/meetings/{meeting_id}", response=MeetingDetailOut,
            operation_id="macehub_api_meetings_read_meeting")
@permission("meeting.view")
def read_meeting(request: HttpRequest, meeting_id: int) -> MeetingDetailOut:
    actor = actor_of(request)
    meeting = get_meeting_for(actor, meeting_id)
    pack = actor.partnership.policy
    check = quorum(pack, meeting)
    return MeetingDetailOut(
        **MeetingOut.from_orm(meeting).dict(),
        quorum=QuorumOut(met=check.met, missing=check.missing,
                         reason=ReasonOut.from_orm(check.reason) if check.reason else None),
        deadlines=[DeadlineOut(title=title, at=at, reason=ReasonOut.from_orm(reason))
                   for title, at, reason in deadlines(pack, meeting)])


def _escalation_flags(actor: Actor, case: Case) -> list[EscalationFlagOut]:
    """What the case page shows of the meetings: the escalation flags of an open case."""
    if case.status != Case.Status.OPEN:
        return []
    return [EscalationFlagOut(to_forum=f.to_forum, to_label=f.to_label,
                              reason=ReasonOut.from_orm(f.reason))
            for f in escalation_flags(actor.partnership.policy, case)]


ESCALATION_FLAGS.append(_escalation_flags)


def papers(actor: Actor, meeting: Meeting) -> Meeting:
    """The meeting's papers: closed (404) after a panel member's need-to-know window;
    refused (403) until the confidentiality statement is agreed for this meeting."""
    if papers_closed(actor, meeting):
        raise Http404("Not found")
    if not may_open_papers(actor, meeting):
        raise PermissionDenied("Agree the confidentiality statement for this meeting first.")
    return meeting


