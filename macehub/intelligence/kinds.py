"""The kinds of intelligence record, each with its model, its names for people to read and
the piece of address its pages and API operations live under."""

from __future__ import annotations

from dataclasses import dataclass

from macehub.intelligence.models import (
    Entity,
    Group,
    Location,
    OnlineAccount,
    PersonOfInterest,
    PhoneNumber,
    Vehicle,
)


@dataclass(frozen=True)
class Kind:
    key: str  # as links name it: person, vehicle, phone, account, location, group
    model: type[Entity]
    label: str  # "Person of interest"
    plural: str  # "Persons of interest"
    slug: str  # the address: /intelligence/people/, /api/v1/intelligence/people
    search_label: str  # what the list's text filter looks in


KINDS: dict[str, Kind] = {k.key: k for k in (
    Kind("person", PersonOfInterest, "Person of interest", "Persons of interest", "people",
         "Name, alias or street name"),
    Kind("vehicle", Vehicle, "Vehicle", "Vehicles", "vehicles", "Registration number"),
    Kind("phone", PhoneNumber, "Phone number", "Phone numbers", "phones",
         "Number or line name"),
    Kind("account", OnlineAccount, "Online account", "Online accounts", "accounts",
         "Platform or handle"),
    Kind("location", Location, "Location", "Locations", "locations",
         "Address or postcode"),
    Kind("group", Group, "Group", "Groups", "groups", "Name"),
)}


def kind_of(record: Entity) -> Kind:
    return KINDS[type(record).kind]
