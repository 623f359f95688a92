"""The redaction step before a subject access export is released (SECURITY S19).

Third parties are other children and people named in the records. The names of every
other child of the partnership that appear in the text are found and proposed; the person
releasing the export adds any other names they see (an adult named in a note, a sibling's
nickname). A term that is one of the subject's own names is never redacted (a sibling may
share the surname): the releaser reads the preview and adds what must still go."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from macehub.people.models import Child, ChildName

if TYPE_CHECKING:
    from macehub.access.actor import Actor

REDACTED = "[third party]"
_WORD = re.compile(r"[^\W\d_][\w'-]+")


def _texts(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _texts(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _texts(inner)


def own_names(child: Child) -> set[str]:
    names = {child.first_name, child.last_name, *[str(n) for n in child.known_as or []]}
    for other in child.names.all():
        names |= {other.first_name, other.last_name}
    return {n.strip().casefold() for n in names if n and n.strip()}


def third_parties(system: Actor, child: Child, bundle: dict[str, Any]) -> list[str]:
    """Names of other children of the partnership that appear in the bundle's text."""
    words = {w.casefold() for text in _texts(bundle["sections"]) for w in _WORD.findall(text)}
    words -= own_names(child)
    if not words:
        return []
    found: set[str] = set()
    names = (ChildName.objects.for_actor(system).exclude(child=child)
             .filter(Q(first_norm__in=words) | Q(last_norm__in=words)))
    for row in names:
        found |= {n for n in (row.first_name, row.last_name) if n.casefold() in words}
    children = (Child.objects.for_actor(system).exclude(pk=child.pk)
                .filter(Q(first_name__in=_cased(words)) | Q(last_name__in=_cased(words))))
    for other in children:
        found |= {n for n in (other.first_name, other.last_name) if n.casefold() in words}
    return sorted({n for n in found if n.casefold() not in own_names(child)}, key=str.casefold)


def _cased(words: set[str]) -> list[str]:
    return sorted(words | {w.title() for w in words} | {w.upper() for w in words})


def apply(bundle: dict[str, Any], terms: Iterable[str]) -> tuple[dict[str, Any], int]:
    """A copy of the bundle's records with every term replaced; and how many were."""
    clean = sorted({t.strip() for t in terms if t and len(t.strip()) > 1}, key=len,
                   reverse=True)
    if not clean:
        return bundle, 0
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in clean) + r")\b",
                         re.IGNORECASE)
    count = 0

    def scrub(value: Any) -> Any:
        nonlocal count
        if isinstance(value, str):
            new, n = pattern.subn(REDACTED, value)
            count += n
            return new
        if isinstance(value, dict):
            return {k: scrub(v) for k, v in value.items()}
        if isinstance(value, list):
            return [scrub(v) for v in value]
        return value

    return {**bundle, "sections": scrub(bundle["sections"])}, count
