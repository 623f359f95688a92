"""The MACE tracker as a spreadsheet: marked at top and bottom and in the page header and
footer (SECURITY S15), text that could run as a formula neutralised (S12)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone

from macehub.access.actor import Actor
from macehub.cases.models import Case
from macehub.missing.exports import BOLD, marked_bytes, marked_sheet, safe
from macehub.oversight import tracker


def tracker_xlsx(actor: Actor, cases: Sequence[Case], which: str) -> bytes:
    columns = tracker.columns(actor)
    book, sheet = marked_sheet("MACE tracker", f"MACE tracker: {actor.partnership.name}, "
                               f"{which.lower()}, {timezone.localdate():%d %B %Y}")
    sheet.append([])
    sheet.append([heading for _, heading in columns])
    for n in range(1, len(columns) + 1):
        sheet.cell(row=sheet.max_row, column=n).font = BOLD
    for _, cells in tracker.rows(actor, cases):
        sheet.append([safe(value) for value in cells])
    for n in range(1, len(columns)):
        sheet.column_dimensions[chr(ord("A") + n)].width = 30
    return marked_bytes(book, sheet, first_width=30)
