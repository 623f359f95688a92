"""The meeting list and the action list: filters and sort in the query string, a clear
message for a bad filter, and a query count that does not grow with the rows."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from macehub.meetings.models import Action
from macehub.tests.factories import actor, partnership_records, schedule
from macehub.tests.lists import assert_bounded_as_rows_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub(personas: dict[str, Any], client_as: Any) -> Any:
    return client_as(personas["hub_coordinator"])


@pytest.fixture
def hub_actor(personas: dict[str, Any], dudley: Any) -> Any:
    return actor(personas["hub_coordinator"], dudley)


def test_meeting_list_query_count_is_the_same_with_n_and_3n(hub: Any, hub_actor: Any) -> None:
    def grow(k: int) -> None:
        for i in range(k):
            schedule(hub_actor, when=timezone.now() + timedelta(days=3 + i))
    assert_bounded_as_rows_grow(hub, reverse("meetings:list"), grow, n=3, bound=10)


def test_action_list_query_count_is_the_same_with_n_and_3n(
        hub: Any, personas: dict[str, Any], dudley: Any) -> None:
    objects = partnership_records(dudley, personas)
    action = objects["action"]

    def grow(k: int) -> None:  # copies of the meeting's action, as arranged rows
        for i in range(k):
            Action.objects.create(
                partnership=dudley, meeting=action.meeting, item=action.item,
                case=action.case, description=f"Visit {i}", owner_name="PC Example",
                owner_agency=action.owner_agency, due_on=action.due_on + timedelta(days=i))
    assert_bounded_as_rows_grow(hub, reverse("meetings:actions"), grow, n=3, bound=14)


def test_meeting_list_shows_coming_up_soonest_first_and_filters_in_the_api_too(
        hub: Any, hub_actor: Any) -> None:
    later = schedule(hub_actor, when=timezone.now() + timedelta(days=9))
    sooner = schedule(hub_actor, when=timezone.now() + timedelta(days=2))
    page = hub.get(reverse("meetings:list"), {"when": "upcoming"})
    assert page.context["listing"].rows == [sooner, later]
    assert "Showing 1 to 2 of 2 meetings" in page.content.decode()
    assert hub.get(reverse("meetings:list"), {"when": "past"}).context["listing"].rows == []
    assert hub.get(reverse("meetings:list"), {"status": "adjourned"}).status_code == 400
    api = hub.get("/api/v1/meetings", {"when": "upcoming", "sort": "-when"}).json()
    assert [m["id"] for m in api["items"]] == [later.pk, sooner.pk]
    assert hub.get("/api/v1/meetings", {"forum": "no-such-forum"}).status_code == 422


def test_action_list_shows_overdue_actions_and_one_agencys(
        hub: Any, personas: dict[str, Any], dudley: Any) -> None:
    action = partnership_records(dudley, personas)["action"]
    Action.objects.filter(pk=action.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    overdue = hub.get(reverse("meetings:actions"), {"show": "overdue"})
    assert [a.pk for a in overdue.context["listing"].rows] == [action.pk]
    assert "Overdue" in overdue.content.decode()
    other = dudley.agencies.exclude(pk=action.owner_agency_id).first()
    assert hub.get(reverse("meetings:actions"), {"agency": other.pk}).context[
        "listing"].rows == []
    assert hub.get(reverse("meetings:actions"), {"agency": "x"}).status_code == 400
    api = hub.get("/api/v1/actions", {"show": "overdue"}).json()
    assert [a["id"] for a in api["items"]] == [action.pk]
    assert hub.get("/api/v1/actions", {"show": "never"}).status_code == 422
