"""Overdue actions on the due list are counted and paged in the database
(macehub.meetings.due_actions) and give exactly the items worked out one by one: for every
filter, sort and page. Actions are owned, dated and reviewed at the next meeting; one
still open after its date is overdue."""

from __future__ import annotations

from datetime import date, timedelta
from operator import attrgetter
from typing import Any

import pytest
from django.utils import timezone

from macehub.cases.due_list import DUE_SORTS, DueRows, due_filtered
from macehub.cases.models import DueEntry
from macehub.lib.listing import ordered
from macehub.meetings import decisions
from macehub.meetings.due_actions import ActionsDue, actions_due
from macehub.meetings.models import Action
from macehub.rules.due import DueScope
from macehub.tests.factories import published_meeting

pytestmark = pytest.mark.django_db
OWNERS = ["PC Example", "Ann Sample", "ann sample", "Zed Example", "Bea Test"]


def _actions(hub: Any, police: Any, personas: dict[str, Any], partnership: Any) -> ActionsDue:
    meeting = published_meeting(personas, partnership)
    today = timezone.localdate()
    for n in range(23):
        action = decisions.action_add(
            actor=hub, meeting=meeting, description=f"Visit {n % 4} " + "x" * 90,
            owner_name=OWNERS[n % len(OWNERS)], owner_agency=police.agency, owner=police.user,
            due_on=timezone.localtime(meeting.starts_at).date())
        # Overdue by 1 to 8 days (ties included); every fifth is done, one is not due yet.
        Action.objects.filter(pk=action.pk).update(
            due_on=today - timedelta(days=1 + n % 8) if n != 22 else today,
            status=Action.Status.DONE if n % 5 == 4 else Action.Status.OPEN)
    source = actions_due(DueScope(hub, today))
    assert isinstance(source, ActionsDue)
    return source


def test_overdue_actions_are_counted_and_paged_exactly(
        personas: dict[str, Any], dudley: Any, actor_of: Any) -> None:
    hub, police = actor_of(personas["hub_coordinator"]), actor_of(personas["panel_member"])
    source = _actions(hub, police, personas, dudley)
    every = source.every()
    assert len(every) == 18 and all(i.overdue and i.kind == "action" for i in every)
    assert len(every[0].title) == len("Overdue action: ") + 80
    for filters in ({}, {"when": "overdue"}, {"when": "soon"}, {"subject": "ann sam"}):
        wanted = due_filtered(every, filters)
        assert source.count(filters) == len(wanted), filters
        for key in DUE_SORTS:
            for sort in (key, f"-{key}"):
                rows = ordered(DueRows(DueEntry.objects.none(), [], timezone.localdate(),
                                       [source], filters), DUE_SORTS, sort)
                pages = [i for start in range(0, len(rows), 4) for i in rows[start:start + 4]]
                fields = attrgetter(*DUE_SORTS[key])
                assert sorted(map(fields, pages)) == sorted(map(fields, wanted))
                assert [fields(i) for i in pages] == \
                    [fields(i) for i in ordered(wanted, DUE_SORTS, sort)], sort


def test_overdue_actions_read_one_page_whatever_their_number(
        personas: dict[str, Any], dudley: Any, actor_of: Any,
        django_assert_max_num_queries: Any) -> None:
    hub, police = actor_of(personas["hub_coordinator"]), actor_of(personas["panel_member"])
    source = _actions(hub, police, personas, dudley)
    with django_assert_max_num_queries(2):
        assert len(source.head(5, DUE_SORTS["due"], False, {})) == 5
        assert source.count({"when": "overdue"}) == 18


def test_overdue_actions_are_not_due_on_one_case_page(
        personas: dict[str, Any], dudley: Any, actor_of: Any) -> None:
    hub = actor_of(personas["hub_coordinator"])
    assert actions_due(DueScope(hub, date(2026, 1, 1), case=object())) is None
