"""Reading a MACE tracker kept in a spreadsheet: an Excel workbook (.xlsx, its first sheet)
or a CSV file (UTF-8 with or without the byte-order mark, or Windows-1252). The first line
with any text names the columns; every later line with any text is a row. A file that
cannot be read as it stands (another format or encoding, merged cells, formulas, too many
rows) is refused whole with a reason, and nothing is imported (docs/tracker-import.md)."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from macehub.missing.importer import decode_csv

MAX_BYTES = 5 * 1024 * 1024
MAX_COLUMNS = 60
# A workbook is a zip of XML files: a small upload can unpack to gigabytes (a "zip bomb").
# Its unpacked size, and how far its sheet runs, are checked before any cell is read.
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_SHEET_COLUMNS = 200  # blank formatted columns beyond the headings are allowed, to a point
BLANK_ROWS_ALLOWED = 1_000  # blank lines between rows, beyond the row cap


class Unreadable(ValueError):
    """The file is refused whole: the message says why and what to do."""


@dataclass
class Sheet:
    headings: list[str]
    rows: list[dict[str, Any]]  # {"line": n, "cells": [text, ...]}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() \
            else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _unpacked_size(data: bytes) -> int:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return 0  # not a zip: load_workbook refuses it below with the usual message


def _check_extent(sheet: Any) -> None:
    """Refuse a sheet that runs further than a tracker can, before reading its cells."""
    cap = int(settings.TRACKER_IMPORT_MAX_ROWS)
    if sheet.max_column > MAX_SHEET_COLUMNS:
        raise Unreadable(f"The sheet runs to column {sheet.max_column:,}, more than the "
                         f"{MAX_SHEET_COLUMNS} a tracker may use: copy the tracker's own "
                         "columns into a new workbook and upload that")
    if sheet.max_row > cap + BLANK_ROWS_ALLOWED:
        raise Unreadable(f"The sheet runs to row {sheet.max_row:,}: a tracker may hold at "
                         f"most {cap:,} rows, so split it into files of at most {cap:,} rows "
                         "and import each")


def _xlsx_lines(data: bytes) -> list[tuple[int, list[str]]]:
    if _unpacked_size(data) > MAX_UNPACKED_BYTES:
        raise Unreadable(f"The workbook unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB, "
                         "far more than a tracker holds: copy the tracker's rows into a new "
                         "workbook and upload that")
    try:
        book = load_workbook(io.BytesIO(data), data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError,
            ValueError, TypeError, AttributeError, IndexError, EOFError):  # not a workbook
        raise Unreadable("The file is not an Excel workbook (.xlsx) or a CSV file: save it "
                         "as one of those and upload it again") from None
    sheet = book.worksheets[0]
    _check_extent(sheet)
    if sheet.merged_cells.ranges:
        where = ", ".join(str(r) for r in list(sheet.merged_cells.ranges)[:5])
        raise Unreadable(f"The sheet has merged cells ({where}): unmerge them so each row "
                         "has its own values, then upload the file again")
    lines: list[tuple[int, list[str]]] = []
    for row in sheet.iter_rows():
        cells = []
        for cell in row:
            if cell.data_type == "f":
                raise Unreadable(f"Cell {cell.coordinate} holds a formula: copy the sheet and "
                                 "paste it as values only, then upload the file again")
            cells.append(_text(cell.value))
        lines.append((row[0].row if row else len(lines) + 1, cells))
    return lines


def _csv_lines(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        text = decode_csv(data)
    except ValueError as error:
        raise Unreadable(str(error)) from None
    if "\x00" in text:  # UTF-16, or a binary file named .csv
        raise Unreadable("The file is not text in an encoding the import reads (UTF-8 or "
                         "Windows): save it as CSV UTF-8 and upload it again")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return [(n, [_text(c) for c in cells]) for n, cells in enumerate(reader, start=1)]
    except csv.Error:
        raise Unreadable("The CSV file could not be read: save it again from Excel as "
                         "CSV UTF-8 and upload it again") from None


def read_tracker(name: str, data: bytes) -> Sheet:
    if not data:
        raise Unreadable("The file is empty")
    if len(data) > MAX_BYTES:
        raise Unreadable("The file is larger than 5 MB: split it and upload each part")
    lower = name.lower()
    if lower.endswith(".xlsx") or data[:2] == b"PK":
        lines = _xlsx_lines(data)
    elif lower.endswith(".csv") or lower.endswith(".txt") or "." not in lower:
        lines = _csv_lines(data)
    else:
        raise Unreadable("The file must be an Excel workbook (.xlsx) or a CSV file")
    lines = [(n, cells) for n, cells in lines if any(cells)]
    if not lines:
        raise Unreadable("The file has no column headings and no rows")
    heading_line, headings = lines[0]
    while headings and not headings[-1]:
        headings.pop()
    if len(headings) > MAX_COLUMNS:
        raise Unreadable(f"The file has more than {MAX_COLUMNS} columns: keep the tracker's "
                         "columns only and upload it again")
    rows = [{"line": n, "cells": (cells + [""] * len(headings))[:len(headings)]}
            for n, cells in lines[1:]]
    cap = int(settings.TRACKER_IMPORT_MAX_ROWS)
    if len(rows) > cap:
        raise Unreadable(f"The file has more than {cap:,} rows, the most one import may "
                         f"hold: split it into files of at most {cap:,} rows and import each")
    if not rows:
        raise Unreadable("The file has column headings but no rows")
    if any(not h for h in headings):
        blank = [str(i + 1) for i, h in enumerate(headings) if not h]
        raise Unreadable(f"Column {', '.join(blank)} on line {heading_line} has no heading: "
                         "give every column a heading and upload the file again")
    return Sheet(headings=headings, rows=rows)
