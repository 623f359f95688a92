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


# Invented surname parts: joined, they give a few thousand surnames that no list of real
# people need hold, so that a search over many persons has more than a few names to find.
SURNAME_STARTS = ["Ash", "Brad", "Carr", "Dun", "Fair", "Gold", "Hart", "Kings", "Lang",
                  "Marsh", "Nor", "Pen", "Red", "Stan", "Thorn", "Wey", "Whit", "Ald",
                  "Bram", "Crow", "Elm", "Fen", "Hol", "Mar", "Oak", "Rad", "Sel", "Tal"]
SURNAME_ENDS = ["ford", "ley", "ton", "well", "wick", "by", "field", "more", "ham",
                "worth", "stead", "bridge", "cott", "dale", "hurst", "brook", "wood", "bury"]


def invented_surname(rng: random.Random) -> str:
    return rng.choice(SURNAME_STARTS) + rng.choice(SURNAME_ENDS)


def alias_of(rng: random.Random, name: str) -> str:
    """Another way the same person's name is written: a slip in one part, or a short form
    of the forename."""
    parts = name.split()
    if len(parts) > 1 and parts[0] in SHORT_FORMS and rng.random() < 0.3:
        return " ".join([rng.choice(SHORT_FORMS[parts[0]]), *parts[1:]])
    at = rng.randrange(len(parts))
    parts[at] = misspell(rng, parts[at])
    return " ".join(parts)
