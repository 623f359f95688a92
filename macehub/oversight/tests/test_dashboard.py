"""The exploitation dashboard (Dudley 003: an exploitation dashboard; Essex (000) §4.6 and
§6: trackers and trend reports for oversight; Wolverhampton (001): a picture of victims
for CEMOG): counts only, over a period and an area, with a chart and its table for each
figure, a marked spreadsheet, the API, and small numbers suppressed for analysts."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from macehub.audit.models import AuditEvent
from macehub.missing.figures import period_instants
from macehub.tests import factories as f

pytestmark = pytest.mark.django_db


def _period(**extra: str) -> dict[str, str]:
    today = timezone.localdate()
    return {"start": (today - timedelta(days=30)).isoformat(), "end": today.isoformat(),
            **extra}


@pytest.fixture
def six_cases(personas: dict[str, Any], actor_of: Any) -> list[Any]:
    referrer, hub = actor_of(personas["referrer"]), actor_of(personas["hub_coordinator"])
    return [f.open_case(referrer, hub, risk="high" if n else "medium", child_details={
        "first_name": f"Dash{n}", "last_name": "Sample", "date_of_birth": f.years_ago(14),
        "known_as": []}) for n in range(6)]


def _table(page: str, title: str) -> dict[str, str]:
    block = page.split(f">{title}</h3>", 1)[1].split("</table>", 1)[0]
    cells = re.findall(r'govuk-table__cell">([^<]*)</td><td class="govuk-table__cell '
                       r'govuk-table__cell--numeric">([^<]*)</td>', block)
    return dict(cells)


def test_dudley_dashboard_counts_concerns_by_agency_age_and_risk_for_the_hub(
        six_cases: list[Any], personas: dict[str, Any], client_as: Any) -> None:
    page = client_as(personas["hub_coordinator"]).get(reverse("oversight:dashboard"),
                                                       _period()).content.decode()
    assert _table(page, "Concerns by referring agency")["Education"] == "6"
    assert _table(page, "Concerns by the child&#x27;s age when referred")["13 to 15"] == "6"
    risks = _table(page, "Open cases by risk")
    assert risks["High"] == "5" and risks["Medium"] == "1"
    assert _table(page, "Time from concern to screening")["Within a day"] == "6"
    assert page.count('<svg class="mh-chart" aria-hidden="true"') >= 10
    assert AuditEvent.objects.filter(action="dashboard.view").count() == 1


def test_analyst_sees_small_numbers_suppressed_and_none_worked_out_from_a_total(
        six_cases: list[Any], personas: dict[str, Any], client_as: Any) -> None:
    # SECURITY S20: counts from 1 to 4 read "fewer than 5" for those who see aggregates
    # only; a single hidden count takes the next smallest with it.
    page = client_as(personas["analyst"]).get(reverse("oversight:dashboard"),
                                              _period()).content.decode()
    risks = _table(page, "Open cases by risk")
    assert risks["Medium"] == "fewer than 5" and risks["High"] == "fewer than 5"
    assert "Dash0" not in page and "Sample" not in page


def test_dashboard_period_ending_before_it_starts_is_refused_and_shows_nothing(
        six_cases: list[Any], personas: dict[str, Any], client_as: Any) -> None:
    today = timezone.localdate()
    bad = {"start": today.isoformat(), "end": (today - timedelta(days=1)).isoformat()}
    client = client_as(personas["hub_coordinator"])
    page = client.get(reverse("oversight:dashboard"), bad)
    assert page.status_code == 400
    assert "To must be the same as or after From" in page.content.decode()
    assert client.get(reverse("oversight:export"), bad).status_code == 400
    api = client.get("/api/v1/dashboard", bad)
    assert api.status_code == 422 and "end" in api.content.decode()


def test_dashboard_spreadsheet_is_marked_and_neutralises_formulas(
        six_cases: list[Any], personas: dict[str, Any], client_as: Any, dudley: Any) -> None:
    from macehub.partnerships.models import Area

    Area.objects.create(partnership=dudley, name="=HYPERLINK(\"x\")", kind="district")
    answer = client_as(personas["chair"]).get(reverse("oversight:export"), _period())
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert sheet is not None
    values = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert values[0].startswith("OFFICIAL-SENSITIVE") and values[-1].startswith(
        "OFFICIAL-SENSITIVE")
    assert sheet.oddHeader.center.text == "OFFICIAL-SENSITIVE"
    assert not any(v.startswith("=") for v in values)


def test_dashboard_area_filter_counts_only_that_area(
        six_cases: list[Any], personas: dict[str, Any], client_as: Any, dudley: Any) -> None:
    area = dudley.areas.first()
    f.place(six_cases[0], area)
    client = client_as(personas["hub_coordinator"])
    page = client.get(reverse("oversight:dashboard"), _period(area=str(area.pk)))
    assert _table(page.content.decode(), "Open cases by risk")["Medium"] == "1"
    body = client.get("/api/v1/dashboard", {**_period(), "area_id": area.pk}).json()
    risks = {r["label"]: r["count"] for t in body["tables"] if t["title"] == "Open cases by risk"
             for r in t["rows"]}
    assert risks == {"At risk (low)": 0, "Medium": 1, "High": 0}


def test_dashboard_api_suppresses_for_analysts_as_the_page_does(
        six_cases: list[Any], personas: dict[str, Any], client_as: Any) -> None:
    body = client_as(personas["analyst"]).get("/api/v1/dashboard", _period()).json()
    risks = [r for t in body["tables"] if t["title"] == "Open cases by risk" for r in t["rows"]]
    assert body["suppressed_below"] == 5
    assert {r["label"]: r["suppressed"] for r in risks}["Medium"] is True


@pytest.mark.parametrize("role", ["referrer", "panel_member", "partnership_admin", "auditor"])
def test_roles_without_oversight_cannot_open_the_dashboard(
        role: str, personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas[role])
    assert client.get(reverse("oversight:dashboard")).status_code == 403
    assert client.get(reverse("oversight:export")).status_code == 403
    assert client.get("/api/v1/dashboard", _period()).status_code == 403


def test_dashboard_queries_do_not_grow_with_the_number_of_cases(
        personas: dict[str, Any], actor_of: Any, client_as: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    referrer, hub = actor_of(personas["referrer"]), actor_of(personas["hub_coordinator"])
    client = client_as(personas["hub_coordinator"])
    f.open_case(referrer, hub)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("oversight:dashboard"), _period())
    for n in range(5):
        f.open_case(referrer, hub, child_details={"first_name": f"Q{n}", "last_name": "Sample",
                                                  "date_of_birth": f.years_ago(12),
                                                  "known_as": []})
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("oversight:dashboard"), _period())
    # Figures and outcome measures: an aggregate query or a narrow read each (and on
    # PostgreSQL one statement more: the figures turn its JIT compiler off first).
    bound = 39 + (connection.vendor == "postgresql")
    assert len(many) == len(few) <= bound, len(many)


@pytest.mark.parametrize(("day", "hours"), [(date(2026, 3, 29), 23), (date(2026, 10, 25), 25),
                                            (date(2028, 2, 29), 24)])
def test_a_period_of_one_day_is_that_uk_day_across_clock_changes(day: date, hours: int) -> None:
    from datetime import UTC

    since, until = period_instants(day, day)
    assert until.astimezone(UTC) - since.astimezone(UTC) == timedelta(hours=hours)
