"""The reports list is never cut silently (Dudley MACE and CEOG ToR §MACE Review &
Reporting: the MACE chair's report to CEOG every period, so the list grows each year): the
page shows each kind's reports a page at a time with its count, and the API reads them by
page or cursor, every report once."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from macehub.oversight.models import Report
from macehub.oversight.views_report import PAGE_SIZE

pytestmark = pytest.mark.django_db
MANY = PAGE_SIZE + 3


def _reports(personas: dict[str, Any], kind: str = "mace_chair_report") -> None:
    chair = personas["chair"]
    partnership = chair.memberships.first().partnership
    first = date(2020, 1, 1)
    Report.objects.bulk_create([Report(
        partnership=partnership, kind=kind, title="MACE chair's report",
        period_start=first + timedelta(days=30 * n),
        period_end=first + timedelta(days=30 * n + 29), external=False,
        generated_by=chair, generated_at=timezone.now()) for n in range(MANY)])


def test_the_reports_page_shows_a_kinds_reports_a_page_at_a_time(
        personas: dict[str, Any], client_as: Any, django_assert_max_num_queries: Any) -> None:
    _reports(personas)
    client = client_as(personas["chair"])
    with django_assert_max_num_queries(20):
        first = client.get(reverse("oversight:reports"))
    page = first.content.decode()
    assert first.status_code == 200
    assert f"Showing 1 to {PAGE_SIZE} of {MANY} reports" in page
    # Newest period first: the latest is on the first page, the earliest on the second.
    assert "1 January to 30 January 2020" not in page
    second = client.get(reverse("oversight:reports"), {"mace_chair_report_page": 2})
    assert "1 January to 30 January 2020" in second.content.decode()
    assert f"Showing {PAGE_SIZE + 1} to {MANY} of {MANY} reports" in second.content.decode()


def test_the_reports_api_reads_every_report_once_by_cursor(
        personas: dict[str, Any], client_as: Any) -> None:
    _reports(personas)
    client = client_as(personas["chair"])
    seen: list[int] = []
    answer = client.get("/api/v1/reports", {"page_size": 10}).json()
    assert answer["count"] == MANY
    while True:
        seen += [item["id"] for item in answer["items"]]
        if answer["next"] is None:
            break
        answer = client.get("/api/v1/reports", {"page_size": 10,
                                                "cursor": answer["next"]}).json()
    assert len(seen) == len(set(seen)) == MANY
    refused = client.get("/api/v1/reports", {"page_size": 10, "page": 2, "cursor": "x"})
    assert refused.status_code == 422
