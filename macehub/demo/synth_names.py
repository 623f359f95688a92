"""Names as agencies write them down: the same child spelt differently in different
notifications (a letter dropped, doubled or swapped, a slip of the keyboard), nicknames
and shortened forms, and aliases. All invented, from short lists of common names."""

from __future__ import annotations

import random

# Forms children go by and that an agency may write instead of the legal name.
SHORT_FORMS = {
    "Amelia": ["Millie", "Amy"], "Olivia": ["Liv", "Livvy"], "Isla": ["Izzy"],
    "Sophia": ["Sophie"], "Grace": ["Gracie"], "Oliver": ["Olly", "Ollie"],
    "George": ["Georgie"], "Harry": ["H"], "Charlie": ["Chaz"], "Jacob": ["Jake"],
    "Muhammad": ["Mo", "Mohammed", "Mohammad"], "Aisha": ["Ayesha"], "Alex": ["Lex"],
    "Jordan": ["JJ"], "Riley": ["Ri"], "Samuel": ["Sam", "Sammy"], "Zara": ["Zee"],
}
STREET_NAMES = ["Ghost", "Snipz", "Blade", "Tiny", "Smokey", "K-Dog", "Ace", "Flex",
                "Shadow", "Rico", "Mini", "Bandz", "Trapz", "Lil T", "Dubz", "Ziggy"]
KEYBOARD = {"a": "s", "e": "r", "i": "o", "o": "p", "n": "m", "m": "n", "r": "t",
            "t": "y", "s": "d", "l": "k", "h": "j", "c": "v", "y": "u"}


def misspell(rng: random.Random, name: str) -> str:
    """One slip: a letter dropped, doubled, swapped with the next, or mistyped."""
    if len(name) < 3:
        return name
    at = rng.randrange(1, len(name) - 1)
    slip = rng.randrange(4)
    if slip == 0:
        return name[:at] + name[at + 1:]
    if slip == 1:
        return name[:at] + name[at] + name[at:]
    if slip == 2:
        return name[:at] + name[at + 1] + name[at] + name[at + 2:]
    letter = name[at].lower()
    return name[:at] + KEYBOARD.get(letter, letter) + name[at + 1:]


def as_written(rng: random.Random, first: str, last: str, known_as: list[str],
               typo_rate: float = 0.1) -> tuple[str, str]:
    """How one notification names the child: mostly the legal name, sometimes a form the
    child goes by, about `typo_rate` of the time with a slip in it."""
    if known_as and rng.random() < 0.15:
        parts = rng.choice(known_as).split()
        first = parts[0]
        last = " ".join(parts[1:]) or last
    if rng.random() < typo_rate:
        if rng.random() < 0.5:
            first = misspell(rng, first)
        else:
            last = misspell(rng, last)
    return first, last


def known_as(rng: random.Random, first: str, last: str) -> list[str]:
    """About one child in seven goes by another name."""
    if rng.random() >= 0.15:
        return []
    forms = SHORT_FORMS.get(first)
    if forms:
        return [f"{rng.choice(forms)} {last}"]
    return [f"{rng.choice(STREET_NAMES)}"]
