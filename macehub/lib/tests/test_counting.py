"""count_together counts each query exactly as QuerySet.count() does, in one statement:
plain and filtered queries, joins, distinct queries, unions and slices, with dates and
text as parameters."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from macehub.access.actor import Actor
from macehub.lib.counting import count_together
from macehub.people.models import Child, ChildName
from macehub.tests.factories import child

pytestmark = pytest.mark.django_db


def _queries(hub: Actor) -> list[Any]:
    kids = Child.objects.for_actor(hub)
    names = ChildName.objects.for_actor(hub)
    return [
        kids,
        kids.filter(date_of_birth__lt=date(2012, 3, 1)),
        kids.filter(last_name__icontains="ex").order_by("-pk"),
        kids.filter(first_name="Nobody"),
        names.select_related("child"),
        names.values("child").distinct(),
        kids.order_by("pk")[1:3],
        kids.filter(first_name="Ivy").order_by().values("pk").union(
            kids.filter(last_name="Sample").order_by().values("pk"), all=True),
        kids.values("first_name").annotate(n=Count("pk")),
        kids.none(),
        kids.filter(pk__in=[]),
    ]


def test_count_together_counts_each_query_as_count_does(personas: dict[str, Any],
                                                        actor_of: Any) -> None:
    hub = actor_of(personas["hub_coordinator"])
    child(hub, "Ivy", "Example", date(2012, 2, 29))
    child(hub, "Ivy", "Sample", date(2013, 6, 1))
    child(hub, "Noor", "Sample", date(2010, 1, 15))
    queries = _queries(hub)
    with CaptureQueriesContext(connection) as together:
        counts = count_together(queries)
    assert len(together) == 1
    assert counts == [q.count() for q in queries]
    assert counts[0] == 3 and counts[3] == 0 and counts[7] == 4
    assert counts[8:] == [2, 0, 0]


def test_count_together_of_nothing_asks_nothing() -> None:
    from macehub.people.models import Child

    with CaptureQueriesContext(connection) as asked:
        assert count_together([]) == []
        assert count_together([Child.objects.none(), Child.objects.filter(pk__in=[])]) == \
            [0, 0]
    assert len(asked) == 0
