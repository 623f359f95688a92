"""A report as a marked PDF and a marked spreadsheet. The PDF is drawn as the meeting papers
are (macehub/meetings/outputs.py: the marking in the page's margin boxes on every page,
nothing fetched, refused unless every page is marked); the spreadsheet with the shared
marked-sheet helpers (SECURITY S15). Both show the figures as the reader sees them:
suppressed for an external report or a reader of aggregates only (SECURITY S20)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils import timezone

from macehub.audit.services import audit_record
from macehub.lib.marking import HANDLING, LEVEL
from macehub.lib.pdfcheck import UnmarkedPdf, check_marked
from macehub.meetings.outputs import _write_pdf, css_string
from macehub.missing.exports import append_tables, marked_bytes, marked_sheet, safe
from macehub.oversight.models import Report
from macehub.oversight.services_report import is_suppressed, shown_tables

if TYPE_CHECKING:
    from macehub.access.actor import Actor


def file_name(report: Report, extension: str) -> str:
    return (f"report-{report.kind.replace('_', '-')}-{report.period_start}-{report.period_end}"
            f"-v{report.revision}-OFFICIAL-SENSITIVE.{extension}")


def suppression_note(actor: Actor, report: Report) -> str:
    if not is_suppressed(actor, report):
        return ""
    below = report.suppressed_below
    return (f"Numbers from 1 to {below - 1} are shown as \u201cfewer than {below}\u201d, with "
            "any number from which one could be worked out, so that no child can be picked out.")


def report_pdf(actor: Actor, report: Report) -> bytes:
    heading = f"{report.title}, version {report.revision}"
    context = {
        "report": report, "heading": heading, "tables": shown_tables(actor, report),
        "note": suppression_note(actor, report), "generated_at": timezone.now(),
        "recipients": _recipients(actor, report),
        "marking": {"level": LEVEL, "handling": HANDLING},
        "css_level": css_string(LEVEL), "css_handling": css_string(HANDLING),
        "css_footer": css_string(f"{heading}: {report.period}"),
    }
    pdf = _write_pdf(render_to_string("oversight/pdf/report.html", context))
    try:
        check_marked(pdf)
    except UnmarkedPdf as error:
        audit_record(action="report.export", actor=actor, obj=report, purpose=f"PDF: {error}",
                     outcome="failed")
        raise
    return pdf


def _recipients(actor: Actor, report: Report) -> list[str]:
    rule = actor.partnership.policy.oversight.reports.get(report.kind)
    return list(rule.recipients.value) if rule else []


def report_xlsx(actor: Actor, report: Report) -> bytes:
    book, sheet = marked_sheet("Report", f"{report.title}, version {report.revision}: "
                               f"{actor.partnership.name}, {report.period}")
    note = suppression_note(actor, report)
    if note:
        sheet.append([note])
    append_tables(sheet, shown_tables(actor, report), lambda count: count if count is not None
                  else f"fewer than {report.suppressed_below}")
    sheet.append([])
    for section in report.narrative:
        sheet.append([safe(section["title"])])
        sheet.append([safe(section["text"])])
    return marked_bytes(book, sheet)
