"""The changes feed (`GET /api/v1/changes`): a partner system keeps itself in step by
asking for what changed since its cursor. It lists writes, not reads, in order, only for
records the caller reaches now (need to know), never another partnership's."""

from __future__ import annotations

from typing import Any

import pytest

from macehub.api.tests.helpers import Api
from macehub.audit.services import audit_record
from macehub.lib.problems import fields
from macehub.meetings.tests.test_outputs import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settled_at_once(settings: Any) -> None:
    settings.CHANGES_SETTLE_SECONDS = 0


def _walk(api: Api, since: str = "0", limit: int = 100) -> tuple[list[dict[str, Any]], str]:
    found: list[dict[str, Any]] = []
    while True:
        answer = api.get("/changes", since=since, limit=limit)
        assert answer.status_code == 200, answer.content
        body = answer.json()
        found += body["items"]
        if body["next"] == since:
            return found, since
        since = body["next"]


def test_a_changed_case_is_listed_with_where_to_read_it(personas: dict[str, Any],
                                                        actor_of: Any) -> None:
    hub = actor_of(personas["hub_coordinator"])
    case = make_case(hub, "Rowan")
    api = Api("hub_coordinator")
    changes, cursor = _walk(api)
    mine = [c for c in changes if c["type"] == "case" and c["id"] == str(case.pk)]
    assert mine and mine[0]["url"] == f"/api/v1/cases/{case.pk}"
    assert api.get(mine[0]["url"].removeprefix("/api/v1")).status_code == 200
    assert {c["type"] for c in changes} >= {"child", "concern", "case"}
    # Asked again from the cursor: nothing new; after a change, only that change.
    assert api.get("/changes", since=cursor).json()["items"] == []
    assert api.patch(f"/cases/{case.pk}", {"lead_professional": "A Worker",
                                           "version": case.version}).status_code == 200
    later = api.get("/changes", since=cursor).json()["items"]
    assert [(c["type"], c["change"]) for c in later] == [("case", "case.change")]
    assert later[0]["change_label"] == "Case changed"


def test_reading_a_record_is_not_a_change(personas: dict[str, Any], actor_of: Any) -> None:
    case = make_case(actor_of(personas["hub_coordinator"]), "Rowan")
    api = Api("hub_coordinator")
    _, cursor = _walk(api)
    assert api.get(f"/cases/{case.pk}").status_code == 200
    assert api.get("/changes", since=cursor).json()["items"] == []


def test_a_walk_in_small_pages_gives_each_change_once_in_order(personas: dict[str, Any],
                                                               actor_of: Any) -> None:
    hub = actor_of(personas["hub_coordinator"])
    make_case(hub, "Rowan")
    make_case(hub, "Sky")
    api = Api("hub_coordinator")
    whole, _ = _walk(api)
    paged, _ = _walk(api, limit=1)
    assert paged == whole and len(whole) >= 6


def test_need_to_know_limits_the_feed_and_the_cursor_moves_past_what_is_unseen(
        personas: dict[str, Any], actor_of: Any) -> None:
    # A panel member sees a case only while it is on their meeting's agenda (DOMAIN: need
    # to know): the changes to a case that is not are not theirs to see.
    make_case(actor_of(personas["hub_coordinator"]), "Rowan")
    panel = Api("panel_member")
    answer = panel.get("/changes").json()
    assert [c for c in answer["items"] if c["type"] == "case"] == []
    assert int(answer["next"]) > 0


def test_another_partnerships_changes_are_never_listed(
        personas: dict[str, Any], actor_of: Any, essex: Any, make_user: Any) -> None:
    make_case(actor_of(personas["hub_coordinator"]), "Rowan")
    make_user("essex-hub", essex, "hub_coordinator")
    assert _walk(Api("essex-hub"))[0] == []


def test_a_removal_is_listed_only_for_those_who_see_every_record_of_its_type(
        personas: dict[str, Any], actor_of: Any) -> None:
    hub = actor_of(personas["hub_coordinator"])
    case = make_case(hub, "Rowan")
    audit_record(action="retention.delete", actor=hub, object_type="cases.case",
                 object_id=case.pk)
    removed = [c for c in _walk(Api("hub_coordinator"))[0] if c["removed"]]
    assert removed == [{**removed[0], "type": "case", "id": str(case.pk), "url": None}]
    assert [c for c in _walk(Api("panel_member"))[0] if c["removed"]] == []


def test_a_change_shows_only_once_it_has_settled(personas: dict[str, Any], actor_of: Any,
                                                 settings: Any) -> None:
    settings.CHANGES_SETTLE_SECONDS = 10
    make_case(actor_of(personas["hub_coordinator"]), "Rowan")
    assert Api("hub_coordinator").get("/changes").json()["items"] == []
    settings.CHANGES_SETTLE_SECONDS = 0
    assert Api("hub_coordinator").get("/changes").json()["items"]


def test_a_bad_cursor_or_limit_is_refused_naming_the_field(personas: dict[str, Any]) -> None:
    api = Api("hub_coordinator")
    for since in ("-1", "abc", "1" * 19):
        answer = api.get("/changes", since=since)
        assert answer.status_code == 422 and fields(answer.json()) == {"since"}
    assert fields(api.get("/changes", limit=0).json()) == {"limit"}
    assert fields(api.get("/changes", limit=501).json()) == {"limit"}
