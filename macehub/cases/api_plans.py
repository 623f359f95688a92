"""Forums' plans for an area through the API (Essex MACE 2: a quadrant's action plan with
its impact measures): list, record, read and change, through the same services as the
pages (macehub/cases/plans.py). No `from __future__ import annotations` here: django-ninja
reads the annotations at import time through the permission wrapper."""

from datetime import date

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.api.core import actor_of, permission
from macehub.cases import plans
from macehub.lib.api_paging import NEXT_DESCRIPTION, page_of
from macehub.partnerships.models import Area

router = Router(tags=["forum plans"])


class ForumPlanOut(Schema):
    id: int
    forum: str
    area_id: int | None
    kind: str
    summary: str
    impact_measures: list[str]
    agreed_on: date
    review_on: date | None
    version: int


class ForumPlanPage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list[ForumPlanOut]


class ForumPlanIn(Schema):
    forum: str = Field(description="A forum key from the policy pack")
    area_id: int | None = Field(None, description="The area (required for a forum held "
                                "per area, e.g. an Essex quadrant)")
    kind: str = Field(description="A plan type of that forum from the policy pack")
    summary: str = Field(max_length=10000)
    impact_measures: list[str] = []
    agreed_on: date
    review_on: date | None = None


class ForumPlanChangeIn(Schema):
    summary: str = Field(max_length=10000)
    impact_measures: list[str] = []
    review_on: date | None = None
    version: int = Field(description="The plan's version you last read")


def _area(request: HttpRequest, area_id: int | None) -> Area | None:
    if area_id is None:
        return None
    area = actor_of(request).partnership.areas.filter(pk=area_id).first()
    if area is None:
        raise ValidationError({"area_id": "Select an area"})
    return area


@router.get("/forum-plans", response=ForumPlanPage,
            operation_id="macehub_api_cases_list_forum_plans")
@permission("meeting.manage")
def list_forum_plans(request: HttpRequest, forum: str = "", area_id: int | None = None,
                     page: int = 1, page_size: int = 25, cursor: str = "") -> object:
    """Forums' plans, newest first, for one forum and area if given."""
    found = plans.forum_plans(actor_of(request), forum=forum, area=_area(request, area_id))
    return page_of(found, page=page, page_size=page_size, cursor=cursor)


@router.post("/forum-plans", response={201: ForumPlanOut},
             operation_id="macehub_api_cases_record_forum_plan")
@permission("meeting.manage")
def record_forum_plan(request: HttpRequest, payload: ForumPlanIn) -> Status[object]:
    data = payload.dict()
    area = _area(request, data.pop("area_id"))
    return Status(201, plans.forum_plan_create(actor=actor_of(request), area=area, **data))


@router.get("/forum-plans/{plan_id}", response=ForumPlanOut,
            operation_id="macehub_api_cases_read_forum_plan")
@permission("meeting.manage")
def read_forum_plan(request: HttpRequest, plan_id: int) -> object:
    return plans.get_forum_plan_for(actor_of(request), plan_id)


@router.put("/forum-plans/{plan_id}", response=ForumPlanOut,
            operation_id="macehub_api_cases_change_forum_plan")
@permission("meeting.manage")
def change_forum_plan(request: HttpRequest, plan_id: int, payload: ForumPlanChangeIn) -> object:
    actor = actor_of(request)
    plan = plans.get_forum_plan_for(actor, plan_id)
    return plans.forum_plan_update(actor=actor, plan=plan, **payload.dict())
