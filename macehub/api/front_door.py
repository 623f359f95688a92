"""The front door through the API: the same services and permission checks as the pages.

No `from __future__ import annotations` here: django-ninja reads the annotations at import
time through the permission wrapper, so they must be real types."""


from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.access.actor import Actor
from macehub.api.core import permission
from macehub.cases.queries import get_case_for
from macehub.concerns import services
from macehub.concerns.queries import get_concern_for
from macehub.people.models import Child
from macehub.people.services import PossibleDuplicates, child_create
from macehub.rules.due import due_items

router = Router(tags=["front door"])


class ChildIn(Schema):
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    date_of_birth: date
    known_as: list[str] = []
    address: str = Field("", max_length=300)
    postcode: str = Field("", max_length=10)
    confirm_new: bool = Field(False, description="True once the caller has seen the likely "
                              "matches and this is a new child")


class ChildOut(Schema):
    id: int
    first_name: str
    last_name: str
    known_as: list[str]
    date_of_birth: date


class MatchOut(Schema):
    child: ChildOut
    score: float
    reasons: list[str]


class ChildResult(Schema):
    created: ChildOut | None = None
    possible_matches: list[MatchOut] = []
    message: str = ""


class MentionIn(Schema):
    kind: str
    value: str = Field(max_length=200)
    details: str = Field("", max_length=500)


class ConcernIn(Schema):
    immediate_danger: str = Field(description="'no', or 'reported' once 999 and "
                                  "child-protection procedures have been used")
    child: ChildIn
    what_happened: str = Field(max_length=10000)
    exploitation_types: list[str]
    indicators: list[str] = []
    missing_history: str = Field("", max_length=5000)
    child_protection_plan: bool
    consent: str = Field("", description="obtained, dispensed or neither; ignored for a "
                         "child subject to a child protection plan")
    consent_dispensed_reason: str = ""
    consent_dispensed_by: str = ""
    mentions: list[MentionIn] = []


class ConcernOut(Schema):
    id: int
    reference: str
    status: str
    consent: str
    submitted_at: datetime
    child_id: int | None


class ConsentIn(Schema):
    consent: str = Field(description="obtained, dispensed or neither")
    consent_dispensed_reason: str = ""
    consent_dispensed_by: str = ""


class ScreeningIn(Schema):
    child_id: int | None = Field(None, description="An existing child; omit to create one")
    confirm_new: bool = False
    indicators: list[str] = []
    risk: str
    outcome: str
    override_reason: str = ""
    advice_given: str = ""
    feedback: str = ""


class ScreeningOut(Schema):
    concern: str
    score: int
    suggested_risk: str
    risk: str
    outcome: str
    case_id: int | None


class ChronologyOut(Schema):
    at: datetime
    kind: str
    summary: str


class CaseOut(Schema):
    id: int
    child: ChildOut
    status: str
    risk: str
    opened_at: datetime
    lead_professional: str
    exploitation_types: list[str]
    chronology: list[ChronologyOut]


class DueOut(Schema):
    kind: str
    title: str
    subject: str
    due_on: date
    overdue: bool
    rule: str
    source: str
    is_default: bool
    case_id: int | None
    concern_id: int | None


def _actor(request: HttpRequest) -> Actor:
    return request.auth  # type: ignore[attr-defined,no-any-return]


@router.post("/children", response={201: ChildResult, 409: ChildResult})
@permission("child.create")
def create_or_find_child(request: HttpRequest, payload: ChildIn) -> Status[ChildResult]:
    """Create a child. Likely existing records come back with 409 and their reasons; send
    again with confirm_new=true only if none of them is this child."""
    data = payload.dict()
    confirm = data.pop("confirm_new")
    try:
        child = child_create(actor=_actor(request), confirm_new=confirm, **data)
    except PossibleDuplicates as found:
        return Status(409, ChildResult(message=found.messages[0], possible_matches=[
            MatchOut(child=ChildOut.from_orm(m.child), score=m.score, reasons=m.reasons)
            for m in found.matches]))
    return Status(201, ChildResult(created=ChildOut.from_orm(child)))


@router.post("/concerns", response={201: ConcernOut})
@permission("concern.submit")
def submit_concern(request: HttpRequest, payload: ConcernIn) -> Status[object]:
    data = payload.dict()
    child = data.pop("child")
    child.pop("confirm_new", None)
    mentions = [services.MentionData(**m) for m in data.pop("mentions")]
    concern = services.concern_submit(actor=_actor(request), child_details=child,
                                      mentions=mentions, **data)
    return Status(201, concern)


@router.get("/concerns/{concern_id}", response=ConcernOut)
@permission("concern.submit")
def read_concern(request: HttpRequest, concern_id: int) -> object:
    return get_concern_for(_actor(request), concern_id)


@router.post("/concerns/{concern_id}/consent", response=ConcernOut)
@permission("concern.screen")
def record_consent(request: HttpRequest, concern_id: int, payload: ConsentIn) -> object:
    actor = _actor(request)
    concern = get_concern_for(actor, concern_id)
    return services.concern_record_consent(actor=actor, concern=concern, **payload.dict())


@router.post("/concerns/{concern_id}/screening", response={201: ScreeningOut})
@permission("concern.screen")
def record_screening(request: HttpRequest, concern_id: int,
                     payload: ScreeningIn) -> Status[ScreeningOut]:
    actor = _actor(request)
    concern = get_concern_for(actor, concern_id)
    data = payload.dict()
    child_id, confirm = data.pop("child_id"), data.pop("confirm_new")
    if concern.child_id is None:
        child = None
        if child_id is not None:
            child = Child.objects.filter(pk=child_id, partnership=actor.partnership).first()
            if child is None:
                from django.http import Http404

                raise Http404("Not found")
        services.concern_match_child(actor=actor, concern=concern, child=child,
                                     confirm_new=confirm)
        concern.refresh_from_db()
    screening = services.screening_record(actor=actor, concern=concern, **data)
    return Status(201, ScreeningOut(concern=concern.reference, score=screening.score,
                             suggested_risk=screening.suggested_risk, risk=screening.risk,
                             outcome=screening.outcome, case_id=screening.case_id))


@router.get("/cases/{case_id}", response=CaseOut)
@permission("case.view")
def read_case(request: HttpRequest, case_id: int) -> CaseOut:
    case = get_case_for(_actor(request), case_id)
    return CaseOut(id=case.pk, child=ChildOut.from_orm(case.child), status=case.status,
                   risk=case.risk, opened_at=case.opened_at,
                   lead_professional=case.lead_professional,
                   exploitation_types=case.exploitation_types,
                   chronology=[ChronologyOut.from_orm(e) for e in case.chronology.all()])


@router.get("/due", response=list[DueOut])
@permission("due.view")
def list_due_items(request: HttpRequest) -> list[DueOut]:
    """Everything due or overdue, each with the rule that makes it due and its source."""
    return [DueOut(**item.__dict__) for item in due_items(_actor(request).partnership)]
