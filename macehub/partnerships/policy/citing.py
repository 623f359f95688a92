"""Sources as people read them: "Dudley MACE terms of reference, Introduction".

A pack cites its documents by file name and section ("003_b0ed44f03d8dc5c7.txt
§Introduction"), which is exact for the person editing the pack. Users read the
document's title instead: each pack names the titles of the documents it cites in
`[documents]`, and every source is rewritten with them once, when the pack loads."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import BaseModel

DEFAULT_SOURCE = "Partnership default (the document does not say)"
DOCUMENT = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")


def documents_named(source: str) -> list[str]:
    return DOCUMENT.findall(source)


def cite(source: str, titles: Mapping[str, str], *, default: bool = False) -> str:
    """The source as users read it; a default reads as the partnership's default."""
    if default:
        return DEFAULT_SOURCE
    return _titled(source, titles)


def why_default(source: str, titles: Mapping[str, str]) -> str:
    """Why a default was chosen, from the text after "default:" ("" for a sourced rule)."""
    if not source.strip().lower().startswith("default"):
        return ""
    text = source.split(":", 1)[1] if ":" in source else ""
    text = _titled(text.strip(), titles)
    return text[:1].upper() + text[1:]


def _titled(text: str, titles: Mapping[str, str]) -> str:
    text = re.sub(r"§\s*(?=\d)", "section ", text).replace("§", "")

    def title(match: re.Match[str]) -> str:
        return titles.get(match[0], match[0])

    text = DOCUMENT.sub(title, text)
    for name in titles.values():  # "<title> title" → "<title>", "<title> §x" → "<title>, x"
        text = text.replace(f"{name} title", name)
        text = re.sub(rf"{re.escape(name)} (?=\S)", f"{name}, ", text)
    return " ".join(text.split())


def sourced_paths(obj: Any, path: str = "") -> Iterator[tuple[str, BaseModel]]:
    """Every model in a pack with its dotted path, parents before children."""
    if isinstance(obj, dict):
        for key, item in obj.items():
            yield from sourced_paths(item, f"{path}.{key}" if path else str(key))
        return
    if not isinstance(obj, BaseModel):
        return
    yield path, obj
    for name in type(obj).model_fields:
        yield from sourced_paths(getattr(obj, name), f"{path}.{name}" if path else name)
