"""Reading children's records: fetch-and-authorise (audited) and search."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import Http404

from macehub.access.actor import Actor
from macehub.audit.services import audit_shown
from macehub.people.models import Child
from macehub.people.search import Hit, search


def get_child_for(actor: Actor, pk: object, *, purpose: str = "") -> Child:
    """The child's record for someone whose role reaches it; else 404. Audited."""
    if not actor.has("child.view"):
        raise Http404("Not found")
    return Child.objects.get_for(actor, pk, purpose=purpose)


@dataclass
class Found:
    """A search's results, best first, each with why it matched, and whether more children
    match than are shown (a person is told so and narrows the search: results are never
    cut silently)."""

    hits: list[Hit]
    more: bool

    @property
    def children(self) -> list[Child]:
        return [hit.child for hit in self.hits]


def find_children(actor: Actor, *, name: str = "", date_of_birth: date | None = None,
                  limit: int = 50) -> Found:
    """By surname, first or known-as name (spelt alike, sounding alike or nearly alike),
    and/or date of birth (macehub.people.search). Audited: one event naming every record
    shown, with how many were shown (SECURITY S9)."""
    hits = search(actor, text=name, date_of_birth=date_of_birth, limit=limit + 1)
    found = Found(hits[:limit], more=len(hits) > limit)
    audit_reads(actor, found.children, action="child.search")
    return found


def audit_reads(actor: Actor, children: list[Child], *, action: str) -> None:
    """SECURITY S9: a search or list leaves one event naming every record shown (each
    findable on its own), with how many; never the search terms or filters."""
    audit_shown(action=action, actor=actor, records=children, purpose="search result")
