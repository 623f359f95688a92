"""What a person reads on a page: its text, without tags, attributes, scripts or styles,
and the codes (snake_case words, model labels) that must never be part of it. Text in
<code> is what a person types or a file holds (an import file's column name), so it is
not prose and is left out, as is a value quoted as literal input (‘care_placement’)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# A code: a snake_case word ("hub_coordinator"), a model label ("cases.case 5") or a
# record with no name of its own ("AgendaItem object (6)").
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b|\b[a-z]+\.[a-z]+\b(?=\s+\d)|\b[A-Z]\w+ object \(\d+\)")
_URL = re.compile(r"https?://\S+|/[\w/.-]*[_/][\w/.-]*")
_EMAIL = re.compile(r"\S+@\S+")
_TYPED = re.compile("\u2018[^\u2019]*\u2019")  # literal input: ‘care_placement’


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template", "code"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template", "code") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def codes_in(html: str, allowed: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Codes in the page's visible text (URLs, e-mail addresses and `allowed` words such
    as usernames aside)."""
    text = _TYPED.sub(" ", _EMAIL.sub(" ", _URL.sub(" ", visible_text(html))))
    return sorted(set(CODE.findall(text)) - set(allowed))
