"""The missing meetings' lists are never cut silently (Dudley's daily missing meeting, 003
§Introduction: every child missing that day is discussed). The list is paged with its
counts shown, and the children found or returned in the period are always on it however
many episodes are still open."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from macehub.access.actor import Actor, actor_for
from macehub.meetings.agenda import _missing_items
from macehub.missing.models import MissingEpisode
from macehub.missing.queries import meeting_list
from macehub.people.models import Child
from macehub.people.services import child_create

pytestmark = pytest.mark.django_db

OPEN, RETURNED = 530, 7  # more open episodes than any page, and more than the old cut


def _crowd(actor: Actor, now: datetime) -> tuple[Child, Child]:
    """Long-open episodes of one child, and episodes of another returned today."""
    born = now.date().replace(year=now.year - 13)
    lost = child_create(actor=actor, confirm_new=True, first_name="Ada", last_name="Lost",
                        date_of_birth=born)
    home = child_create(actor=actor, confirm_new=True, first_name="Bea", last_name="Home",
                        date_of_birth=born)
    start = timezone.make_aware(datetime.combine(now.date(), datetime.min.time()))
    common = {"partnership": actor.partnership, "force": "West Midlands Police",
              "missing_from": "home", "risk_grade": "medium"}
    MissingEpisode.objects.bulk_create(
        [MissingEpisode(child=lost, police_reference=f"OPEN-{i}",
                        reported_at=start - timedelta(days=30, minutes=i), **common)
         for i in range(OPEN)]
        + [MissingEpisode(child=home, police_reference=f"BACK-{i}",
                          reported_at=start - timedelta(hours=3),
                          returned_at=start + timedelta(minutes=10 + i), **common)
           for i in range(RETURNED)]
        # Returned before the day began: not on today's list.
        + [MissingEpisode(child=home, police_reference="YESTERDAY",
                          reported_at=start - timedelta(days=2),
                          returned_at=start - timedelta(hours=1), **common)])
    return lost, home


@pytest.fixture
def hub(personas: dict[str, Any], dudley: Any) -> Actor:
    actor = actor_for(personas["hub_coordinator"], dudley.pk)
    assert actor is not None
    return actor


def test_daily_missing_list_shows_every_child_returned_today_beside_the_open_ones(
        hub: Actor, personas: dict[str, Any], client_as: Any) -> None:
    _crowd(hub, timezone.localtime())
    police = client_as(personas["panel_member"])
    page = police.get(reverse("missing:meeting"), {"forum": "daily_missing"})
    text = page.content.decode()
    for i in range(RETURNED):
        assert f"BACK-{i}<" in text
    assert "YESTERDAY" not in text
    assert f"{OPEN} still missing" in text and f"{RETURNED} found or returned" in text
    # 530 open episodes, 50 to a page: 11 pages, the count shown
    assert "Showing 1 to 50 of 530" in text and 'aria-label="Page 11"' in text


def test_every_open_episode_is_reachable_page_by_page(
        hub: Actor, personas: dict[str, Any], client_as: Any) -> None:
    _crowd(hub, timezone.localtime())
    police = client_as(personas["panel_member"])
    seen: set[str] = set()
    for number in range(1, 12):
        response = police.get(reverse("missing:meeting"),
                              {"forum": "daily_missing", "open_page": number})
        seen |= {e.police_reference for e in response.context["open_page"]}
    assert seen == {f"OPEN-{i}" for i in range(OPEN)}


def test_meeting_list_counts_without_cutting(hub: Actor) -> None:
    _crowd(hub, timezone.localtime())
    listing = meeting_list(hub, "daily_missing", timezone.localdate())
    assert listing.open.count() == OPEN and listing.returned.count() == RETURNED
    assert listing.total == OPEN + RETURNED
    assert {e.police_reference for e in listing.returned} == {
        f"BACK-{i}" for i in range(RETURNED)}
    assert len(listing.outstanding) == RETURNED  # none has had a return interview


def test_missing_meeting_agenda_takes_the_children_returned_today(hub: Actor) -> None:
    from macehub.meetings.models import Meeting

    now = timezone.localtime()
    lost, home = _crowd(hub, now)
    # The meeting sits on the same day as the returns, whatever the hour the test runs at.
    starts = timezone.make_aware(datetime.combine(now.date(), time(23, 0)))
    meeting = Meeting.objects.create(partnership=hub.partnership, forum="daily_missing",
                                     starts_at=starts, ends_at=starts + timedelta(hours=1))
    titles = [item.title for item in _missing_items(meeting, hub)]
    assert titles == [f"{lost}: missing (still missing)", f"{home}: missing"]


def test_meeting_list_reads_by_index_not_by_scanning_every_episode(hub: Actor) -> None:
    _crowd(hub, timezone.localtime())
    listing = meeting_list(hub, "daily_missing", timezone.localdate())
    with CaptureQueriesContext(connection) as queries:
        list(listing.open.all()[:50]), list(listing.returned.all()[:50])
    sql = [q["sql"] for q in queries.captured_queries if "missing_missingepisode" in q["sql"]]
    assert len(sql) == 2  # the children come with the episodes
    with connection.cursor() as cursor:
        for query in sql:
            if connection.vendor == "postgresql":
                # Tiny tables favour a sequential scan: forbid it to see whether the
                # query can be answered by the indexes at all.
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute(f"EXPLAIN {query}")
                plan = " ".join(str(row[0]) for row in cursor.fetchall())
                assert "Seq Scan on missing_missingepisode" not in plan, plan
            else:
                cursor.execute(f"EXPLAIN QUERY PLAN {query}")
                plan = " ".join(str(row[-1]) for row in cursor.fetchall())
                assert "SCAN missing_missingepisode" not in plan, plan
