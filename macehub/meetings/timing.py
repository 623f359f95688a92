"""When each agenda item starts: the meeting's start plus the durations of the items
before it, worked out as instants so that a meeting on the day the clocks change keeps
its real times (an hour that does not exist, or happens twice, never shifts an item).

Kirklees §6 vi: each case has a time slot so its lead professional can attend for it;
§6 iii: with new nominations first, reviews start in the afternoon."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from macehub.meetings.models import AgendaItem, Meeting

# Kirklees §6 iii: "new nominations in the morning, reviews in the afternoon".
AFTERNOON = time(13, 0)
OTHER_MINUTES = 10  # an item without a duration or a case (the action log, a theme)


@dataclass(frozen=True)
class Slot:
    kind: str
    minutes: int | None
    has_case: bool


def duration(slot: Slot, case_minutes: int | None) -> int:
    """An item's own duration; a case without one takes the pack's slot per case."""
    return slot.minutes or (case_minutes if slot.has_case else None) or OTHER_MINUTES


def starts(start: datetime, slots: Iterable[Slot], *, case_minutes: int | None,
           afternoon_reviews: bool = False) -> list[tuple[datetime, int]]:
    """Each item's start instant and duration, in agenda order. The clock runs in UTC:
    Python adds minutes to a local time as wall-clock time, which is wrong on the days
    the clocks change."""
    local_day = timezone.localtime(start).date()
    afternoon = datetime.combine(local_day, AFTERNOON,
                                 tzinfo=timezone.get_current_timezone()).astimezone(UTC)
    clock, out = start.astimezone(UTC), []
    for slot in slots:
        if afternoon_reviews and slot.kind == AgendaItem.Kind.REVIEW and clock < afternoon:
            clock = afternoon
        minutes = duration(slot, case_minutes)
        out.append((clock, minutes))
        clock += timedelta(minutes=minutes)
    return out


def meeting_plan(meeting: Meeting) -> dict[str, Any]:
    """The pack's values that shape a meeting's timings: the slot per case (none for a
    forum with a standard agenda, whose items carry their own durations) and whether
    reviews wait for the afternoon."""
    pack = meeting.partnership.policy
    forum = pack.forum(meeting.forum)
    standard = bool(forum.agenda and forum.agenda.standard_items)
    return {"case_minutes": None if standard else pack.meetings.case_slot_minutes.value,
            "afternoon_reviews": bool(forum.agenda and forum.agenda.new_nominations_first)}


def item_starts(meeting: Meeting, items: Sequence[AgendaItem]) -> list[datetime]:
    """The start instant of each of the meeting's items, given in agenda order."""
    slots = [Slot(i.kind, i.minutes, i.case_id is not None) for i in items]
    return [at for at, _ in starts(meeting.starts_at, slots, **meeting_plan(meeting))]
