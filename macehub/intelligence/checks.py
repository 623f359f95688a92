"""What each kind of intelligence record must hold, checked before anything is saved:
every problem with an input found in one pass, each naming its field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.utils import timezone

from macehub.access.actor import Actor
from macehub.intelligence import normalise
from macehub.intelligence.models import (
    Entity,
    GroupType,
    LocationStatus,
    LocationType,
    PersonOfInterest,
    PhoneNumber,
    PoiStatus,
    Vehicle,
)
from macehub.lib.errors import Problems, StaleEdit
from macehub.people.models import Child

Fields = dict[str, Any]


def text(data: Fields, name: str) -> str:
    return str(data.get(name) or "").strip()


def choice(problems: Problems, data: Fields, name: str, choices: Any, message: str) -> str:
    value = text(data, name)
    if value not in choices.values:
        problems.add(name, message)
    return value


def required(problems: Problems, data: Fields, name: str, message: str) -> str:
    value = text(data, name)
    if not value:
        problems.add(name, message)
    return value


def _names(data: Fields, name: str) -> list[str]:
    seen: list[str] = []
    for value in data.get(name) or []:
        value = str(value).strip()
        if value and value.casefold() not in {s.casefold() for s in seen}:
            seen.append(value)
    return seen


def person(actor: Actor, data: Fields, record: Entity | None) -> Fields:
    problems = Problems()
    out: Fields = {name: text(data, name) for name in (
        "name", "height", "build", "marks", "description", "addresses", "notes")}
    out["aliases"], out["street_names"] = _names(data, "aliases"), _names(data, "street_names")
    if not (out["name"] or out["aliases"] or out["street_names"]):
        problems.add("name", "Enter a name, an alias or a street name")
    born: date | None = data.get("date_of_birth")
    age = data.get("approximate_age")
    if born is not None and born > timezone.localdate():
        problems.add("date_of_birth", "Date of birth must be in the past")
    if born is not None and age is not None:
        problems.add("approximate_age", "Give a date of birth or an approximate age, not both")
    if age is not None and not 1 <= int(age) <= 120:
        problems.add("approximate_age", "Approximate age must be between 1 and 120")
    out["date_of_birth"], out["approximate_age"] = born, age
    out["status"] = choice(problems, data, "status", PoiStatus, "Select the person's status")
    out["release_on"] = data.get("release_on")
    if out["release_on"] is not None and out["status"] != PoiStatus.IN_CUSTODY:
        problems.add("release_on", "Give a release date only for a person in custody")
    child: Child | None = data.get("child")
    if child is not None:
        if child.partnership_id != actor.partnership.pk:
            problems.add("child", "Select a child of this partnership")
        else:
            taken = PersonOfInterest.objects.for_bookkeeping(
                actor, why="a child is recorded as a person of interest once").filter(
                child=child)
            if record is not None:
                taken = taken.exclude(pk=record.pk)
            if taken.exists():
                problems.add("child", "This child is already recorded as a person of "
                                      "interest")
    out["child"] = child
    problems.raise_any()
    return out


def _normalised(problems: Problems, normalise_one: Callable[[], str]) -> str:
    with problems.check():
        return normalise_one()
    return ""


def vehicle(actor: Actor, data: Fields, record: Entity | None) -> Fields:
    problems = Problems()
    partial = bool(data.get("partial"))
    plate = _normalised(problems, lambda: normalise.registration(
        text(data, "registration"), partial=partial))
    if plate and not partial:
        same = Vehicle.objects.for_bookkeeping(
            actor, why="a full registration is recorded once").filter(
            registration=plate, partial=False)
        if record is not None:
            same = same.exclude(pk=record.pk)
        if same.exists():
            problems.add("registration", "A vehicle with this registration number is already "
                                         "recorded")
    problems.raise_any()
    return {"registration": plate, "partial": partial,
            **{name: text(data, name) for name in ("make", "model", "colour", "notes")}}


def phone(actor: Actor, data: Fields, record: Entity | None) -> Fields:
    problems = Problems()
    number = _normalised(problems, lambda: normalise.phone(text(data, "number")))
    if number:
        same = PhoneNumber.objects.for_bookkeeping(
            actor, why="a phone number is recorded once").filter(number=number)
        if record is not None:
            same = same.exclude(pk=record.pk)
        if same.exists():
            problems.add("number", "This phone number is already recorded")
    deal_line, line_name = bool(data.get("deal_line")), text(data, "line_name")
    if line_name and not deal_line:
        problems.add("line_name", "Give a line name only for a deal line")
    problems.raise_any()
    return {"number": number, "deal_line": deal_line, "line_name": line_name,
            "notes": text(data, "notes")}


def account(actor: Actor, data: Fields, record: Entity | None) -> Fields:
    problems = Problems()
    out = {"platform": required(problems, data, "platform", "Enter the platform"),
           "handle": required(problems, data, "handle", "Enter the handle or username"),
           "notes": text(data, "notes")}
    problems.raise_any()
    return out


def location(actor: Actor, data: Fields, record: Entity | None) -> Fields:
    problems = Problems()
    out: Fields = {
        "address": required(problems, data, "address",
                            "Enter the address or a description of the place"),
        "postcode": _normalised(problems, lambda: normalise.postcode(text(data, "postcode"))),
        "type": choice(problems, data, "type", LocationType, "Select the type of location"),
        "status": choice(problems, data, "status", LocationStatus,
                         "Select whether it is a vulnerable location or a hotspot"),
        "approximate": bool(data.get("approximate")), "notes": text(data, "notes"),
        "latitude": data.get("latitude"), "longitude": data.get("longitude")}
    with problems.check():
        normalise.point(out["latitude"], out["longitude"])
    # Essex arrangements §6.1 (MACE 2), Dudley ToR §CEOG Purpose: a location becomes a
    # hotspot only by a forum's recorded decision (macehub.intelligence.promotion).
    was = getattr(record, "status", None)
    if out["status"] == LocationStatus.HOTSPOT and was != LocationStatus.HOTSPOT:
        problems.add("status", "A location becomes a hotspot only by a meeting's recorded "
                               "decision: record it as a vulnerable location, then make it "
                               "a hotspot from its page")
    area = data.get("area")
    if area is not None and area.partnership_id != actor.partnership.pk:
        problems.add("area", "Select an area of this partnership")
    out["area"] = area
    problems.raise_any()
    return out


def group(actor: Actor, data: Fields, record: Entity | None) -> Fields:
    problems = Problems()
    out = {"name": required(problems, data, "name", "Enter the group's name"),
           "type": choice(problems, data, "type", GroupType, "Select the type of group"),
           "description": text(data, "description"), "notes": text(data, "notes")}
    problems.raise_any()
    return out


CHECKS: dict[str, Callable[[Actor, Fields, Entity | None], Fields]] = {
    "person": person, "vehicle": vehicle, "phone": phone, "account": account,
    "location": location, "group": group}


def stale(record: Any, version: int | None) -> None:
    """Refuse a change made from an older version than the record's."""
    if version is None or int(version) != record.version:
        raise StaleEdit("Someone else changed this record while you were editing it. Reload "
                        "the page to see their change, then make yours again.")

