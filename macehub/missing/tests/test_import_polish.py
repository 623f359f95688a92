"""The import's result as a person reads it: one line per bad row with all its problems,
a wrong header said once, Excel's encodings accepted, and the way on to the episodes and
the match queue (SECURITY R3: row-level errors that change nothing)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from macehub.missing.importer import decode_csv, import_rows, read_csv, rows_with_problems
from macehub.missing.models import ImportRun, MissingEpisode
from macehub.missing.tests.conftest import row

pytestmark = pytest.mark.django_db

HEADER = "force,police_reference,first_name,last_name,date_of_birth,reported_at,returned_at," \
         "missing_from,risk_grade,looked_after,responsible_authority,circumstances\r\n"


def _line(ref: str, last: str = "Example", circumstances: str = "") -> str:
    return (f"West Midlands Police,{ref},Ivy,{last},2012-03-04,2026-01-05 10:00,,home,low,"
            f"no,,{circumstances}\r\n")


@pytest.fixture
def hub(personas: dict[str, Any], client_as: Any) -> Any:
    return client_as(personas["hub_coordinator"])


def _upload(client: Any, data: bytes) -> Any:
    return client.post(reverse("missing:import"),
                       {"file": SimpleUploadedFile("n.csv", data, content_type="text/csv")})


def test_a_row_with_several_problems_is_one_line_with_all_of_them(essex_hub: Any) -> None:
    run = import_rows(actor=essex_hub, via="test", rows=[
        row("A", "2026-01-01 10:00", missing_from="nowhere", date_of_birth="31/02/2012",
            risk_grade="standard"),
        row("B", "2026-01-02 10:00", risk_grade="standard"),
        row("C", "2026-01-03 10:00")])
    lines = rows_with_problems(run.errors)
    assert [line["row"] for line in lines] == [2, 3] and len(run.errors) >= 4
    first = lines[0]
    assert {"missing_from", "date_of_birth", "risk_grade"} <= set(first["fields"])
    assert all(": " in reason for reason in first["reasons"])
    assert run.created == 1


def test_a_wrong_header_is_one_problem_not_one_per_column() -> None:
    rows, errors = read_csv("Force,Police Ref,Name,DOB\nEssex Police,A,Ivy Example,2012\n")
    assert rows == [] and len(errors) == 1
    reason = errors[0]["reason"]
    assert "police_reference" in reason and "Police Ref" in reason
    assert "Nothing was imported" in reason


def test_a_file_without_a_header_line_is_one_problem() -> None:
    rows, errors = read_csv(_line("A") + _line("B"))
    assert rows == [] and [e["row"] for e in errors] == [1]


def test_utf8_with_and_without_the_byte_order_mark_and_windows_1252_read_alike() -> None:
    text = HEADER + _line("A", last="Léon", circumstances="Owed £20")
    for data in (text.encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8"),
                 text.encode("cp1252")):
        assert decode_csv(data) == text
    assert "\xa3" in text and b"\xa3" in text.encode("cp1252")  # £ is one byte in 1252


def test_a_file_in_neither_encoding_is_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="CSV UTF-8"):
        decode_csv(b"force\x81\x8d\x90\n")


def test_an_excel_csv_in_windows_1252_imports_with_its_accents_and_pound_sign(
        hub: Any) -> None:
    body = HEADER + _line("R1", last="Léon", circumstances="Owed £20 for a phone")
    response = _upload(hub, body.encode("cp1252"))
    run = ImportRun.objects.get()
    assert response.status_code == 302 and run.created == 1 and run.errors == []
    episode = MissingEpisode.objects.get()
    assert episode.circumstances == "Owed £20 for a phone"
    assert episode.child_details["last_name"] == "Léon"


def test_the_result_lists_each_bad_row_once_and_leads_on_to_episodes_and_the_queue(
        hub: Any) -> None:
    bad = ("West Midlands Police,R2,Ivy,Example,2012-02-30,2026-01-05 10:00,,nowhere,"
           "purple,no,,\r\n")
    _upload(hub, (HEADER + _line("R1") + bad).encode("utf-8"))
    run = ImportRun.objects.get()
    assert len(run.errors) >= 3
    page = hub.get(reverse("missing:import_run", args=[run.pk])).content.decode()
    assert page.count("<td class=\"govuk-table__cell\">3</td>") == 1
    assert "<code>date_of_birth</code>: " in page and "<code>missing_from</code>: " in page
    assert reverse("missing:index") in page and reverse("missing:queue") in page
    report = hub.get(reverse("missing:import_errors", args=[run.pk])).content.decode()
    body = [line for line in report.splitlines() if line.startswith("3,")]
    assert len(body) == 1 and "missing_from" in body[0] and "date_of_birth" in body[0]


def test_a_wrong_header_on_the_page_reads_as_one_line_about_the_first_line(hub: Any) -> None:
    _upload(hub, b"Force,Ref\r\nWMP,R1\r\n")
    run = ImportRun.objects.get()
    assert len(run.errors) == 1
    page = hub.get(reverse("missing:import_run", args=[run.pk])).content.decode()
    assert "First line" in page and page.count("Nothing was imported") == 1


def test_the_api_gives_the_problems_one_line_per_row(essex_hub: Any, essex: Any,
                                                     client_as: Any) -> None:
    client = client_as(essex_hub.user, essex)
    batch = {"notifications": [row("A", "2026-01-01 10:00", missing_from="nowhere",
                                   risk_grade="standard")]}
    answer = client.post("/api/v1/missing/notifications", batch,
                         content_type="application/json").json()
    assert len(answer["problem_rows"]) == 1 and len(answer["errors"]) >= 2
    assert answer["problem_rows"][0]["row"] == 1


def test_the_command_reads_an_excel_csv(personas: dict[str, Any], dudley: Any,
                                        tmp_path: Any, capsys: Any) -> None:
    file = tmp_path / "n.csv"
    file.write_bytes((HEADER + _line("R9", last="Müller")).encode("cp1252"))
    call_command("import_missing", str(file), partnership=dudley.slug,
                 username=personas["hub_coordinator"].username)
    assert MissingEpisode.objects.get().child_details["last_name"] == "Müller"
