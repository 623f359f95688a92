"""Reports' pages and API (Dudley MACE and CEOG ToR §MACE Review & Reporting: the MACE
chair reports patterns and trends to CEOG): generate for a period, write the narrative, sign
off with confirmation, new version, PDF and spreadsheet marked; who may do what; bounded
queries."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from macehub.oversight.models import Report
from macehub.tests import factories as f

pytestmark = pytest.mark.django_db


def _period(**changes: str) -> dict[str, str]:
    today = timezone.localdate()
    return {"kind": "mace_chair_report", "start": (today - timedelta(days=40)).isoformat(),
            "end": today.isoformat(), **changes}


def _texts(report: Report) -> dict[str, Any]:
    return {"version": report.version,
            **{f"section_{n}": f"Section {n} written" for n in range(len(report.narrative))}}


def test_a_chair_generates_writes_signs_off_and_corrects_a_report(
        personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["chair"])
    response = client.post(reverse("oversight:reports"), _period())
    [report] = Report._base_manager.all()
    assert response.status_code == 302 and response.url == reverse("oversight:report",
                                                                   args=[report.pk])
    page = client.get(response.url).content.decode()
    assert "Patterns and trends of exploitation" in page and "Concerns by" in page
    assert client.post(response.url, _texts(report)).status_code == 302
    report.refresh_from_db()
    sign_off = reverse("oversight:report_sign_off", args=[report.pk])
    assert "cannot be changed" in client.get(sign_off).content.decode()
    assert client.post(sign_off, {"version": report.version}).status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.SIGNED_OFF
    # Signed off: the narrative is read, never written.
    refused = client.post(response.url, _texts(report))
    assert refused.status_code == 400 and "signed off" in refused.content.decode()
    made = client.post(reverse("oversight:report_new_version", args=[report.pk]),
                       {"version": report.version})
    assert made.status_code == 302
    second = Report._base_manager.get(corrects=report)
    assert second.revision == 2 and second.narrative == report.narrative
    assert "Version 1" in client.get(made.url).content.decode()


def test_a_period_ending_before_its_start_is_refused_with_a_clear_message_and_nothing_saved(
        personas: dict[str, Any], client_as: Any) -> None:
    today = timezone.localdate()
    response = client_as(personas["chair"]).post(reverse("oversight:reports"), _period(
        start=today.isoformat(), end=(today - timedelta(days=1)).isoformat()))
    assert response.status_code == 400
    assert "To must be the same as or after From" in response.content.decode()
    assert Report._base_manager.count() == 0


def test_the_report_downloads_are_marked_and_external_figures_suppressed(
        make_partnership: Any, client_as: Any) -> None:
    # SET protocol §2.3: the Southend governance report goes beyond the partnership.
    southend = make_partnership("southend")
    chair = f.user_with_role("southend-chair", southend, "chair")
    client = client_as(chair, southend)
    client.post(reverse("oversight:reports"), _period(kind="governance_report"))
    report = Report._base_manager.get()
    report.figures = {"tables": [{"title": "Children by area",
                                  "rows": [["North", 3], ["South", 10], ["Total", 13]]}],
                      "outcomes": []}
    report.save()
    pdf = client.get(reverse("oversight:report_pdf", args=[report.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "OFFICIAL-SENSITIVE" in text and "fewer than 5" in text and "North 3" not in text
    sheet = client.get(reverse("oversight:report_xlsx", args=[report.pk]))
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert "OFFICIAL-SENSITIVE" in str(rows[0][0]) and "OFFICIAL-SENSITIVE" in str(rows[-1][0])
    assert ("North", "fewer than 5") in [r[:2] for r in rows]
    assert ("South", "fewer than 5") in [r[:2] for r in rows]


@pytest.mark.parametrize(("role", "reads", "writes"), [
    ("chair", True, True), ("hub_coordinator", True, True), ("analyst", True, False),
    ("panel_member", False, False), ("referrer", False, False), ("auditor", False, False),
    ("partnership_admin", False, False)])
def test_chairs_and_the_hub_write_reports_and_analysts_read_them(
        personas: dict[str, Any], client_as: Any, role: str, reads: bool,
        writes: bool) -> None:
    client = client_as(personas[role])
    assert (client.get(reverse("oversight:reports")).status_code == 200) == reads
    generated = client.post(reverse("oversight:reports"), _period())
    assert (generated.status_code == 302) == writes
    assert Report._base_manager.count() == (1 if writes else 0)


def test_report_pages_run_a_bounded_number_of_queries(
        personas: dict[str, Any], client_as: Any, django_assert_max_num_queries: Any) -> None:
    client = client_as(personas["chair"])
    for _ in range(3):
        client.post(reverse("oversight:reports"), _period())
    report = Report._base_manager.first()
    assert report is not None
    with django_assert_max_num_queries(20):
        assert client.get(reverse("oversight:reports")).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("oversight:report", args=[report.pk])).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("oversight:report_sign_off",
                                  args=[report.pk])).status_code == 200


def test_reports_through_the_api_with_409_on_a_stale_narrative(
        personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["chair"])
    made = client.post("/api/v1/reports", _period(), content_type="application/json")
    assert made.status_code == 201, made.content
    body = made.json()
    path = f"/api/v1/reports/{body['id']}"
    texts = ["Trends", "Escalated"]
    first = client.patch(f"{path}/narrative", {"version": body["version"], "texts": texts},
                         content_type="application/json")
    assert first.status_code == 200
    stale = client.patch(f"{path}/narrative", {"version": body["version"], "texts": texts},
                         content_type="application/json")
    assert stale.status_code == 409
    signed = client.post(f"{path}/sign-off", {"version": first.json()["version"]},
                         content_type="application/json")
    assert signed.status_code == 200 and signed.json()["status"] == "signed_off"
    refused = client.patch(f"{path}/narrative", {"version": signed.json()["version"],
                                                 "texts": texts},
                           content_type="application/json")
    assert refused.status_code == 422
    again = client.post(f"{path}/versions", content_type="application/json")
    assert again.status_code == 201 and again.json()["corrects_id"] == body["id"]
    assert again.json()["version_number"] == 2
    assert client.get("/api/v1/reports").json()["count"] == 2
    assert client.get(f"{path}/pdf").status_code == 200
    assert client.get(f"{path}/xlsx").status_code == 200
    bad = client.post("/api/v1/reports", _period(end="2020-01-01"),
                      content_type="application/json")
    assert bad.status_code == 422 and Report._base_manager.count() == 2
