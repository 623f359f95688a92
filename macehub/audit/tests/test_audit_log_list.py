"""The access log as a list: its query count does not grow with the events, a date filter
in parts (day, month, year) is removed whole by its tag, and a bad date is a clear 400."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from macehub.audit.services import audit_record
from macehub.tests.factories import actor
from macehub.tests.lists import assert_bounded_as_rows_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor(personas: dict[str, Any], client_as: Any) -> Any:
    return client_as(personas["auditor"])


def test_access_log_query_count_is_the_same_with_n_and_3n_events(
        auditor: Any, personas: dict[str, Any], dudley: Any) -> None:
    hub = actor(personas["hub_coordinator"], dudley)

    def grow(k: int) -> None:
        for _ in range(k):
            audit_record(action="case.list", actor=hub, purpose="case list", count=1)
    assert_bounded_as_rows_grow(auditor, reverse("audit:log"), grow, n=5, bound=10)


def test_a_date_filter_tag_removes_every_part_of_the_date(auditor: Any) -> None:
    page = auditor.get(reverse("audit:log"), {
        "date_from_day": "1", "date_from_month": "3", "date_from_year": "2024",
        "sort": "user"})
    assert page.status_code == 200
    [chosen] = page.context["listing"].chosen
    assert chosen.label == "From: 1 Mar 2024" and chosen.href == "?sort=user"
    bad = auditor.get(reverse("audit:log"), {
        "date_from_day": "30", "date_from_month": "2", "date_from_year": "2024"})
    assert bad.status_code == 400 and "must be a real date" in bad.content.decode()
