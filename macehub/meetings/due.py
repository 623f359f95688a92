"""Due items from meetings: a case's first meeting, agendas to publish, agencies' updates
(Essex MACE 2: one month before), feedback to professionals after the meeting (Kirklees),
and overdue actions. Shown on the
coordinator's work list; the first meeting also on the case page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from macehub.cases.due import open_cases
from macehub.cases.models import Case
from macehub.meetings.areas import areas_of_kind
from macehub.meetings.models import AgendaItem, Meeting
from macehub.meetings.rules import (
    HELD,
    case_forum,
    deadlines,
    discharge_eligible,
    first_meeting_due,
)
from macehub.rules.due import DueItem, DueScope, due_item
from macehub.rules.reason import Reason

_MARK = 918273645  # a number no case has: where a case's id goes in its address


def _case_urls() -> Callable[[int], str]:
    """Case page addresses as reverse() gives them, resolving the pattern once rather than
    for each of thousands of open cases."""
    pattern = reverse("cases:detail", args=[_MARK])
    return lambda pk: pattern.replace(str(_MARK), str(pk))


def case_meeting_items(scope: DueScope) -> list[DueItem]:
    """On each open case: its first meeting (Dudley: MACE within 2 weeks of the referral)
    until it has been discussed at a held meeting, the chair's discharge decision once the
    risk is below the pack's level (Essex: heard until the risk reduces), and, where the
    case's forum is held per area, a child with no such area on record."""
    pack, cases = scope.partnership.policy, open_cases(scope)
    if scope.case is not None and scope.discussed is not None:
        seen = {c.pk for c in cases} if scope.discussed else set()
    else:
        # Every open case, or the one asked for: by a join, not a list of ids, so the
        # statement stays one parameter long however many cases are open.
        which = Q(case__status=Case.Status.OPEN) if scope.case is None else \
            Q(case_id=scope.case.pk)
        seen = set(AgendaItem.objects.for_actor(scope.actor).filter(
            which, meeting__status__in=HELD).values_list("case_id", flat=True))
    first = pack.forum(pack.first_meeting.forum).label if pack.first_meeting.forum \
        else "meeting"
    items = []
    held_in = pack.forums.get(case_forum(pack))
    placed = areas_of_kind(scope.partnership, held_in.per_area) \
        if held_in is not None and held_in.per_area else None
    firsts: dict[date, tuple[date | None, Reason]] = {}
    eligibles: dict[tuple[str, str], Reason | None] = {}
    case_url = _case_urls()
    for case in cases:
        if held_in is not None and placed is not None and case.child.area_id not in placed:
            # Essex §6.1: MACE 1 is held per quadrant, so a child with no quadrant on record
            # would reach no meeting's agenda: say so rather than leave them off silently.
            items.append(due_item(
                scope.today, kind="area_missing", subject=str(case.child), case_id=case.pk,
                title=f"Record the child's {held_in.per_area}",
                url=reverse("people:edit", args=[case.child_id]),
                due_on=timezone.localtime(case.referred_at).date(),
                reason=held_in.reason(f"{held_in.label} is held per {held_in.per_area}: a "
                                      f"child with no {held_in.per_area} on record is on no "
                                      f"{held_in.label} agenda")))
        # Cases referred the same day are due the same day, for the same reason.
        day = timezone.localtime(case.referred_at).date()
        if day not in firsts:
            firsts[day] = first_meeting_due(pack, case)
        due_on, reason = firsts[day]
        if due_on is not None and case.pk not in seen:
            items.append(due_item(scope.today, kind="first_meeting", title=f"First {first} due",
                                  subject=str(case.child), url=case_url(case.pk),
                                  case_id=case.pk,
                                  due_on=due_on, reason=reason))
        if (case.status, case.risk) not in eligibles:  # the same answer for the same risk
            eligibles[case.status, case.risk] = discharge_eligible(pack, case)
        eligible = eligibles[case.status, case.risk]
        if eligible is not None:
            # Due from the day the risk came down; never overdue: the chair decides at the
            # case's next review.
            if hasattr(case, "risk_changed_at"):  # read with the open cases
                lowered_at = case.risk_changed_at
            else:
                lowered = case.risk_changes.order_by("-at", "-pk").first()
                lowered_at = lowered.at if lowered else None
            since = timezone.localtime(lowered_at or case.opened_at).date()
            items.append(DueItem(kind="discharge_decision", title="Chair's discharge decision",
                                 subject=str(case.child), url=case_url(case.pk),
                                 case_id=case.pk,
                                 due_on=since, reason=eligible, overdue=False))
    return items


def meeting_due_items(scope: DueScope) -> list[DueItem]:
    if scope.case is not None:
        return []
    partnership, today = scope.partnership, scope.today
    pack = partnership.policy
    items: list[DueItem] = []
    now = timezone.now()
    # The meetings ahead (agendas and updates to come) and those held lately (feedback to
    # give), in one statement.
    ahead = Q(status__in=[Meeting.Status.DRAFT, Meeting.Status.PUBLISHED], starts_at__gte=now,
              starts_at__lte=now + pack.due.agenda_horizon.value.as_timedelta())
    behind = Q(feedback_given_at__isnull=True, status__in=HELD,
               starts_at__gte=now - pack.due.feedback_look_back.value.as_timedelta())
    meetings = list(Meeting.objects.for_actor(scope.actor).filter(ahead | behind))
    upcoming = [m for m in meetings if m.status in (Meeting.Status.DRAFT,
                                                    Meeting.Status.PUBLISHED)]
    held = [m for m in meetings if m.status in HELD]
    for meeting in upcoming:
        forum = pack.forums.get(meeting.forum)
        if forum is None:
            continue
        for what, at, reason in deadlines(pack, meeting):
            if what == "updates":
                # Essex §6.5: MACE 2 takes agencies' updates one month before, for the
                # agenda's embedded documents; Appendix 3: MACE 1's 48 hours before.
                items.append(due_item(
                    today, kind="updates", title=f"Agency updates for the {forum.label} meeting",
                    subject=f"Meeting of {timezone.localtime(meeting.starts_at):%d %B %Y}",
                    due_on=timezone.localtime(at).date(), reason=reason,
                    url=reverse("meetings:detail", args=[meeting.pk])))
            if what == "agenda" and meeting.status == Meeting.Status.DRAFT:
                items.append(due_item(
                    today, kind="agenda", title=f"Publish the {forum.label} agenda",
                    subject=f"Meeting of {timezone.localtime(meeting.starts_at):%d %B %Y}",
                    due_on=timezone.localtime(at).date(), reason=reason,
                    url=reverse("meetings:detail", args=[meeting.pk])))
    for meeting in held:
        forum = pack.forums.get(meeting.forum)
        if forum is None or forum.feedback is None:
            continue
        day = timezone.localtime(meeting.starts_at).date()
        items.append(due_item(
            today, kind="feedback_professionals", title="Feedback to the relevant professionals",
            subject=f"{forum.label} of {day:%d %B %Y}",
            due_on=forum.feedback.within.after(day, holidays=pack.holidays),
            reason=forum.feedback.reason(forum.feedback.summary({}).capitalize()),
            url=reverse("meetings:detail", args=[meeting.pk])))
    # Overdue actions are many at a county: the due list pages them (due_actions).
    return items
