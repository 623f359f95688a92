"""Duplicate-aware matching of a child being entered against the children already held.

Candidates are found by index (the same surname or date of birth, or a surname or first
name that sounds the same) and ranked inside the database by what they share with the
child given, so an exact name and date of birth always survives the cap on candidates;
the best are then scored with rapidfuzz on every name the child goes by. The product shows
the likely matches with their reasons and a person decides: nothing is ever merged
silently.

A date of birth not known, or only an approximate age, neither matches nor blocks a match:
the names decide alone. A month and year matches a date in that month."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

import jellyfish
from rapidfuzz import fuzz

from macehub.access.actor import Actor
from macehub.people.birth import COMPARABLE, Birth, Precision
from macehub.people.models import Child, ChildName
from macehub.people.ranking import Wanted, ranked

CANDIDATE_LIMIT = 200
SHOW_AT_LEAST = 0.55  # below this score a candidate is not worth a person's time


def normalise(name: str) -> str:
    """Lower case, accents and punctuation removed, single spaces."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    cleaned = "".join(ch if ch.isalnum() or ch.isspace() else " " for ch in text.lower())
    return " ".join(cleaned.split())


def phonetic(name: str) -> str:
    first_word = normalise(name).split(" ")[0] if normalise(name) else ""
    return jellyfish.metaphone(first_word)[:20] if first_word else ""


@dataclass
class Match:
    child: Child
    score: float
    reasons: list[str] = field(default_factory=list)


def dob_score(given: Birth, held: Birth) -> tuple[float | None, str | None]:
    """How far two dates of birth agree, or None when one is not known well enough to
    compare (the names decide alone)."""
    if given.precision not in COMPARABLE or held.precision not in COMPARABLE \
            or given.born is None or held.born is None:
        return None, None
    a, b = given.born, held.born
    if Precision.MONTH in (given.precision, held.precision):
        if (a.year, a.month) == (b.year, b.month):
            return 0.9, "born in the same month and year"
        return 0.0, None
    if a == b:
        return 1.0, "same date of birth"
    if a.year == b.year and (a.day, a.month) == (b.month, b.day):
        return 0.8, "date of birth with day and month swapped"
    if a.year == b.year and a.month == b.month and abs(a.day - b.day) <= 1:
        return 0.7, "date of birth one day apart"
    if (a.month, a.day) == (b.month, b.day) and abs(a.year - b.year) == 1:
        return 0.6, "date of birth one year apart"
    return 0.0, None


def wanted_for(first_name: str, last_name: str, birth: Birth, known_as: list[str]) -> Wanted:
    """What the ranking compares held name rows with, for the child given."""
    firsts = {normalise(n).split(" ")[0] for n in [first_name, *known_as] if normalise(n)}
    keys_first = {k for k in [phonetic(first_name), *(phonetic(n) for n in known_as)] if k}
    return Wanted(last=normalise(last_name), firsts=frozenset(firsts),
                  key_last=phonetic(last_name), keys_first=frozenset(keys_first),
                  birth=birth)


def candidate_ids(actor: Actor, *, first_name: str, last_name: str, birth: Birth,
                  known_as: list[str]) -> list[int]:
    """The children worth scoring, best first, ranked by what their names share with the
    child given (macehub.people.ranking); the cap applies only after ranking."""
    return ranked(actor, wanted_for(first_name, last_name, birth, known_as), CANDIDATE_LIMIT)


def score_child(wanted_norm: list[str], birth: Birth, names: list[tuple[str, str]],
                held_birth: Birth) -> tuple[float, list[str]] | None:
    """How likely a held child (by every name it goes by, and its date of birth) is the
    child given (its names normalised): the score and the reasons, or None when it is not
    worth a person's time."""
    best, best_name = 0.0, ""
    for first, last in names:
        held = normalise(f"{first} {last}")
        for given in wanted_norm:
            score = fuzz.token_sort_ratio(given, held) / 100
            if score > best:
                best, best_name = score, f"{first} {last}".strip()
    dob, dob_reason = dob_score(birth, held_birth)
    score = best if dob is None else 0.6 * best + 0.4 * dob
    reasons = []
    if best >= 0.99:
        reasons.append(f"same name ({best_name})")
    elif best >= 0.7:
        reasons.append(f"similar name ({best_name})")
    if dob_reason:
        reasons.append(dob_reason)
    if score >= SHOW_AT_LEAST and reasons:
        return round(score, 3), reasons
    return None


def find_matches(
    actor: Actor,
    *,
    first_name: str,
    last_name: str,
    date_of_birth: date | None = None,
    birth: Birth | None = None,
    known_as: list[str] | None = None,
    limit: int = 10,
) -> list[Match]:
    """`birth`, or a bare exact `date_of_birth`."""
    if birth is None:
        birth = Birth.exact(date_of_birth) if date_of_birth else Birth.unknown()
    wanted = [f"{first_name} {last_name}"] + list(known_as or [])
    child_ids = candidate_ids(actor, first_name=first_name, last_name=last_name,
                              birth=birth, known_as=list(known_as or []))
    candidates = Child.objects.for_actor(actor).filter(pk__in=child_ids)
    # Every candidate's names in one read (a prefetch through the scoped related manager
    # would read them child by child).
    names_of: dict[int, list[tuple[str, str]]] = {}
    for child_id, first, last in (ChildName.objects.for_actor(actor)
                                  .filter(child_id__in=child_ids).order_by("pk")
                                  .values_list("child_id", "first_name", "last_name")):
        names_of.setdefault(child_id, []).append((first, last))
    wanted_norm = [normalise(given) for given in wanted]
    matches = []
    for child in candidates:
        scored = score_child(wanted_norm, birth, names_of.get(child.pk, []), child.birth)
        if scored is not None:
            matches.append(Match(child=child, score=scored[0], reasons=scored[1]))
    matches.sort(key=lambda m: (-m.score, m.child.pk))
    return matches[:limit]


def names_for_index(child: Child) -> list[ChildName]:
    """The ChildName rows that make a child findable by every name it goes by."""
    names = [(child.first_name, child.last_name, True)]
    for alias in child.known_as:
        parts = alias.split()
        first = parts[0] if parts else alias
        last = " ".join(parts[1:]) if len(parts) > 1 else ""
        names.append((first, last, False))
    return [ChildName(partnership_id=child.partnership_id, child=child, is_legal=legal,
                      first_name=first, last_name=last, first_norm=normalise(first)[:100],
                      last_norm=normalise(last)[:100], first_key=phonetic(first),
                      last_key=phonetic(last),
                      born=child.date_of_birth if child.date_of_birth_precision in COMPARABLE
                      else None)
            for first, last, legal in names]
