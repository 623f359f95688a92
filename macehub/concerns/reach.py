"""Who reaches concerns: the screeners see them all, a referrer only their own."""

from django.db.models import Q

from macehub.access.actor import Actor
from macehub.access.reach import Rows, grant
from macehub.access.roles import Role

SCREENERS = (Role.HUB_COORDINATOR, Role.CHAIR)


def _submitted_by(path: str) -> Rows:
    def rows(actor: Actor) -> Q:
        return Q(**{f"{path}referrer": actor.user})
    return rows


for model, path in (("concerns.Concern", ""), ("concerns.Mention", "concern__"),
                    ("concerns.Screening", "concern__")):
    grant(model, name="The hub and chairs: every concern of the partnership", roles=SCREENERS)
    grant(model, name="A referrer: the concerns they submitted, and their outcome",
          roles=(Role.REFERRER,),
          rows=_submitted_by(path))
