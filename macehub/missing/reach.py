"""Who reaches the missing records: the hub and chairs keep them."""

from macehub.access.reach import grant
from macehub.access.roles import Role

HUB = (Role.HUB_COORDINATOR, Role.CHAIR)

for model in ("missing.MissingEpisode", "missing.EpisodeChange", "missing.ReturnInterview",
              "missing.SynopsisShare", "missing.TriggerFiring", "missing.ImportRun"):
    grant(model, name="The hub and chairs: every missing record of the partnership", roles=HUB)
