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
from macehub.audit.models import AuditEvent
from macehub.audit.services import audit_record
from macehub.lib.forms import Form


class AuditFilterForm(Form):
    username = forms.CharField(required=False, max_length=150, label="User")
    action = forms.CharField(required=False, max_length=80, help_text="For example auth.sign_in")
    object_type = forms.CharField(required=False, max_length=60, label="Record type")
    object_id = forms.CharField(required=False, max_length=64, label="Record id")
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


@requires("audit.read")
def audit_log(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.filter(partnership_id=actor.partnership.pk)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["username"]:
            events = events.filter(username__iexact=data["username"])
        for name in ("action", "object_type", "object_id"):
            if data[name]:
                events = events.filter(**{name: data[name]})
        if data["date_from"]:
            events = events.filter(at__gte=_day(data["date_from"], end=False))
        if data["date_to"]:
            events = events.filter(at__lte=_day(data["date_to"], end=True))
    elif form.is_bound:
        events = events.none()
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    audit_record(action="audit.view", actor=actor, purpose="access log review",
                 count=len(page.object_list), request=request)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/log.html", {"form": form, "page": page,
                                              "query": query.urlencode()})
