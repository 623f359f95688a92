"""The likely matches of something named (a candidate) among the records already kept,
each with its reasons, for a coordinator to judge. Nothing is ever merged or linked by the
matcher itself.

- a person: every name the record goes by (name, aliases, street names) scored with
  rapidfuzz's token-sort similarity, and a name that sounds the same (jellyfish metaphone,
  as children are matched: docs/adr/0005);
- a vehicle: the same registration however it was spaced or cased, or a partial plate
  that fits it;
- a phone: the same number in any format (both in international form);
- a place: the same postcode and house number (the postcode alone is a weaker reason);
- an online account: the same handle, with or without its "@"."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from rapidfuzz import fuzz

from macehub.access.actor import Actor
from macehub.intelligence import normalise
from macehub.intelligence.kinds import KINDS
from macehub.intelligence.merging import unmerged
from macehub.intelligence.models import Entity, NameKind, PersonName
from macehub.intelligence.queries import search_filter
from macehub.people.matching import normalise as plain
from macehub.people.matching import phonetic

SHOW_AT_LEAST = 80  # similarity (0-100) below which a name is not worth a person's time
MOST = 10
POSTCODE_IN_TEXT = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b")
HOUSE_NUMBER = re.compile(r"^\s*(?:flat\s+\w+[,\s]+)?(\d+[a-z]?)\b", re.IGNORECASE)


@dataclass
class Match:
    record: Entity
    score: int
    reasons: list[str] = field(default_factory=list)
    judged: Any = None  # the latest judgement about it, when a page shows one

    @property
    def because(self) -> str:
        text = "; ".join(self.reasons)
        return text[:1].upper() + text[1:]


def _records(actor: Actor, kind: str) -> QuerySet[Any]:
    return unmerged(KINDS[kind].model.objects.for_actor(actor), kind)


@lru_cache(maxsize=300_000)
def _plain_and_sound(name: str) -> tuple[str, str]:
    """A held name as it is compared: kept between searches, as names repeat."""
    return plain(name), phonetic(name)


def _person(actor: Actor, value: str) -> list[Match]:
    """Every name each person goes by is read as text (not as records) and scored; only the
    persons that match are loaded."""
    given, sound = plain(value), phonetic(value)
    if not given:
        return []
    persons = _records(actor, "person")
    labels = dict(NameKind.choices)
    names = [(pk, "name", name) for pk, name in persons.values_list("pk", "name")]
    names += [(pk, labels.get(kind, kind).lower(), name) for pk, kind, name in
              PersonName.objects.for_actor(actor).filter(person__in=persons.values("pk"))
              .order_by("kind", "name", "pk").values_list("person_id", "kind", "name")]
    best: dict[int, int] = {}
    reasons: dict[int, list[str]] = {}
    for pk, what, name in names:
        if not name:
            continue
        held, held_sound = _plain_and_sound(name)
        score = round(fuzz.token_sort_ratio(given, held))
        if score == 100:
            reasons.setdefault(pk, []).append(f"the same {what}, {name}")
        elif score >= SHOW_AT_LEAST:
            reasons.setdefault(pk, []).append(f"{what} {name} is like it ({score}% similar)")
        elif sound and held_sound == sound:
            score = max(score, SHOW_AT_LEAST)
            reasons.setdefault(pk, []).append(f"{what} {name} sounds the same")
        best[pk] = max(best.get(pk, 0), score)
    return [Match(record, best[record.pk], reasons[record.pk])
            for record in persons.filter(pk__in=list(reasons))]


def _vehicle(actor: Actor, value: str) -> list[Match]:
    plate = re.sub(r"[\s-]", "", value).upper()
    if not plate:
        return []
    found = []
    for record in _records(actor, "vehicle").filter(registration__contains=plate[:2]):
        held = record.registration
        if held == plate:
            found.append(Match(record, 100, [f"the same registration, {held}, however "
                                             "it was spaced or cased"]))
        elif record.partial and held in plate:
            found.append(Match(record, 85, [f"the partial registration {held} fits it"]))
        elif held.startswith(plate) or plate in held:
            found.append(Match(record, 80, [f"it is part of the registration {held}"]))
    return found


def _phone(actor: Actor, value: str) -> list[Match]:
    try:
        number = normalise.phone(value)
    except ValidationError:
        return []
    return [Match(r, 100, [f"the same phone number, {r.display}, in another format"
                           if value.strip() != r.display else "the same phone number"])
            for r in _records(actor, "phone").filter(number=number)]


def place_parts(text: str) -> tuple[str, str]:
    """The postcode found in an address (normalised, or "") and its house number."""
    upper = text.upper()
    found = POSTCODE_IN_TEXT.search(upper)
    postcode = f"{found.group(1)} {found.group(2)}" if found else ""
    number = HOUSE_NUMBER.search(text)
    return postcode, (number.group(1).lower() if number else "")


def _location(actor: Actor, value: str) -> list[Match]:
    postcode, number = place_parts(value)
    found = []
    rows = _records(actor, "location")
    if postcode:
        rows = rows.filter(postcode=postcode)
    for record in rows:
        held_number = place_parts(record.address)[1]
        similar = round(fuzz.token_set_ratio(plain(value), plain(str(record))))
        if postcode and number and held_number == number:
            found.append(Match(record, 100, [f"the same postcode, {postcode}, and house "
                                             f"number, {number}"]))
        elif postcode and not (number and held_number):
            found.append(Match(record, 70, [f"the same postcode, {postcode}"]))
        elif similar >= 90:
            found.append(Match(record, similar, [f"the address is like it ({similar}% "
                                                 "similar)"]))
    return found


def _account(actor: Actor, value: str) -> list[Match]:
    handle = value.strip().lstrip("@").casefold()
    if not handle:
        return []
    found = []
    for record in _records(actor, "account").filter(handle__icontains=handle[:3]):
        held = record.handle.strip().lstrip("@").casefold()
        if held == handle:
            found.append(Match(record, 100, [f"the same handle, {record.handle}"]))
        elif fuzz.ratio(held, handle) >= 90:
            found.append(Match(record, 85, [f"the handle {record.handle} is like it"]))
    return found


MATCHERS: dict[str, Callable[[Actor, str], list[Match]]] = {
    "person": _person, "vehicle": _vehicle, "phone": _phone, "location": _location,
    "account": _account}


def likely_matches(actor: Actor, kind: str, value: str) -> list[Match]:
    """The best matches first (at most 10), each with why it may be the same."""
    found = MATCHERS[kind](actor, value)
    return sorted(found, key=lambda m: (-m.score, str(m.record)))[:MOST]


def merge_choices(actor: Actor, kind: str, record: Entity, text: str
                  ) -> list[tuple[int, str, str]]:
    """Records of the same kind to merge into `record`: (id, label, reasons), the likely
    duplicates with their reasons, or those the search for `text` finds."""
    if text:
        rows = unmerged(KINDS[kind].model.objects.for_actor(actor), kind)
        rows = rows.filter(pk__in=rows.filter(search_filter(kind, text)).values("pk"))
        if kind == "person":
            rows = rows.prefetch_related("names")
        return [(r.pk, str(r), "") for r in rows[:20] if r.pk != record.pk]
    value = {"person": getattr(record, "name", ""), "vehicle": getattr(
        record, "registration", ""), "phone": getattr(record, "number", ""),
        "account": getattr(record, "handle", ""), "location": str(record)}.get(kind, "")
    return [(m.record.pk, str(m.record), m.because) for m in likely_matches(
        actor, kind, value or str(record)) if m.record.pk != record.pk] if value else []
