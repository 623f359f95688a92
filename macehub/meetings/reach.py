"""Who reaches meetings, and the panel member's need to know for cases.

The hub and chairs reach every meeting and case of the partnership. A panel member
(ARCHITECTURE principle 4) reaches:
- the meetings they are invited to, once the agenda is published, and their records;
- a case while it is on the agenda of such a meeting whose confidentiality statement they
  have agreed, from publication until the pack's `meetings.access_after` after the meeting
  ends (the agreement is per meeting: a case on two agendas stays reachable through the
  one they agreed, inside that meeting's window);
- a case on which their agency owns an open action, and that action."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from macehub.access.reach import Rows, grant
from macehub.access.roles import Role
from macehub.cases.reach import CASE_MODELS

if TYPE_CHECKING:
    from macehub.access.actor import Actor

HUB = (Role.HUB_COORDINATOR, Role.CHAIR)
PANEL = (Role.PANEL_MEMBER,)
SHOWN = ("published", "held", "approved")  # a panel member never sees a meeting in draft


def _invited(actor: Actor, path: str = "") -> Q:
    return Q(**{f"{path}invitations__user": actor.user, f"{path}status__in": SHOWN})


def window_case_ids(actor: Actor) -> set[int]:
    """Cases on the agenda of a meeting the actor is invited to and whose confidentiality
    statement they have agreed, inside its window."""
    from macehub.meetings.models import AgendaItem
    from macehub.meetings.rules import papers_open_until

    now, pack = timezone.now(), actor.partnership.policy
    # One filter() call: the invitation that is the actor's is the one that was agreed.
    items = (AgendaItem.objects.for_actor(actor)
             .filter(case__isnull=False, meeting__invitations__user=actor.user,
                     meeting__invitations__confidentiality_agreed_at__isnull=False)
             .select_related("meeting"))
    return {item.case_id for item in items
            if item.case_id is not None and item.meeting.published_at is not None
            and item.meeting.published_at <= now <= papers_open_until(pack, item.meeting)}


def action_cases(actor: Actor) -> QuerySet[Any]:
    """Cases on which the actor's agency owns an open action (a subquery: no round trip)."""
    from macehub.meetings.models import Action

    agency_pk = actor.agency.pk if actor.agency is not None else 0
    return (Action.objects.for_actor(actor)
            .filter(owner_agency_id=agency_pk, status="open", case__isnull=False)
            .values("case_id"))


for model in ("meetings.Meeting",):
    grant(model, name="The hub and chairs: every meeting of the partnership", roles=HUB)
    grant(model, name="A panel member: the meetings they are invited to, once published",
          roles=PANEL, rows=lambda actor: _invited(actor))
for model in ("meetings.AgendaItem", "meetings.Invitation", "meetings.Disclosure"):
    grant(model, name="The hub and chairs: every meeting of the partnership", roles=HUB)
    grant(model, name="A panel member: the meetings they are invited to, once published",
          roles=PANEL, rows=lambda actor: _invited(actor, "meeting__"))
for model in ("meetings.AgencyUpdate", "meetings.Minute", "meetings.Decision"):
    grant(model, name="The hub and chairs: every meeting of the partnership", roles=HUB)
    grant(model, name="A panel member: the meetings they are invited to, once published",
          roles=PANEL, rows=lambda actor: _invited(actor, "item__meeting__"))
grant("meetings.PaperPack", name="Each person: the papers prepared for them",
      roles=HUB + PANEL, rows=lambda actor: Q(requested_by=actor.user))
grant("meetings.Dissent", name="The hub and chairs: every meeting of the partnership",
      roles=HUB)
grant("meetings.Dissent", name="A panel member: the meetings they are invited to, once "
      "published", roles=PANEL, rows=lambda actor: _invited(actor, "decision__item__meeting__"))


def _own_actions(actor: Actor, path: str = "") -> Q:
    agency_pk = actor.agency.pk if actor.agency is not None else 0
    return Q(**{f"{path}owner_agency_id": agency_pk}) | Q(**{f"{path}owner": actor.user})


def _owned(path: str) -> Rows:
    def rows(actor: Actor) -> Q:
        return _own_actions(actor, path)
    return rows


def _cases(key: str, ids: Callable[[Actor], Any]) -> Rows:
    def rows(actor: Actor) -> Q:
        return Q(**{f"{key}__in": ids(actor)})
    return rows


for model, path in (("meetings.Action", ""), ("meetings.ActionUpdate", "action__")):
    grant(model, name="The hub and chairs: every action of the partnership", roles=HUB)
    grant(model, name="A panel member: the actions their agency or they own", roles=PANEL,
          rows=_owned(path))

for model in CASE_MODELS:
    key = "pk" if model == "cases.Case" else "case_id"
    grant(model, name="A panel member: a case on the agenda of a meeting they are invited "
          "to and whose confidentiality statement they agreed, from publication until the "
          "window after the meeting closes", roles=PANEL, rows=_cases(key, window_case_ids))
    grant(model, name="A panel member: a case on which their agency owns an open action",
          roles=PANEL, rows=_cases(key, action_cases))
