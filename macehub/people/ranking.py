"""The children worth scoring as matches for a child given, best first, read in a time
that does not grow with the size of the blocks.

A held name row earns points for what it shares with the child given:

| shares | points |
|---|---|
| the date of birth (the day, or its month for a month and year) | 4 |
| the surname's sound | 2 |
| the surname itself (so also its sound) | 4 more |
| the first name's sound (of any name the child goes by) | 1 |
| the first name itself (so also its sound) | 3 more |

A child ranks by its best name row, then by its id; the first `limit` are returned. An
exact name and date of birth earns the most points of all, so however large the blocks it
is never lost to the cap.

Read whole, because they are few: the rows born on the day. Every other row falls in a
class that earns a fixed total (sharing both sounds: 10, 7, 6 or 3 as the names
themselves are shared too; the surname's sound only: 6 or 2; the first name's only: 4 or
1). The classes are read highest first, each in id order through an index that leads
with a sound, and only as far as the cap: once `limit` children earn a class's total, no
lower class can reach the cap. At England scale a common surname's block holds a quarter
of a million rows: this reads a few hundred of them where ranking the whole block read
them all.

An import ranks its chunk's unsure children together (`ranked_many`): on PostgreSQL each
class is one statement for them all, each child's rows read through a lateral join as far
as its cap (macehub.people.ranking_sql), so hundreds of children cost the statements of
one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Q, QuerySet

from macehub.access.actor import Actor
from macehub.people.birth import Birth, same_birth_days
from macehub.people.models import ChildName
from macehub.people.ranking_sql import read_class_together


def born_block(birth: Birth) -> Q | None:
    """The name rows whose date of birth could be this one's, or None when it is not
    known."""
    span = same_birth_days(birth.born, birth.precision)
    if span is None:
        return None
    days, first, last = span
    return Q(born__in=days) if days else Q(born__gte=first, born__lte=last)


def born_test(birth: Birth) -> Callable[[date | None], bool]:
    """Whether a name row's stored day is in `born_block`, tested on the value read."""
    span = same_birth_days(birth.born, birth.precision)
    if span is None:
        return lambda day: False
    days, first, last = span
    if days:
        return set(days).__contains__
    return lambda day: day is not None and first <= day <= last  # type: ignore[operator]


@dataclass(frozen=True)
class Wanted:
    """What is compared: the normalised surname and first names, their sounds, the days."""

    last: str
    firsts: frozenset[str]
    key_last: str
    keys_first: frozenset[str]
    birth: Birth

    def points(self, last_norm: str, first_norm: str, last_key: str, first_key: str,
               born_matches: bool) -> int:
        surname = bool(self.key_last) and last_key == self.key_last
        first = first_key in self.keys_first
        return (4 * born_matches + 2 * surname + 4 * (surname and last_norm == self.last)
                + first + 3 * (first and first_norm in self.firsts))


@dataclass(frozen=True)
class Class:
    """A class of rows not born on the day, by what each row must share (True), must not
    share (False) or may share (None): the surname's sound, a first name's sound, the
    surname itself, a first name itself."""

    surname: bool | None
    first: bool | None
    same_last: bool | None
    same_first: bool | None


def classes(wanted: Wanted) -> dict[int, list[Class]]:
    """The classes a wanted child's rows fall in, by the points each earns: those sharing
    both sounds, the surname's only, the first name's only, each split by whether the name
    itself is shared as well."""
    surname, first = bool(wanted.key_last), bool(wanted.keys_first)
    found: dict[int, list[Class]] = {}
    if surname and first:
        for points, last, firsts in ((10, True, True), (7, True, False), (6, False, True),
                                     (3, False, False)):
            found.setdefault(points, []).append(Class(True, True, last, firsts))
    if surname:
        found.setdefault(6, []).append(Class(True, False if first else None, True, None))
        found.setdefault(2, []).append(Class(True, False if first else None, False, None))
    if first:
        found.setdefault(4, []).append(Class(False if surname else None, True, None, True))
        found.setdefault(1, []).append(Class(False if surname else None, True, None, False))
    return found


LEVELS = (10, 7, 6, 4, 3, 2, 1)


def ranked(actor: Actor, wanted: Wanted, limit: int) -> list[int]:
    """The ids of the `limit` best-ranked children, best first."""
    return ranked_many(actor, [wanted], limit)[wanted]


def ranked_many(actor: Actor, wanted: list[Wanted], limit: int) -> dict[Wanted, list[int]]:
    """Each wanted child's `limit` best-ranked children, best first: on PostgreSQL a few
    statements for however many children (one per class, each child's rows read through
    a lateral join as far as its cap), elsewhere the same reads child by child."""
    names = ChildName.objects.for_actor(actor).order_by()
    best: dict[Wanted, dict[int, int]] = {w: {} for w in wanted}
    # An actor who reaches no name rows has no candidates (and no statement to compile).
    active = [] if names.query.is_empty() else [
        w for w in best if born_block(w.birth) is not None or w.key_last or w.keys_first]
    _score_born_on_the_day(names, active, best)
    classes_of = {w: classes(w) for w in active}
    for points in LEVELS:
        found: dict[Wanted, set[int]] = {}
        takers: dict[Class, list[Wanted]] = {}
        for w in active:
            for cls in classes_of[w].get(points, ()):
                takers.setdefault(cls, []).append(w)
        for cls, asking in takers.items():
            for w, first_ids in _read(names, asking, cls, limit).items():
                found.setdefault(w, set()).update(first_ids)
        for w, ids in found.items():
            for child_id in sorted(ids)[:limit]:
                best[w][child_id] = max(best[w].get(child_id, 0), points)
        # Once `limit` children earn a class's points or more, no child of a lower class,
        # nor one of this class with a higher id, can reach the cap.
        active = [w for w in active if len(found.get(w, ())) < limit]
    return {w: [c for c, _ in sorted(got.items(), key=lambda cp: (-cp[1], cp[0]))[:limit]]
            for w, got in best.items()}


def _score_born_on_the_day(names: QuerySet[ChildName], wanted: list[Wanted],
                           best: dict[Wanted, dict[int, int]]) -> None:
    """The rows born on each child's day (few, so read whole), in one read for them all."""
    spans = {w: span for w in wanted
             if (span := same_birth_days(w.birth.born, w.birth.precision)) is not None}
    days = sorted({day for listed, _first, _last in spans.values() for day in listed})
    months = {(first, last) for listed, first, last in spans.values() if not listed}
    blocks = [Q(born__in=days)] if days else []
    blocks += [Q(born__gte=first, born__lte=last) for first, last in sorted(months)]
    if not blocks:
        return
    by_day: dict[date | None, list[tuple[int, str, str, str, str]]] = {}
    for child_id, last_norm, first_norm, last_key, first_key, day in names.filter(
            reduce(or_, blocks)).values_list("child_id", "last_norm", "first_norm",
                                             "last_key", "first_key", "born"):
        by_day.setdefault(day, []).append((child_id, last_norm, first_norm, last_key,
                                           first_key))
    for w, (listed, first, last) in spans.items():
        got = best[w]  # looked up once: a Wanted's hash is worked out on every lookup
        # The days themselves, or a month's days among those read.
        for day in listed or [d for d in by_day if d and first <= d <= last]:  # type: ignore[operator]
            for child_id, last_norm, first_norm, last_key, first_key in by_day.get(day, ()):
                points = w.points(last_norm, first_norm, last_key, first_key, True)
                if points > got.get(child_id, 0):
                    got[child_id] = points


def _read(names: QuerySet[ChildName], wanted: list[Wanted], cls: Class, limit: int
          ) -> dict[Wanted, list[int]]:
    """The first `limit` children, in id order, with a row in the class, for each child:
    together on PostgreSQL for the children with one first name (none known as another)."""
    if connection.vendor != "postgresql":
        return _read_class(names, wanted, cls, limit)
    one: list[Wanted] = []
    several: list[Wanted] = []
    for w in wanted:
        (one if len(w.keys_first) <= 1 and len(w.firsts) <= 1 else several).append(w)
    return read_class_together(names, one, cls, limit) | _read_class(names, several, cls,
                                                                     limit)


def _read_class(names: QuerySet[ChildName], wanted: list[Wanted], cls: Class, limit: int
                ) -> dict[Wanted, list[int]]:
    """The first `limit` children, in id order, with a row in the class, child by child."""
    found = {}
    for w in wanted:
        born = born_block(w.birth)
        rows = (names.exclude(born) if born else names).filter(_where(w, cls))
        found[w] = list(rows.values_list("child_id", flat=True).distinct()
                        .order_by("child_id")[:limit])
    return found


def _where(wanted: Wanted, cls: Class) -> Q:
    q = Q()
    for test, share in ((cls.surname, Q(last_key=wanted.key_last)),
                        (cls.first, Q(first_key__in=sorted(wanted.keys_first))),
                        (cls.same_last, Q(last_norm=wanted.last)),
                        (cls.same_first, Q(first_norm__in=sorted(wanted.firsts)))):
        if test is not None:
            q &= share if test else ~share
    return q
