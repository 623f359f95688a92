"""The access log page for auditors (SECURITY S9). Looking at it is itself audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.access.permissions import ROLE_CHOICES
from macehub.audit.actions import ACTIONS, action_label
from macehub.audit.models import AuditEvent, who_saw
from macehub.audit.records import record_choices, record_label
from macehub.audit.services import audit_record
from macehub.lib.forms import Form, date_field
from macehub.lib.listing import Column, Sorts, list_page


class AuditFilterForm(Form):
    username = forms.CharField(required=False, max_length=150, label="User")
    role = forms.ChoiceField(required=False, label="Role held",
                             choices=[("", "Any role"), *ROLE_CHOICES])
    action = forms.ChoiceField(required=False, label="Action", choices=[
        ("", "Any action"), *sorted(ACTIONS.items(), key=lambda item: item[1])])
    object_type = forms.ChoiceField(required=False, label="Record type",
                                    choices=[("", "Any record"), *record_choices()])
    object_id = forms.CharField(
        required=False, max_length=64, label="Record id",
        help_text="With a record type: who saw this record, alone or in a list")
    date_from = date_field("From", required=False)
    date_to = date_field("To", required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:  # type: ignore[operator]
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return data


def _day(value: date, end: bool) -> datetime:
    return timezone.make_aware(datetime.combine(value, time.max if end else time.min))


def role_labels(actor: Actor) -> dict[str, str]:
    """Each role's name in this partnership (its pack may rename a role)."""
    policy = actor.partnership.policy
    return {code: policy.role_label(code, label) for code, label in ROLE_CHOICES}


def _case_references(events: list[AuditEvent]) -> dict[str, str]:
    """Each case's reference by id, in one query: a case reads as DUD-2026-0001, never as
    its id. A case deleted since (retention) keeps its id."""
    ids = {int(e.object_id) for e in events
           if e.object_type == "cases.case" and e.object_id.isdigit()}
    if not ids:
        return {}
    cases = apps.get_model("cases", "Case")._base_manager
    return {str(pk): ref for pk, ref in cases.filter(pk__in=ids).exclude(reference="")
            .values_list("pk", "reference")}


def sentence(who: str, roles: str, label: str, record: str, kind: str) -> str:
    """"Ava Brown (Hub coordinator) viewed case DUD-2026-0001": the action's verb before
    the record where the action's label names it ("Case viewed"), else "label: record"."""
    person = f"{who} ({roles})" if roles else who
    if not record:
        return f"{person}: {label}"
    head, _, verb = label.rpartition(" ")
    if head.lower() == kind.lower() and verb:
        return f"{person} {verb} {record}"
    return f"{person}: {label}, {record}"


@dataclass
class LogRow:
    event: AuditEvent
    who: str
    roles: str
    action: str
    record: str
    summary: str


def log_rows(actor: Actor, events: list[AuditEvent]) -> list[LogRow]:
    """Each event as people read it: "Ava Brown (Hub coordinator) viewed case
    DUD-2026-0001". One query for the page's people and one for its cases, whatever the
    number of rows."""
    labels = role_labels(actor)
    names = {user.pk: user.get_full_name() for user in get_user_model().objects.filter(
        pk__in={e.user_id for e in events if e.user_id}).only("first_name", "last_name")}
    references = _case_references(events)
    rows: list[LogRow] = []
    for e in events:
        kind = record_label(e.object_type) if e.object_type else ""
        record = f"{kind} {references.get(e.object_id, e.object_id)}".strip() if kind else ""
        who, roles = names.get(e.user_id or 0) or e.username, e.role_labels(labels)
        label = action_label(e.action)
        rows.append(LogRow(event=e, who=who, roles=roles, action=label, record=record,
                           summary=sentence(who, roles, label, record, kind)))
    return rows


# The log grows by every view of every page: counting all of it on each view costs more
# than the page, so it counts up to this many and then says "more than".
LOG_COUNT_BOUND = 10_000

# "What happened" starts with the person, so it sorts by user.
LOG_COLUMNS = [Column("When (UTC)", "when"), Column("What happened", "user"),
               Column("Agency"), Column("Action", "action"), Column("Purpose"),
               Column("Outcome")]
LOG_SORTS: Sorts = {"when": ("at", "pk"), "user": ("username", "-at", "-pk"),
                    "action": ("action", "-at", "-pk")}


def audit_events(actor: Actor, data: dict[str, Any]) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.filter(partnership_id=actor.partnership.pk)
    if data.get("username"):
        events = events.filter(username__iexact=data["username"])
    if data.get("role"):
        events = events.filter(AuditEvent.holding(data["role"]))
    if data.get("action"):
        events = events.filter(action=data["action"])
    if data.get("object_type") and data.get("object_id"):
        # Who saw this record: on its own page, or as one of many in a list, agenda or pack.
        events = events.filter(who_saw(data["object_type"], data["object_id"]))
    else:
        for name in ("object_type", "object_id"):
            if data.get(name):
                events = events.filter(**{name: data[name]})
    if data.get("date_from"):
        events = events.filter(at__gte=_day(data["date_from"], end=False))
    if data.get("date_to"):
        events = events.filter(at__lte=_day(data["date_to"], end=True))
    return events


@requires("audit.read")
def audit_log(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    form = AuditFilterForm(request.GET or None)
    role_field = form.fields["role"]
    assert isinstance(role_field, forms.ChoiceField)
    role_field.choices = [("", "Any role"), *role_labels(actor).items()]
    listing = list_page(request, lambda data: audit_events(actor, data), noun="events",
                        form=form, columns=LOG_COLUMNS, sorts=LOG_SORTS, default="-when",
                        per_page=50, count_bound=LOG_COUNT_BOUND)
    rows = log_rows(actor, listing.rows)
    audit_record(action="audit.view", actor=actor, purpose="access log review",
                 count=len(rows), request=request)
    return render(request, "audit/log.html", {"listing": listing, "form": form,
                                              "page": listing.page, "rows": rows},
                  status=listing.status)
