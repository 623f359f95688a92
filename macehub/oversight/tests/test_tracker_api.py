"""The MACE tracker through the API, as the pages (Essex 000 §6.3): the list with the pack's
columns, its spreadsheet, and importing a tracker from upload to import, idempotent."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from macehub.audit.models import AuditEvent
from macehub.cases.models import Case
from macehub.tests import factories as f

pytestmark = pytest.mark.django_db


def test_tracker_through_the_api_lists_the_packs_columns_and_audits_what_it_shows(
        personas: dict[str, Any], actor_of: Any, client_as: Any) -> None:
    referrer, hub = actor_of(personas["referrer"]), actor_of(personas["hub_coordinator"])
    case = f.open_case(referrer, hub)
    client = client_as(personas["hub_coordinator"])
    body = client.get("/api/v1/tracker").json()
    assert [c["key"] for c in body["columns"]][:2] == ["reference", "child"]
    assert body["count"] == 1 and body["items"][0]["cells"][0] == case.reference
    assert AuditEvent.objects.filter(action="tracker.view").count() == 1
    assert client.get("/api/v1/tracker", {"status": "closed"}).json()["count"] == 0
    assert client.get("/api/v1/tracker", {"status": "someday"}).status_code == 422
    sheet = client.get("/api/v1/tracker/xlsx")
    assert sheet.status_code == 200
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert "OFFICIAL-SENSITIVE" in str(rows[0][0]) and "OFFICIAL-SENSITIVE" in str(rows[-1][0])


def test_tracker_import_through_the_api_maps_imports_and_again_changes_nothing(
        personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["hub_coordinator"])
    data = b"Name,Family name,Born,Where\nAmira,Apitest,04/03/2012,Online\n"
    uploaded = client.post("/api/v1/tracker/imports",
                           {"file": SimpleUploadedFile("tracker.csv", data)})
    assert uploaded.status_code == 201, uploaded.content
    body = uploaded.json()
    assert body["preview"] == [["Amira", "Apitest", "04/03/2012", "Online"]]
    mapping = {"0": "first_name", "1": "last_name", "2": "date_of_birth", "3": "places"}
    done = client.post(f"/api/v1/tracker/imports/{body['id']}/import", {"mapping": mapping},
                       content_type="application/json")
    assert done.status_code == 200 and done.json()["created"] == 1
    again = client.post(f"/api/v1/tracker/imports/{body['id']}/import", {"mapping": mapping},
                        content_type="application/json")
    assert again.json()["unchanged"] == 1 and Case.objects.count() == 1
    wrong = client.post(f"/api/v1/tracker/imports/{body['id']}/import",
                        {"mapping": {"0": "first_name"}}, content_type="application/json")
    assert wrong.status_code == 422 and "date of birth" in wrong.content.decode().lower()


def test_an_unreadable_tracker_through_the_api_is_refused_and_changes_nothing(
        personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["hub_coordinator"])
    refused = client.post("/api/v1/tracker/imports",
                          {"file": SimpleUploadedFile("tracker.xlsx", b"PK\x03\x04 nope")})
    assert refused.status_code == 422 and "Excel workbook" in refused.content.decode()
