"""The case page and child search make a fixed, small number of statements, however many
records the case or the search holds (PERFORMANCE B7: at most 10 queries per page)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from macehub.audit.models import AuditEvent
from macehub.cases.services import chronology_add, nrm_record
from macehub.tests import factories
from macehub.tests.factories import partnership_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(personas: dict[str, Any], dudley: Any) -> dict[str, Any]:
    return partnership_records(dudley, personas)


def _grow(actor: Any, case: Any, to: int) -> None:
    """NRM referrals and chronology entries on the case, up to `to` of each."""
    for n in range(case.nrm_referrals.count(), to):
        nrm_record(actor=actor, case=case, referred_on=date(2026, 1, 1 + n % 28),
                   first_responder=f"Example Council {n}")
    for n in range(case.chronology.count(), to):
        chronology_add(case=case, kind="note", summary=f"Note {n}", by=actor.user)


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_case_page_takes_at_most_10_statements_for_5_records_or_50(
        objects: dict[str, Any], personas: dict[str, Any], client_as: Any, actor_of: Any,
        django_assert_max_num_queries: Any) -> None:
    hub, case = actor_of(personas["hub_coordinator"]), objects["case"]
    client = client_as(personas["hub_coordinator"])
    url = reverse("cases:detail", args=[case.pk])
    _grow(hub, case, 5)
    few = _count(client, url)
    _grow(hub, case, 50)
    with django_assert_max_num_queries(10):  # the signed-in request's 4 included
        many = _count(client, url)
    assert many == few
    assert AuditEvent.objects.filter(action="case.view", object_id=str(case.pk)).exists()


@pytest.mark.parametrize("url_name", ["cases:timeline", "cases:plans"])
def test_a_case_sub_page_takes_the_same_statements_for_5_entries_as_for_50(
        objects: dict[str, Any], personas: dict[str, Any], client_as: Any, actor_of: Any,
        url_name: str, django_assert_max_num_queries: Any) -> None:
    hub, case = actor_of(personas["hub_coordinator"]), objects["case"]
    client = client_as(personas["hub_coordinator"])
    url = reverse(url_name, args=[case.pk])
    _grow(hub, case, 5)
    few = _count(client, url)
    _grow(hub, case, 50)
    with django_assert_max_num_queries(10):
        many = _count(client, url)
    assert many == few


@pytest.mark.parametrize("crowd", [5, 50])
def test_child_search_page_takes_the_same_statements_for_5_children_as_for_50(
        personas: dict[str, Any], client_as: Any, actor_of: Any, crowd: int,
        django_assert_max_num_queries: Any) -> None:
    # SECURITY S9: one access-log event names every child shown, whatever their number.
    hub = actor_of(personas["hub_coordinator"])
    born = date(2012, 3, 27)
    for n in range(crowd):
        factories.child(hub, f"Kayden{n}", "Example", born)
    client = client_as(personas["hub_coordinator"])
    # The signed-in request's 4, candidates, children, the event and the records it names.
    with django_assert_max_num_queries(10):
        page = client.post(reverse("people:search"), {"name": "Example"})
    assert len(page.context["results"].children) == crowd
    event = AuditEvent.objects.get(action="child.search")
    assert event.objects_seen.count() == crowd
