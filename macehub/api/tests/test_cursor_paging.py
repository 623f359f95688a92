"""Lists through the API are read page after page with an opaque cursor (`next`, then
`?cursor=`), in the list's own order and filters, each row once; a cursor that is not
one the API gave is refused with the field named (docs/adr/0022)."""

from __future__ import annotations

from typing import Any

import pytest

from macehub.api.tests.helpers import Api
from macehub.cases.models import Case
from macehub.meetings.tests.test_outputs import make_case

pytestmark = pytest.mark.django_db

NAMES = ["Rowan", "Sasha", "Toby", "Uma", "Vic", "Wren", "Yara"]


def _walk(api: Api, url: str, **query: Any) -> list[int]:
    seen: list[int] = []
    body = api.get(url, page_size=2, **query).json()
    while True:
        seen += [item["id"] for item in body["items"]]
        if body["next"] is None:
            return seen
        body = api.get(url, page_size=2, cursor=body["next"], **query).json()


@pytest.fixture
def cases(personas: dict[str, Any], actor_of: Any) -> list[Case]:
    hub = actor_of(personas["hub_coordinator"])
    return [make_case(hub, name, risk="high" if n % 2 else "medium")
            for n, name in enumerate(NAMES)]


@pytest.mark.parametrize("sort", ["-opened", "child", "-child", "risk", "-age", "area"])
def test_a_cursor_walk_gives_each_row_once_in_the_lists_order(cases: list[Case],
                                                              sort: str) -> None:
    api = Api("hub_coordinator")
    whole = [item["id"] for item in api.get("/cases", sort=sort, page_size=100).json()["items"]]
    assert len(whole) == len(NAMES)
    assert _walk(api, "/cases", sort=sort) == whole


def test_a_cursor_walk_keeps_the_lists_filters(cases: list[Case]) -> None:
    api = Api("hub_coordinator")
    high = {c.pk for c in cases if c.risk == "high"}
    assert set(_walk(api, "/cases", risk="high")) == high


def test_a_row_added_meanwhile_does_not_repeat_or_skip_a_row(
        cases: list[Case], personas: dict[str, Any], actor_of: Any) -> None:
    api = Api("hub_coordinator")
    first = api.get("/cases", sort="opened", page_size=3).json()
    make_case(actor_of(personas["hub_coordinator"]), "Zed")  # opened last: at the end
    rest = api.get("/cases", sort="opened", page_size=100, cursor=first["next"]).json()
    ids = [i["id"] for i in first["items"]] + [i["id"] for i in rest["items"]]
    assert len(ids) == len(set(ids)) == len(NAMES) + 1


def test_a_bad_cursor_is_refused_naming_the_field(cases: list[Case]) -> None:
    api = Api("hub_coordinator")
    first = api.get("/cases", page_size=2).json()
    for bad in ("not-a-cursor", first["next"][:-3] + "abc"):
        response = api.get("/cases", cursor=bad)
        assert response.status_code == 422
        assert "cursor" in response.content.decode()
    # A cursor is for the order it was given in.
    assert api.get("/cases", sort="child", cursor=first["next"]).status_code == 422
    assert api.get("/cases", page=2, cursor=first["next"]).status_code == 422


def test_a_cursor_holds_no_value_of_the_row(cases: list[Case]) -> None:
    # A cursor travels in URLs, and URLs are logged: no child's name in one.
    import base64
    import zlib

    cursor = Api("hub_coordinator").get("/cases", sort="child", page_size=2).json()["next"]
    packed = cursor.split(":")[0].lstrip(".")
    data = zlib.decompress(base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4)))
    assert not any(name.encode() in data for name in NAMES)


def test_a_cursor_page_costs_one_query_more_than_the_first_whatever_its_depth(
        cases: list[Case], django_assert_max_num_queries: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = Api("hub_coordinator")
    with CaptureQueriesContext(connection) as first_page:
        body = api.get("/cases", page_size=1).json()
    for _ in range(len(NAMES) - 1):  # to the last page, each bounded alike
        with django_assert_max_num_queries(len(first_page) + 1):
            body = api.get("/cases", page_size=1, cursor=body["next"]).json()
    assert body["next"] is None


def test_a_list_in_an_order_no_cursor_can_follow_is_read_by_page_number(dudley: Any) -> None:
    from django.core.exceptions import ValidationError
    from django.db.models.functions import Lower

    from macehub.lib.api_paging import page_of

    agencies = dudley.agencies.order_by(Lower("name"))
    first = page_of(agencies, page=1, page_size=1)
    assert first["next"] is None and first["count"] == agencies.count()
    with pytest.raises(ValidationError):
        page_of(agencies, page=1, page_size=1, cursor="anything")


def test_intelligence_and_disruption_lists_are_walked_by_cursor(
        personas: dict[str, Any], actor_of: Any) -> None:
    from datetime import date

    from macehub.disruption.services import record
    from macehub.intelligence.services import entity_create

    hub = actor_of(personas["hub_coordinator"])
    people = [entity_create(actor=hub, kind="person", name=name, status="active")
              for name in NAMES]
    for n, person in enumerate(people):
        record(actor=hub, target=person, tactic="diversion", decided_on=date(2026, 3, n + 1))
    api = Api("analyst")
    for url, sort in (("/intelligence/people", "-name"), ("/disruptions", "-agreed")):
        whole = [i["id"] for i in api.get(url, sort=sort, page_size=100).json()["items"]]
        assert len(whole) == len(NAMES) and _walk(api, url, sort=sort) == whole
