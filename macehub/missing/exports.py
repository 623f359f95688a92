"""Downloads: the import error report (CSV) and the oversight figures (XLSX), each with
the protective marking (SECURITY S15) and formula injection neutralised (S12)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from macehub.lib.marking import HANDLING, LEVEL
from macehub.missing.figures import Figures
from macehub.missing.importer import rows_with_problems

MARKING = f"{LEVEL}. {HANDLING}"
BOLD = Font(bold=True)


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


def marked_sheet(title: str, heading: str) -> tuple[Workbook, Any]:
    """A workbook whose one sheet starts with the marking and a heading line."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append([MARKING])
    sheet.append([safe(heading)])
    return book, sheet


def append_tables(sheet: Any, tables: list[Any], shown: Callable[[int | None], int | str]) -> None:
    """Each table as its bold title and its rows, a count as `shown` gives it."""
    for table in tables:
        sheet.append([])
        sheet.append([safe(table.title)])
        sheet.cell(row=sheet.max_row, column=1).font = BOLD
        for label, count in table.rows:
            sheet.append([safe(label), shown(count)])


def marked_bytes(book: Workbook, sheet: Any, first_width: int = 60) -> bytes:
    """The marking at the foot, in bold with the one at the top, and in the printed page's
    header and footer; the saved workbook."""
    sheet.append([])
    sheet.append([MARKING])
    for row in (1, sheet.max_row):
        sheet.cell(row=row, column=1).font = BOLD
    sheet.oddHeader.center.text = LEVEL
    sheet.oddFooter.center.text = LEVEL
    sheet.column_dimensions["A"].width = first_width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def figures_xlsx(figures: Figures, partnership_name: str) -> bytes:
    book, sheet = marked_sheet("Missing figures", f"Missing children: {partnership_name}, "
                               f"{figures.start:%d %B %Y} to {figures.end:%d %B %Y}")
    if figures.suppression_note:
        sheet.append([figures.suppression_note])
    sheet.append(["Children missing", _cell(figures, figures.children)])
    sheet.append(["Missing episodes", _cell(figures, figures.episodes)])
    append_tables(sheet, figures.tables, lambda count: _cell(figures, count))
    return marked_bytes(book, sheet)
