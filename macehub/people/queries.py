"""Reading children's records: fetch-and-authorise (audited) and search."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import Http404

from macehub.access.actor import Actor
from macehub.audit.services import audit_shown
from macehub.people.matching import find_matches, normalise
from macehub.people.models import Child, ChildName


def get_child_for(actor: Actor, pk: object, *, purpose: str = "") -> Child:
    """The child's record for someone whose role reaches it; else 404. Audited."""
    if not actor.has("child.view"):
        raise Http404("Not found")
    return Child.objects.get_for(actor, pk, purpose=purpose)


@dataclass
class Found:
    """A search's results, closest first, and whether more children match than are shown
    (a person is told so and narrows the search: results are never cut silently)."""

    children: list[Child]
    more: bool


def find_children(actor: Actor, *, name: str = "", date_of_birth: date | None = None,
                  limit: int = 50) -> Found:
    """By name or known-as name (with typos), and/or date of birth. Audited: one event per
    record shown, with how many were shown."""
    results = _search(actor, name=name, date_of_birth=date_of_birth, limit=limit + 1)
    shown = results[:limit]
    audit_reads(actor, shown, action="child.search")
    return Found(shown, more=len(results) > limit)


def search_children(actor: Actor, *, name: str = "", date_of_birth: date | None = None,
                    limit: int = 50) -> list[Child]:
    """The closest `limit` children (see find_children)."""
    return find_children(actor, name=name, date_of_birth=date_of_birth, limit=limit).children


def _search(actor: Actor, *, name: str, date_of_birth: date | None,
            limit: int) -> list[Child]:
    results: list[Child] = []
    text = normalise(name)
    if text:
        parts = text.split(" ")
        first, last = parts[0], " ".join(parts[1:]) or parts[0]
        matches = find_matches(actor, first_name=first, last_name=last,
                               date_of_birth=date_of_birth, limit=limit)
        results = [m.child for m in matches]
        # A single word may be a known-as name or a surname: look those up exactly too.
        ids = ChildName.objects.for_actor(actor).filter(
            first_name__iexact=text).values_list("child_id", flat=True) if len(parts) == 1 \
            else []
        seen = {c.pk for c in results}
        extra = Child.objects.for_actor(actor).filter(pk__in=list(ids)).exclude(pk__in=seen)
        if date_of_birth:
            extra = extra.filter(date_of_birth=date_of_birth)
        results += list(extra[: max(0, limit - len(results))])
    elif date_of_birth:
        results = list(Child.objects.for_actor(actor).filter(
            date_of_birth=date_of_birth).order_by("last_name", "first_name", "pk")[:limit])
    return results


def audit_reads(actor: Actor, children: list[Child], *, action: str) -> None:
    """SECURITY S9: a search or list leaves one event naming every record shown (each
    findable on its own), with how many; never the search terms or filters."""
    audit_shown(action=action, actor=actor, records=children, purpose="search result")
