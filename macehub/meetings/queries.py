"""Reading meetings: fetch-and-authorise, the panel member's need to know, and lists.

Need to know (ARCHITECTURE principle 4; issue "Need to know"): a panel member sees a case
only while it is on the agenda of a meeting they are invited to — from the agenda's
publication until the pack's `meetings.access_after` after the meeting — or while their
agency owns an open action on it. Otherwise the case is not found."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.cases.models import Case
from macehub.meetings.models import Action, AgendaItem, Invitation, Meeting
from macehub.meetings.rules import papers_open_until

SEES_ALL = "meeting.manage"  # the hub and chairs see every meeting of the partnership


def visible_meetings(actor: Actor) -> QuerySet[Meeting]:
    meetings = Meeting.objects.filter(partnership=actor.partnership)
    if actor.has(SEES_ALL):
        return meetings
    return meetings.filter(invitations__user=actor.user,
                           status__in=[Meeting.Status.PUBLISHED, Meeting.Status.HELD,
                                       Meeting.Status.APPROVED]).distinct()


def get_meeting_for(actor: Actor, pk: object) -> Meeting:
    if not actor.has("meeting.view") or not str(pk).isdigit():
        raise Http404("Not found")
    meeting = (visible_meetings(actor).select_related("partnership", "area", "chair",
                                                      "vice_chair")
               .filter(pk=int(str(pk))).first())
    if meeting is None:
        raise Http404("Not found")
    return meeting


def get_item_for(actor: Actor, meeting: Meeting, pk: object) -> AgendaItem:
    item = (AgendaItem.objects.select_related("case__child", "meeting")
            .filter(meeting=meeting, pk=int(str(pk)) if str(pk).isdigit() else 0).first())
    if item is None:
        raise Http404("Not found")
    return item


def invitation_of(actor: Actor, meeting: Meeting) -> Invitation | None:
    return Invitation.objects.filter(meeting=meeting, user=actor.user).first()


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


def _window_case_ids(actor: Actor, now: datetime, case: Case | None = None) -> set[int]:
    pack = actor.partnership.policy
    items = AgendaItem.objects.filter(case=case) if case else AgendaItem.objects.all()
    items = (items.filter(
        meeting__partnership=actor.partnership, meeting__invitations__user=actor.user,
        meeting__status__in=[Meeting.Status.PUBLISHED, Meeting.Status.HELD,
                             Meeting.Status.APPROVED], case__isnull=False)
        .select_related("meeting"))
    return {item.case_id for item in items
            if item.case_id is not None and item.meeting.published_at is not None
            and item.meeting.published_at <= now <= papers_open_until(pack, item.meeting)}


def needed_case_ids(actor: Actor) -> set[int]:
    """The cases a panel member needs to know about now."""
    now = timezone.now()
    ids = _window_case_ids(actor, now)
    if actor.agency is not None:
        ids |= set(Action.objects.filter(partnership=actor.partnership,
                                         owner_agency=actor.agency, status=Action.Status.OPEN,
                                         case__isnull=False).values_list("case_id", flat=True))
    return ids


def reaches_case(actor: Actor, case: Case) -> bool:
    if actor.has("case.manage"):
        return True
    if case.pk in _window_case_ids(actor, timezone.now(), case):
        return True
    return actor.agency is not None and Action.objects.filter(
        case=case, owner_agency=actor.agency, status=Action.Status.OPEN).exists()


def case_scope(actor: Actor, cases: QuerySet[Case]) -> QuerySet[Case]:
    if actor.has("case.manage"):
        return cases
    return cases.filter(pk__in=needed_case_ids(actor))


def actions_for(actor: Actor, *, open_only: bool = True) -> QuerySet[Action]:
    actions = (Action.objects.filter(partnership=actor.partnership)
               .select_related("owner_agency", "case__child", "meeting"))
    if open_only:
        actions = actions.filter(status=Action.Status.OPEN)
    if not actor.has("meeting.minute"):
        agency_pk = actor.agency.pk if actor.agency is not None else 0
        actions = actions.filter(Q(owner_agency_id=agency_pk) | Q(owner=actor.user))
    return actions


def get_action_for(actor: Actor, pk: object) -> Action:
    action = actions_for(actor, open_only=False).filter(
        pk=int(str(pk)) if str(pk).isdigit() else 0).first()
    if action is None:
        raise Http404("Not found")
    audit_record(action="action.view", actor=actor, obj=action)
    return action
