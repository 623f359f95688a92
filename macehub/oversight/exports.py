"""The dashboard as a spreadsheet: marked at top and bottom and in the page header and
footer (SECURITY S15), text that could run as a formula neutralised (S12)."""

from __future__ import annotations

from macehub.missing.exports import append_tables, marked_bytes, marked_sheet
from macehub.oversight.figures import Dashboard


def dashboard_xlsx(figures: Dashboard, partnership_name: str) -> bytes:
    where = f", {figures.area.name}" if figures.area else ""
    book, sheet = marked_sheet("Exploitation dashboard",
                               f"Exploitation dashboard: {partnership_name}{where}, "
                               f"{figures.start:%d %B %Y} to {figures.end:%d %B %Y}")
    if figures.suppression_note:
        sheet.append([figures.suppression_note])
    append_tables(sheet, [*figures.tables, *figures.outcomes], lambda count: count
                  if count is not None else f"fewer than {figures.suppressed_below}")
    return marked_bytes(book, sheet)
