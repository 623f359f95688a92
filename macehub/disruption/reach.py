"""Who reaches disruption records: those who reach the intelligence they are aimed at
(macehub/intelligence/reach.py): the hub, chairs and analysts, and police panel members.
Other panel members, referrers, admins and auditors reach none."""

from __future__ import annotations

from macehub.access.reach import grant
from macehub.intelligence.reach import PANEL, WHOLE, police_rows

grant("disruption.Disruption", name="The hub, chairs and analysts: every disruption of the "
                                    "partnership", roles=WHOLE)
grant("disruption.Disruption", name="A police panel member: every disruption of the "
                                    "partnership", roles=PANEL, rows=police_rows)
