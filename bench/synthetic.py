"""Synthetic people and places, deterministic from a seed.

Names are drawn from short lists of common UK forenames and surnames (Zipf-weighted
surnames), addresses use invented street names with postcodes from unassigned example
ranges, e-mail addresses are @example.org and phone numbers come from Ofcom's drama range
07700 900000-900999. Nothing here is a real person. Later benchmarks scale the same
generator up (PERFORMANCE.md)."""

from __future__ import annotations

import random
from dataclasses import dataclass

FORENAMES = [
    "Amelia", "Olivia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Grace", "Sophia",
    "Oliver", "George", "Noah", "Arthur", "Leo", "Harry", "Oscar", "Jack", "Charlie", "Jacob",
    "Muhammad", "Aisha", "Zara", "Kai", "Rory", "Ellis", "Jordan", "Riley", "Alex", "Sam",
]
SURNAMES = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
    "Wood", "Jackson", "Clarke", "Khan", "Hughes", "Edwards", "Hill", "Moore", "Clark",
    "Harrison", "Scott", "Young", "Morris", "Ahmed", "Ali", "Begum", "Lewis", "Cooper",
]
STREETS = ["Alder", "Beacon", "Cedar", "Dovecote", "Elm", "Foundry", "Granary", "Hawthorn",
           "Kiln", "Larch", "Mill", "Orchard", "Quarry", "Rowan", "Saddler", "Tannery"]
STREET_KINDS = ["Road", "Street", "Lane", "Close", "Way", "Avenue"]
TOWNS = ["Exampleton", "Sampleford", "Testbury", "Demoham", "Mockley", "Fictonby"]


@dataclass(frozen=True)
class Person:
    first_name: str
    last_name: str
    email: str
    phone: str
    address: str
    postcode: str


class Synthetic:
    def __init__(self, seed: int = 1) -> None:
        # Not for security: a seeded generator makes the same data every run.
        self.random = random.Random(seed)  # noqa: S311
        self._weights = [1 / (rank + 1) for rank in range(len(SURNAMES))]
        self._phones: set[int] = set()

    def forename(self) -> str:
        return self.random.choice(FORENAMES)

    def surname(self) -> str:
        return self.random.choices(SURNAMES, weights=self._weights)[0]

    def phone(self) -> str:
        while True:
            number = self.random.randrange(1000)
            if number not in self._phones or len(self._phones) >= 1000:
                self._phones.add(number)
                return f"07700 900{number:03d}"

    def postcode(self) -> str:
        # "ZZ99" is not a real postcode district; the inward part looks ordinary.
        return f"ZZ99 {self.random.randrange(10)}{self.random.choice('ABDEFGHJLNPQRSTUWXYZ')}" \
            f"{self.random.choice('ABDEFGHJLNPQRSTUWXYZ')}"

    def address(self) -> str:
        number = self.random.randrange(1, 200)
        street = f"{self.random.choice(STREETS)} {self.random.choice(STREET_KINDS)}"
        return f"{number} {street}, {self.random.choice(TOWNS)}"

    def person(self) -> Person:
        first, last = self.forename(), self.surname()
        handle = f"{first}.{last}{self.random.randrange(100)}".lower()
        return Person(first, last, f"{handle}@example.org", self.phone(), self.address(),
                      self.postcode())
