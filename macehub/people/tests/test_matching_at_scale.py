"""Duplicate-aware matching at county scale (SECURITY R3: a child is never entered twice
for want of finding them). However many children share a birthday and a similar name,
the child with exactly the name and date of birth given is found, and found first: by
the concern's duplicate check and by the police import's match queue alike."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from macehub.access.actor import Actor, actor_for
from macehub.missing.importer import import_rows
from macehub.missing.models import MissingEpisode
from macehub.people.matching import CANDIDATE_LIMIT, find_matches, names_for_index
from macehub.people.models import Child, ChildName
from macehub.people.services import PossibleDuplicates, child_create

pytestmark = pytest.mark.django_db

BORN = date(2012, 5, 17)
FIRSTS = ["Ivo", "Iva", "Ivan", "Ivie", "Evy", "Ives", "Iver", "Ivana", "Ivette", "Iveta"]
LASTS = ["Example", "Exampel", "Examples", "Exemple", "Eksample"]


@pytest.fixture
def hub(personas: dict[str, Any], dudley: Any) -> Actor:
    actor = actor_for(personas["hub_coordinator"], dudley.pk)
    assert actor is not None
    return actor


def _crowd(hub: Actor, size: int) -> Child:
    """`size` children born the same day with names like Ivy Example, then Ivy Example."""
    crowd = [Child(partnership=hub.partnership, first_name=FIRSTS[i % len(FIRSTS)],
                   last_name=LASTS[(i // len(FIRSTS)) % len(LASTS)], date_of_birth=BORN)
             for i in range(size)]
    crowd.append(Child(partnership=hub.partnership, first_name="Ivy", last_name="Example",
                       date_of_birth=BORN))
    made = Child.objects.bulk_create(crowd, batch_size=1000)
    ChildName.objects.bulk_create([n for c in made for n in names_for_index(c)],
                                  batch_size=1000)
    return made[-1]


def test_an_exact_name_and_birth_date_comes_first_in_a_crowd_larger_than_any_cap(
        hub: Actor) -> None:
    size = 3 * CANDIDATE_LIMIT
    exact = _crowd(hub, size)
    matches = find_matches(hub, first_name="Ivy", last_name="Example", date_of_birth=BORN)
    assert matches and matches[0].child == exact
    assert matches[0].reasons == ["same name (Ivy Example)", "same date of birth"]


def test_the_exact_child_is_found_whatever_the_case_accents_and_spacing(hub: Actor) -> None:
    exact = _crowd(hub, 2 * CANDIDATE_LIMIT)
    matches = find_matches(hub, first_name=" IVY ", last_name="Éxample", date_of_birth=BORN)
    assert matches[0].child == exact


def test_the_concern_duplicate_check_offers_the_exact_child_first(hub: Actor) -> None:
    exact = _crowd(hub, 2 * CANDIDATE_LIMIT)
    with pytest.raises(PossibleDuplicates) as raised:
        child_create(actor=hub, first_name="Ivy", last_name="Example", date_of_birth=BORN)
    assert raised.value.matches[0].child == exact


def test_the_import_queues_a_crowded_notification_rather_than_creating_a_child(
        hub: Actor) -> None:
    _crowd(hub, 2 * CANDIDATE_LIMIT)
    before = Child.objects.count()
    run = import_rows(actor=hub, via="test", rows=[{
        "force": "West Midlands Police", "police_reference": "Q-1", "first_name": "Ivy",
        "last_name": "Exampel", "date_of_birth": BORN.isoformat(),
        "reported_at": "2026-01-10 10:00", "missing_from": "home", "risk_grade": "medium"}])
    assert run.queued == 1 and Child.objects.count() == before
    assert MissingEpisode.objects.get().child is None


def test_a_child_edited_to_another_birth_date_is_found_by_the_new_one(hub: Actor) -> None:
    from macehub.people.services import child_update

    child = child_create(actor=hub, confirm_new=True, first_name="Noor", last_name="Sample",
                         date_of_birth=date(2011, 1, 1))
    child_update(actor=hub, child=child, version=child.version,
                 date_of_birth=date(2011, 2, 2))
    found = find_matches(hub, first_name="Noor", last_name="Sample",
                         date_of_birth=date(2011, 2, 2))
    assert found[0].child == child and "same date of birth" in found[0].reasons


def test_matching_reads_the_blocks_by_index_in_a_fixed_number_of_queries(
        hub: Actor, django_assert_max_num_queries: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _crowd(hub, 2 * CANDIDATE_LIMIT)
    # The rows born on the day, at most eight classes read as far as the cap (the last
    # ones only when the first do not fill it), the candidates' names and the candidates.
    with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(11):
        find_matches(hub, first_name="Ivy", last_name="Example", date_of_birth=BORN)
    reads = [q["sql"] for q in queries.captured_queries if "people_childname" in q["sql"]]
    assert reads
    with connection.cursor() as cursor:
        for read in reads:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute(f"EXPLAIN {read}")
                plan = " ".join(str(row[0]) for row in cursor.fetchall())
                assert "Seq Scan on people_childname" not in plan, plan
            else:
                cursor.execute(f"EXPLAIN QUERY PLAN {read}")
                plan = " ".join(str(row[-1]) for row in cursor.fetchall())
                assert "SCAN people_childname" not in plan, plan


@pytest.mark.django_db(transaction=True)
def test_names_held_before_the_blocking_keys_get_them_from_the_migration(
        dudley: Any) -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    child = Child.objects.create(partnership=dudley, first_name="Zoë", last_name="O'Sample",
                                 date_of_birth=BORN)
    executor = MigrationExecutor(connection)
    executor.migrate([("people", "0002_partnership_on_every_record")])
    try:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO people_childname (partnership_id, child_id, first_name,"
                           " last_name, first_key, last_key, is_legal) VALUES "
                           "(%s, %s, 'Zoë', 'O''Sample', 'S', 'OSMPL', true)",
                           [dudley.pk, child.pk])
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()  # forward again to the latest, as every test expects
        executor.migrate(executor.loader.graph.leaf_nodes())
    name = ChildName.objects.get(child=child)
    assert (name.first_norm, name.last_norm, name.born) == ("zoe", "o sample", BORN)


def test_a_search_matching_more_children_than_it_shows_says_so(
        hub: Actor, personas: dict[str, Any], client_as: Any) -> None:
    from django.urls import reverse

    from macehub.audit.models import AuditEvent

    _crowd(hub, 60)
    page = client_as(personas["hub_coordinator"]).post(
        reverse("people:search"), {"date_of_birth": BORN.strftime("%d/%m/%Y")})
    text = page.content.decode()
    assert "More than 50 found" in text and "narrow the search" in text
    assert len(page.context["results"].children) == 50
    event = AuditEvent.objects.get(action="child.search")  # one event, naming each shown
    assert event.objects_seen.count() == 50 and event.count == 50
