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
from macehub.partnerships.models import Area, Partnership
from macehub.people.models import Child


def quadrant(partnership: Partnership, name: str = "North Quadrant") -> Area:
    """One of a partnership's quadrants (Essex holds MACE 1 and 2 per quadrant)."""
    return Area.objects.get_or_create(partnership=partnership, name=name,
                                      defaults={"kind": Area.Kind.QUADRANT})[0]


def place(case: Case, area: Area) -> Case:
    """Record where the case's child lives."""
    Child.objects.filter(pk=case.child_id).update(area=area)
    case.child.refresh_from_db()
    return case


def open_case(referrer: Actor, hub: Actor, risk: str = "high", **child: Any) -> Case:
    concern = submit(referrer, **child) if child else submit(referrer)
    concern_match_child(actor=hub, concern=concern, confirm_new=True)
    concern.refresh_from_db()
    case = screening_record(actor=hub, concern=concern, indicators=[], risk=risk,
                            override_reason="test", outcome="mace_meeting").case
    if any(f.per_area for f in hub.partnership.policy.forums.values()):
        place(case, quadrant(hub.partnership))  # the child lives in the default quadrant
    return case


def schedule(hub: Actor, forum: str = "mace", when: datetime | None = None,
             chair: Any = None, area: Area | None = None) -> Meeting:
    """A meeting; a forum held per area (Essex MACE 1 and 2) meets in the default quadrant
    unless `area` says otherwise."""
    if area is None and hub.partnership.policy.forum(forum).per_area:
        area = quadrant(hub.partnership)
    return services.meeting_schedule(
        actor=hub, forum=forum, starts_at=when or timezone.now() + timedelta(days=7),
        minutes=120, venue="Council House, Room 2", chair=chair, area=area)


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
