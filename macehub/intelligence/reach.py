"""Who reaches intelligence records (need to know).

- The hub and chairs manage the partnership's intelligence; analysts and the police read
  it (graded intelligence is theirs to assess): every record of the partnership.
- A panel member reaches intelligence only for the police; any other agency's panel
  member reaches none of it until an agenda opens it. Referrers, admins and auditors
  reach none (no grant).
- A link with handling code C is reached only by the roles its conditions name; a link
  with handling code P by everyone who reaches intelligence.

A link to a child names the child only to those who reach the child's record
(macehub.intelligence.queries.ends)."""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from django.db.models import Q

from macehub.access.reach import grant
from macehub.access.roles import Role
from macehub.partnerships.models import AgencyType

if TYPE_CHECKING:
    from macehub.access.actor import Actor

WHOLE = (Role.HUB_COORDINATOR, Role.CHAIR, Role.ANALYST)
PANEL = (Role.PANEL_MEMBER,)
ENTITIES = ("intelligence.PersonOfInterest", "intelligence.PersonName",
            "intelligence.Vehicle", "intelligence.PhoneNumber", "intelligence.OnlineAccount",
            "intelligence.Location", "intelligence.Group")
NOTHING = Q(pk__in=[])


def is_police(actor: Actor) -> bool:
    return any(m.agency_id and m.agency.type == AgencyType.POLICE for m in actor.memberships
               if m.role == Role.PANEL_MEMBER)


def _police(actor: Actor) -> Q:
    return Q() if is_police(actor) else NOTHING


def _handling_allows(actor: Actor) -> Q:
    """Handling code P, or C naming one of the actor's roles in its conditions."""
    roles = sorted(actor.roles)
    named = reduce(or_, (Q(disclose_to__contains=f",{r},") for r in roles), NOTHING)
    return Q(handling="P") | (Q(handling="C") & named)


def _police_handling_allows(actor: Actor) -> Q:
    return _handling_allows(actor) if is_police(actor) else NOTHING


for model in ENTITIES:
    grant(model, name="The hub, chairs and analysts: every intelligence record of the "
                      "partnership", roles=WHOLE)
    grant(model, name="A police panel member: every intelligence record of the partnership",
          roles=PANEL, rows=_police)

grant("intelligence.Link", name="The hub, chairs and analysts: every link their handling "
                                "conditions allow", roles=WHOLE, rows=_handling_allows)
grant("intelligence.Link", name="A police panel member: every link its handling conditions "
                                "allow", roles=PANEL, rows=_police_handling_allows)
