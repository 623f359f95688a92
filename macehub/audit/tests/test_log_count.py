"""The access log counts no further than its bound on each view (PERFORMANCE B7): the log
grows by every view of every page, so counting all of it would cost more than the page.
Past the bound it says "more than", never a false total."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from macehub.audit import views
from macehub.audit.services import audit_record

pytestmark = pytest.mark.django_db


def _events(personas: dict[str, Any], n: int) -> None:
    partnership_id = personas["auditor"].memberships.first().partnership_id
    for _ in range(n):
        audit_record(action="auth.sign_in", partnership_id=partnership_id)


def test_the_access_log_says_more_than_its_bound_rather_than_counting_every_event(
        personas: dict[str, Any], client_as: Any, monkeypatch: Any,
        django_assert_max_num_queries: Any) -> None:
    # SECURITY S9: the auditor reads the log; the count stays honest past the bound.
    monkeypatch.setattr(views, "LOG_COUNT_BOUND", 20)
    _events(personas, 30)
    client = client_as(personas["auditor"])
    with django_assert_max_num_queries(8), CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("audit:log")).content.decode()
    assert "of more than 20 events" in page
    assert "choose dates, a user or an action to see the others" in page
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT" in sql.upper() for sql in counts)


def test_a_filtered_access_log_under_the_bound_shows_its_exact_count(
        personas: dict[str, Any], client_as: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(views, "LOG_COUNT_BOUND", 20)
    _events(personas, 30)
    client = client_as(personas["auditor"])
    page = client.get(reverse("audit:log"), {"action": "audit.view"}).content.decode()
    assert "more than" not in page


@pytest.mark.parametrize("rows", [5, 50])
def test_the_access_log_takes_the_same_statements_for_5_events_as_for_50(
        personas: dict[str, Any], client_as: Any, rows: int,
        django_assert_max_num_queries: Any) -> None:
    _events(personas, rows)
    client = client_as(personas["auditor"])
    with django_assert_max_num_queries(8):
        assert client.get(reverse("audit:log")).status_code == 200
