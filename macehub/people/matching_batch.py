"""Duplicate-aware matching for many children at once: an import's chunk of notifications.

`find_matches` asks, for one child, which held children are likely the same; an import
asks whether each of hundreds of children has any likely match. `Likely` ranks each
child's candidates as `find_matches` does (macehub.people.ranking: a few index reads
however large the blocks), reads every candidate's names in one query, and scores them
with the same function (`score_child`), so its answer is the duplicate check's. Children
created during the import are added as they are made, and compared with the rows that
follow by the same blocks."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from macehub.access.actor import Actor
from macehub.people.birth import Birth, Precision, latest_born
from macehub.people.matching import (
    COMPARABLE,
    candidate_ids,
    names_for_index,
    normalise,
    phonetic,
    score_child,
)
from macehub.people.models import Child, ChildName


def _born_days(birth: Birth) -> list[date]:
    """The stored days a child's name row could hold to share this date of birth (as
    `born_block` reads them)."""
    if birth.precision not in COMPARABLE or birth.born is None:
        return []
    first = birth.born.replace(day=1)
    if birth.precision == Precision.MONTH:
        last = latest_born(first, Precision.MONTH)
        assert last is not None
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return sorted({birth.born, first})


class Likely:
    def __init__(self, actor: Actor, wanted: list[tuple[str, str, Birth]]) -> None:
        self.actor = actor
        self.candidates: dict[tuple[str, str, Birth], list[int]] = {}
        self.names: dict[int, list[tuple[str, str]]] = defaultdict(list)
        self.births: dict[int, Birth] = {}
        # The children made during the import, by block, to compare with later rows.
        self.blocks: dict[str, dict[Any, set[int]]] = defaultdict(lambda: defaultdict(set))
        for first, last, birth in wanted:
            if (first, last, birth) not in self.candidates:
                self.candidates[first, last, birth] = candidate_ids(
                    actor, first_name=first, last_name=last, birth=birth, known_as=[])
        self._read({c for found in self.candidates.values() for c in found})

    def _read(self, ids: set[int]) -> None:
        ids -= self.births.keys()
        for child_id, first, last, dob, how in (
                ChildName.objects.for_actor(self.actor).filter(child_id__in=ids)
                .order_by("pk").values_list("child_id", "first_name", "last_name",
                                            "child__date_of_birth",
                                            "child__date_of_birth_precision")):
            self.names[child_id].append((first, last))
            self.births[child_id] = Birth(how, dob)

    def add_child(self, child: Child) -> None:
        """A child the import has just created: findable by the rows that follow."""
        for row in names_for_index(child):
            self.names[child.pk].append((row.first_name, row.last_name))
            for block, value in (("last_key", row.last_key), ("first_key", row.first_key),
                                 ("born", row.born)):
                if value:
                    self.blocks[block][value].add(child.pk)
        self.births[child.pk] = child.birth

    def any(self, first: str, last: str, birth: Birth) -> bool:
        """Whether any child held is a likely match for this one."""
        if (first, last, birth) not in self.candidates:
            self.candidates[first, last, birth] = candidate_ids(
                self.actor, first_name=first, last_name=last, birth=birth, known_as=[])
            self._read(set(self.candidates[first, last, birth]))
        found = set(self.candidates[first, last, birth])
        for block, value in (("last_key", phonetic(last)), ("first_key", phonetic(first))):
            if value:
                found |= self.blocks[block].get(value, set())
        for day in _born_days(birth):
            found |= self.blocks["born"].get(day, set())
        wanted = [normalise(f"{first} {last}")]
        return any(score_child(wanted, birth, self.names[c], self.births[c]) is not None
                   for c in sorted(found))
