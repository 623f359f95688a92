"""What is due, through the API: every due item with its reason (the rule that makes
it due and its source). No `from __future__ import annotations` here: django-ninja reads
the annotations at import time through the permission wrapper."""

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema

from macehub.api.core import actor_of, permission
from macehub.rules.due import due_items

router = Router(tags=["due"])


class ReasonOut(Schema):
    """Why something is due: the same Reason the pages show."""

    rule: str
    source: str  # the document's title and section, or the partnership's default
    path: str  # where the policy pack holds the rule; empty when not a pack rule
    default: bool  # the document is silent and the partnership's pack supplies the rule


class DueOut(Schema):
    kind: str
    title: str
    subject: str
    due_on: date
    overdue: bool
    reason: ReasonOut
    case_id: int | None
    concern_id: int | None


@router.get("/due", response=list[DueOut], operation_id="macehub_api_front_door_list_due_items")
@permission("due.view")
def list_due_items(request: HttpRequest) -> list[DueOut]:
    """Everything due or overdue, each with the rule that makes it due and its source."""
    return [DueOut.from_orm(item) for item in due_items(actor_of(request))]
