"""Downloads: the import error report (CSV) and the oversight figures (XLSX), each with
the protective marking (SECURITY S15) and formula injection neutralised (S12)."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from macehub.lib.marking import HANDLING, LEVEL
from macehub.missing.figures import Figures
from macehub.missing.importer import rows_with_problems

MARKING = f"{LEVEL}. {HANDLING}"


def safe(value: Any) -> Any:
    """A spreadsheet must not run text as a formula: =, +, - and @ lead as plain text."""
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + value
    return value


def error_report_csv(errors: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([MARKING])
    writer.writerow(["row", "columns", "problems"])
    for line in rows_with_problems(errors):  # one line per row, all its problems together
        writer.writerow([safe(line["row"]), safe(" ".join(line["fields"])),
                         safe("; ".join(line["reasons"]))])
    writer.writerow([MARKING])
    return out.getvalue()


def _cell(figures: Figures, count: int | None) -> int | str:
    """A number stays a number in the sheet; a suppressed one reads "fewer than N"."""
    return count if count is not None else figures.shown(count)


def figures_xlsx(figures: Figures, partnership_name: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Missing figures"
    bold = Font(bold=True)
    sheet.append([MARKING])
    sheet["A1"].font = bold
    sheet.append([safe(f"Missing children: {partnership_name}, "
                       f"{figures.start:%d %B %Y} to {figures.end:%d %B %Y}")])
    if figures.suppression_note:
        sheet.append([figures.suppression_note])
    sheet.append(["Children missing", _cell(figures, figures.children)])
    sheet.append(["Missing episodes", _cell(figures, figures.episodes)])
    for table in figures.tables:
        sheet.append([])
        sheet.append([safe(table.title)])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        for label, count in table.rows:
            sheet.append([safe(label), _cell(figures, count)])
    sheet.append([])
    sheet.append([MARKING])
    sheet.cell(row=sheet.max_row, column=1).font = bold
    sheet.oddHeader.center.text = LEVEL
    sheet.oddFooter.center.text = LEVEL
    sheet.column_dimensions["A"].width = 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
