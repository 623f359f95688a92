"""Duplicate-aware matching for many children at once: an import's chunk of notifications.

`find_matches` asks the database for each child given; an import asks whether each of
hundreds of children has any likely match. `Likely` reads the name rows of every block
those children fall in (the same blocks: normalised surname, surnames and first names that
sound the same, date of birth) in one query, and scores each child's candidates with the
same function (`score_child`). It scores every candidate in the blocks, where
`find_matches` scores the best 200 of them, so it finds whatever `find_matches` finds.
Children created during the import are added as they are made."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.db.models import Q

from macehub.access.actor import Actor
from macehub.people.birth import Birth, Precision, latest_born
from macehub.people.matching import (
    COMPARABLE,
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
        self.blocks: dict[str, dict[Any, set[int]]] = defaultdict(lambda: defaultdict(set))
        self.names: dict[int, list[tuple[str, str]]] = defaultdict(list)
        self.births: dict[int, Birth] = {}
        lasts = {normalise(last) for _, last, _ in wanted} - {""}
        keys_last = {phonetic(last) for _, last, _ in wanted} - {""}
        keys_first = {phonetic(first) for first, _, _ in wanted} - {""}
        days = {day for _, _, birth in wanted for day in _born_days(birth)}
        if not (lasts or keys_last or keys_first or days):
            return
        names = ChildName.objects.for_actor(actor)
        in_blocks = names.filter(Q(last_norm__in=lasts) | Q(last_key__in=keys_last)
                                 | Q(first_key__in=keys_first) | Q(born__in=days))
        # Every name of each child in the blocks: a child is scored on all it goes by.
        rows = (names.filter(child_id__in=in_blocks.values("child_id")).order_by("pk")
                .values_list("child_id", "first_name", "last_name", "last_norm", "last_key",
                             "first_key", "born", "child__date_of_birth",
                             "child__date_of_birth_precision"))
        for child_id, first, last, last_norm, last_key, first_key, born, dob, how in rows:
            self._add(child_id, first, last, last_norm, last_key, first_key, born,
                      Birth(how, dob))

    def _add(self, child_id: int, first: str, last: str, last_norm: str, last_key: str,
             first_key: str, born: date | None, birth: Birth) -> None:
        self.names[child_id].append((first, last))
        self.births[child_id] = birth
        for block, value in (("last_norm", last_norm), ("last_key", last_key),
                             ("first_key", first_key), ("born", born)):
            if value:
                self.blocks[block][value].add(child_id)

    def add_child(self, child: Child) -> None:
        """A child the import has just created: findable by the rows that follow."""
        for row in names_for_index(child):
            self._add(child.pk, row.first_name, row.last_name, row.last_norm, row.last_key,
                      row.first_key, row.born, child.birth)

    def any(self, first: str, last: str, birth: Birth) -> bool:
        """Whether any child held is a likely match for this one."""
        found: set[int] = set()
        for block, value in (("last_norm", normalise(last)), ("last_key", phonetic(last)),
                             ("first_key", phonetic(first))):
            if value:
                found |= self.blocks[block].get(value, set())
        for day in _born_days(birth):
            found |= self.blocks["born"].get(day, set())
        wanted = [normalise(f"{first} {last}")]
        return any(score_child(wanted, birth, self.names[c], self.births[c]) is not None
                   for c in sorted(found))
