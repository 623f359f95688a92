"""Linked children: what the partnership's pack says to do when children are linked to the
same situation, proposed to the coordinator with its rule and source.

- Wolverhampton, Professionals' meeting: more than one young person involved or linked to
  a situation convenes a professionals' meeting.
- Dudley, CEOG Scope: linked victims and suspects in a multi-victim, multi-suspect case
  go to a complex strategy meeting or strategic management group.

Each is an escalation rule of the pack with `subject = "linked_children"` and its
thresholds (`linked_children_at_least`, `linked_suspects_at_least`). A proposal is worked
out from the links when asked (nothing stored) until the coordinator accepts it — an item
on a meeting's agenda, through the meetings' services — or declines it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.intelligence.models_meetings import AgendaRecord, ProposalDecision
from macehub.intelligence.network import Node, Situation, situations
from macehub.intelligence.services import require_manage
from macehub.lib.errors import StaleEdit
from macehub.meetings import services as meetings
from macehub.meetings.models import AgendaItem, Meeting
from macehub.rules.reason import Reason


@dataclass
class Proposal:
    rule: str  # the pack's escalation rule key
    forum: str  # the forum key it convenes or recommends
    forum_label: str
    situation: Situation
    reason: Reason

    @property
    def key(self) -> str:
        return f"{self.rule}:{self.situation.key}"


def proposals(actor: Actor) -> list[Proposal]:
    """What the pack proposes for each situation of linked children, leaving out those
    the coordinator has already accepted or declined for the same children."""
    pack = actor.partnership.policy
    rules = [(key, rule) for key, rule in pack.escalation.rules.items()
             if rule.subject == "linked_children" and rule.linked_children_at_least]
    if not rules:
        return []
    linked = situations(actor)
    if not linked:
        return []
    decided = set(ProposalDecision.objects.for_bookkeeping(
        actor, why="a proposal decided is not proposed again").values_list("rule", "children"))
    found = []
    for situation in linked:
        for key, rule in rules:
            kids, suspects = len(situation.children), len(situation.suspects)
            assert rule.linked_children_at_least is not None
            if kids < rule.linked_children_at_least or (
                    rule.linked_suspects_at_least and suspects < rule.linked_suspects_at_least):
                continue
            if (key, situation.key) in decided:
                continue
            forum = pack.forum(rule.to_forum)
            said = f"{kids} children are linked to the same situation"
            if rule.linked_suspects_at_least:
                said += f", with {suspects} persons of interest linked to them"
            verb = {"convene": "convene", "recommend": "recommend"}.get(rule.action,
                                                                        "consider")
            found.append(Proposal(key, rule.to_forum, forum.label, situation,
                                  rule.reason(f"{said}: {verb} a {forum.label}")))
    return found


def proposal_for(actor: Actor, rule: str, children: str) -> Proposal:
    """The proposal still standing for these children under this rule, or an error."""
    for proposal in proposals(actor):
        if (proposal.rule, proposal.situation.key) == (rule, children):
            return proposal
    raise StaleEdit("This proposal is no longer standing: the links have changed or it "
                    "has been decided. Reload the page.")


def _title(proposal: Proposal, labels: dict[Node, str]) -> str:
    through = ", ".join(labels.get(n, "a record") for n in proposal.situation.through)
    return (f"Linked children: {len(proposal.situation.children)} young people linked "
            f"through {through}")[:300]


@transaction.atomic
def proposal_accept(*, actor: Actor, rule: str, children: str, meeting: Meeting | None,
                    starts_at: datetime | None = None, minutes: int = 60, venue: str = "",
                    labels: dict[Node, str] | None = None, via: str = "page") -> AgendaItem:
    """Put the linked children on the agenda of an upcoming meeting of the proposed forum,
    or of a new one scheduled now; the records that link them go on the item with it."""
    require_manage(actor)
    proposal = proposal_for(actor, rule, children)
    if meeting is None:
        if starts_at is None:
            raise ValidationError({"starts_at": "Enter the date and time of the meeting, "
                                                "or choose a meeting already arranged"})
        meeting = meetings.meeting_schedule(actor=actor, forum=proposal.forum,
                                            starts_at=starts_at, minutes=minutes,
                                            venue=venue)
    elif meeting.forum != proposal.forum or meeting.partnership_id != actor.partnership.pk:
        raise ValidationError({"meeting": f"Choose a {proposal.forum_label}"})
    item = meetings.agenda_item_add(actor=actor, meeting=meeting, version=meeting.version,
                                    title=_title(proposal, labels or {}), kind="other")
    item.why = str(proposal.reason)[:300]
    item.save(update_fields=["why"])
    records = [*proposal.situation.through,
               *(("person", p) for p in proposal.situation.suspects)]
    AgendaRecord.objects.bulk_create([
        AgendaRecord(partnership=actor.partnership, item=item, record_kind=kind,
                     record_id=pk) for kind, pk in dict.fromkeys(records) if kind != "child"])
    _decide(actor, proposal, ProposalDecision.Status.ACCEPTED, item=item)
    audit_record(action="proposal.accept", actor=actor, obj=item, purpose=via)
    return item


@transaction.atomic
def proposal_decline(*, actor: Actor, rule: str, children: str, reason: str,
                     via: str = "page") -> ProposalDecision:
    require_manage(actor)
    proposal = proposal_for(actor, rule, children)
    if not (reason or "").strip():
        raise ValidationError({"reason": "Enter why no meeting is needed"})
    decision = _decide(actor, proposal, ProposalDecision.Status.DECLINED, reason=reason)
    audit_record(action="proposal.decline", actor=actor, obj=decision, purpose=via)
    return decision


def _decide(actor: Actor, proposal: Proposal, status: str, item: Any = None,
            reason: str = "") -> ProposalDecision:
    try:
        with transaction.atomic():
            return ProposalDecision.objects.create(
                partnership=actor.partnership, rule=proposal.rule,
                children=proposal.situation.key, status=status, item=item,
                reason=reason.strip()[:300], by=actor.user, at=timezone.now())
    except IntegrityError:
        raise StaleEdit("Someone else has just decided this proposal. Reload the page.") \
            from None
