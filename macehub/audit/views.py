"""The access log page for auditors (SECURITY S9). Looking at it is itself audited."""

from __future__ import annotations

from datetime import date, datetime, time

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.access.permissions import ROLE_CHOICES
from macehub.audit.actions import ACTIONS, action_label
from macehub.audit.models import AuditEvent, who_saw
from macehub.audit.services import audit_record
from macehub.lib.forms import Form


class AuditFilterForm(Form):
    username = forms.CharField(required=False, max_length=150, label="User")
    role = forms.ChoiceField(required=False, label="Role held",
                             choices=[("", "Any role"), *ROLE_CHOICES])
    action = forms.ChoiceField(required=False, label="Action", choices=[
        ("", "Any action"), *sorted(ACTIONS.items(), key=lambda item: item[1])])
    object_type = forms.CharField(required=False, max_length=60, label="Record type",
                                  help_text="For example people.child or cases.case")
    object_id = forms.CharField(
        required=False, max_length=64, label="Record id",
        help_text="With a record type: who saw this record, alone or in a list")
    date_from = forms.DateField(required=False, label="From (dd/mm/yyyy)",
                                input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    date_to = forms.DateField(required=False, label="To (dd/mm/yyyy)",
                              input_formats=["%d/%m/%Y", "%Y-%m-%d"])

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


@requires("audit.read")
def audit_log(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    form = AuditFilterForm(request.GET or None)
    role_field = form.fields["role"]
    assert isinstance(role_field, forms.ChoiceField)
    role_field.choices = [("", "Any role"), *role_labels(actor).items()]
    events = AuditEvent.objects.filter(partnership_id=actor.partnership.pk)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["username"]:
            events = events.filter(username__iexact=data["username"])
        if data["role"]:
            events = events.filter(AuditEvent.holding(data["role"]))
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["object_type"] and data["object_id"]:
            # Who saw this record: on its own page, or as one of many in a list, agenda
            # or pack.
            events = events.filter(who_saw(data["object_type"], data["object_id"]))
        else:
            for name in ("object_type", "object_id"):
                if data[name]:
                    events = events.filter(**{name: data[name]})
        if data["date_from"]:
            events = events.filter(at__gte=_day(data["date_from"], end=False))
        if data["date_to"]:
            events = events.filter(at__lte=_day(data["date_to"], end=True))
    elif form.is_bound:
        events = events.none()
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    labels = role_labels(actor)
    rows = [(event, event.role_labels(labels), action_label(event.action)) for event in page]
    audit_record(action="audit.view", actor=actor, purpose="access log review",
                 count=len(page.object_list), request=request)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/log.html", {"form": form, "page": page, "rows": rows,
                                              "query": query.urlencode()})
