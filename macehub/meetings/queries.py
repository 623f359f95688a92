"""Reading meetings: fetch-and-authorise, and the papers' confidentiality and window.

Who reaches which meeting, agenda item, action and case is the need-to-know registry's
answer (macehub/meetings/reach.py, asked through `for_actor`/`get_for`): the hub and chairs
reach every meeting of the partnership; a panel member the meetings they are invited to
once published, their agency's actions, and a case while it is in such a meeting's window
or their agency owns an open action on it. Otherwise the record is not found. The checks
here are about the role (`actor.has`) and the papers, never about the partnership."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.cases.models import Case
from macehub.meetings.models import Action, AgendaItem, Invitation, Meeting
from macehub.meetings.rules import papers_open_until

SEES_ALL = "meeting.manage"  # the hub and chairs see every meeting of the partnership


def get_meeting_for(actor: Actor, pk: object) -> Meeting:
    if not actor.has("meeting.view"):
        raise Http404("Not found")
    return (Meeting.objects.select_related("partnership", "area", "chair", "vice_chair")
            .get_for(actor, pk))


def get_item_for(actor: Actor, meeting: Meeting, pk: object) -> AgendaItem:
    """An item on the agenda of a meeting already reached; 404 for any other."""
    return (AgendaItem.objects.select_related("case__child", "meeting")
            .filter(meeting=meeting).get_for(actor, pk))


def invitation_of(actor: Actor, meeting: Meeting) -> Invitation | None:
    return meeting.invitations.filter(user=actor.user).first()


def may_open_papers(actor: Actor, meeting: Meeting,
                    invitation: Invitation | None = None) -> bool:
    """The hub opens papers to prepare them; everyone else once they are invited and have
    agreed the confidentiality statement for this meeting."""
    if actor.has(SEES_ALL) and not actor.has("meeting.chair"):
        return True
    invitation = invitation or invitation_of(actor, meeting)
    if invitation is None:
        return actor.has(SEES_ALL)
    return invitation.confidentiality_agreed_at is not None


def papers_closed(actor: Actor, meeting: Meeting) -> bool:
    """Need to know: someone who does not see every meeting sees its papers only until the
    pack's period after the meeting ends (the same window as its cases)."""
    return not actor.has(SEES_ALL) and \
        timezone.now() > papers_open_until(actor.partnership.policy, meeting)


def actions_for(actor: Actor, *, open_only: bool = True) -> QuerySet[Action]:
    """The actions the actor reaches: every action for the hub, a panel member their
    agency's and their own."""
    actions = (Action.objects.for_actor(actor)
               .select_related("owner_agency", "case__child", "meeting"))
    if open_only:
        actions = actions.filter(status=Action.Status.OPEN)
    return actions


def get_action_for(actor: Actor, pk: object) -> Action:
    """One action the actor reaches, or 404; the read is audited (Action.read_action)."""
    return (Action.objects.select_related("owner_agency", "case__child", "meeting")
            .get_for(actor, pk))


def named_cases(actor: Actor, case_ids: set[int]) -> set[int]:
    """Of these cases, the ones the actor reaches now: a child is named on an action only
    to someone who needs to know the case (one query, whatever the number)."""
    if not case_ids:
        return set()
    return set(Case.objects.for_actor(actor).filter(pk__in=case_ids)
               .values_list("pk", flat=True))
