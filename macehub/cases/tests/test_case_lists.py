"""The case list and the due list: filters and sort in the query string, a clear message
for a bad filter, counts, and a query count that does not grow with the rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from macehub.cases.models import Case
from macehub.tests.factories import actor, open_case, years_ago
from macehub.tests.lists import assert_bounded_as_rows_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub(personas: dict[str, Any], client_as: Any) -> Any:
    return client_as(personas["hub_coordinator"])


@pytest.fixture
def grow(personas: dict[str, Any], dudley: Any) -> Any:
    hub_, referrer = (actor(personas[r], dudley) for r in ("hub_coordinator", "referrer"))
    made: list[Case] = []

    def add(k: int, risk: str = "high") -> list[Case]:
        for _ in range(k):
            i = len(made)
            made.append(open_case(referrer, hub_, risk=risk, child_details={
                "first_name": f"Kit{chr(97 + i % 26)}", "last_name": f"Example{i}",
                "date_of_birth": years_ago(12 + i % 5), "known_as": []}))
        return made
    return add


def test_case_list_query_count_is_the_same_with_n_and_3n_cases(hub: Any, grow: Any) -> None:
    assert_bounded_as_rows_grow(hub, reverse("cases:list"), grow, n=3, bound=12)


def test_due_list_query_count_is_the_same_with_n_and_3n_cases(hub: Any, grow: Any) -> None:
    assert_bounded_as_rows_grow(hub, reverse("cases:due"), grow, n=3, bound=20)


def test_case_list_sorts_by_risk_level_not_its_name(hub: Any, grow: Any) -> None:
    grow(1, risk="medium"), grow(1, risk="medium"), grow(1, risk="high")
    Case.objects.filter(pk=grow(0)[1].pk).update(risk="at_risk")  # stepped down since
    page = hub.get(reverse("cases:list"), {"sort": "-risk"})
    assert [c.risk for c in page.context["page"]] == ["high", "medium", "at_risk"]
    assert 'aria-sort="descending"' in page.content.decode()
    page = hub.get(reverse("cases:list"), {"sort": "risk"})
    assert [c.risk for c in page.context["page"]] == ["at_risk", "medium", "high"]


def test_case_list_shows_its_count_and_pages_keep_the_filter_and_sort(hub: Any,
                                                                       grow: Any) -> None:
    grow(27)
    page = hub.get(reverse("cases:list"), {"filter-risk": "high", "sort": "child"})
    text = page.content.decode()
    assert "Showing 1 to 25 of 27 cases" in text
    assert "filter-risk=high&amp;sort=child&amp;page=2" in text
    assert "Risk: High" in text  # the chosen filter, as a tag that removes it
    second = hub.get(reverse("cases:list"), {"filter-risk": "high", "sort": "child",
                                             "page": "2"})
    assert "Showing 26 to 27 of 27 cases" in second.content.decode()


def test_a_bad_filter_or_sort_is_a_clear_message_not_a_server_error(hub: Any,
                                                                    grow: Any) -> None:
    grow(1)
    bad = hub.get(reverse("cases:list"), {"filter-risk": "extreme"})
    assert bad.status_code == 400 and "Select risk from the list" in bad.content.decode()
    assert list(bad.context["page"]) == []
    bad_sort = hub.get(reverse("cases:list"), {"sort": "-password"})
    assert bad_sort.status_code == 400 and "Sort by one of" in bad_sort.content.decode()
    bad_due = hub.get(reverse("cases:due"), {"when": "yesterday"})
    assert bad_due.status_code == 400


def test_due_list_shows_only_overdue_items_when_asked(hub: Any, grow: Any) -> None:
    grow(2)
    items = hub.get(reverse("cases:due")).context["listing"].page.paginator.count
    overdue = hub.get(reverse("cases:due"), {"when": "overdue"}).context["listing"]
    assert items >= 2 and all(i.overdue for i in overdue.rows)
    named = hub.get(reverse("cases:due"), {"subject": "Example1"}).context["listing"]
    assert named.rows and all("Example1" in i.subject for i in named.rows)


def test_api_lists_take_the_pages_filters_and_sort(hub: Any, grow: Any) -> None:
    grow(1, risk="medium"), grow(1, risk="high")
    cases = hub.get("/api/v1/cases", {"sort": "risk"}).json()["items"]
    assert [c["risk"] for c in cases] == ["medium", "high"]
    assert hub.get("/api/v1/cases", {"risk": "extreme"}).status_code == 422
    assert hub.get("/api/v1/cases", {"sort": "secret"}).status_code == 422
    due = hub.get("/api/v1/due", {"subject": "Example1"}).json()["items"]
    assert due and all("Example1" in i["subject"] for i in due)
    assert hub.get("/api/v1/due", {"when": "never"}).status_code == 422
    # Past the last page: an empty page, nothing worked out, whatever the number.
    beyond = hub.get("/api/v1/due", {"page": "10000000000000000000"})
    assert beyond.status_code == 200 and beyond.json()["items"] == []
