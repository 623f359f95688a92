"""The access log through the API, as its page shows it (SECURITY S9): each event with
the sentence people read ("Ava Brown (Hub coordinator) viewed case DUD-2026-0001"), the
same filters and sort keys. Reading it is itself recorded. No `from __future__ import
annotations` here: django-ninja reads the annotations at import time."""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema

from macehub.api.core import actor_of, permission
from macehub.audit.services import audit_record
from macehub.audit.views import LOG_SORTS, AuditFilterForm, audit_events, log_rows, role_labels
from macehub.lib.api_paging import NEXT_DESCRIPTION, page_of
from macehub.lib.listing import api_filters, ordered

router = Router(tags=["audit"])


class EventOut(Schema):
    at: datetime
    summary: str = Field(description="What happened, as the page reads it: who, their "
                         "roles, the action and the record (a case by its reference)")
    user: str = Field(description="The person's name, or the account name")
    username: str
    roles: str = Field(description="The roles they held, as the partnership names them")
    agency: str
    action: str
    action_label: str
    record_type: str
    record: str = Field(description="The record as people read it, like 'case "
                        "DUD-2026-0001'; empty for an event about no one record")
    purpose: str
    count: int | None
    outcome: str
    outcome_label: str


class EventPage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list[EventOut]


@router.get("/audit/events", response=EventPage, operation_id="macehub_audit_events")
@permission("audit.read")
def list_events(request: HttpRequest, username: str = "", role: str = "", action: str = "",
                object_type: str = "", object_id: str = "", date_from: date | None = None,
                date_to: date | None = None, sort: str = "-when", page: int = 1,
                page_size: int = 50, cursor: str = "") -> object:
    """The partnership's access log, newest first unless `sort` says otherwise (when,
    user, action; a leading "-" reverses), with the page's filters."""
    actor = actor_of(request)
    form = AuditFilterForm({name: value for name, value in {
        "username": username, "role": role, "action": action, "object_type": object_type,
        "object_id": object_id, "date_from": date_from.isoformat() if date_from else "",
        "date_to": date_to.isoformat() if date_to else ""}.items()})
    form.fields["role"].choices = [("", "Any role"), *role_labels(actor).items()]  # type: ignore[attr-defined]
    filters = api_filters(form)
    result = page_of(ordered(audit_events(actor, filters), LOG_SORTS, sort), page=page,
                     page_size=page_size, cursor=cursor)
    rows = log_rows(actor, result["items"])
    audit_record(action="audit.view", actor=actor, purpose="access log review",
                 count=len(rows), request=request)
    result["items"] = [EventOut(
        at=row.event.at, summary=row.summary, user=row.who, username=row.event.username,
        roles=row.roles, agency=row.event.agency_name, action=row.event.action,
        action_label=row.action, record_type=row.event.object_type, record=row.record,
        purpose=row.event.purpose, count=row.event.count, outcome=row.event.outcome,
        outcome_label=row.event.get_outcome_display()) for row in rows]
    return result
