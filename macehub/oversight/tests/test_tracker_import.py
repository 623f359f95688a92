"""Importing a MACE tracker kept in a spreadsheet (Essex 000 §6.3: MACE 1 chairs keep MACE
trackers; a partnership moving to the product brings them): columns mapped with a preview,
bad rows listed and changing nothing, children matched duplicate-aware, idempotent, and a
file that cannot be read as it stands refused whole."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from macehub.cases.models import Case
from macehub.oversight.models import TrackerImport
from macehub.oversight.tracker_file import MAX_BYTES, MAX_SHEET_COLUMNS, MAX_UNPACKED_BYTES
from macehub.people.models import Child
from macehub.tests import factories as f

pytestmark = pytest.mark.django_db

HEADER = "Tracker ref,Forename,Surname,DOB,Education,Model of exploitation,Place of " \
         "exploitation,Risk level,Date opened,Outcome\n"


def _csv(*rows: str, encoding: str = "utf-8") -> bytes:
    return (HEADER + "".join(r + "\n" for r in rows)).encode(encoding)


def _upload(client: Any, name: str, data: bytes) -> Any:
    return client.post(reverse("oversight:tracker_imports"),
                       {"file": SimpleUploadedFile(name, data)})


def _import(client: Any, upload: TrackerImport, **mapping: str) -> Any:
    chosen = mapping or {f"column_{n}": v for n, v in upload.mapping.items()}
    return client.post(reverse("oversight:tracker_import", args=[upload.pk]), chosen)


def _type_label(partnership: Any) -> str:
    return next(iter(partnership.policy.exploitation_types.values())).label


@pytest.fixture
def hub(personas: dict[str, Any], client_as: Any) -> Any:
    return client_as(personas["hub_coordinator"])


def test_tracker_columns_are_matched_from_their_headings_and_previewed(
        hub: Any, dudley: Any) -> None:
    response = _upload(hub, "tracker.csv", _csv(
        f"T1,Amira,Testperson,04/03/2012,Mainstream school,{_type_label(dudley)},Online,High,"
        "01/02/2025,Engaged with youth work"))
    upload = TrackerImport.objects.get()
    assert response.status_code == 302
    assert upload.mapping == {"0": "reference", "1": "first_name", "2": "last_name",
                              "3": "date_of_birth", "4": "education",
                              "5": "exploitation_types", "6": "places", "7": "risk",
                              "8": "opened_on", "9": "outcome"}
    page = hub.get(reverse("oversight:tracker_import", args=[upload.pk])).content.decode()
    assert "Amira" in page and "Child&#x27;s first name" in page
    assert Case.objects.count() == 0  # nothing imported before the columns are confirmed


def test_importing_a_tracker_opens_cases_with_its_columns_and_again_changes_nothing(
        hub: Any, dudley: Any) -> None:
    data = _csv(f"T1,Amira,Testperson,04/03/2012,Alternative provision,{_type_label(dudley)},"
                "Online; Public space,High,01/02/2025,Engaged with youth work")
    _upload(hub, "tracker.csv", data)
    assert _import(hub, TrackerImport.objects.get()).status_code == 302
    case = Case.objects.get()
    assert case.places == ["online", "public_space"] and case.risk == "high"
    assert case.outcome == "Engaged with youth work" and case.child.education == \
        "alternative_provision"
    assert case.opened_at.date().isoformat() == "2025-02-01"
    before = (case.version, case.child.version, Child.objects.count())
    # The same file again: the row's key finds the same case, and nothing changes.
    _upload(hub, "tracker.csv", data)
    second = TrackerImport.objects.order_by("-pk").first()
    _import(hub, second)
    second.refresh_from_db()
    case.refresh_from_db()
    assert second.result["unchanged"] == 1 and second.result["created"] == 0
    assert (case.version, case.child.version, Child.objects.count()) == before
    assert Case.objects.count() == 1


def test_a_bad_row_is_reported_with_its_line_and_changes_nothing(hub: Any, dudley: Any) -> None:
    _upload(hub, "tracker.csv", _csv(
        "T1,Good,Rowchild,04/03/2012,,,Online,Medium,,",
        "T2,Bad,Datechild,31/02/2012,,,,,,",
        "T3,Bad,Placechild,04/03/2012,,,On the moon,,,"))
    upload = TrackerImport.objects.get()
    _import(hub, upload)
    upload.refresh_from_db()
    assert upload.result["created"] == 1 and upload.result["not_imported"] == 2
    lines = {e["line"]: e for e in upload.result["errors"]}
    assert lines[3]["field"] == "Date of birth" and "not a date" in lines[3]["reason"]
    assert "On the moon" in lines[4]["reason"]
    assert list(Child.objects.values_list("last_name", flat=True)) == ["Rowchild"]
    page = hub.get(reverse("oversight:tracker_import", args=[upload.pk])).content.decode()
    assert "Rows not imported" in page and "not a place of exploitation" in page


def test_a_child_who_may_be_one_of_several_records_is_reported_never_guessed(
        personas: dict[str, Any], actor_of: Any, hub: Any) -> None:
    referrer, coordinator = actor_of(personas["referrer"]), actor_of(personas["hub_coordinator"])
    for first in ("Jayden", "Jaydon"):
        f.open_case(referrer, coordinator, child_details={
            "first_name": first, "last_name": "Samplename", "date_of_birth": f.years_ago(14),
            "known_as": []})
    born = f.years_ago(14).strftime("%d/%m/%Y")
    _upload(hub, "tracker.csv", _csv(f"T9,Jayden,Samplename,{born},,,Home,,,"))
    upload = TrackerImport.objects.get()
    _import(hub, upload)
    upload.refresh_from_db()
    assert upload.result["not_imported"] == 1
    assert "may be one of 2 children" in upload.result["errors"][0]["reason"]
    assert not Case.objects.filter(places=["home"]).exists()
    assert Child.objects.count() == 2


def test_a_child_already_recorded_with_the_same_name_and_date_of_birth_is_that_child(
        personas: dict[str, Any], actor_of: Any, hub: Any) -> None:
    referrer, coordinator = actor_of(personas["referrer"]), actor_of(personas["hub_coordinator"])
    case = f.open_case(referrer, coordinator, child_details={
        "first_name": "Kofi", "last_name": "Exampleton", "date_of_birth": f.years_ago(13),
        "known_as": []})
    born = f.years_ago(13).strftime("%d/%m/%Y")
    _upload(hub, "tracker.csv", _csv(f",Kofi,Exampleton,{born},,,School or college,,,"))
    _import(hub, TrackerImport.objects.get())
    case.refresh_from_db()
    assert case.places == ["school"] and Child.objects.count() == 1


def test_a_windows_1252_csv_from_excel_is_read(hub: Any) -> None:
    # Excel's plain "CSV" on a UK machine saves Windows-1252.
    _upload(hub, "tracker.csv", _csv("T1,Zoë,O’Testname,04/03/2012,,,,,,Risk down – closed",
                                     encoding="cp1252"))
    _import(hub, TrackerImport.objects.get())
    case = Case.objects.get()
    assert str(case.child) == "Zoë O’Testname" and case.outcome == "Risk down – closed"


def test_a_utf8_csv_with_the_byte_order_mark_is_read(hub: Any) -> None:
    _upload(hub, "tracker.csv", b"\xef\xbb\xbf" + _csv("T1,Zoë,Bomtest,04/03/2012,,,,,,"))
    upload = TrackerImport.objects.get()
    assert upload.mapping["0"] == "reference"


def _xlsx(build: Any) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["First name", "Last name", "Date of birth", "Outcome"])
    sheet.append(["Ada", "Xlsxchild", "2012-03-04", "Ongoing"])
    build(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_excel_workbook_is_read(hub: Any) -> None:
    _upload(hub, "tracker.xlsx", _xlsx(lambda sheet: None))
    _import(hub, TrackerImport.objects.get())
    assert Case.objects.get().outcome == "Ongoing"


@pytest.mark.parametrize(("name", "data", "said"), [
    ("tracker.xlsx", _xlsx(lambda s: s.merge_cells("A2:B2")), "merged cells (A2:B2)"),
    ("tracker.xlsx", _xlsx(lambda s: s.__setitem__("D2", "=1+1")), "Cell D2 holds a formula"),
    ("tracker.xlsx", b"PK\x03\x04 not really a workbook", "not an Excel workbook"),
    ("tracker.csv", "First name\nZoë\n".encode("utf-16"), "save it as CSV UTF-8"),
    ("tracker.pdf", b"%PDF-1.4", "must be an Excel workbook (.xlsx) or a CSV file"),
    ("tracker.csv", b"First name,Last name\n", "column headings but no rows"),
])
def test_a_file_that_cannot_be_read_is_refused_whole_and_changes_nothing(
        hub: Any, name: str, data: bytes, said: str) -> None:
    response = _upload(hub, name, data)
    assert response.status_code == 400
    assert said in response.content.decode().replace("&#x27;", "'")
    assert TrackerImport.objects.count() == 0 and Case.objects.count() == 0


def test_a_file_with_more_rows_than_the_cap_is_refused_whole(hub: Any, settings: Any) -> None:
    settings.TRACKER_IMPORT_MAX_ROWS = 2
    response = _upload(hub, "tracker.csv", _csv(*[f"T{n},A,B{n},04/03/2012,,,,,," for n in
                                                  range(3)]))
    assert response.status_code == 400 and "more than 2 rows" in response.content.decode()
    assert TrackerImport.objects.count() == 0


def _bomb() -> bytes:
    """A small workbook that unpacks to far more than any tracker: a padded part."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_xlsx(lambda s: None))) as good, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bad:
        for entry in good.infolist():
            bad.writestr(entry, good.read(entry))
        bad.writestr("xl/padding.xml", b" " * (MAX_UNPACKED_BYTES + 1))
    return out.getvalue()


@pytest.mark.parametrize(("data", "said"), [
    (_bomb(), "unpacks to more than 20 MB"),
    (_xlsx(lambda s: s.cell(row=2, column=MAX_SHEET_COLUMNS + 1, value="x")),
     f"runs to column {MAX_SHEET_COLUMNS + 1}"),
    (_xlsx(lambda s: s.cell(row=3_100, column=1, value="x")), "runs to row 3,100"),
])
def test_a_workbook_beyond_the_size_and_extent_limits_is_refused_before_it_is_read(
        hub: Any, data: bytes, said: str) -> None:
    # SECURITY (uploads): a workbook that unpacks to a huge size, or whose sheet runs
    # far beyond the row and column limits, is refused whole; nothing is imported.
    assert len(data) < MAX_BYTES
    response = _upload(hub, "tracker.xlsx", data)
    assert response.status_code == 400
    assert said in response.content.decode()
    assert TrackerImport.objects.count() == 0 and Case.objects.count() == 0


def test_a_tracker_without_the_childs_name_and_date_of_birth_columns_is_refused(
        hub: Any) -> None:
    _upload(hub, "tracker.csv", b"Colour,Size\nRed,Large\n")
    upload = TrackerImport.objects.get()
    response = _import(hub, upload, column_0="", column_1="")
    assert response.status_code == 400
    assert "do not include the child" in response.content.decode().replace("&#x27;", "'")
    upload.refresh_from_db()
    assert upload.status == "uploaded" and Case.objects.count() == 0


def test_import_pages_run_a_bounded_number_of_queries(
        hub: Any, django_assert_max_num_queries: Any) -> None:
    _upload(hub, "tracker.csv", _csv(*[f"T{n},Q,Querychild{n},04/03/2012,,,,,," for n in
                                       range(10)]))
    upload = TrackerImport.objects.get()
    with django_assert_max_num_queries(20):
        hub.get(reverse("oversight:tracker_imports"))
    with django_assert_max_num_queries(20):
        hub.get(reverse("oversight:tracker_import", args=[upload.pk]))


def test_only_the_hub_and_chairs_import_a_tracker(
        personas: dict[str, Any], client_as: Any) -> None:
    for role in ("panel_member", "analyst", "referrer", "auditor", "partnership_admin"):
        response = client_as(personas[role]).get(reverse("oversight:tracker_imports"))
        assert response.status_code == 403, role
