"""A meeting's conduct through the API: agency updates, attendance and the confidentiality
agreement, decisions, dissent and actions, and the reviews due. The same services and
permissions as the pages.

No `from __future__ import annotations` here: django-ninja reads the annotations at import
time through the permission wrapper, so they must be real types."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.api.core import actor_of, permission
from macehub.audit.services import audit_shown, with_child
from macehub.meetings import conduct, decisions, services
from macehub.meetings.api import agency_in, member, papers
from macehub.meetings.api_schemas import (
    ActionIn,
    ActionOut,
    AttendanceIn,
    DecisionIn,
    DecisionOut,
    DissentIn,
    DissentOut,
    InvitationOut,
    ItemOut,
    RegisterOut,
    ReviewDueOut,
    UpdateIn,
    UpdateOut,
)
from macehub.meetings.areas import within
from macehub.meetings.models import AgendaItem, Decision
from macehub.meetings.queries import get_item_for, get_meeting_for
from macehub.meetings.rules import quorum, reviews_due
from macehub.rules.api import ReasonOut

router = Router(tags=["meetings"])


@router.put("/meetings/{meeting_id}/items/{item_id}/update", response=UpdateOut,
             operation_id="macehub_api_meetings_submit_update")
@permission("meeting.update")
def submit_update(request: HttpRequest, meeting_id: int, item_id: int,
                  payload: UpdateIn) -> object:
    """Your agency's written update on the case of an agenda item (one per agency; sending
    again replaces it)."""
    actor = actor_of(request)
    item = get_item_for(actor, papers(actor, get_meeting_for(actor, meeting_id)), item_id)
    return services.update_submit(actor=actor, item=item, text=payload.text,
                                  version=payload.version)


@router.get("/meetings/{meeting_id}/register", response=RegisterOut,
            operation_id="macehub_meetings_read_register")
@permission("meeting.manage")
def read_register(request: HttpRequest, meeting_id: int) -> object:
    """The attendance register as the register page shows it: each invitation with its
    attendance, deputy, agreement and version, and whether the meeting is quorate."""
    actor = actor_of(request)
    meeting = get_meeting_for(actor, meeting_id)
    invitations = list(meeting.invitations.select_related("agency"))
    check = quorum(actor.partnership.policy, meeting, invitations)
    return RegisterOut(quorate=check.met, missing=check.missing,
                       invitations=[InvitationOut.from_orm(i) for i in invitations])


@router.post("/meetings/{meeting_id}/invitations/{invitation_id}/attendance",
             response=InvitationOut,
             operation_id="macehub_api_meetings_record_attendance")
@permission("meeting.manage")
def record_attendance(request: HttpRequest, meeting_id: int, invitation_id: int,
                      payload: AttendanceIn) -> object:
    """One row of the register: attendance, deputy and the confidentiality agreement of
    one invitee, with the version you read; someone else's change since is a 409."""
    actor = actor_of(request)
    meeting = get_meeting_for(actor, meeting_id)
    invitation = meeting.invitations.filter(pk=invitation_id).first()
    if invitation is None:
        raise Http404("Not found")
    return conduct.attendance_record(actor=actor, invitation=invitation, **payload.dict())


@router.post("/meetings/{meeting_id}/confidentiality", response=InvitationOut,
             operation_id="macehub_api_meetings_agree_confidentiality")
@permission("meeting.view")
def agree_confidentiality(request: HttpRequest, meeting_id: int) -> object:
    """The caller agrees the meeting's confidentiality statement; until then they cannot
    open its papers."""
    actor = actor_of(request)
    return conduct.confidentiality_agree(actor=actor, meeting=get_meeting_for(actor, meeting_id))


@router.post("/meetings/{meeting_id}/items/{item_id}/decisions", response={201: DecisionOut},
             operation_id="macehub_api_meetings_record_decision")
@permission("meeting.minute")
def record_decision(request: HttpRequest, meeting_id: int, item_id: int,
                    payload: DecisionIn) -> Status[object]:
    actor = actor_of(request)
    item = get_item_for(actor, get_meeting_for(actor, meeting_id), item_id)
    data = payload.dict()
    corrects_id = data.pop("corrects_id")
    corrects = None
    if corrects_id is not None:
        corrects = Decision.objects.for_actor(actor).filter(pk=corrects_id).first()
        if corrects is None:
            raise ValidationError({"corrects_id": "Correct a decision on this case"})
    return Status(201, decisions.decision_record(actor=actor, item=item, corrects=corrects,
                                                 **data))


@router.post("/meetings/{meeting_id}/decisions/{decision_id}/dissent",
             response={201: DissentOut},
             operation_id="macehub_api_meetings_record_dissent")
@permission("meeting.minute")
def record_dissent(request: HttpRequest, meeting_id: int, decision_id: int,
                   payload: DissentIn) -> Status[object]:
    actor = actor_of(request)
    meeting = get_meeting_for(actor, meeting_id)
    decision = Decision.objects.for_actor(actor).select_related("item__meeting").filter(
        pk=decision_id, item__meeting=meeting).first()
    if decision is None:
        raise Http404("Not found")
    return Status(201, decisions.dissent_record(
        actor=actor, decision=decision, agency=agency_in(actor, payload.agency_id, "agency_id"),
        person=payload.person, reason=payload.reason))


@router.post("/meetings/{meeting_id}/actions", response={201: ActionOut},
             operation_id="macehub_api_meetings_add_action")
@permission("meeting.minute")
def add_action(request: HttpRequest, meeting_id: int, payload: ActionIn) -> Status[object]:
    actor = actor_of(request)
    meeting = get_meeting_for(actor, meeting_id)
    item = None
    if payload.item_id is not None:
        item = meeting.items.filter(pk=payload.item_id).first()
        if item is None:
            raise ValidationError({"item_id": "Select an item on this agenda"})
    return Status(201, decisions.action_add(
        actor=actor, meeting=meeting, item=item, description=payload.description,
        owner_name=payload.owner_name, due_on=payload.due_on,
        owner_agency=agency_in(actor, payload.owner_agency_id, "owner_agency_id"),
        owner=member(actor, payload.owner_id, "owner_id")))


@router.get("/reviews-due", response=list[ReviewDueOut],
             operation_id="macehub_api_meetings_list_reviews_due")
@permission("due.view")
def list_reviews_due(request: HttpRequest, until: date | None = None,
                     forum: str | None = None,
                     area_id: int | None = None) -> list[ReviewDueOut]:
    """Open cases due at their forum (new nominations and reviews), soonest first, each
    with the rule that makes it due and its source; with `area_id`, only the children who
    live in that area (Essex: one quadrant)."""
    partnership = actor_of(request).partnership
    if forum is not None and forum not in partnership.policy.forums:
        raise ValidationError({"forum": "Select a forum"})
    areas = None
    if area_id is not None:
        area = partnership.areas.filter(pk=area_id).first()
        if area is None:
            raise ValidationError({"area_id": "Select an area"})
        areas = within(area)
    due = reviews_due(actor_of(request), until=until, forum_key=forum, areas=areas)
    audit_shown(action="case.reviews_due", actor=actor_of(request), purpose="reviews due",
                request=request, records=with_child(r.case for r in due))
    return [ReviewDueOut(case_id=r.case.pk, kind=r.kind, due_on=r.due_on,
                         last_meeting_on=r.last_meeting_on,
                         reason=ReasonOut.from_orm(r.reason)) for r in due]


class MinuteIn(Schema):
    text: str = Field(max_length=10000)
    corrects_id: int | None = Field(None, description="The entry this one corrects (after "
                                    "approval, the chair's corrections only)")


class MinuteOut(Schema):
    id: int
    item_id: int
    text: str
    at: datetime
    corrects_id: int | None


class RemoveIn(Schema):
    reason: str = Field(max_length=5000, description="Why the panel is satisfied")
    actions_completed: str = Field("", max_length=5000)


def _papers_item(request: HttpRequest, meeting_id: int, item_id: int) -> AgendaItem:
    """An agenda item whose papers the caller may open (as the item page requires)."""
    actor = actor_of(request)
    return get_item_for(actor, papers(actor, get_meeting_for(actor, meeting_id)), item_id)


@router.post("/meetings/{meeting_id}/items/{item_id}/minutes", response={201: MinuteOut})
@permission("meeting.minute")
def add_minute(request: HttpRequest, meeting_id: int, item_id: int,
               payload: MinuteIn) -> Status[object]:
    item = _papers_item(request, meeting_id, item_id)
    corrects = None
    if payload.corrects_id is not None:
        corrects = item.minute_entries.filter(pk=payload.corrects_id).first()
        if corrects is None:
            raise ValidationError({"corrects_id": "Correct an entry of this item"})
    return Status(201, conduct.minute_add(actor=actor_of(request), item=item, text=payload.text,
                                          corrects=corrects))


@router.post("/meetings/{meeting_id}/items/{item_id}/remove", response=ItemOut)
@permission("meeting.chair")
def remove_item(request: HttpRequest, meeting_id: int, item_id: int,
                payload: RemoveIn) -> object:
    """The chair removes a forum's item from its agenda once the panel is satisfied,
    recording the reason and the actions completed."""
    item = _papers_item(request, meeting_id, item_id)
    return conduct.item_remove(actor=actor_of(request), item=item, **payload.dict())
