"""The meeting list and the action list: filtered, sorted and a page at a time."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_shown, cases_shown
from macehub.lib.listing import Column, list_page
from macehub.meetings.lists import (
    ACTION_SORTS,
    MEETING_SORTS,
    ActionFilterForm,
    MeetingFilterForm,
    action_list,
    meeting_list,
)
from macehub.meetings.queries import named_cases

MEETING_COLUMNS = [Column("Meeting", "forum"), Column("When", "when"), Column("Area", "area"),
                   Column("Status", "status")]
ACTION_COLUMNS = [Column("Action"), Column("Owner", "owner"), Column("Due", "due"),
                  Column("Status", "status")]


@requires("meeting.view")
def meeting_index(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    # Coming up reads soonest first; any other view latest first.
    default = "when" if request.GET.get("when") == "upcoming" else "-when"
    listing = list_page(request, lambda filters: meeting_list(actor, filters),
                        noun="meetings", form=MeetingFilterForm(request.GET or None, actor=actor),
                        columns=MEETING_COLUMNS, sorts=MEETING_SORTS, default=default)
    labels = {k: f.label for k, f in actor.partnership.policy.forums.items()}
    return render(request, "meetings/index.html", {
        "listing": listing, "rows": [(m, labels.get(m.forum, m.forum)) for m in listing.rows],
        "can_manage": actor.has("meeting.manage")}, status=listing.status)


@requires("meeting.view")
def action_index(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    listing = list_page(request, lambda filters: action_list(actor, filters), noun="actions",
                        form=ActionFilterForm(request.GET or None, actor=actor),
                        columns=ACTION_COLUMNS, sorts=ACTION_SORTS, default="due", per_page=50)
    # Need to know: a panel member sees the child's name only while they need it.
    named = named_cases(actor, {a.case_id for a in listing.rows if a.case_id is not None})
    audit_shown(action="meeting.actions", actor=actor, purpose="action list", request=request,
                records=[*listing.rows, *cases_shown(actor, named)])
    return render(request, "meetings/actions.html", {
        "listing": listing, "page": listing.page,
        "rows": [(a, a.case_id in named) for a in listing.rows],
        "today": timezone.localdate()}, status=listing.status)
