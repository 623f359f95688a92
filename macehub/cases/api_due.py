"""What is due, through the API: every due item with its reason (the rule that makes it
due and its source), as on the Due page (cases.views_due.due), with the page's filters and
sort keys. No `from __future__ import annotations` here: django-ninja reads the
annotations at import time through the permission wrapper."""

from django.http import HttpRequest
from ninja import Router

from macehub.api.core import actor_of, permission
from macehub.cases.due_list import DUE_SORTS, DueFilterForm, due_filtered
from macehub.lib.listing import api_filters, ordered
from macehub.rules.api import DueOut
from macehub.rules.due import due_items

router = Router(tags=["due"])


@router.get("/due", response=list[DueOut], operation_id="macehub_api_front_door_list_due_items")
@permission("due.view")
def list_due_items(request: HttpRequest, when: str = "", subject: str = "",
                   sort: str = "due") -> list[DueOut]:
    """Everything due or overdue, each with the rule that makes it due and its source.
    `when`: overdue, or soon (overdue or due within two weeks); `subject`: part of a
    child's name or a meeting; `sort`: due, what or for, with a leading "-" to reverse."""
    filters = api_filters(DueFilterForm({"when": when, "subject": subject}))
    items = ordered(due_filtered(due_items(actor_of(request)), filters), DUE_SORTS, sort)
    return [DueOut.from_orm(item) for item in items]
