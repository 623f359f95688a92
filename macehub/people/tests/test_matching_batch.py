"""An import asks, for a whole chunk of notifications at once, whether each child has a
likely match (SECURITY R3: a child is never entered twice for want of finding them). Its
answer is the one the duplicate check gives child by child, for misspellings, names that
sound alike, swapped days and months, a month and year, and no date at all."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest

from macehub.access.actor import Actor, actor_for
from macehub.demo.synth_names import misspell
from macehub.people import matching_batch
from macehub.people.birth import Birth, Precision
from macehub.people.matching import find_matches, names_for_index
from macehub.people.matching_batch import Likely
from macehub.people.models import Child, ChildName
from macehub.tests.factories import child

pytestmark = pytest.mark.django_db
FIRSTS = ["Amelia", "Oliver", "Isla", "Muhammad", "Aisha", "Jordan", "Riley", "Zara"]
LASTS = ["Example", "Sample", "Specimen", "Instance", "Pattern", "Model"]


@pytest.fixture
def hub(personas: dict[str, Any], dudley: Any) -> Actor:
    actor = actor_for(personas["hub_coordinator"], dudley.pk)
    assert actor is not None
    return actor


def _held(hub: Actor, chance: random.Random) -> list[Child]:
    made = Child.objects.bulk_create([Child(
        partnership=hub.partnership, first_name=chance.choice(FIRSTS),
        last_name=f"{chance.choice(LASTS)}", known_as=["Zed Alias"] if n % 9 == 0 else [],
        date_of_birth=date(2010 + n % 5, 1 + n % 12, 1 + n % 27)) for n in range(120)])
    ChildName.objects.bulk_create([row for c in made for row in names_for_index(c)])
    return made


def _given(chance: random.Random, held: list[Child]) -> list[tuple[str, str, Birth]]:
    out = []
    for n in range(150):
        like = chance.choice(held)
        first, last = like.first_name, like.last_name
        if n % 3 == 0:
            first = misspell(chance, first)
        if n % 5 == 0:
            last = misspell(chance, last)
        if n % 7 == 0:
            first, last = "Zed", "Alias"
        born = like.date_of_birth
        assert born is not None
        birth = [Birth.exact(born), Birth.exact(born.replace(day=born.month, month=born.day)
                                                 if born.day <= 12 else born),
                 Birth(Precision.MONTH, born.replace(day=1)), Birth.unknown(),
                 Birth.exact(date(2009, 6, 30))][n % 5]
        out.append((first, last, birth))
    return out


@pytest.mark.parametrize("first_look", [0, 1, 3, 10])
def test_the_chunks_likely_matches_are_the_duplicate_checks(
        hub: Actor, first_look: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # However many best-ranked candidates are scored before the rest are read, a child
    # found only further down is still found.
    monkeypatch.setattr(matching_batch, "FIRST_LOOK", first_look)
    chance = random.Random(7)
    held = _held(hub, chance)
    given = _given(chance, held)
    likely = Likely(hub, given)
    one_by_one = [bool(find_matches(hub, first_name=f, last_name=la, birth=b))
                  for f, la, b in given]
    assert [likely.any(f, la, b) for f, la, b in given] == one_by_one
    assert any(one_by_one) and not all(one_by_one)


def test_a_child_created_during_the_import_is_a_likely_match_for_the_next_rows(
        hub: Actor) -> None:
    likely = Likely(hub, [("Rowan", "Example", Birth.exact(date(2012, 3, 4)))])
    assert not likely.any("Rowan", "Example", Birth.exact(date(2012, 3, 4)))
    likely.add_child(child(hub, "Rowan", "Example", born=date(2012, 3, 4)))
    assert likely.any("Rowen", "Example", Birth.exact(date(2012, 3, 4)))


def test_nothing_to_look_for_reads_nothing(hub: Actor, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        assert not Likely(hub, []).any("", "", Birth.unknown())
