"""Break-glass through the API (SECURITY S10), through the same services as the pages:
a panel member opens a case with a reason; the auditor lists and signs off. No
`from __future__ import annotations`: django-ninja reads the annotations at import time."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema

from macehub.api.core import actor_of, permission
from macehub.breakglass import services
from macehub.lib.api_paging import NEXT_DESCRIPTION, page_of

router = Router(tags=["break-glass"])


class BreakGlassOut(Schema):
    id: int
    user_id: int
    case_id: int = Field(alias="record_id")
    reason: str
    started_at: datetime
    expires_at: datetime
    reviewed_by_id: int | None
    reviewed_at: datetime | None
    review_note: str


class BreakGlassPage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list[BreakGlassOut]


class OpenIn(Schema):
    case_number: str = Field(max_length=20, description="The case's number (\"Case 123\")")
    reason: str = Field(max_length=2000, description="Why you need the case now")


class OpenOut(Schema):
    case_id: int
    break_glass: BreakGlassOut | None = Field(
        None, description="Empty when you already reach the case: nothing was opened")


class ReviewIn(Schema):
    note: str = Field("", max_length=2000)


@router.post("/break-glass", response=OpenOut,
             operation_id="macehub_api_breakglass_open")
@permission("breakglass.open")
def open_case(request: HttpRequest, payload: OpenIn) -> object:
    """Open a case beyond your need to know, with a reason, for the pack's period. A number
    that is no case of the partnership answers 422 "not found", as the page does."""
    opened = services.break_glass_open(actor=actor_of(request), number=payload.case_number,
                                       reason=payload.reason, request=request)
    return {"case_id": int(payload.case_number.strip()), "break_glass": opened}


@router.get("/break-glass", response=BreakGlassPage,
            operation_id="macehub_api_breakglass_list")
@permission("breakglass.review")
def list_break_glass(request: HttpRequest, awaiting: bool = False, page: int = 1,
                     page_size: int = 25, cursor: str = "") -> object:
    """Every break-glass of the partnership, newest first; `awaiting` for those not yet
    signed off."""
    found = services.break_glass_list(actor_of(request), awaiting=awaiting)
    return page_of(found, page=page, page_size=page_size, cursor=cursor)


@router.post("/break-glass/{break_glass_id}/review", response=BreakGlassOut,
             operation_id="macehub_api_breakglass_review")
@permission("breakglass.review")
def review_break_glass(request: HttpRequest, break_glass_id: int, payload: ReviewIn) -> object:
    actor = actor_of(request)
    opened = services.get_break_glass_for(actor, break_glass_id)
    return services.break_glass_review(actor=actor, opened=opened, note=payload.note,
                                       request=request)
