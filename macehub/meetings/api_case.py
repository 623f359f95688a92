"""What a case's Meetings and decisions and Actions pages show, and the header's next
meeting and next review, through the API: behind the case's own gate (`get_case_for`),
through the case's relations, as the pages read them (macehub/meetings/views_case.py). No
`from __future__ import annotations` here: django-ninja reads the annotations at import
time."""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router, Schema

from macehub.api.core import actor_of, permission
from macehub.audit.services import audit_shown
from macehub.cases.queries import get_case_for
from macehub.meetings.api_schemas import ActionOut, DecisionOut
from macehub.meetings.reach import SHOWN
from macehub.meetings.views_case import case_items, case_schedule
from macehub.rules.api import ReasonOut

router = Router(tags=["meetings"])


class CaseMeetingOut(Schema):
    meeting_id: int
    item_id: int
    forum: str
    forum_label: str
    starts_at: datetime
    meeting_status: str
    on_agenda_as: str
    removed_at: datetime | None
    removal_reason: str


class NextMeetingOut(Schema):
    meeting_id: int
    forum_label: str
    starts_at: datetime


class NextReviewOut(Schema):
    on: date | None
    reason: ReasonOut


class CaseMeetingsOut(Schema):
    next_meeting: NextMeetingOut | None
    next_review: NextReviewOut | None
    meetings: list[CaseMeetingOut]
    decisions: list[DecisionOut]


@router.get("/cases/{case_id}/meetings", response=CaseMeetingsOut)
@permission("case.view")
def case_meetings(request: HttpRequest, case_id: int) -> CaseMeetingsOut:
    """The meetings the case was on and the decisions taken on it, latest first, with its
    next meeting and next review (the rule and its source) as the case header shows them.
    A panel member sees no meeting still in draft."""
    actor = actor_of(request)
    case = get_case_for(actor, case_id)
    facts = case_schedule(actor, case)
    pack = actor.partnership.policy
    found, review = facts["next_meeting"], facts["next_review"]
    decisions = case.decisions.order_by("-at", "-pk")
    if not actor.has("meeting.manage"):
        decisions = decisions.filter(item__meeting__status__in=SHOWN)
    return CaseMeetingsOut(
        next_meeting=NextMeetingOut(meeting_id=found["meeting"].pk, forum_label=found["label"],
                                    starts_at=found["meeting"].starts_at) if found else None,
        next_review=NextReviewOut(on=review["on"], reason=ReasonOut.from_orm(review["reason"]))
        if review else None,
        meetings=[CaseMeetingOut(
            meeting_id=i.meeting_id, item_id=i.pk, forum=i.meeting.forum,
            forum_label=pack.forums[i.meeting.forum].label if i.meeting.forum in pack.forums
            else i.meeting.forum, starts_at=i.meeting.starts_at,
            meeting_status=i.meeting.status, on_agenda_as=i.kind, removed_at=i.removed_at,
            removal_reason=i.removal_reason) for i in case_items(actor, case)],
        decisions=[DecisionOut.from_orm(d) for d in decisions])


@router.get("/cases/{case_id}/actions", response=list[ActionOut])
@permission("case.view")
def case_actions(request: HttpRequest, case_id: int) -> object:
    """The actions agreed on the case, soonest due first, as its Actions page shows
    them."""
    actor = actor_of(request)
    case = get_case_for(actor, case_id)
    actions = list(case.actions.order_by("due_on", "pk"))
    audit_shown(action="meeting.actions", actor=actor, records=actions,
                purpose="case actions", request=request)
    return actions
