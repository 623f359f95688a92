"""Who reaches disruption records: those who reach the intelligence they are aimed at
(macehub/intelligence/reach.py): the hub, chairs and analysts, and police panel members.
Other panel members, referrers, admins and auditors reach none."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from macehub.access.reach import grant
from macehub.intelligence.reach import NOTHING, PANEL, WHOLE, is_police

if TYPE_CHECKING:
    from macehub.access.actor import Actor


def _police(actor: Actor) -> Q:
    return Q() if is_police(actor) else NOTHING


grant("disruption.Disruption", name="The hub, chairs and analysts: every disruption of the "
                                    "partnership", roles=WHOLE)
grant("disruption.Disruption", name="A police panel member: every disruption of the "
                                    "partnership", roles=PANEL, rows=_police)
