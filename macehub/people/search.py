"""Finding a child from what a caseworker remembers: a surname, a first or known-as name,
a name misspelt, a date of birth, or any of these together.

Each word typed is compared with every name the child goes by: spelt the same, sounding
the same (metaphone), or spelt nearly the same (rapidfuzz). A date typed in the name box
(27/3/2012 or 2012-03-27) is a date of birth, and a case reference (DUD-2026-0001, or
dud-2026-1) finds the child whose case it is. A child's score adds up its best reason for
each word and for the date of birth, so a child who matches on more counts first, and each
result says why it was found.

Candidates are read by index in one statement, ranked inside the database before the cap
so an exact name always survives it, then the children in one more: two statements
whatever the number of words or results."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.expressions import Combinable
from rapidfuzz import fuzz

from macehub.access.actor import Actor
from macehub.lib.forms import DATE_FORMATS
from macehub.people.birth import Birth, Precision
from macehub.people.matching import dob_score, normalise, phonetic
from macehub.people.models import Child, ChildName
from macehub.people.ranking import born_block

CANDIDATES = 500  # name rows read, best first: far more than a person reads
MAX_WORDS = 4  # "Kayden Lee Example-Smith": more words add blocks, not better results
_DATE = forms.DateField(input_formats=DATE_FORMATS)  # as the date fields read dates
SPELT_LIKE = 80  # rapidfuzz ratio from which a name is "spelt like" the word typed

# (reason, points): a person's own words, best first. Exact names and the date of birth
# outrank a sound-alike, which outranks a near spelling; a legal name outranks a known-as.
SURNAME = ("surname matches exactly", 100)
FIRST = ("first name matches exactly", 90)
KNOWN_AS = ("known-as name matches exactly", 85)
SOUNDS_SURNAME = ("sounds like surname", 60)
SOUNDS_FIRST = ("sounds like first name", 55)
SOUNDS_KNOWN_AS = ("sounds like known-as name", 50)
SPELT_SURNAME = ("spelt like surname", 40)
SPELT_FIRST = ("spelt like first name", 35)
SPELT_KNOWN_AS = ("spelt like known-as name", 30)
DATE_OF_BIRTH = ("date of birth", 100)
MONTH_OF_BIRTH = ("month of birth", 80)
CASE_REFERENCE = re.compile(r"([a-z]{3})-(\d{4})-(\d{1,6})", re.IGNORECASE)


@dataclass
class Hit:
    """A child found, its score and why, in the words a person reads."""

    child: Child
    score: int
    reasons: list[str]


def as_date(text: str) -> date | None:
    """The text as a date, in any form the date fields take; None if it is not one."""
    try:
        return _DATE.clean(text.strip())  # type: ignore[no-any-return]
    except ValidationError:
        return None


def as_case_reference(text: str) -> str | None:
    """The text as a case reference as cases hold it (DUD-2026-0001), or None."""
    found = CASE_REFERENCE.fullmatch(text.strip())
    if found is None:
        return None
    code, year, number = found.groups()
    return f"{code.upper()}-{year}-{int(number):04d}"


def search(actor: Actor, *, text: str, date_of_birth: date | None, limit: int) -> list[Hit]:
    """The `limit` best children the actor reaches, best first."""
    reference = as_case_reference(text)
    if reference is not None:
        return [Hit(child, 100, [f"case {reference}"]) for child in
                Child.objects.for_actor(actor).filter(cases__reference=reference)
                .distinct()[:limit]]
    typed = as_date(text) if text.strip() else None
    if typed is not None:
        text, date_of_birth = "", date_of_birth or typed
    words = list(dict.fromkeys(normalise(text).split()))[:MAX_WORDS]
    rows = _candidate_rows(actor, words, date_of_birth)
    best: dict[int, dict[str, tuple[str, int]]] = {}
    for row in rows:
        found = best.setdefault(row["child_id"], {})
        for word in words:
            reason = _why(word, row)
            if reason and reason[1] > found.get(word, ("", 0))[1]:
                found[word] = reason
    children = Child.objects.for_actor(actor).filter(pk__in=list(best)).in_bulk()
    hits = []
    for pk, child in children.items():
        reasons = sorted(best[pk].values(), key=lambda r: -r[1])
        if date_of_birth is not None:
            agrees, _ = dob_score(Birth.exact(date_of_birth), child.birth)
            if agrees == 1.0:
                reasons.insert(0, DATE_OF_BIRTH)
            elif agrees and child.date_of_birth_precision == Precision.MONTH:
                reasons.insert(0, MONTH_OF_BIRTH)
        if reasons:
            hits.append(Hit(child, sum(points for _, points in reasons),
                            list(dict.fromkeys(reason for reason, _ in reasons))))
    hits.sort(key=lambda h: (-h.score, h.child.last_name.lower(), h.child.first_name.lower(),
                             h.child.pk))
    return hits[:limit]


def _why(word: str, row: dict[str, Any]) -> tuple[str, int] | None:
    """The best reason this name row matches the word, if any."""
    first, last = row["first_norm"], row["last_norm"]
    legal = row["is_legal"]
    if word in last.split():
        return SURNAME
    if word in first.split():
        return FIRST if legal else KNOWN_AS
    key = phonetic(word)
    if key and key == row["last_key"]:
        return SOUNDS_SURNAME
    if key and key == row["first_key"]:
        return SOUNDS_FIRST if legal else SOUNDS_KNOWN_AS
    if last and fuzz.ratio(word, last) >= SPELT_LIKE:
        return SPELT_SURNAME
    if first and fuzz.ratio(word, first) >= SPELT_LIKE:
        return SPELT_FIRST if legal else SPELT_KNOWN_AS
    return None


def _key_range(field: str, key: str) -> Q:
    """Phonetic keys starting with the same two sounds, as a range an index reads."""
    start = key[:2]
    return Q(**{f"{field}__gte": start, f"{field}__lt": start[:-1] + chr(ord(start[-1]) + 1)})


def _candidate_rows(actor: Actor, words: list[str],
                    date_of_birth: date | None) -> list[dict[str, Any]]:
    names = ChildName.objects.for_actor(actor)
    blocks: list[Q] = []
    points: list[tuple[Q, int]] = []
    for word in words:
        key = phonetic(word)
        if not key:
            continue
        blocks += [Q(last_key=key), Q(first_key=key), _key_range("last_key", key),
                   _key_range("first_key", key)]
        points += [(Q(last_norm=word), SURNAME[1]), (Q(first_norm=word), FIRST[1]),
                   (Q(last_key=key), SOUNDS_SURNAME[1]), (Q(first_key=key), SOUNDS_FIRST[1])]
    born = born_block(Birth.exact(date_of_birth)) if date_of_birth is not None else None
    if born is not None:  # a date of birth not known is never found by date
        blocks.append(born)
        points.append((born, DATE_OF_BIRTH[1]))
    if not blocks:
        return []
    # One indexed read per block, joined: an OR of the blocks would read every name row.
    queries = [names.filter(block).order_by().values("pk") for block in blocks]
    rows = queries[0].union(*queries[1:]) if len(queries) > 1 else queries[0]
    total: Combinable = _points(*points[0])
    for condition, weight in points[1:]:
        total += _points(condition, weight)
    return list(names.filter(pk__in=rows).annotate(points=total).order_by("-points", "pk")
                .values("child_id", "first_norm", "last_norm", "first_key", "last_key",
                        "is_legal")[:CANDIDATES])


def _points(condition: Q, weight: int) -> Case:
    return Case(When(condition, then=Value(weight)), default=Value(0),
                output_field=IntegerField())
