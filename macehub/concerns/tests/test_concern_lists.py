"""Your concerns and the screening queue: sort and filter in the query string, counts, and
a query count that does not grow with the rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from macehub.tests.factories import actor, new_concern
from macehub.tests.lists import assert_bounded_as_rows_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def grow(personas: dict[str, Any], dudley: Any) -> Any:
    referrer = actor(personas["referrer"], dudley)
    return lambda k: [new_concern(referrer) for _ in range(k)]


def test_own_concerns_query_count_is_the_same_with_n_and_3n(
        personas: dict[str, Any], client_as: Any, grow: Any) -> None:
    assert_bounded_as_rows_grow(client_as(personas["referrer"]), reverse("concerns:mine"),
                                grow, n=3, bound=10)


def test_screening_queue_query_count_is_the_same_with_n_and_3n(
        personas: dict[str, Any], client_as: Any, grow: Any) -> None:
    assert_bounded_as_rows_grow(client_as(personas["hub_coordinator"]),
                                reverse("concerns:queue"), grow, n=3, bound=10)


def test_screening_queue_sorts_newest_first_when_asked_and_counts(
        personas: dict[str, Any], client_as: Any, grow: Any) -> None:
    made = grow(3)
    hub = client_as(personas["hub_coordinator"])
    page = hub.get(reverse("concerns:queue"), {"sort": "-sent"})
    assert [c.pk for c in page.context["listing"].rows] == [c.pk for c in reversed(made)]
    assert "Showing 1 to 3 of 3 concerns" in page.content.decode()
    assert hub.get(reverse("concerns:queue"), {"sort": "child"}).status_code == 400


def test_own_concerns_filter_by_status_on_the_page_and_through_the_api(
        personas: dict[str, Any], client_as: Any, grow: Any) -> None:
    grow(2)
    referrer = client_as(personas["referrer"])
    assert referrer.get(reverse("concerns:mine"), {"status": "screened"}).context[
        "listing"].rows == []
    assert len(referrer.get(reverse("concerns:mine"), {"status": "awaiting_screening"})
               .context["listing"].rows) == 2
    assert referrer.get(reverse("concerns:mine"), {"status": "lost"}).status_code == 400
    assert referrer.get("/api/v1/concerns", {"status": "screened"}).json()["count"] == 0
    assert referrer.get("/api/v1/concerns", {"status": "lost"}).status_code == 422
