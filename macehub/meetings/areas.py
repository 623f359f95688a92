"""Forums held per area (Essex: MACE 1 and MACE 2 in each of the four quadrants, 000 §6.1,
§6.5). A meeting of such a forum takes only the children who live in its area: its agenda,
the reviews due at it and so its invitations. Areas nest (districts inside a quadrant), so
a child recorded against a district belongs to the district's quadrant."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from macehub.cases.models import Case
from macehub.meetings.models import Meeting
from macehub.partnerships.models import Area, Partnership
from macehub.partnerships.policy import PolicyPack


def within(area: Area) -> set[int]:
    """The area and every area inside it, at any depth."""
    found, frontier = {area.pk}, [area.pk]
    while frontier:
        frontier = list(area.partnership.areas.filter(parent_id__in=frontier)
                        .exclude(pk__in=found).values_list("pk", flat=True))
        found.update(frontier)
    return found


def areas_of_kind(partnership: Partnership, kind: str) -> set[int]:
    """Every area that is, or lies inside, an area of this kind (Essex: in a quadrant)."""
    found: set[int] = set()
    for area in partnership.areas.filter(kind=kind):
        found |= within(area)
    return found


def meeting_scope(meeting: Meeting) -> set[int] | None:
    """The areas whose children this meeting takes; None when its forum is not held per
    area (every child of the partnership)."""
    forum = meeting.partnership.policy.forums.get(meeting.forum)
    if forum is None or not forum.per_area:
        return None
    return within(meeting.area) if meeting.area is not None else set()


def check_area(pack: PolicyPack, forum_key: str, area: Area | None) -> None:
    """A forum held per area is scheduled in one area of that kind."""
    forum = pack.forums.get(forum_key)
    if forum is not None and forum.per_area and (area is None or area.kind != forum.per_area):
        raise ValidationError({"area": f"{forum.label} is held per {forum.per_area}: select "
                                       f"the {forum.per_area}"})


def outside(meeting: Meeting, cases: list[Case]) -> list[Case]:
    """The cases whose child does not live in the meeting's area (none when the forum is
    not held per area)."""
    scope = meeting_scope(meeting)
    if scope is None:
        return []
    return [c for c in cases if c.child.area_id not in scope]


def refuse_outside(meeting: Meeting, cases: list[Case]) -> None:
    """No panel member reaches another area's child through this meeting: such a case
    never goes on its agenda, nor is the agenda published with one."""
    away = outside(meeting, cases)
    if away:
        where = meeting.area.name if meeting.area else "no area"
        raise ValidationError({"case": f"{away[0].child} does not live in {where}: "
                                       f"{meeting.forum_label} takes only the children of its "
                                       "area. Record the child's area, or take the case to "
                                       "that area's meeting."})
