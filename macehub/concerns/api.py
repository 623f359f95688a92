"""The front door through the API: concerns, consent and screening, with the same
services and permission checks as the pages. No `from __future__ import annotations`
here: django-ninja reads the annotations at import time through the permission wrapper."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.api.core import actor_of, permission
from macehub.concerns import services
from macehub.concerns.models import Concern
from macehub.concerns.queries import (
    CONCERN_SORTS,
    OwnConcernFilterForm,
    get_concern_for,
    own_concerns,
    screening_queue,
)
from macehub.lib.api_paging import NEXT_DESCRIPTION, page_of
from macehub.lib.listing import api_filters, ordered
from macehub.people.api import ChildIn
from macehub.people.models import Child

router = Router(tags=["front door"])


class MentionIn(Schema):
    kind: str
    value: str = Field(max_length=200)
    details: str = Field("", max_length=500)


class ConcernIn(Schema):
    immediate_danger: str = Field(description="'no', or 'reported' once 999 and "
                                  "child-protection procedures have been used")
    child: ChildIn
    what_happened: str = Field(max_length=10000)
    exploitation_types: list[str] = Field(
        [], description="At least one, unless the concern is about missing alone where the "
        "partnership's pack allows it (Kirklees)")
    about_missing: bool = Field(False, description="The concern is about the child going "
                                "missing")
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
    exploitation_types: list[str]
    about_missing: bool
    consent: str
    submitted_at: datetime
    child_id: int | None
    gender: str
    gender_label: str
    ethnicity: str = Field(description="The 2021 census's detailed ethnic group, unknown "
                           "or refused")
    ethnicity_label: str
    education_setting: str

    @staticmethod
    def resolve_gender_label(concern: Concern) -> str:
        return concern.get_gender_display()

    @staticmethod
    def resolve_ethnicity_label(concern: Concern) -> str:
        return concern.ethnicity_label


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


@router.post("/concerns", response={201: ConcernOut},
             operation_id="macehub_api_front_door_submit_concern")
@permission("concern.submit")
def submit_concern(request: HttpRequest, payload: ConcernIn) -> Status[object]:
    data = payload.dict()
    child = data.pop("child")
    child.pop("confirm_new", None)
    mentions = [services.MentionData(**m) for m in data.pop("mentions")]
    concern = services.concern_submit(actor=actor_of(request), child_details=child,
                                      mentions=mentions, **data)
    return Status(201, concern)


@router.get("/concerns/{concern_id}", response=ConcernOut,
            operation_id="macehub_api_front_door_read_concern")
@permission("concern.submit")
def read_concern(request: HttpRequest, concern_id: int) -> object:
    return get_concern_for(actor_of(request), concern_id)


@router.post("/concerns/{concern_id}/consent", response=ConcernOut,
             operation_id="macehub_api_front_door_record_consent")
@permission("concern.screen")
def record_consent(request: HttpRequest, concern_id: int, payload: ConsentIn) -> object:
    actor = actor_of(request)
    concern = get_concern_for(actor, concern_id)
    return services.concern_record_consent(actor=actor, concern=concern, **payload.dict())


@router.post("/concerns/{concern_id}/screening", response={201: ScreeningOut},
             operation_id="macehub_api_front_door_record_screening")
@permission("concern.screen")
def record_screening(request: HttpRequest, concern_id: int,
                     payload: ScreeningIn) -> Status[ScreeningOut]:
    actor = actor_of(request)
    concern = get_concern_for(actor, concern_id)
    data = payload.dict()
    child_id = data.pop("child_id")
    child = None
    if child_id is not None and concern.child_id is None:
        child = Child.objects.for_actor(actor).filter(pk=child_id).first()
        if child is None:
            raise Http404("Not found")
    screening = services.concern_screen(actor=actor, concern=concern, child=child, **data)
    return Status(201, ScreeningOut(concern=concern.reference, score=screening.score,
                             suggested_risk=screening.suggested_risk, risk=screening.risk,
                             outcome=screening.outcome, case_id=screening.case_id))


class MatchIn(Schema):
    child_id: int | None = Field(None, description="The matching child; omit with "
                                 "confirm_new=true for a new child")
    confirm_new: bool = False


class FeedbackIn(Schema):
    feedback: str = Field(max_length=5000, description="The feedback given to the referrer")


@router.post("/concerns/{concern_id}/match", response=ConcernOut)
@permission("concern.screen")
def match_child(request: HttpRequest, concern_id: int, payload: MatchIn) -> object:
    """Link the concern to the child chosen, or to a new record once the caller confirms
    it is a new child (likely matches answer 422 with the reason)."""
    actor = actor_of(request)
    concern = get_concern_for(actor, concern_id)
    child = None
    if payload.child_id is not None:
        child = Child.objects.for_actor(actor).filter(pk=payload.child_id).first()
        if child is None:
            raise ValidationError({"child_id": "There is no child with that record number."})
    services.concern_match_child(actor=actor, concern=concern, child=child,
                                 confirm_new=payload.confirm_new)
    concern.refresh_from_db()
    return concern


@router.post("/concerns/{concern_id}/feedback", response=ScreeningOut)
@permission("concern.screen")
def record_feedback(request: HttpRequest, concern_id: int, payload: FeedbackIn) -> object:
    """Record the feedback given to the referrer after screening."""
    actor = actor_of(request)
    concern = get_concern_for(actor, concern_id)
    screening = getattr(concern, "screening", None)
    if screening is None:
        raise ValidationError("Screen the concern before recording feedback.")
    screening = services.screening_feedback(actor=actor, screening=screening,
                                            feedback=payload.feedback)
    return ScreeningOut(concern=concern.reference, score=screening.score,
                        suggested_risk=screening.suggested_risk, risk=screening.risk,
                        outcome=screening.outcome, case_id=screening.case_id)


class ConcernPage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list[ConcernOut]


@router.get("/concerns", response=ConcernPage)
@permission("concern.submit")
def list_own_concerns(request: HttpRequest, status: str = "", sort: str = "-sent",
                      page: int = 1, page_size: int = 25, cursor: str = "") -> object:
    """The caller's own concerns, newest first, as "Your concerns" shows them, with its
    status filter and sort keys (reference, sent, status; a leading "-" reverses)."""
    filters = api_filters(OwnConcernFilterForm({"status": status}))
    return page_of(ordered(own_concerns(actor_of(request), filters), CONCERN_SORTS, sort),
                   page=page, page_size=page_size, cursor=cursor)


@router.get("/screening-queue", response=ConcernPage)
@permission("concern.screen")
def list_screening_queue(request: HttpRequest, sort: str = "sent", page: int = 1,
                         page_size: int = 25, cursor: str = "") -> object:
    """Concerns awaiting screening, oldest first, as the screening queue shows them (sort
    keys: reference, sent, status; a leading "-" reverses)."""
    return page_of(ordered(screening_queue(actor_of(request)), CONCERN_SORTS, sort),
                   page=page, page_size=page_size, cursor=cursor)
