"""Who reaches the missing records.

- The hub and chairs keep the missing records: every one of the partnership.
- A panel member sits at the missing meetings (Dudley's daily missing meeting with Locate
  Police, 003 §Introduction; Thurrock's RMM, 002 §2.2), so they reach the episodes and
  triggers on the list of a missing meeting's period while its papers are open (the
  pack's `meetings.access_after` after the meeting): the rows of the list, never the
  episode's record, its history, its interviews or an import (`missing.view` keeps those
  pages and API reads from them).
- An analyst reaches the episodes and interviews only to count them for the oversight
  figures (Essex §4.6): aggregate tables, never a single record (`missing.view` again)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from macehub.access.reach import grant
from macehub.access.roles import Role
from macehub.missing.queries import open_lists_since

if TYPE_CHECKING:
    from macehub.access.actor import Actor

HUB = (Role.HUB_COORDINATOR, Role.CHAIR)
PANEL = (Role.PANEL_MEMBER,)
ANALYST = (Role.ANALYST,)

ON_AN_OPEN_LIST = ("A panel member: the episodes on the list of the period of a missing "
                   "meeting, while its papers are open")
FIRED_ON_AN_OPEN_LIST = ("A panel member: the triggers fired in the period of a missing "
                         "meeting, while its papers are open")
FIGURES_ONLY = "An analyst: aggregate figures only, never a single record"


def _on_open_list(actor: Actor) -> Q:
    """Still missing, or returned since the oldest open list's period began."""
    return Q(returned_at__isnull=True) | Q(returned_at__gte=open_lists_since(actor))


def _fired_on_open_list(actor: Actor) -> Q:
    return Q(fired_at__gte=open_lists_since(actor))


for model in ("missing.MissingEpisode", "missing.EpisodeChange", "missing.ReturnInterview",
              "missing.SynopsisShare", "missing.TriggerFiring", "missing.ImportRun"):
    grant(model, name="The hub and chairs: every missing record of the partnership", roles=HUB)

grant("missing.MissingEpisode", name=ON_AN_OPEN_LIST, roles=PANEL, rows=_on_open_list)
grant("missing.TriggerFiring", name=FIRED_ON_AN_OPEN_LIST, roles=PANEL,
      rows=_fired_on_open_list)
for model in ("missing.MissingEpisode", "missing.ReturnInterview"):
    grant(model, name=FIGURES_ONLY, roles=ANALYST)
