"""The candidate ranking reads large blocks only as far as its cap reaches, and returns
exactly what ranking every name row in the blocks would (SECURITY R3: a child is never
entered twice for want of finding them). The reference below scores every row of the
partnership in Python; random crowds with many ties, aliases, month-and-year births and
small caps stress where the cap falls."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from macehub.access.actor import Actor, actor_for
from macehub.people.birth import Birth, Precision
from macehub.people.matching import names_for_index, normalise, phonetic
from macehub.people.models import Child, ChildName
from macehub.people.ranking import Wanted, born_test, ranked, ranked_many

pytestmark = pytest.mark.django_db

FIRSTS = ["Ivy", "Ivie", "Eve", "Ava", "Jon", "John", "Jonny", "Sam", "Samir", "Zak"]
LASTS = ["Example", "Exampel", "Examples", "Sample", "Jones", "Jonas", "Johns", "Okafor"]
BORN = date(2012, 5, 17)


@pytest.fixture
def hub(personas: dict[str, Any], dudley: Any) -> Actor:
    actor = actor_for(personas["hub_coordinator"], dudley.pk)
    assert actor is not None
    return actor


def _birth(chance: random.Random) -> tuple[date | None, str]:
    roll = chance.random()
    if roll < 0.15:
        return None, Precision.UNKNOWN
    day = BORN + timedelta(days=chance.choice([0, 0, 1, -16, 31, 365]))
    if roll < 0.3:
        return day.replace(day=1), Precision.MONTH
    return day, Precision.EXACT


def _crowd(hub: Actor, chance: random.Random, size: int) -> None:
    children = []
    for _ in range(size):
        born, how = _birth(chance)
        aliases = [f"{chance.choice(FIRSTS)} {chance.choice(LASTS)}"] \
            if chance.random() < 0.2 else []
        children.append(Child(partnership=hub.partnership, first_name=chance.choice(FIRSTS),
                              last_name=chance.choice(LASTS), date_of_birth=born,
                              date_of_birth_precision=how, known_as=aliases))
    made = Child.objects.bulk_create(children)
    ChildName.objects.bulk_create([n for c in made for n in names_for_index(c)])


def _wanted(first: str, last: str, birth: Birth, known_as: tuple[str, ...] = ()) -> Wanted:
    names = [first, *known_as]
    return Wanted(last=normalise(last),
                  firsts=frozenset(normalise(n).split(" ")[0] for n in names if normalise(n)),
                  key_last=phonetic(last),
                  keys_first=frozenset(k for k in map(phonetic, names) if k), birth=birth)


def _reference(hub: Actor, wanted: Wanted, limit: int) -> list[int]:
    """Every name row scored; a row in no block (no day, no sound shared) is no candidate."""
    on_day = born_test(wanted.birth)
    best: dict[int, int] = {}
    for row in ChildName.objects.for_actor(hub):
        sound = (bool(wanted.key_last) and row.last_key == wanted.key_last) \
            or row.first_key in wanted.keys_first
        if not (sound or on_day(row.born)):
            continue
        got = wanted.points(row.last_norm, row.first_norm, row.last_key, row.first_key,
                            on_day(row.born))
        best[row.child_id] = max(best.get(row.child_id, 0), got)
    return [c for c, _ in sorted(best.items(), key=lambda cp: (-cp[1], cp[0]))[:limit]]


@pytest.mark.parametrize("seed", range(6))
def test_the_ranking_read_as_far_as_the_cap_equals_ranking_every_row(
        hub: Actor, seed: int) -> None:
    chance = random.Random(seed)
    _crowd(hub, chance, 300)
    for _ in range(12):
        born, how = _birth(chance)
        wanted = _wanted(chance.choice(FIRSTS + ["Nobody"]), chance.choice(LASTS + [""]),
                         Birth(how, born),
                         (f"{chance.choice(FIRSTS)} X",) if chance.random() < 0.3 else ())
        for limit in (1, 5, 40, 400):
            assert ranked(hub, wanted, limit) == _reference(hub, wanted, limit), (
                wanted, limit)


def test_a_name_sharing_nothing_with_anyone_has_no_candidates(hub: Actor) -> None:
    _crowd(hub, random.Random(9), 50)
    assert ranked(hub, _wanted("", "", Birth.unknown()), 10) == []
    assert ranked(hub, _wanted("Quentin", "Wolfsbane", Birth.unknown()), 10) == []


def test_a_large_block_is_read_only_as_far_as_the_cap(hub: Actor) -> None:
    # Every child is a Jones: the surname's class (6 points) fills the cap from its first
    # rows, so no lower class (a sound-alike first name only) is read at all.
    made = Child.objects.bulk_create([
        Child(partnership=hub.partnership, first_name=f"Kid{n}", last_name="Jones",
              date_of_birth=BORN - timedelta(days=n + 40)) for n in range(120)])
    ChildName.objects.bulk_create([n for c in made for n in names_for_index(c)])
    wanted = _wanted("Ivy", "Jones", Birth.exact(BORN))
    with CaptureQueriesContext(connection) as queries:
        found = ranked(hub, wanted, 10)
    assert found == [c.pk for c in made[:10]]
    # The rows born on the day; the classes of 10, 7 and 6 points (two of 6: both sounds
    # and the first name itself, or the surname only); none lower.
    assert len(queries) == 5
    assert all("LIMIT 10" in q["sql"] for q in queries.captured_queries[1:])


def _asked(chance: random.Random, aliases: bool) -> Wanted:
    born, how = _birth(chance)
    return _wanted(chance.choice(FIRSTS + ["Nobody"]), chance.choice(LASTS + [""]),
                   Birth(how, born),
                   (f"{chance.choice(FIRSTS)} X",) if aliases and chance.random() < 0.3
                   else ())


@pytest.mark.parametrize("seed", range(4))
def test_children_ranked_together_rank_as_each_would_alone(hub: Actor, seed: int) -> None:
    # An import ranks its chunk's unsure children together (on PostgreSQL a statement per
    # class for them all); each child's candidates are still exactly its own ranking's,
    # those known by another name (read child by child) among them.
    chance = random.Random(100 + seed)
    _crowd(hub, chance, 300)
    asked = [_asked(chance, aliases=True) for _ in range(25)]
    for limit in (1, 5, 40):
        together = ranked_many(hub, asked, limit)
        assert together == {w: _reference(hub, w, limit) for w in asked}, limit


@pytest.mark.postgres
def test_on_postgresql_ranking_many_children_takes_no_more_statements_than_one(
        hub: Actor) -> None:
    assert connection.vendor == "postgresql", "run in the PostgreSQL stage"
    chance = random.Random(7)
    _crowd(hub, chance, 200)
    asked = [_asked(chance, aliases=False) for _ in range(80)]
    counts = []
    for some in (asked[:40], asked):
        with CaptureQueriesContext(connection) as queries:
            ranked_many(hub, some, 10)
        counts.append(len(queries))
    # The rows born on the days, then at most one statement per class: eight for a child
    # with a surname and a first name, two each for one with only either.
    assert counts[0] == counts[1] <= 1 + 8 + 2 + 2


def test_an_actor_who_reaches_no_name_rows_has_no_candidates(
        hub: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    _crowd(hub, random.Random(3), 30)
    asked = [_wanted(first, "Example", Birth.exact(BORN)) for first in FIRSTS[:3]]
    assert any(ranked_many(hub, asked, 10).values())
    reach = type(ChildName.objects.all())
    monkeypatch.setattr(reach, "for_actor", lambda self, actor: self.none())
    with CaptureQueriesContext(connection) as queries:
        assert ranked_many(hub, asked, 10) == {w: [] for w in asked}
    assert len(queries) == 0
