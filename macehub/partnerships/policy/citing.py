"""Sources as people read them: "Dudley MACE and CEOG Terms of Reference (July 2021),
section 'MACE Purpose'".

A pack declares the documents it cites once, in `[documents.<key>]` (title, version,
date, owner), and every rule's source names a document key and a section:

    source = "dudley_tor §MACE Purpose"      # the document and a section
    source = "dudley_tor"                    # the document as a whole
    source = "default: source silent; ..."   # the document does not say

The text of a default, and a note, may point at a document in braces,
`{essex_arrangements §6.1}`; it reads as the document's title and section too. The
schema refuses a source or a brace naming a document the pack does not declare."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints

DEFAULT_SOURCE = "Partnership default (the document does not say)"
# A source citing a document: the document's key, then optionally " §" and a section.
CITATION = re.compile(r"^(?P<key>[a-z][a-z0-9_]*)(?: §(?P<section>\S.*))?$")
# A document named inside free text (a default's reason, a note): "{key §section}".
BRACED = re.compile(r"\{(?P<key>[a-z][a-z0-9_]*)(?: §(?P<section>[^}]+))?\}")
# What must never reach a page: the seed files' names and the design documents.
FILE_NAME = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
INTERNAL = re.compile(
    r"\b\d{3}_[0-9a-f]{16}\.txt\b|\b(?:DOMAIN|ARCHITECTURE|SECURITY|STYLE|PERFORMANCE)\b"
    r"(?:\.md)?|§"
)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


class Document(BaseModel):
    """One source document: what users read in place of its key."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    title: Annotated[str, StringConstraints(min_length=1)]
    owner: Annotated[str, StringConstraints(min_length=1)]  # the partnership or board
    version: str | None = None  # as the document gives it ("Draft V2"); None: not given
    # Publication date as the document gives it: "2021-07" (a month) or "2018-09-01".
    date: Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$")] | None = (
        None)

    @property
    def dated(self) -> str:
        """"July 2021", "1 September 2018", or "" when the document gives no date."""
        if not self.date:
            return ""
        parts = [int(p) for p in self.date.split("-")]
        month = MONTHS[parts[1] - 1]
        if len(parts) == 3:
            day = date(parts[0], parts[1], parts[2])  # raises on 2021-02-30
            return f"{day.day} {month} {day.year}"
        return f"{month} {parts[0]}"

    @property
    def name(self) -> str:
        """The title with its date: "Dudley MACE and CEOG Terms of Reference (July 2021)"."""
        return f"{self.title} ({self.dated})" if self.dated else self.title


Documents = Mapping[str, Document]


def section_words(section: str) -> str:
    """ "6.5" → "section 6.5"; "MACE Purpose" → "section 'MACE Purpose'"."""
    section = " ".join(section.replace("§", "").split())
    if section[:1].isdigit():
        return f"section {section}"
    return f"section \u201c{section}\u201d" if "'" in section else f"section '{section}'"


def reference(key: str, section: str | None, documents: Documents) -> str:
    doc = documents.get(key)
    name = doc.name if doc else key
    return f"{name}, {section_words(section)}" if section else name


def parse(source: str) -> tuple[str, str | None] | None:
    """(document key, section) of a citing source; None for a default or a malformed one."""
    match = CITATION.match(source.strip())
    return (match["key"], match["section"]) if match else None


def cite(source: str, documents: Documents, *, default: bool = False) -> str:
    """The source as users read it; a default reads as the partnership's default."""
    if default:
        return DEFAULT_SOURCE
    cited = parse(source)
    return reference(*cited, documents) if cited else source


def in_words(text: str, documents: Documents) -> str:
    """Free text with every `{key §section}` read as the document's title and section."""
    return BRACED.sub(lambda m: reference(m["key"], m["section"], documents), text)


def why_default(source: str, documents: Documents) -> str:
    """Why a default was chosen, from the text after "default:" ("" for a sourced rule)."""
    if not source.strip().lower().startswith("default"):
        return ""
    text = source.split(":", 1)[1] if ":" in source else ""
    text = in_words(" ".join(text.split()), documents)
    return text[:1].upper() + text[1:]


def citing_problems(source: str, note: str | None, default: bool,
                    documents: Documents) -> list[str]:
    """What is wrong with a rule's source and note: an unknown document, a file name."""
    problems: list[str] = []
    keys: list[str] = []
    if not default:
        cited = parse(source)
        if cited is None:
            problems.append(f"{source!r} does not cite a document: write '<document> §<section>'"
                            " with a key from [documents]")
        else:
            keys.append(cited[0])
    for text in (source, note or ""):
        keys.extend(match["key"] for match in BRACED.finditer(text))
        if FILE_NAME.search(text):
            problems.append("names a file: cite the document's key from [documents]")
    known = ", ".join(documents) or "none"
    problems.extend(f"unknown document {key!r} (this pack declares: {known})"
                    for key in dict.fromkeys(keys) if key not in documents)
    return problems


def sourced_paths(obj: Any, path: str = "") -> Iterator[tuple[str, BaseModel]]:
    """Every model in a pack with its dotted path, parents before children."""
    if isinstance(obj, dict):
        for key, item in obj.items():
            yield from sourced_paths(item, f"{path}.{key}" if path else str(key))
        return
    if not isinstance(obj, BaseModel) or isinstance(obj, Document):
        return
    yield path, obj
    for name in type(obj).model_fields:
        yield from sourced_paths(getattr(obj, name), f"{path}.{name}" if path else name)
