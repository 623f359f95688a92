"""Duplicate-aware matching of a child being entered against the children already held.

Candidates are found by index (same date of birth, or a surname or first name that sounds
the same), then scored with rapidfuzz on every name the child goes by. The product shows
the likely matches with their reasons and a person decides: nothing is ever merged
silently."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

import jellyfish
from django.db.models import Q
from rapidfuzz import fuzz

from macehub.access.actor import Actor
from macehub.people.models import Child, ChildName

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


def _dob_score(given: date | None, held: date) -> tuple[float, str | None]:
    if given is None:
        return 0.0, None
    if given == held:
        return 1.0, "same date of birth"
    if given.year == held.year and (given.day, given.month) == (held.month, held.day):
        return 0.8, "date of birth with day and month swapped"
    if given.year == held.year and given.month == held.month and abs(given.day - held.day) <= 1:
        return 0.7, "date of birth one day apart"
    if (given.month, given.day) == (held.month, held.day) and abs(given.year - held.year) == 1:
        return 0.6, "date of birth one year apart"
    return 0.0, None


def find_matches(
    actor: Actor,
    *,
    first_name: str,
    last_name: str,
    date_of_birth: date | None = None,
    known_as: list[str] | None = None,
    limit: int = 10,
) -> list[Match]:
    wanted = [f"{first_name} {last_name}"] + list(known_as or [])
    keys_first = {phonetic(first_name)} | {phonetic(n) for n in known_as or []}
    key_last = phonetic(last_name)
    query = Q(last_key=key_last) if key_last else Q(pk__in=[])
    query |= Q(first_key__in=[k for k in keys_first if k])
    if date_of_birth is not None:
        query |= Q(child__date_of_birth=date_of_birth)
    child_ids = (ChildName.objects.for_actor(actor).filter(query)
                 .values_list("child_id", flat=True).distinct()[:CANDIDATE_LIMIT])
    candidates = (Child.objects.for_actor(actor).filter(pk__in=list(child_ids))
                  .prefetch_related("names"))
    matches = []
    for child in candidates:
        best, best_name = 0.0, ""
        for name in child.names.all():
            held = normalise(f"{name.first_name} {name.last_name}")
            for given in wanted:
                score = fuzz.token_sort_ratio(normalise(given), held) / 100
                if score > best:
                    best, best_name = score, f"{name.first_name} {name.last_name}".strip()
        dob, dob_reason = _dob_score(date_of_birth, child.date_of_birth)
        score = 0.6 * best + 0.4 * dob if date_of_birth else best
        reasons = []
        if best >= 0.99:
            reasons.append(f"same name ({best_name})")
        elif best >= 0.7:
            reasons.append(f"similar name ({best_name})")
        if dob_reason:
            reasons.append(dob_reason)
        if score >= SHOW_AT_LEAST and reasons:
            matches.append(Match(child=child, score=round(score, 3), reasons=reasons))
    matches.sort(key=lambda m: (-m.score, m.child.pk))
    return matches[:limit]


def names_for_index(child: Child) -> list[ChildName]:
    """The ChildName rows that make a child findable by every name it goes by."""
    rows = [ChildName(partnership_id=child.partnership_id, child=child, is_legal=True,
                      first_name=child.first_name, last_name=child.last_name,
                      first_key=phonetic(child.first_name), last_key=phonetic(child.last_name))]
    for alias in child.known_as:
        parts = alias.split()
        first = parts[0] if parts else alias
        last = " ".join(parts[1:]) if len(parts) > 1 else ""
        rows.append(ChildName(partnership_id=child.partnership_id, child=child,
                              first_name=first, last_name=last, first_key=phonetic(first),
                              last_key=phonetic(last)))
    return rows
