"""The synthetic data generator's intelligence (macehub.demo.synth): persons of interest
with aliases (their own name written with a slip, or a short form) and street names (some
misspelt), vehicles, phones (a few deal lines), online accounts, places with points around
a few hotspots, groups with members, and links between them and the children."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from bench.synthetic import FORENAMES, STREETS, SURNAMES, TOWNS
from macehub.demo.synth_names import STREET_NAMES, alias_of, invented_surname, misspell
from macehub.intelligence.models import (
    Group,
    Link,
    Location,
    OnlineAccount,
    PersonName,
    PersonOfInterest,
    PhoneNumber,
    Vehicle,
)

if TYPE_CHECKING:
    from macehub.demo.synth import Built

# Ofcom's numbers for drama in geographic and other ranges, 1,000 in each (the mobile
# range 07700 900xxx is left to the demo data and the tests). A phone is recorded once, so
# the generator makes at most this many.
DRAMA = ["+441134960", "+441144960", "+441154960", "+441164960", "+441174960", "+441184960",
         "+441214960", "+441314960", "+441414960", "+441514960", "+441614960", "+441914980",
         "+442079460", "+442896496", "+442920180", "+441632960", "+443069990", "+448081570",
         "+449098790"]
PLATFORMS = ["Snapchat", "Instagram", "TikTok", "Telegram", "WhatsApp"]
GROUP_WORDS = ["line", "crew", "boys", "chat"]
GROUP_TYPES = ["ocg", "gang", "county_line", "peer_group", "online_group"]


def person_name(rng: Any) -> str:
    """A forename and a surname, half of them invented so that names are many."""
    last = rng.choice(SURNAMES) if rng.random() < 0.5 else invented_surname(rng)
    return f"{rng.choice(FORENAMES)} {last}"


def intelligence(built: Built) -> None:
    """Everything of intelligence, in proportion to the scale."""
    rng, scale, p, user = built.rng, built.scale, built.partnership, built.users["analyst"]
    common = {"partnership_id": p.pk, "created_by_id": user.pk}
    persons = built.writer.ids(PersonOfInterest, scale.persons)
    person_names = [person_name(rng) for _ in persons]
    built.writer.write(PersonOfInterest, ({
        **common, "id": pk, "name": name, "approximate_age": rng.randrange(18, 45)}
        for pk, name in zip(persons, person_names, strict=True)))
    names = built.writer.ids(PersonName, scale.aliases)

    def other_name(pk: int) -> dict[str, Any]:
        at = rng.randrange(len(persons))
        if rng.random() < 0.3:
            street = rng.choice(STREET_NAMES)
            return {"id": pk, "partnership_id": p.pk, "person_id": persons[at],
                    "kind": "street_name",
                    "name": misspell(rng, street) if rng.random() < 0.1 else street}
        return {"id": pk, "partnership_id": p.pk, "person_id": persons[at], "kind": "alias",
                "name": alias_of(rng, person_names[at])}
    built.writer.write(PersonName, (other_name(pk) for pk in names))
    letters = "ABCDEFGHJKLMNOPRSTUVWXY"
    vehicles = built.writer.ids(Vehicle, scale.vehicles)
    plates = {"AB12CDE"}  # the tests' vehicle

    def plate() -> str:  # a registration is recorded once
        while True:
            made = f"{rng.choice(letters)}{rng.choice(letters)}{rng.randrange(10, 75)}" \
                f"{''.join(rng.choices(letters, k=3))}"
            if made not in plates:
                plates.add(made)
                return made
    built.writer.write(Vehicle, ({
        **common, "id": pk, "registration": plate(),
        "make": rng.choice(["Ford", "Vauxhall", "BMW", "Audi"]),
        "colour": rng.choice(["Black", "White", "Silver", "Blue"])} for pk in vehicles))
    phones = built.writer.ids(PhoneNumber, min(scale.phones, len(DRAMA) * 1000))
    built.writer.write(PhoneNumber, ({
        **common, "id": pk, "number": f"{DRAMA[n % len(DRAMA)]}{n // len(DRAMA) % 1000:03d}",
        "deal_line": rng.random() < 0.05} for n, pk in enumerate(phones)))
    accounts = built.writer.ids(OnlineAccount, scale.accounts)
    built.writer.write(OnlineAccount, ({
        **common, "id": pk, "platform": rng.choice(PLATFORMS),
        "handle": f"{rng.choice(STREET_NAMES).lower().replace(' ', '_')}_{n}"}
        for n, pk in enumerate(accounts)))
    groups = built.writer.ids(Group, scale.groups)
    built.writer.write(Group, ({
        **common, "id": pk, "name": f"{rng.choice(STREETS)} {rng.choice(GROUP_WORDS)} {n + 1}",
        "type": rng.choice(GROUP_TYPES)} for n, pk in enumerate(groups)))
    hotspots = [(Decimal("51.55") + Decimal(rng.randrange(0, 3000)) / 10000,
                 Decimal("0.30") + Decimal(rng.randrange(0, 6000)) / 10000) for _ in range(30)]
    locations = built.writer.ids(Location, scale.locations)
    built.writer.write(Location, ({
        **common, "id": pk, "address": f"{rng.randrange(1, 300)} {rng.choice(STREETS)} "
        f"Parade, {rng.choice(TOWNS)}", "type": rng.choice(["premises", "takeaway", "park",
                                                           "transport_hub", "hotel", "home"]),
        "latitude": lat + Decimal(rng.randrange(-50, 50)) / 10000,
        "longitude": lon + Decimal(rng.randrange(-50, 50)) / 10000,
        "area_id": built.areas[rng.randrange(len(built.areas))].pk,
        "status": rng.choice(["not_assessed", "vulnerable", "hotspot"])}
        for pk in locations for lat, lon in [rng.choice(hotspots)]))
    children = built.child_ids[:max(built.scale.missing_children, 1)]
    place_weights = built.zipf(len(locations), 0.9)
    ends = {"person": persons, "vehicle": vehicles, "phone": phones, "child": children}
    kinds = [("person", "child", "exploiter_of"), ("person", "person", "associate"),
             ("person", "vehicle", "uses"), ("person", "phone", "uses"),
             ("child", "child", "seen_with"), ("child", "person", "seen_with")]

    def link(a_kind: str, a_id: int, b_kind: str, b_id: int, kind: str) -> dict[str, Any]:
        return {"partnership_id": p.pk, "a_kind": a_kind, "a_id": a_id, "b_kind": b_kind,
                "b_id": b_id, "kind": kind, "source_kind": "police_notification",
                "source_evaluation": rng.choice("12"), "assessment": rng.choice("ABC"),
                "handling": "P", "recorded_by_id": user.pk,
                "recorded_at": built.moment(built.start)}

    extra = scale.members + len(accounts)
    ids = iter(built.writer.ids(Link, scale.located + scale.links + extra))

    def rows() -> Any:
        for _ in range(scale.located):
            place = locations[rng.choices(range(len(locations)), cum_weights=place_weights)[0]]
            who = rng.choice(("child", "person"))
            yield {**link(who, rng.choice(ends[who]), "location", place, "frequents"),
                   "id": next(ids)}
        for _ in range(scale.links):
            a, b, kind = rng.choice(kinds)
            a_id, b_id = rng.choice(ends[a]), rng.choice(ends[b])
            if (a, a_id) == (b, b_id):
                b_id = ends[b][0] if b_id != ends[b][0] else ends[b][-1]
            yield {**link(a, a_id, b, b_id, kind), "id": next(ids)}
        for _ in range(scale.members if groups else 0):
            who = rng.choice(("child", "person", "person"))
            yield {**link(who, rng.choice(ends[who]), "group", rng.choice(groups),
                          "member_of"), "id": next(ids)}
        for account in accounts:
            yield {**link("person", rng.choice(persons), "account", account, "uses"),
                   "id": next(ids)}
    built.writer.write(Link, rows())
