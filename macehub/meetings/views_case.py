"""What the case pages show about meetings, through the case's own relations (the case was
reached): in the header, the next meeting the case is on and its next review (the date the
meeting set, else the pack's interval for its risk; a new case's first meeting deadline);
the escalation flags on its summary; and two sub-pages, its meetings and decisions, and
its actions. A panel member never sees a meeting still in draft."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_shown
from macehub.cases.models import Case
from macehub.cases.pages import case_page
from macehub.cases.queries import get_case_for
from macehub.meetings.models import AgendaItem, Decision, Meeting
from macehub.meetings.reach import SHOWN
from macehub.meetings.rules import (
    HELD,
    case_forum,
    escalation_flags,
    first_meeting_due,
    next_review,
)

UPCOMING = (Meeting.Status.DRAFT, Meeting.Status.PUBLISHED)


def case_items(actor: Actor, case: Case) -> list[AgendaItem]:
    """The agenda items the case was or is on, latest meeting first (loaded once per
    request: the header and the meetings sub-page share them)."""
    cached: list[AgendaItem] | None = getattr(case, "_agenda_items", None)
    if cached is None:
        items = case.agenda_items.select_related("meeting").order_by("-meeting__starts_at",
                                                                     "-pk")
        if not actor.has("meeting.manage"):
            items = items.filter(meeting__status__in=SHOWN)
        cached = list(items)
        case._agenda_items = cached  # type: ignore[attr-defined]
    return cached


def _forum_label(actor: Actor, forum: str) -> str:
    found = actor.partnership.policy.forums.get(forum)
    return found.label if found is not None else forum


def case_schedule(actor: Actor, case: Case) -> dict[str, Any]:
    """The header's facts: the next meeting, the next review, whether the case has been
    discussed at a held meeting, and (for an open case) its escalation flags."""
    pack, now = actor.partnership.policy, timezone.now()
    items = case_items(actor, case)
    held: list[Meeting] = []
    for item in reversed(items):
        if item.meeting.status in HELD and item.meeting not in held:
            held.append(item.meeting)
    coming = [i.meeting for i in reversed(items) if i.removed_at is None
              and i.meeting.status in UPCOMING and i.meeting.ends_at >= now]
    next_meeting = None
    if coming:
        meeting = coming[0]
        next_meeting = {"meeting": meeting, "label": _forum_label(actor, meeting.forum),
                        "url": reverse("meetings:detail", args=[meeting.pk])
                        if actor.has("meeting.view") else ""}
    review = None
    if case.status == Case.Status.OPEN:
        forum_key = case_forum(pack)
        discussed = [m for m in held if m.forum == forum_key]
        if discussed:
            last = timezone.localtime(discussed[-1].starts_at).date()
            set_by = case.decisions.filter(kind=Decision.Kind.NEXT_REVIEW).order_by(
                "-at", "-pk").first()
            on, reason = next_review(pack, forum_key, case, last, set_by)
        else:
            on, reason = first_meeting_due(pack, case)
        review = {"on": on, "reason": reason}
    return {
        "discussed": bool(held),
        "escalation_flags": escalation_flags(pack, case, held)
        if case.status == Case.Status.OPEN else [],
        "next_meeting": next_meeting, "next_review": review,
    }


@requires("case.view")
def case_meetings(request: HttpRequest, pk: int) -> HttpResponse:
    """The meetings the case was on and the decisions taken on it, latest first."""
    actor: Actor = request.actor  # type: ignore[attr-defined]
    case = get_case_for(actor, pk)
    items = case_items(actor, case)
    decisions = (case.decisions.select_related("by", "item__meeting")
                 .prefetch_related("dissents__agency").order_by("-at", "-pk"))
    if not actor.has("meeting.manage"):
        decisions = decisions.filter(item__meeting__status__in=SHOWN)
    return case_page(request, case, "meetings/case_meetings.html", "case_meetings:meetings", {
        "case_items": [(item, _forum_label(actor, item.meeting.forum)) for item in items],
        "case_decisions": list(decisions)})


@requires("case.view")
def case_actions(request: HttpRequest, pk: int) -> HttpResponse:
    """The actions agreed on the case, soonest due first; each links to its page for those
    who may update it (the hub, the owning agency)."""
    actor: Actor = request.actor  # type: ignore[attr-defined]
    case = get_case_for(actor, pk)
    actions = list(case.actions.select_related("owner_agency", "meeting")
                   .order_by("due_on", "pk"))
    agency_pk = actor.agency.pk if actor.agency is not None else None
    manages = actor.has("meeting.manage")
    audit_shown(action="meeting.actions", actor=actor, records=actions,
                purpose="case actions", request=request)
    return case_page(request, case, "meetings/case_actions.html", "case_meetings:actions", {
        "case_actions": [(a, manages or a.owner_agency_id == agency_pk
                          or a.owner_id == actor.user.pk) for a in actions],
        "today": timezone.localdate()})
