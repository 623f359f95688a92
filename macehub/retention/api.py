"""Retention through the API, through the same services as the pages: the partnership
admin lists and decides proposals; legal holds are placed, listed and lifted. No
`from __future__ import annotations`: django-ninja reads the annotations at import time."""

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema

from macehub.api.core import actor_of, permission
from macehub.lib.api_paging import NEXT_DESCRIPTION, page_of
from macehub.retention import services

router = Router(tags=["retention"])


class RetentionCountOut(Schema):
    record_type: str
    action: str
    count: int


class RetentionItemOut(Schema):
    record_type: str
    model_label: str
    record_id: int
    due_on: date
    action: str
    done_at: datetime | None
    outcome: str


class RetentionReviewOut(Schema):
    id: int
    status: str
    proposed_at: datetime
    proposed_by_id: int
    decided_by_id: int | None
    decided_at: datetime | None
    decision_note: str
    applied_at: datetime | None


class RetentionReviewDetailOut(RetentionReviewOut):
    counts: list[RetentionCountOut]
    items: list[RetentionItemOut]


class RetentionReviewPage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list[RetentionReviewOut]


class RetentionDecideIn(Schema):
    approve: bool
    note: str = Field("", max_length=2000, description="Required when refusing")


class RetentionHoldOut(Schema):
    id: int
    child_id: int | None
    case_id: int | None
    reason: str
    placed_by_id: int
    placed_at: datetime
    lifted_by_id: int | None
    lifted_at: datetime | None
    lift_reason: str


class RetentionHoldPage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list[RetentionHoldOut]


class RetentionHoldIn(Schema):
    kind: Literal["child", "case"]
    number: str = Field(max_length=20, description="The child's or the case's number")
    reason: str = Field(max_length=2000)


class RetentionLiftIn(Schema):
    reason: str = Field(max_length=2000)


@router.get("/retention/reviews", response=RetentionReviewPage,
            operation_id="macehub_retention_review_list")
@permission("retention.review")
def list_reviews(request: HttpRequest, page: int = 1, page_size: int = 25,
                 cursor: str = "") -> object:
    """The lists of records past retention, newest first."""
    return page_of(services.review_list(actor_of(request)), page=page, page_size=page_size,
                   cursor=cursor)


def _detail(review: services.RetentionReview) -> dict[str, object]:
    return {**RetentionReviewOut.from_orm(review).dict(), "counts": services.review_counts(review),
            "items": list(review.items.all())}


@router.get("/retention/reviews/{review_id}", response=RetentionReviewDetailOut,
            operation_id="macehub_retention_review_get")
@permission("retention.review")
def get_review(request: HttpRequest, review_id: int) -> object:
    """One list: its records by type with counts, and every record by type and id."""
    return _detail(services.get_review_for(actor_of(request), review_id))


@router.post("/retention/reviews/{review_id}/decide", response=RetentionReviewDetailOut,
             operation_id="macehub_retention_review_decide")
@permission("retention.review")
def decide_review(request: HttpRequest, review_id: int, payload: RetentionDecideIn) -> object:
    """Approve or refuse a list; nobody decides a list they made."""
    actor = actor_of(request)
    review = services.get_review_for(actor, review_id)
    return _detail(services.retention_decide(actor=actor, review=review,
                                             approve=payload.approve, note=payload.note,
                                             request=request))


@router.get("/retention/holds", response=RetentionHoldPage,
            operation_id="macehub_retention_hold_list")
@permission("retention.hold")
def list_holds(request: HttpRequest, page: int = 1, page_size: int = 25,
               cursor: str = "") -> object:
    return page_of(services.hold_list(actor_of(request)), page=page, page_size=page_size,
                   cursor=cursor)


@router.post("/retention/holds", response=RetentionHoldOut,
             operation_id="macehub_retention_hold_place")
@permission("retention.hold")
def place_hold(request: HttpRequest, payload: RetentionHoldIn) -> object:
    """Hold a child's record, or a case (which holds the child's whole record)."""
    return services.legal_hold_place(actor=actor_of(request), kind=payload.kind,
                                     number=payload.number, reason=payload.reason,
                                     request=request)


@router.post("/retention/holds/{hold_id}/lift", response=RetentionHoldOut,
             operation_id="macehub_retention_hold_lift")
@permission("retention.hold")
def lift_hold(request: HttpRequest, hold_id: int, payload: RetentionLiftIn) -> object:
    actor = actor_of(request)
    hold = services.get_hold_for(actor, hold_id)
    return services.legal_hold_lift(actor=actor, hold=hold, reason=payload.reason,
                                    request=request)
