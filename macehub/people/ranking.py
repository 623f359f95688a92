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
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from macehub.access.actor import Actor
from macehub.people.birth import Birth, Precision, latest_born
from macehub.people.models import ChildName

COMPARABLE = {Precision.EXACT, Precision.MONTH}


def born_block(birth: Birth) -> Q | None:
    """The name rows whose date of birth could be this one's (ChildName.born holds an exact
    date, or the 1st of the month for a month and year), or None when it is not known."""
    if birth.precision not in COMPARABLE or birth.born is None:
        return None
    first = birth.born.replace(day=1)
    if birth.precision == Precision.MONTH:
        return Q(born__gte=first, born__lte=latest_born(first, Precision.MONTH))
    return Q(born__in=sorted({birth.born, first}))


def born_test(birth: Birth) -> Callable[[date | None], bool]:
    """Whether a name row's stored day is in `born_block`, tested on the value read."""
    block = born_block(birth)
    if block is None:
        return lambda day: False
    assert birth.born is not None
    first = birth.born.replace(day=1)
    if birth.precision == Precision.MONTH:
        last = latest_born(first, Precision.MONTH)
        return lambda day: day is not None and first <= day <= last  # type: ignore[operator]
    days = {birth.born, first}
    return lambda day: day in days


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


def ranked(actor: Actor, wanted: Wanted, limit: int) -> list[int]:
    """The ids of the `limit` best-ranked children, best first."""
    names = ChildName.objects.for_actor(actor).order_by()
    born = born_block(wanted.birth)
    surname = Q(last_key=wanted.key_last) if wanted.key_last else None
    first = Q(first_key__in=sorted(wanted.keys_first)) if wanted.keys_first else None
    if born is None and surname is None and first is None:
        return []
    best: dict[int, int] = {}
    on_day = born_test(wanted.birth)
    for child_id, last_norm, first_norm, last_key, first_key, day in names.filter(
            born).values_list("child_id", "last_norm", "first_norm", "last_key",
                              "first_key", "born") if born else ():
        got = wanted.points(last_norm, first_norm, last_key, first_key, on_day(day))
        best[child_id] = max(best.get(child_id, 0), got)
    for points, classes in _classes(names.exclude(born) if born else names, wanted,
                                    surname, first):
        ids = sorted({child_id for rows in classes for child_id in rows.values_list(
            "child_id", flat=True).distinct().order_by("child_id")[:limit]})[:limit]
        for child_id in ids:
            best[child_id] = max(best.get(child_id, 0), points)
        if len(ids) == limit:
            # `limit` children earn this many points or more: no child of a lower class,
            # nor one of this class with a higher id, can reach the cap.
            break
    return [c for c, _ in sorted(best.items(), key=lambda cp: (-cp[1], cp[0]))[:limit]]


def _classes(rest: QuerySet[ChildName], wanted: Wanted, surname: Q | None, first: Q | None
             ) -> list[tuple[int, list[QuerySet[ChildName]]]]:
    """The rows not born on the day, in classes that each earn a fixed number of points,
    highest first: those sharing both sounds, the surname's only, the first name's only,
    each split by whether the name itself is shared as well."""
    same_last = Q(last_norm=wanted.last)
    same_first = Q(first_norm__in=sorted(wanted.firsts))
    found: list[tuple[int, QuerySet[ChildName]]] = []
    if surname and first:
        both = rest.filter(surname & first)
        found += [(10, both.filter(same_last & same_first)),
                  (7, both.filter(same_last).exclude(same_first)),
                  (6, both.filter(same_first).exclude(same_last)),
                  (3, both.exclude(same_last).exclude(same_first))]
    if surname:
        only = rest.filter(surname).exclude(first) if first else rest.filter(surname)
        found += [(6, only.filter(same_last)), (2, only.exclude(same_last))]
    if first:
        only = rest.filter(first).exclude(surname) if surname else rest.filter(first)
        found += [(4, only.filter(same_first)), (1, only.exclude(same_first))]
    by_points: dict[int, list[QuerySet[ChildName]]] = {}
    for points, rows in found:
        by_points.setdefault(points, []).append(rows)
    return sorted(by_points.items(), key=lambda pr: -pr[0])
