"""What the case page shows about meetings: escalation flags, the meetings the case was on,
its decisions and its actions, through the case's own relations (the case was reached)."""

from __future__ import annotations

from typing import Any

from macehub.access.actor import Actor
from macehub.cases.models import Case
from macehub.meetings.rules import HELD, escalation_flags


def case_meetings(actor: Actor, case: Case) -> dict[str, Any]:
    pack = actor.partnership.policy
    items = list(case.agenda_items.select_related("meeting").order_by("-meeting__starts_at"))
    labels = {key: forum.label for key, forum in pack.forums.items()}
    held = []
    for item in reversed(items):
        if item.meeting.status in HELD and item.meeting not in held:
            held.append(item.meeting)
    return {
        "discussed": bool(held),
        "escalation_flags": escalation_flags(pack, case, held)
        if case.status == Case.Status.OPEN else [],
        "case_items": [(item, labels.get(item.meeting.forum, item.meeting.forum))
                       for item in items],
        "case_decisions": case.decisions.select_related("by", "item__meeting")
        .prefetch_related("dissents__agency").order_by("-at"),
        "case_actions": case.actions.select_related("owner_agency"),
    }
