"""What is due, through the API: every due item with its reason (the rule that makes it
due and its source), as on the Due page (cases.views_due.due), with the page's filters and
sort keys, a page at a time. No `from __future__ import annotations` here: django-ninja
reads the annotations at import time through the permission wrapper."""

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from macehub.api.core import actor_of, permission
from macehub.audit.services import audit_shown, cases_shown
from macehub.cases.due_list import DUE_SORTS, DueFilterForm, DueParts
from macehub.lib.api_paging import NEXT_DESCRIPTION, page_of
from macehub.lib.listing import api_filters, ordered
from macehub.rules.api import DueOut

router = Router(tags=["due"])


class DuePage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list[DueOut]


@router.get("/due", response=DuePage, operation_id="macehub_api_front_door_list_due_items")
@permission("due.view")
def list_due_items(request: HttpRequest, when: str = "", subject: str = "",
                   sort: str = "due", page: int = 1, page_size: int = 25) -> object:
    """Everything due or overdue, each with the rule that makes it due and its source, a
    page at a time (by page number: the list is worked out from rules, not read as rows).
    `when`: overdue, or soon (overdue or due within two weeks); `subject`: part of a
    child's name or a meeting; `sort`: due, what or for, with a leading "-" to reverse."""
    actor, today = actor_of(request), timezone.localdate()
    filters = api_filters(DueFilterForm({"when": when, "subject": subject}))
    rows = DueParts(actor, today).rows(filters)
    result = page_of(ordered(rows, DUE_SORTS, sort), page=page, page_size=page_size)
    result["items"] = [DueOut.from_orm(item) for item in result["items"]]
    audit_shown(action="due.list", actor=actor,
                records=cases_shown(actor, [i.case_id for i in result["items"]]),
                purpose="due list", request=request)
    return result
