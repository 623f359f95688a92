"""The decision log, the action log and disclosure of papers through the API. Lists are
paginated with their total count and scoped like the pages: a panel member sees decisions
only on cases they need to know, and their own agency's actions. No `from __future__
import annotations` here: django-ninja reads the annotations at import time."""

from datetime import datetime

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.api.core import actor_of, permission
from macehub.audit.services import audit_shown, cases_shown
from macehub.cases.models import Case
from macehub.lib.api_paging import NEXT_DESCRIPTION, page_of
from macehub.lib.listing import api_filters, ordered
from macehub.meetings import decisions, disclosure
from macehub.meetings.api import papers
from macehub.meetings.api_schemas import ActionOut, ActionPage, DecisionPage
from macehub.meetings.lists import ACTION_SORTS, ActionFilterForm, action_list
from macehub.meetings.models import Action, Decision
from macehub.meetings.queries import get_action_for, get_meeting_for

router = Router(tags=["meetings"])


class ActionUpdateIn(Schema):
    text: str = Field(max_length=10000)
    status: str = Field(description="open, done or cancelled")
    version: int = Field(description="The action's version you last read")


class DisclosureIn(Schema):
    document: str = Field(description="The meeting document to share")
    recipient: str = Field(max_length=200, description="Their name, role and organisation")
    purpose: str = Field(max_length=4000)


class DecideIn(Schema):
    approve: bool
    reason: str = Field(max_length=4000)


class DisclosurePage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list["DisclosureOut"]


class DisclosureOut(Schema):
    id: int
    meeting_id: int
    document: str
    recipient: str
    purpose: str
    requested_at: datetime
    status: str
    decided_at: datetime | None
    decision_reason: str


DisclosurePage.model_rebuild()


@router.get("/decisions", response=DecisionPage)
@permission("meeting.view")
def list_decisions(request: HttpRequest, case_id: int | None = None,
                   meeting_id: int | None = None, page: int = 1,
                   page_size: int = 25, cursor: str = "") -> object:
    """Decisions of the meetings the caller may see, latest first; a panel member sees
    those on cases they need to know (and the meeting's general decisions)."""
    actor = actor_of(request)
    cases = Case.objects.for_actor(actor).values("pk")
    found = (Decision.objects.for_actor(actor)
             .filter(Q(case__isnull=True) | Q(case__in=cases)).order_by("-at", "-pk"))
    if case_id is not None:
        found = found.filter(case_id=case_id)
    if meeting_id is not None:
        found = found.filter(item__meeting_id=meeting_id)
    return page_of(found, page=page, page_size=page_size, cursor=cursor)


@router.get("/actions", response=ActionPage)
@permission("meeting.view")
def list_actions(request: HttpRequest, show: str = "open", case_id: int | None = None,
                 agency_id: int | None = None, sort: str = "due", page: int = 1,
                 page_size: int = 50, cursor: str = "") -> object:
    """The action log as the actions page shows it: open actions (`show=overdue` for the
    open ones past their date, `show=all` for every status), of one owning agency with
    `agency_id`; sort keys due, owner, status (a leading "-" reverses). A panel member sees
    their agency's and their own."""
    actor = actor_of(request)
    filters = api_filters(ActionFilterForm(
        {"show": "" if show == "open" else show, "agency": agency_id or ""}, actor=actor))
    actions = ordered(action_list(actor, filters), ACTION_SORTS, sort)
    if case_id is not None:
        actions = actions.filter(case_id=case_id)
    result = page_of(actions, page=page, page_size=page_size, cursor=cursor)
    shown = cases_shown(actor, [a.case_id for a in result["items"]])
    audit_shown(action="meeting.actions", actor=actor, purpose="action list", request=request,
                records=[*result["items"], *shown])
    return result


@router.get("/actions/{action_id}", response=ActionOut)
@permission("action.update")
def read_action(request: HttpRequest, action_id: int) -> Action:
    return get_action_for(actor_of(request), action_id)


@router.post("/actions/{action_id}/updates", response=ActionOut)
@permission("action.update")
def update_action(request: HttpRequest, action_id: int, payload: ActionUpdateIn) -> object:
    """An update from the owning agency (or the hub): progress, done or cancelled."""
    actor = actor_of(request)
    return decisions.action_update(actor=actor, action=get_action_for(actor, action_id),
                                   **payload.dict())


@router.post("/meetings/{meeting_id}/disclosures", response={201: DisclosureOut})
@permission("disclosure.request")
def request_disclosure(request: HttpRequest, meeting_id: int,
                       payload: DisclosureIn) -> Status[object]:
    """Ask the chair to approve sharing one of the meeting's documents outside it."""
    actor = actor_of(request)
    meeting = papers(actor, get_meeting_for(actor, meeting_id))
    return Status(201, disclosure.disclosure_request(actor=actor, meeting=meeting,
                                                     **payload.dict()))


@router.post("/meetings/{meeting_id}/disclosures/{disclosure_id}/decide",
             response=DisclosureOut)
@permission("meeting.chair")
def decide_disclosure(request: HttpRequest, meeting_id: int, disclosure_id: int,
                      payload: DecideIn) -> object:
    """The chair approves or refuses a request, giving the reason either way."""
    actor = actor_of(request)
    meeting = get_meeting_for(actor, meeting_id)
    found = disclosure.get_disclosure_for(actor, meeting, disclosure_id)
    return disclosure.disclosure_decide(actor=actor, disclosure=found, **payload.dict())


@router.get("/disclosures", response=DisclosurePage)
@permission("meeting.manage")
def list_disclosures(request: HttpRequest, page: int = 1, page_size: int = 25,
                     cursor: str = "") -> object:
    """The disclosure log (SECURITY S16): every request, who asked, who decided, when and
    why, naming the recipient; newest first."""
    return page_of(disclosure.disclosure_log(actor_of(request)).order_by("-requested_at", "-pk"),
                   page=page, page_size=page_size, cursor=cursor)
