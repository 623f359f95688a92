"""The dashboard as a spreadsheet: marked at top and bottom and in the page header and
footer (SECURITY S15), text that could run as a formula neutralised (S12)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from macehub.lib.marking import LEVEL
from macehub.missing.exports import MARKING, safe
from macehub.oversight.figures import Dashboard


def dashboard_xlsx(figures: Dashboard, partnership_name: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Exploitation dashboard"
    bold = Font(bold=True)
    where = f", {figures.area.name}" if figures.area else ""
    sheet.append([MARKING])
    sheet.append([safe(f"Exploitation dashboard: {partnership_name}{where}, "
                       f"{figures.start:%d %B %Y} to {figures.end:%d %B %Y}")])
    if figures.suppression_note:
        sheet.append([figures.suppression_note])
    for table in [*figures.tables, *figures.outcomes]:
        sheet.append([])
        sheet.append([safe(table.title)])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        for label, count in table.rows:
            shown = count if count is not None else f"fewer than {figures.suppressed_below}"
            sheet.append([safe(label), shown])
    sheet.append([])
    sheet.append([MARKING])
    for row in (1, sheet.max_row):
        sheet.cell(row=row, column=1).font = bold
    sheet.oddHeader.center.text = LEVEL
    sheet.oddFooter.center.text = LEVEL
    sheet.column_dimensions["A"].width = 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
