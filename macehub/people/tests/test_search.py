"""Finding a child from what a caseworker remembers (SECURITY R3: a child is never entered
twice for want of finding them): a surname, a first or known-as name, a name misspelt, a
date of birth, alone or together. Ranked, each result saying why it matched, on the page
and through the API alike; scoped to the searcher's partnership; one access-log event per
search naming every child shown (SECURITY S9); a bounded number of statements."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from macehub.access.actor import Actor
from macehub.api.tests.helpers import Api
from macehub.audit.models import AuditEvent
from macehub.people.models import Child
from macehub.people.queries import find_children
from macehub.tests import factories

pytestmark = pytest.mark.django_db

BORN = date(2012, 3, 27)


@pytest.fixture
def hub(personas: dict[str, Any], actor_of: Any) -> Actor:
    actor: Actor = actor_of(personas["hub_coordinator"])
    return actor


@pytest.fixture
def kids(hub: Actor) -> dict[str, Child]:
    return {
        "kayden": factories.child(hub, "Kayden", "Example", BORN),
        "ivy": factories.child(hub, "Ivy", "Kaiden", date(2011, 4, 2)),
        "jo": factories.child(hub, "Jo", "Sample", BORN, known_as=["Kay"]),
        "mo": factories.child(hub, "Mo", "Testcase", date(2010, 1, 1)),
    }


def _found(hub: Actor, name: str = "", born: date | None = None) -> list[tuple[str, list[str]]]:
    return [(h.child.first_name, h.reasons)
            for h in find_children(hub, name=name, date_of_birth=born).hits]


def test_a_surname_alone_finds_the_child_and_says_the_surname_matches_exactly(
        hub: Actor, kids: dict[str, Child]) -> None:
    assert _found(hub, "EXAMPLE") == [("Kayden", ["surname matches exactly"])]


def test_a_first_name_alone_finds_the_child_first_and_sound_alikes_after(
        hub: Actor, kids: dict[str, Child]) -> None:
    assert _found(hub, "kayden") == [("Kayden", ["first name matches exactly"]),
                                     ("Ivy", ["sounds like surname"])]


def test_a_misspelt_first_name_finds_the_child_by_sound(
        hub: Actor, kids: dict[str, Child]) -> None:
    # Ivy's surname is spelt so exactly, and outranks a first name that only sounds alike.
    assert _found(hub, "Kaiden") == [("Ivy", ["surname matches exactly"]),
                                     ("Kayden", ["sounds like first name"])]


def test_a_surname_spelt_nearly_alike_finds_the_child(
        hub: Actor, kids: dict[str, Child]) -> None:
    assert _found(hub, "Exampke") == [("Kayden", ["spelt like surname"])]


def test_a_known_as_name_alone_finds_the_child(hub: Actor, kids: dict[str, Child]) -> None:
    assert _found(hub, "Kay") == [("Jo", ["known-as name matches exactly"])]


@pytest.mark.parametrize("typed", ["27/03/2012", "27/3/2012", "2012-03-27"])
def test_a_date_of_birth_alone_typed_in_the_name_box_finds_the_children_born_that_day(
        hub: Actor, kids: dict[str, Child], typed: str) -> None:
    assert _found(hub, typed) == [("Kayden", ["date of birth"]), ("Jo", ["date of birth"])]


def test_name_and_date_of_birth_together_put_the_child_matching_both_first(
        hub: Actor, kids: dict[str, Child]) -> None:
    assert _found(hub, "Kay", BORN) == [("Jo", ["date of birth",
                                                "known-as name matches exactly"]),
                                        ("Kayden", ["date of birth"])]


def test_first_name_and_surname_together_rank_the_child_matching_both_first(
        hub: Actor, kids: dict[str, Child]) -> None:
    found = _found(hub, "Kaiden Example")
    assert found[0] == ("Kayden", ["surname matches exactly", "sounds like first name"])
    assert [first for first, _ in found] == ["Kayden", "Ivy"]


def test_another_partnership_finds_none_of_the_children(
        kids: dict[str, Child], essex: Any, make_user: Any, actor_of: Any) -> None:
    outsider = actor_of(make_user("essex-hub", essex, "hub_coordinator"), essex)
    assert _found(outsider, "Example") == [] and _found(outsider, "", BORN) == []


def test_a_search_leaves_one_access_log_event_naming_every_child_shown(
        hub: Actor, kids: dict[str, Child]) -> None:
    find_children(hub, name="", date_of_birth=BORN)
    event = AuditEvent.objects.get(action="child.search")
    assert sorted(int(o.object_id) for o in event.objects_seen.all()) == sorted(
        [kids["kayden"].pk, kids["jo"].pk])


@pytest.mark.parametrize("crowd", [2, 40])
def test_a_search_takes_the_same_few_statements_however_many_children_it_finds(
        hub: Actor, kids: dict[str, Child], crowd: int,
        django_assert_max_num_queries: Any) -> None:
    for n in range(crowd):
        factories.child(hub, f"Kaydenn{n}", "Example", BORN)
    # Candidates, children, then the access-log event and the records it names.
    with django_assert_max_num_queries(4):
        found = find_children(hub, name="Kayden Example", date_of_birth=BORN)
    assert found.hits[0].child == kids["kayden"] and len(found.hits) > crowd


def test_the_page_shows_why_each_child_matched(
        personas: dict[str, Any], kids: dict[str, Child], client_as: Any,
        django_assert_max_num_queries: Any) -> None:
    client = client_as(personas["hub_coordinator"])
    with django_assert_max_num_queries(25):
        page = client.post(reverse("people:search"), {"name": "Kaiden"}).content.decode()
    assert "Why it matched" in page
    assert page.index("Surname matches exactly") < page.index("Sounds like first name")
    by_date = client.post(reverse("people:search"), {"date_of_birth": "27/03/2012"})
    assert [c.first_name for c in by_date.context["results"].children] == ["Kayden", "Jo"]


def test_the_api_returns_each_child_with_why_it_matched_as_the_page_does(
        kids: dict[str, Child]) -> None:
    api = Api("hub_coordinator")
    body = api.post("/children/search", {"name": "Kaiden"}).json()
    assert [(r["first_name"], r["reasons"]) for r in body] == [
        ("Ivy", ["surname matches exactly"]), ("Kayden", ["sounds like first name"])]
    assert body[0]["score"] > body[1]["score"] and "postcode" in body[0]
    for typed in ("27/03/2012", "2012-03-27"):
        by_date = api.post("/children/search", {"date_of_birth": typed}).json()
        assert [r["first_name"] for r in by_date] == ["Kayden", "Jo"]
    refused = api.post("/children/search", {"date_of_birth": "31/02/2012"})
    assert refused.status_code == 422 and "real date" in refused.content.decode()
