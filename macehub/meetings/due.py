"""Due items from meetings: agendas to publish, feedback to professionals after the
meeting (Kirklees), and overdue actions. Shown on the coordinator's work list."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from macehub.lib.working_days import BANK_HOLIDAYS
from macehub.meetings.models import Action, Meeting
from macehub.meetings.rules import deadlines

if TYPE_CHECKING:
    from macehub.access.actor import Actor
    from macehub.rules.due import DueItem

AGENDA_HORIZON = timedelta(days=62)


def meeting_due_items(actor: Actor, today: date) -> list[DueItem]:
    from macehub.rules.due import DueItem

    pack = actor.partnership.policy
    items: list[DueItem] = []
    now = timezone.now()
    drafts = Meeting.objects.for_actor(actor).filter(status=Meeting.Status.DRAFT,
                                    starts_at__gte=now, starts_at__lte=now + AGENDA_HORIZON)
    for meeting in drafts:
        forum = pack.forums.get(meeting.forum)
        for what, at, because in deadlines(pack, meeting) if forum else []:
            if what == "agenda":
                due_on = timezone.localtime(at).date()
                items.append(DueItem(
                    kind="agenda", title=f"Publish the {forum.label} agenda",  # type: ignore[union-attr]
                    subject=f"Meeting of {timezone.localtime(meeting.starts_at):%d %B %Y}",
                    due_on=due_on, rule=because.rule, source=because.source,
                    url=reverse("meetings:detail", args=[meeting.pk]),
                    is_default=because.is_default, overdue=due_on < today))
    held = Meeting.objects.for_actor(actor).filter(feedback_given_at__isnull=True,
                                  status__in=[Meeting.Status.HELD, Meeting.Status.APPROVED],
                                  starts_at__gte=now - timedelta(days=90))
    for meeting in held:
        forum = pack.forums.get(meeting.forum)
        if forum is None or forum.feedback is None:
            continue
        day = timezone.localtime(meeting.starts_at).date()
        due_on = forum.feedback.within.after(day, holidays=BANK_HOLIDAYS)
        items.append(DueItem(
            kind="feedback_professionals", title="Feedback to the relevant professionals",
            subject=f"{forum.label} of {day:%d %B %Y}", due_on=due_on,
            rule=forum.feedback.summary({}).capitalize(), source=forum.feedback.source,
            url=reverse("meetings:detail", args=[meeting.pk]), overdue=due_on < today))
    overdue = (Action.objects.for_actor(actor).filter(status=Action.Status.OPEN,
                                                      due_on__lt=today).select_related("owner_agency"))
    for action in overdue:
        items.append(DueItem(
            kind="action", title=f"Overdue action: {action.description[:80]}",
            subject=f"{action.owner_name}, {action.owner_agency}", due_on=action.due_on,
            rule="Actions are owned, dated and reviewed at the next meeting",
            source="DOMAIN pathway step 5 (all partnerships)",
            url=reverse("meetings:action", args=[action.pk]), overdue=True))
    return items
