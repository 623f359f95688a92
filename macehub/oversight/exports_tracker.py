"""The MACE tracker as a spreadsheet: marked at top and bottom and in the page header and
footer (SECURITY S15), text that could run as a formula neutralised (S12)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from macehub.access.actor import Actor
from macehub.cases.models import Case
from macehub.lib.marking import LEVEL
from macehub.missing.exports import MARKING, safe
from macehub.oversight import tracker


def tracker_xlsx(actor: Actor, cases: Sequence[Case], which: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "MACE tracker"
    bold = Font(bold=True)
    columns = tracker.columns(actor)
    sheet.append([MARKING])
    sheet.append([safe(f"MACE tracker: {actor.partnership.name}, {which.lower()}, "
                       f"{timezone.localdate():%d %B %Y}")])
    sheet.append([])
    sheet.append([heading for _, heading in columns])
    for n in range(1, len(columns) + 1):
        sheet.cell(row=sheet.max_row, column=n).font = bold
    for _, cells in tracker.rows(actor, cases):
        sheet.append([safe(value) for value in cells])
    sheet.append([])
    sheet.append([MARKING])
    for row in (1, sheet.max_row):
        sheet.cell(row=row, column=1).font = bold
    sheet.oddHeader.center.text = LEVEL
    sheet.oddFooter.center.text = LEVEL
    for n in range(len(columns)):
        sheet.column_dimensions[chr(ord("A") + n)].width = 30
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
