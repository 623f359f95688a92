"""Duplicate-aware matching for many children at once: an import's chunk of notifications.

`find_matches` asks, for one child, which held children are likely the same; an import
asks whether each of hundreds of children has any likely match. `Likely` ranks each
child's candidates as `find_matches` does (macehub.people.ranking: a few index reads
however large the blocks, for the whole chunk at once), reads the names of each child's
best-ranked candidates first and of the rest only when none of those is a likely match,
and scores them with the same function (`score_child`), so its answer is the duplicate
check's. Children created during the import are added as they are made, and compared
with the rows that follow by the same blocks."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db import connection
from django.db.models.expressions import RawSQL

from macehub.access.actor import Actor
from macehub.people.birth import Birth
from macehub.people.matching import (
    CANDIDATE_LIMIT,
    candidate_ids,
    names_for_index,
    normalise,
    phonetic,
    score_child,
    wanted_for,
)
from macehub.people.models import Child, ChildName
from macehub.people.ranking import born_test, ranked_many

FIRST_LOOK = 10  # candidates scored before the rest of a child's are read


class Likely:
    def __init__(self, actor: Actor, wanted: list[tuple[str, str, Birth]]) -> None:
        self.actor = actor
        self.names: dict[int, list[tuple[str, str]]] = defaultdict(list)
        self.births: dict[int, Birth] = {}
        # The children made during the import, by sound and by stored day, to compare
        # with the rows that follow.
        self.sounds: dict[str, set[int]] = defaultdict(set)
        self.days: dict[int, list[date]] = defaultdict(list)
        # Every child's candidates ranked together (a few statements for the chunk).
        asked = {key: wanted_for(*key, known_as=[]) for key in dict.fromkeys(wanted)}
        ranks = ranked_many(actor, list(asked.values()), CANDIDATE_LIMIT)
        self.candidates = {key: ranks[w] for key, w in asked.items()}
        # The best-ranked few first: a misspelt name is usually found among them, and
        # only the children not found there need all their candidates read.
        self._read({c for ids in self.candidates.values() for c in ids[:FIRST_LOOK]})
        self.matched = {key for key, ids in self.candidates.items()
                        if self._scores(key, ids[:FIRST_LOOK])}
        self._read({c for key, ids in self.candidates.items() if key not in self.matched
                    for c in ids})

    def _rank(self, first: str, last: str, birth: Birth) -> list[int]:
        """This child's ranked candidates, as the duplicate check finds them (once)."""
        key = (first, last, birth)
        if key not in self.candidates:
            self.candidates[key] = candidate_ids(self.actor, first_name=first,
                                                 last_name=last, birth=birth, known_as=[])
            self._read(set(self.candidates[key]))
        return self.candidates[key]

    def _read(self, ids: set[int]) -> None:
        ids = ids - self.births.keys()
        if not ids:
            return
        # Tens of thousands of ids: on PostgreSQL one array, not a parameter each.
        among = RawSQL("SELECT unnest(%s::bigint[])", [sorted(ids)]) \
            if connection.vendor == "postgresql" else ids
        for child_id, first, last, dob, how in (
                ChildName.objects.for_actor(self.actor).filter(child_id__in=among)
                .order_by("pk").values_list("child_id", "first_name", "last_name",
                                            "child__date_of_birth",
                                            "child__date_of_birth_precision")):
            self.names[child_id].append((first, last))
            self.births[child_id] = Birth(how, dob)

    def add_child(self, child: Child) -> None:
        """A child the import has just created: findable by the rows that follow."""
        for row in names_for_index(child):
            self.names[child.pk].append((row.first_name, row.last_name))
            for sound in (f"last:{row.last_key}", f"first:{row.first_key}"):
                self.sounds[sound].add(child.pk)
            if row.born:
                self.days[child.pk].append(row.born)
        self.births[child.pk] = child.birth

    def _scores(self, key: tuple[str, str, Birth], ids: list[int]) -> bool:
        """Whether any of these children (their names read) is a likely match."""
        first, last, birth = key
        wanted = [normalise(f"{first} {last}")]
        return any(score_child(wanted, birth, self.names[c], self.births[c]) is not None
                   for c in ids)

    def any(self, first: str, last: str, birth: Birth) -> bool:
        """Whether any child held is a likely match for this one."""
        if (first, last, birth) in self.matched:  # among its best-ranked few
            return True
        ranked_ids = self._rank(first, last, birth)
        made: set[int] = set()
        for key, sound in (("last", phonetic(last)), ("first", phonetic(first))):
            if sound:
                made |= self.sounds.get(f"{key}:{sound}", set())
        on_day = born_test(birth)
        made |= {c for c, days in self.days.items() if any(map(on_day, days))}
        return self._scores((first, last, birth),
                            [*ranked_ids, *sorted(made.difference(ranked_ids))])
