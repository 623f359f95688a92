"""The missing episodes list: filters and sort in the query string, a clear message for a
bad filter, and a query count that does not grow with the rows."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from macehub.missing.services import episode_record
from macehub.tests.factories import actor, child
from macehub.tests.lists import assert_bounded_as_rows_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub(personas: dict[str, Any], client_as: Any) -> Any:
    return client_as(personas["hub_coordinator"])


@pytest.fixture
def grow(personas: dict[str, Any], dudley: Any) -> Any:
    hub_ = actor(personas["hub_coordinator"], dudley)
    kid = child(hub_)
    made: list[Any] = []

    def add(k: int, returned: bool = True) -> list[Any]:
        for _ in range(k):
            reported = timezone.now() - timedelta(days=len(made) + 1)
            made.append(episode_record(
                actor=hub_, child=kid, force="Example Police",
                police_reference=f"REF-{len(made)}", reported_at=reported,
                returned_at=reported + timedelta(hours=5) if returned else None,
                missing_from="home", risk_grade="medium"))
        return made
    return add


def test_episode_list_query_count_is_the_same_with_n_and_3n(hub: Any, grow: Any) -> None:
    assert_bounded_as_rows_grow(hub, reverse("missing:index"), grow, n=3, bound=12)


def test_episode_list_shows_those_still_missing_on_the_page_and_through_the_api(
        hub: Any, grow: Any) -> None:
    grow(2)
    missing = grow(1, returned=False)[-1]
    page = hub.get(reverse("missing:index"), {"show": "still_missing"})
    assert [e.pk for e in page.context["listing"].rows] == [missing.pk]
    assert "Show: Still missing" in page.content.decode()
    oldest_first = hub.get(reverse("missing:index"), {"sort": "reported"}).context["listing"]
    assert oldest_first.rows[-1].pk == grow(0)[0].pk
    assert hub.get(reverse("missing:index"), {"show": "lost"}).status_code == 400
    api = hub.get("/api/v1/missing/episodes", {"show": "still_missing"}).json()
    assert [e["id"] for e in api["items"]] == [missing.pk]
    assert hub.get("/api/v1/missing/episodes", {"sort": "grade"}).status_code == 422
