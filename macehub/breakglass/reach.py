"""Who reaches break-glass records, and what a break-glass opens.

Who may break glass (permission `breakglass.open`): panel members only.
- The hub coordinator and chairs already reach every case of the partnership, so there is
  nothing beyond their reach to open.
- A panel member reaches a case only while they need to know (macehub.meetings.reach);
  between meetings an urgent safeguarding call may need the case, and break-glass is the
  audited way to it.
- Never referrers (they submit concerns and see only their outcome), analysts (aggregates
  only, SECURITY S20), partnership admins (they set up the partnership; separation of
  duties keeps them out of case data) or auditors (they review break-glass; opening it
  themselves would make them the reviewer of their own access).

A break-glass adds exactly the one record it names, to the person who opened it, while it
is unexpired. The auditor reaches every break-glass of the partnership to review it; the
opener sees their own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from macehub.access.reach import Rows, grant
from macehub.access.roles import Role
from macehub.cases.reach import CASE_MODELS

if TYPE_CHECKING:
    from macehub.access.actor import Actor

OPENERS = (Role.PANEL_MEMBER,)
# The records that can be opened by break-glass, and the children records of each.
OPENABLE = {"cases.Case": CASE_MODELS}


def active(actor: Actor, model_label: str) -> Q:
    """The actor's break-glass records on `model_label` in force now (a subquery filter)."""
    now = timezone.now()
    return Q(partnership=actor.partnership, user=actor.user, model_label=model_label,
             started_at__lte=now, expires_at__gt=now)


def _opened(model: str, key: str) -> Rows:
    def rows(actor: Actor) -> Q:
        from macehub.breakglass.models import BreakGlass

        ids = (BreakGlass.objects.for_actor(actor).filter(active(actor, "cases.Case"))
               .values("record_id"))
        return Q(**{f"{key}__in": ids})
    return rows


for _model in OPENABLE["cases.Case"]:
    grant(_model, name="A panel member: one case they opened by break-glass with a stated "
          "reason, until the pack's break-glass period ends", roles=OPENERS,
          rows=_opened(_model, "pk" if _model == "cases.Case" else "case_id"))

grant("breakglass.BreakGlass", name="The auditor: every break-glass of the partnership, "
      "to review it", roles=(Role.AUDITOR,))
grant("breakglass.BreakGlass", name="The opener: their own break-glass records",
      roles=OPENERS, rows=lambda actor: Q(user=actor.user))
