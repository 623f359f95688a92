"""The meeting list's and the action list's filters and sort keys, shared by the pages
and the API's list operations."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.lib.forms import Form
from macehub.lib.listing import Sorts
from macehub.meetings.models import Action, Meeting
from macehub.meetings.queries import actions_for
from macehub.partnerships.models import Agency, Area

MEETING_SORTS: Sorts = {"when": ("starts_at", "pk"), "forum": ("forum", "starts_at", "pk"),
                        "area": ("area__name", "starts_at", "pk"),
                        "status": ("status", "starts_at", "pk")}
ACTION_SORTS: Sorts = {"due": ("due_on", "pk"), "owner": ("owner_agency__name", "owner_name",
                                                          "due_on", "pk"),
                       "status": ("status", "due_on", "pk")}


class MeetingFilterForm(Form):
    when = forms.ChoiceField(required=False, label="When", choices=[
        ("", "Any time"), ("week", "This week"), ("upcoming", "Coming up"), ("past", "Past")])
    status = forms.ChoiceField(required=False, label="Status",
                               choices=[("", "Any status"), *Meeting.Status.choices])

    forum = forms.ChoiceField(required=False, label="Forum")
    area = forms.ModelChoiceField(required=False, label="Area", empty_label="Any area",
                                  queryset=Area.objects.none())

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        forums = actor.partnership.policy.forums
        self.fields["forum"].choices = [  # type: ignore[attr-defined]
            ("", "Any forum"), *((key, forum.label) for key, forum in forums.items())]
        self.fields["area"].queryset = actor.partnership.areas.all()  # type: ignore[attr-defined]


class ActionFilterForm(Form):
    show = forms.ChoiceField(required=False, label="Show", choices=[
        ("", "Open actions"), ("overdue", "Overdue actions"), ("all", "All actions")])

    agency = forms.ModelChoiceField(required=False, label="Owning agency",
                                    empty_label="Any agency", queryset=Agency.objects.none())

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = actor.partnership.agencies.all()  # type: ignore[attr-defined]


def this_week(today: date | None = None) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday 00:00, local time, as instants: a week that spans a
    clock change is 167 or 169 hours long."""
    today = today or timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    zone = timezone.get_current_timezone()
    return (datetime.combine(monday, time(), tzinfo=zone),
            datetime.combine(monday + timedelta(days=7), time(), tzinfo=zone))


def meeting_list(actor: Actor, filters: dict[str, Any]) -> QuerySet[Meeting]:
    meetings = Meeting.objects.for_actor(actor).select_related("area")
    now = timezone.now()
    if filters.get("when") == "upcoming":
        meetings = meetings.filter(ends_at__gte=now).exclude(status=Meeting.Status.CANCELLED)
    elif filters.get("when") == "past":
        meetings = meetings.filter(ends_at__lt=now)
    elif filters.get("when") == "week":
        start, end = this_week()
        meetings = meetings.filter(starts_at__gte=start, starts_at__lt=end).exclude(
            status=Meeting.Status.CANCELLED)
    for name in ("forum", "status", "area"):
        if filters.get(name):
            meetings = meetings.filter(**{name: filters[name]})
    return meetings


def action_list(actor: Actor, filters: dict[str, Any]) -> QuerySet[Action]:
    actions = actions_for(actor, open_only=filters.get("show") != "all")
    if filters.get("show") == "overdue":
        actions = actions.filter(due_on__lt=timezone.localdate())
    if filters.get("agency"):
        actions = actions.filter(owner_agency=filters["agency"])
    return actions
