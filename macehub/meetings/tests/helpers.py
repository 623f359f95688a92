"""Building meetings in tests: a case, a MACE meeting with the case on its agenda, published."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from macehub.access.actor import Actor, actor_for
from macehub.cases.models import Case
from macehub.concerns.services import concern_match_child, screening_record
from macehub.concerns.tests.helpers import submit
from macehub.meetings import services
from macehub.meetings.models import Meeting
from macehub.partnerships.models import Partnership


def open_case(referrer: Actor, hub: Actor, risk: str = "high", **child: Any) -> Case:
    concern = submit(referrer, **child) if child else submit(referrer)
    concern_match_child(actor=hub, concern=concern, confirm_new=True)
    concern.refresh_from_db()
    return screening_record(actor=hub, concern=concern, indicators=[], risk=risk,
                            override_reason="test", outcome="mace_meeting").case


def schedule(hub: Actor, forum: str = "mace", when: datetime | None = None,
             chair: Any = None) -> Meeting:
    return services.meeting_schedule(
        actor=hub, forum=forum, starts_at=when or timezone.now() + timedelta(days=7),
        minutes=120, venue="Council House, Room 2", chair=chair)


def published_meeting(personas: dict[str, Any], partnership: Partnership,
                      case: Case | None = None) -> Meeting:
    """A MACE meeting chaired by the chair persona with `case` (or a new case) on its
    published agenda: every Dudley panel agency is invited."""
    hub = actor_for(personas["hub_coordinator"], partnership.pk)
    referrer = actor_for(personas["referrer"], partnership.pk)
    assert hub is not None and referrer is not None
    case = case or open_case(referrer, hub)
    meeting = schedule(hub, chair=personas["chair"])
    services.agenda_build(actor=hub, meeting=meeting, version=meeting.version)
    meeting.refresh_from_db()
    assert meeting.items.filter(case=case).exists(), "the case is due at the meeting"
    services.agenda_publish(actor=hub, meeting=meeting, version=meeting.version)
    meeting.refresh_from_db()
    return meeting
