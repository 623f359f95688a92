"""What the chair and panel have beside the minute box for a case on the agenda: the
decisions earlier meetings made on it and the actions still open, each only as far as
the viewer reaches it (the need-to-know registry, through `for_actor`): a panel member
sees the decisions of meetings they were invited to and their agency's actions. Two
queries, however long the case's history."""

from __future__ import annotations

from dataclasses import dataclass, field

from macehub.access.actor import Actor
from macehub.meetings.models import Action, AgendaItem, Decision
from macehub.meetings.queries import actions_for

EARLIER_DECISIONS = 10  # the latest; the case's meetings page has them all


@dataclass
class ItemHistory:
    decisions: list[Decision] = field(default_factory=list)
    more_decisions: bool = False
    actions: list[Action] = field(default_factory=list)


def item_history(actor: Actor, item: AgendaItem) -> ItemHistory:
    if item.case_id is None:
        return ItemHistory()
    earlier = list(Decision.objects.for_actor(actor)
                   .filter(case_id=item.case_id,
                           item__meeting__starts_at__lt=item.meeting.starts_at)
                   .exclude(item__meeting_id=item.meeting_id)
                   .select_related("item__meeting").order_by("-at", "-pk")
                   [:EARLIER_DECISIONS + 1])
    actions = list(actions_for(actor).filter(case_id=item.case_id).order_by("due_on", "pk"))
    return ItemHistory(earlier[:EARLIER_DECISIONS], len(earlier) > EARLIER_DECISIONS, actions)
