"""Imports are bounded (SECURITY R3): a file with more rows than
MISSING_IMPORT_MAX_ROWS is refused whole with a message to split it, and an import that
meets MISSING_IMPORT_MAX_ERRORS problems stops, imports nothing, and keeps only that many
problems in its report. A megabyte of junk lines is refused in well under a second."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from macehub.missing.importer import COLUMNS, ImportTooLarge, import_rows, read_csv
from macehub.missing.models import ImportRun, MissingEpisode
from macehub.missing.tests.conftest import row

pytestmark = pytest.mark.django_db
HEADER = ",".join(COLUMNS)


def _good(n: int) -> str:
    lines = [HEADER] + [",".join(row(f"R{i:05d}", "2026-03-01 18:30").get(c, "")
                                 for c in COLUMNS) for i in range(n)]
    return "\n".join(lines) + "\n"


def test_a_file_over_the_row_cap_is_refused_whole_with_a_message_to_split_it(
        essex_hub: Any, settings: Any, client_as: Any, essex: Any) -> None:
    settings.MISSING_IMPORT_MAX_ROWS = 10
    with pytest.raises(ImportTooLarge, match="more than 10 rows.*split it"):
        read_csv(_good(11))
    assert len(read_csv(_good(10))[0]) == 10
    with pytest.raises(ImportTooLarge):  # the API and other callers pass rows directly
        import_rows(actor=essex_hub, via="test", rows=[row(f"R{i}", "2026-03-01 18:30")
                                                       for i in range(11)])
    upload = SimpleUploadedFile("notifications.csv", _good(11).encode(), "text/csv")
    page = client_as(essex_hub.user, essex).post(reverse("missing:import"), {"file": upload})
    assert page.status_code == 400
    assert "more than 10 rows" in page.content.decode()
    assert not ImportRun.objects.exists() and not MissingEpisode.objects.exists()


def test_a_million_junk_lines_are_refused_at_the_row_cap_without_reading_them_all(
        essex_hub: Any) -> None:
    junk = HEADER + "\n" + "x\n" * 1_000_000
    started = time.monotonic()
    with pytest.raises(ImportTooLarge):
        read_csv(junk)
    assert time.monotonic() - started < 2
    assert not ImportRun.objects.exists()


def test_an_import_stops_at_the_error_cap_imports_nothing_and_keeps_that_many_errors(
        essex_hub: Any, settings: Any, client_as: Any, essex: Any) -> None:
    settings.MISSING_IMPORT_MAX_ERRORS = 25
    text = _good(3) + "x\n" * 500
    rows, errors = read_csv(text)
    run = import_rows(actor=essex_hub, rows=rows, via="test", errors=errors)
    assert len(run.errors) == 25
    assert run.stopped.startswith("Stopped at row") and "nothing was imported" in run.stopped
    assert run.created == 0 and not MissingEpisode.objects.exists()
    ImportRun.objects.get(pk=run.pk)  # stored with the capped list
    assert len(ImportRun.objects.get(pk=run.pk).errors) == 25
    page = client_as(essex_hub.user, essex).get(reverse("missing:import_run", args=[run.pk]))
    assert "nothing was imported" in page.content.decode()


def test_the_command_stops_at_the_row_cap_with_the_message(
        essex_hub: Any, settings: Any, tmp_path: Any, essex: Any) -> None:
    settings.MISSING_IMPORT_MAX_ROWS = 5
    file = tmp_path / "notifications.csv"
    file.write_text(_good(6))
    with pytest.raises(CommandError, match="more than 5 rows"):
        call_command("import_missing", str(file), "--partnership", essex.slug,
                     "--as", essex_hub.user.username)


def test_an_import_within_the_caps_is_unchanged(essex_hub: Any, settings: Any) -> None:
    settings.MISSING_IMPORT_MAX_ROWS = 5
    rows, errors = read_csv(_good(5))
    run = import_rows(actor=essex_hub, rows=rows, via="test", errors=errors)
    assert run.created == 5 and run.errors == [] and run.stopped == ""
