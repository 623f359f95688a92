"""Meeting work waiting: meetings this week, open and overdue actions (for a panel member,
their agency's), and requests to share papers awaiting the chair's decision."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from macehub.lib.waiting import Waiting
from macehub.meetings.disclosure import disclosure_log
from macehub.meetings.lists import meeting_list
from macehub.meetings.models import Disclosure
from macehub.meetings.queries import actions_for

if TYPE_CHECKING:
    from macehub.access.actor import Actor


def meetings_waiting(actor: Actor) -> Iterator[Waiting]:
    if actor.has("meeting.view"):
        yield Waiting("Meetings this week", 0, f"{reverse('meetings:list')}?when=week",
                      order=30, counted=(meeting_list(actor, {"when": "week"}),))
    if actor.has("action.update"):
        yield from _actions(actor)
    if actor.has("meeting.chair"):
        # The chair decides requests made by others, never their own (SECURITY S16).
        awaiting = disclosure_log(actor).filter(status=Disclosure.Status.REQUESTED).exclude(
            requested_by=actor.user)
        yield Waiting("Requests to share papers awaiting your decision", 0,
                      f"{reverse('meetings:disclosures')}?status=requested",
                      alert=True, order=35, counted=(awaiting,))


def _actions(actor: Actor) -> Iterator[Waiting]:
    # The hub and chairs reach every action; a panel member their agency's and their own,
    # the same set the action list shows them.
    actions = actions_for(actor)
    whose = "Open" if actor.has("meeting.manage") else "Your agency's open"
    url = reverse("meetings:actions")
    yield Waiting(f"{whose} actions", 0, url, order=40, counted=(actions,))
    yield Waiting(f"{whose} actions that are overdue", 0, f"{url}?show=overdue",
                  alert=True, order=41,
                  counted=(actions.filter(due_on__lt=timezone.localdate()),))
