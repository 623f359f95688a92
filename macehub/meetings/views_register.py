"""Meeting mode's attendance register: one row per person, each saved on its own.

With JavaScript a row posts by itself (htmx) and is replaced by the row as saved, or as it
now stands with the reason a save was refused; without it the same form posts and the
page comes back. Each row carries the invitation's version: a save over someone else's
change to the same row is refused and the row shows their change (ARCHITECTURE principle
9: a stale edit is refused, never silently applied)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.lib.errors import StaleEdit
from macehub.meetings import conduct, forms
from macehub.meetings.models import Invitation, Meeting
from macehub.meetings.queries import get_meeting_for
from macehub.meetings.rules import quorum


@dataclass
class Row:
    """One person's row as shown: the saved values, or what was posted when the save was
    refused for a reason the person can put right."""

    invitation: Invitation
    attendance: str
    deputy: str
    agreed: bool
    version: int
    note: str = ""
    problem: bool = False

    @classmethod
    def of(cls, invitation: Invitation, note: str = "", problem: bool = False) -> Row:
        return cls(invitation, invitation.attendance, invitation.deputy,
                   invitation.confidentiality_agreed_at is not None, invitation.version,
                   note, problem)

    @property
    def choices(self) -> list[tuple[str, str]]:
        return list(Invitation.Attendance.choices)


def _actor(request: HttpRequest) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


def _context(actor: Actor, meeting: Meeting,
             invitations: list[Invitation]) -> dict[str, object]:
    return {"meeting": meeting, "forum": meeting.forum_label,
            "quorum": quorum(actor.partnership.policy, meeting, invitations)}


def _page(request: HttpRequest, meeting: Meeting, shown: Row | None = None,
          status: int = 200) -> HttpResponse:
    actor = _actor(request)
    invitations = list(meeting.invitations.select_related("agency"))
    rows = [shown if shown and shown.invitation.pk == i.pk else Row.of(i) for i in invitations]
    return render(request, "meetings/register.html", {
        **_context(actor, meeting, invitations), "rows": rows,
        "statement": actor.partnership.policy.meetings.confidentiality_statement},
        status=status)


@requires("meeting.manage")
@require_GET
def register(request: HttpRequest, pk: int) -> HttpResponse:
    """Meeting mode: the attendance register, usable on a laptop in the room."""
    return _page(request, get_meeting_for(_actor(request), pk))


def _save(actor: Actor, invitation: Invitation, posted: forms.AttendanceForm) -> tuple[Row, int]:
    """Save one row through the service; the row to show and the answer's status."""
    tried = Row(invitation, str(posted.data.get("attendance", "")),
                str(posted.data.get("deputy", ""))[:200], bool(posted.data.get("agreed")),
                invitation.version, problem=True)
    if not posted.is_valid():
        tried.note = " ".join(str(e) for errors in posted.errors.values() for e in errors)
        return tried, 400
    try:
        saved = conduct.attendance_record(actor=actor, invitation=invitation,
                                          **posted.cleaned_data)
    except StaleEdit as stale:
        invitation.refresh_from_db()
        label = dict(Invitation.Attendance.choices).get(tried.attendance, tried.attendance)
        return Row.of(invitation, f"{stale.messages[0]} You chose: {label}"
                      f"{', deputy ' + tried.deputy if tried.deputy else ''}.", True), 409
    except ValidationError as error:
        tried.note = " ".join(error.messages)
        return tried, 400
    at = timezone.localtime(timezone.now())
    return Row.of(saved, f"Saved at {at:%H:%M}."), 200


@requires("meeting.manage")
@require_POST
def register_row(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    """Save one person's row. htmx gets the row back (and the quorum); a plain post goes
    back to the register when saved, or shows it with the row's problem."""
    actor = _actor(request)
    meeting = get_meeting_for(actor, pk)
    invitation = meeting.invitations.select_related("agency").filter(pk=invitation_pk).first()
    if invitation is None:
        raise Http404("Not found")
    row, status = _save(actor, invitation, forms.AttendanceForm(request.POST))
    if request.headers.get("HX-Request") == "true":
        invitations = list(meeting.invitations.select_related("agency"))
        return render(request, "meetings/_register_row.html", {
            **_context(actor, meeting, invitations), "row": row, "oob": True}, status=status)
    if status == 200:
        messages.success(request, f"Attendance of {invitation.name} saved.")
        return redirect(reverse("meetings:register", args=[meeting.pk]) +
                        f"#row-{invitation.pk}")
    return _page(request, meeting, row, status)
