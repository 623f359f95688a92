"""What is due, through the API: every due item with its reason (the rule that makes it
due and its source), as on the Due page (cases.views.due). No `from __future__ import
annotations` here: django-ninja reads the annotations at import time through the
permission wrapper."""

from django.http import HttpRequest
from ninja import Router

from macehub.api.core import actor_of, permission
from macehub.rules.api import DueOut
from macehub.rules.due import due_items

router = Router(tags=["due"])


@router.get("/due", response=list[DueOut], operation_id="macehub_api_front_door_list_due_items")
@permission("due.view")
def list_due_items(request: HttpRequest) -> list[DueOut]:
    """Everything due or overdue, each with the rule that makes it due and its source."""
    return [DueOut.from_orm(item) for item in due_items(actor_of(request))]
