"""The partnership's yearly reviews through the API (Kirklees MACE Process §8 iii and §8 v),
through the same service as the page: list them with the reviews recorded, and record one
as done. No `from __future__ import annotations`: django-ninja reads the annotations at
import time."""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema

from macehub.api.core import actor_of, permission
from macehub.oversight.models import DutyReview
from macehub.oversight.services_duty import duty_review_record, yearly_duties

router = Router(tags=["reports"])


class ReviewOut(Schema):
    id: int
    duty: str = Field(description="An oversight item key of the partnership's policy pack")
    year: int = Field(description="The year whose due day this review meets")
    done_on: date
    done_by: str = Field(description="Who carried out the review")
    note: str
    recorded_at: datetime


class DutyOut(Schema):
    duty: str
    label: str
    by: str
    due_day: str = Field(description="The day it falls due each year, MM-DD")
    reviews: list[ReviewOut]


class ReviewIn(Schema):
    duty: str = Field(max_length=50)
    year: int
    done_on: date
    done_by: str = Field(max_length=200)
    note: str = Field("", max_length=2000)


@router.get("/yearly-reviews", response=list[DutyOut],
            operation_id="macehub_oversight_yearly_reviews")
@permission("report.write")
def list_duties(request: HttpRequest) -> object:
    """The partnership's yearly reviews, each with the reviews recorded as done."""
    actor = actor_of(request)
    reviews = list(DutyReview.objects.for_actor(actor))
    return [DutyOut(duty=key, label=d.label, by=d.by, due_day=d.due_day,
                    reviews=[ReviewOut.model_validate(r, from_attributes=True)
                             for r in reviews if r.duty == key])
            for key, d in yearly_duties(actor).items()]


@router.post("/yearly-reviews", response={201: ReviewOut},
             operation_id="macehub_oversight_yearly_review_done")
@permission("report.write")
def record_done(request: HttpRequest, payload: ReviewIn) -> object:
    """Record a yearly review as done for the year whose due day it meets: that year's
    reminder leaves the due list. Refused (422) when already recorded. Audited."""
    return 201, duty_review_record(actor=actor_of(request), **payload.dict())
