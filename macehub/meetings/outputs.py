"""The meeting's papers as PDF: the agenda pack with a case summary per child (the
Kirklees coordinator's summary report), the minutes and the action log.

Every page carries the protective marking and the handling line at top and bottom
(SECURITY S15). They are drawn in the page's CSS margin boxes (`@page` in
templates/meetings/pdf/base.html), which WeasyPrint repeats on every page whatever the
content does; the bottom box also names the meeting and says "page x of y". A disclosed
copy adds a watermark on every page naming the recipient (SECURITY S16)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone

from macehub.audit.services import audit_record
from macehub.cases.models import Case
from macehub.lib.marking import HANDLING, LEVEL
from macehub.lib.pdfcheck import UnmarkedPdf, check_marked
from macehub.lib.text import printable
from macehub.meetings.models import (
    Action,
    AgencyUpdate,
    AgendaItem,
    Decision,
    Disclosure,
    Dissent,
    Invitation,
    Meeting,
    Minute,
)
from macehub.meetings.rules import quorum

if TYPE_CHECKING:
    from macehub.access.actor import Actor

Document = Disclosure.Document
TEMPLATES = {Document.AGENDA: "meetings/pdf/agenda.html",
             Document.MINUTES: "meetings/pdf/minutes.html",
             Document.ACTIONS: "meetings/pdf/actions.html"}
LAST_DECISIONS = 3  # decisions shown per case in the agenda pack's summary


def meeting_title(meeting: Meeting) -> str:
    """'MACE meeting, 5 March 2026': how the papers name the meeting (no personal data)."""
    day = timezone.localtime(meeting.starts_at)
    return f"{meeting.forum_label}, {day.day} {day:%B %Y}"


def css_string(text: str) -> str:
    """A quoted CSS string for a margin box's `content`. It is rendered unescaped inside
    <style>, so every character but an ASCII letter or digit is written as a CSS hex
    escape (ended by the one space CSS consumes): nothing can close the string, the rule or
    the element, whatever the text holds. Control characters become spaces first (they are
    refused on entry)."""
    return '"' + "".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):x} "
                         for c in printable(text)) + '"'


def invitations_of(meeting: Meeting) -> list[Invitation]:
    """The meeting's invitations with their agencies: from `with_invitations` when the
    caller already loaded them, else one query."""
    cached = getattr(meeting, "_prefetched_objects_cache", {}).get("invitations")
    if cached is not None:
        return list(cached)
    return list(meeting.invitations.select_related("agency"))


def with_invitations(meeting: Meeting) -> Meeting:
    prefetch_related_objects([meeting], Prefetch(
        "invitations", meeting.invitations.select_related("agency")))
    return meeting


# --- agenda pack ----------------------------------------------------------------------


@dataclass
class CaseSummary:
    """The coordinator's summary for one child on the agenda."""

    item: AgendaItem
    case: Case
    name: str
    age: str  # "15", "about 15" or "Not known", on the meeting day
    risk: str
    types: list[str]
    lead: str
    updates: list[AgencyUpdate]
    missing_updates: list[str]
    open_actions: list[Action] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)


def _agenda(actor: Actor, meeting: Meeting) -> dict[str, Any]:
    pack = meeting.partnership.policy
    day = timezone.localtime(meeting.starts_at).date()
    items = list(meeting.items.filter(removed_at__isnull=True)
                 .select_related("case__child", "case__lead_agency")
                 .prefetch_related(Prefetch("updates", AgencyUpdate.objects.for_actor(actor)
                                            .select_related("agency").order_by("agency__name"))))
    # Each child's open actions and last decisions, whichever meeting agreed them: the
    # case's own records, read through the cases on this agenda (reached with the meeting).
    cases = [i.case for i in items if i.case is not None]
    prefetch_related_objects(cases, "actions__owner_agency", "decisions")
    open_actions = {c.pk: [a for a in c.actions.all() if a.status == Action.Status.OPEN]
                    for c in cases}
    decisions = {c.pk: sorted(c.decisions.all(), key=lambda d: (d.at, d.pk),
                              reverse=True)[:LAST_DECISIONS] for c in cases}
    invited_agencies = sorted({i.agency.name for i in invitations_of(meeting)
                               if i.agency is not None})
    summaries = []
    for item in items:
        case = item.case
        if case is None:
            continue
        updates = list(item.updates.all())
        given = {u.agency.name for u in updates}
        summaries.append(CaseSummary(
            item=item, case=case, name=str(case.child), age=case.child.birth.age_label(day),
            risk=case.get_risk_display(),
            types=[pack.exploitation_types[t].label if t in pack.exploitation_types else t
                   for t in case.exploitation_types],
            lead=", ".join(x for x in (case.lead_professional,
                                       case.lead_agency.name if case.lead_agency else "") if x),
            updates=updates, missing_updates=[a for a in invited_agencies if a not in given],
            open_actions=open_actions[case.pk], decisions=decisions[case.pk]))
    statement = pack.meetings.information_sharing_statement
    return {"items": items, "summaries": summaries, "sharing_statement": statement}


# --- minutes --------------------------------------------------------------------------


@dataclass
class MinuteEntry:
    minute: Minute
    corrections: list[Minute]


def _threads(entries: list[Minute]) -> list[MinuteEntry]:
    """Each original entry followed by its corrections (and corrections of those), oldest
    first: nothing is overwritten, so the record shows what was said and what was corrected."""
    by_parent: dict[int | None, list[Minute]] = defaultdict(list)
    for entry in entries:
        by_parent[entry.corrects_id].append(entry)

    def chain(parent: Minute) -> list[Minute]:
        out: list[Minute] = []
        for child in by_parent.get(parent.pk, []):
            out += [child, *chain(child)]
        return out

    return [MinuteEntry(m, sorted(chain(m), key=lambda x: (x.at, x.pk)))
            for m in by_parent.get(None, [])]


def _minutes(actor: Actor, meeting: Meeting) -> dict[str, Any]:
    invitations = invitations_of(meeting)
    items = list(meeting.items.select_related("case__child").prefetch_related(
        Prefetch("minute_entries", Minute.objects.for_actor(actor).select_related("by")),
        Prefetch("decisions", Decision.objects.for_actor(actor).select_related("by")
                 .prefetch_related(Prefetch("dissents", Dissent.objects.for_actor(actor)
                                            .select_related("agency")))),
        Prefetch("actions", meeting.actions.select_related("owner_agency"))))
    check = quorum(meeting.partnership.policy, meeting, invitations)
    return {
        "present": [i for i in invitations if i.attendance == Invitation.Attendance.PRESENT],
        "apologies": [i for i in invitations if i.attendance == Invitation.Attendance.APOLOGIES],
        "absent": [i for i in invitations if i.attendance in (Invitation.Attendance.ABSENT,
                                                              Invitation.Attendance.EXPECTED)],
        "quorum": check,
        "items": [(item, _threads(list(item.minute_entries.all()))) for item in items],
    }


# --- action log ----------------------------------------------------------------------


def _actions(actor: Actor, meeting: Meeting) -> dict[str, Any]:
    # Each action's updates: the action's own records, read through the action.
    updates = Prefetch("updates", to_attr="update_list")
    agreed = list(meeting.actions.select_related("owner_agency", "case__child")
                  .prefetch_related(updates))
    # Open actions from earlier meetings of this forum in this area only (Essex: each
    # quadrant's meeting sees its own quadrant's children), as far as the actor reaches
    # them (a panel member: their agency's and their own).
    earlier = list(Action.objects.for_actor(actor).filter(
        meeting__forum=meeting.forum,
        **({"meeting__area_id": meeting.area_id} if meeting.area_id is not None
           else {"meeting__area__isnull": True}), meeting__starts_at__lt=meeting.starts_at,
        status=Action.Status.OPEN)
        .select_related("owner_agency", "meeting", "case__child").prefetch_related(updates))
    today = timezone.localdate()
    return {"agreed": agreed, "earlier": earlier, "today": today}


BUILDERS: dict[str, Callable[[Actor, Meeting], dict[str, Any]]] = {
    Document.AGENDA: _agenda, Document.MINUTES: _minutes, Document.ACTIONS: _actions}


def watermark_for(disclosure: Disclosure) -> str:
    assert disclosure.decided_at is not None
    day = timezone.localtime(disclosure.decided_at)
    return (f"Disclosed to {disclosure.recipient} with the chair's approval on "
            f"{day.day} {day:%B %Y}")


def render_pdf(actor: Actor, meeting: Meeting, document: str, *, watermark: str = "") -> bytes:
    """The document as PDF bytes, as the actor reaches its records. Callers authorise and
    audit (views_papers, disclosure). Nothing is returned unless every page carries the
    marking (and the watermark, when given): otherwise the refusal is audited as failed
    and UnmarkedPdf raised."""
    kind = Document(document)
    watermark = " ".join(printable(watermark).split())
    title = meeting_title(meeting)
    context = {
        "meeting": meeting, "title": title, "forum": meeting.forum_label,
        "document": kind.label, "watermark": watermark,
        "generated_at": timezone.now(),
        "marking": {"level": LEVEL, "handling": HANDLING},
        # Margin-box text, quoted for CSS (see base.html's @page rules).
        "css_level": css_string(LEVEL), "css_handling": css_string(HANDLING),
        "css_footer": css_string(f"{kind.label}: {title}"),
        "css_watermark": css_string(watermark),
        **BUILDERS[kind](actor, meeting),
    }
    pdf = _write_pdf(render_to_string(TEMPLATES[kind], context))
    try:
        check_marked(pdf, watermark=watermark)
    except UnmarkedPdf as error:
        audit_record(action="meeting.papers.unmarked", actor=actor, obj=meeting,
                     purpose=f"{document}: {error}", outcome="failed")
        raise
    return pdf


def _write_pdf(html: str) -> bytes:
    # Imported here: loading WeasyPrint (and Pango) costs time and memory that only
    # processes rendering PDFs should pay.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # Nothing is fetched while rendering: no fonts, images or stylesheets from anywhere.
    pdf = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()
    assert pdf is not None
    return pdf
