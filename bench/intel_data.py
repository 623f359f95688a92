"""Synthetic persons of interest for the intelligence benchmarks (B1, B2): names with
aliases written as agencies write them (macehub.demo.synth_names), a labelled set of
misspelt queries, and the records written in bulk for the product's own search path."""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from typing import Any

from bench.synthetic import FORENAMES, SURNAMES
from macehub.demo.synth_names import alias_of, invented_surname, misspell

Person = tuple[str, list[str]]  # a name and its aliases


def people(n: int, seed: int = 1) -> list[Person]:
    """`n` persons: a forename, sometimes a middle initial, and a surname (half invented,
    so that there are many); a third have an alias."""
    rng = random.Random(seed)  # noqa: S311 - a seeded generator makes the same data
    made = []
    for _ in range(n):
        last = rng.choice(SURNAMES) if rng.random() < 0.3 else invented_surname(rng)
        middle = f" {rng.choice('ABCDEFGHJKLMNPRSTW')}" if rng.random() < 0.4 else ""
        name = f"{rng.choice(FORENAMES)}{middle} {last}"
        made.append((name, [alias_of(rng, name)] if rng.random() < 0.33 else []))
    return made


def misspelt(persons: Sequence[Person], q: int, seed: int = 2) -> list[tuple[str, str]]:
    """`q` queries, each a name of a person with one slip (a letter dropped, doubled,
    swapped or mistyped in one part), labelled with the name meant."""
    rng = random.Random(seed)  # noqa: S311
    out = []
    for _ in range(q):
        name = rng.choice(persons)[0]
        parts = name.split()
        at = max(range(len(parts)), key=lambda i: (len(parts[i]) >= 3, rng.random()))
        parts[at] = misspell(rng, parts[at])
        out.append((" ".join(parts), name))
    return out


def partnership(slug: str) -> Any:
    from macehub.access.actor import actor_for
    from macehub.accounts.models import Membership, User
    from macehub.partnerships.models import Partnership

    place = Partnership.objects.create(slug=slug, name=slug, policy_key="dudley")
    user = User.objects.create(username=f"bench-{slug}", email=f"bench-{slug}@example.org")
    Membership.objects.create(user=user, partnership=place, role="hub_coordinator")
    return actor_for(user, place.pk)


def store(actor: Any, persons: Sequence[Person]) -> float:
    """Write the persons and their aliases in bulk; returns the seconds taken."""
    from macehub.intelligence.models import PersonName, PersonOfInterest

    began = time.perf_counter()
    made = PersonOfInterest.objects.bulk_create(
        [PersonOfInterest(partnership=actor.partnership, created_by=actor.user, name=name)
         for name, _ in persons], batch_size=5000)
    PersonName.objects.bulk_create(
        [PersonName(partnership=actor.partnership, person=record, name=alias, kind="alias")
         for record, (_, aliases) in zip(made, persons, strict=True) for alias in aliases],
        batch_size=5000)
    return time.perf_counter() - began


def p95(seconds: list[float]) -> float:
    ordered = sorted(seconds)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
