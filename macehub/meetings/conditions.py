"""Panels invited only on a condition the records cannot answer (Essex MACE 1: "if child
known to service only", 000 §6.4). Such a panel is never assumed: when the agenda is
published the coordinator answers, yes or no, for each case it would apply to (or once
for the whole meeting), and the panel is invited for a case only on a yes. The answers are
kept on the agenda items."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

from macehub.meetings.areas import meeting_scope
from macehub.meetings.models import AgendaItem, Meeting
from macehub.partnerships.policy.forums import Panel

# (panel key, case id) → yes/no; a case id of None answers for every case on the agenda.
Answers = dict[tuple[str, int | None], bool]


@dataclass(frozen=True)
class Question:
    panel: str
    label: str
    condition: str
    source: str
    item: AgendaItem

    @property
    def case_id(self) -> int:
        assert self.item.case_id is not None
        return self.item.case_id

    @property
    def field(self) -> str:
        """The name of the yes/no field that answers it on the publish form."""
        return f"condition__{self.panel}__{self.case_id}"

    @property
    def text(self) -> str:
        return f"{self.item.case.child if self.item.case else self.item.title}: is it true " \
               f"that {self.condition}?"


def panel_kind(item: AgendaItem) -> str:
    return "review" if item.kind == AgendaItem.Kind.REVIEW else "initial"


def case_items(meeting: Meeting) -> list[AgendaItem]:
    """The agenda's case items that invitations are drawn from (in the meeting's area)."""
    scope = meeting_scope(meeting)
    items = meeting.items.filter(removed_at__isnull=True, case__isnull=False).select_related(
        "case__child", "case__lead_agency")
    return [i for i in items if i.case is not None
            and (scope is None or i.case.child.area_id in scope)]


def applying(meeting: Meeting, item: AgendaItem) -> list[Panel]:
    """The forum's panels that apply to the item's case by type, age and meeting kind."""
    assert item.case is not None
    forum = meeting.partnership.policy.forum(meeting.forum)
    day = timezone.localtime(meeting.starts_at).date()
    return forum.panels_for(exploitation_types=set(item.case.exploitation_types),
                            age=item.case.child.age_on(day), meeting=panel_kind(item))


def questions(meeting: Meeting) -> list[Question]:
    """What the coordinator is asked at publication: one question per conditional panel
    and case it would apply to."""
    out = []
    for item in case_items(meeting):
        for panel in applying(meeting, item):
            if panel.condition:
                out.append(Question(panel.key, panel.label, panel.condition, panel.cited,
                                    item))
    return out


def answered(meeting: Meeting, answers: Answers) -> dict[int, dict[str, bool]]:
    """Every question's answer by agenda item, or a ValidationError naming the first one
    unanswered: a condition the record cannot answer is never assumed true."""
    out: dict[int, dict[str, bool]] = {}
    for q in questions(meeting):
        answer = answers.get((q.panel, q.item.case_id), answers.get((q.panel, None)))
        if answer is None:
            raise ValidationError({"conditions": f"Answer yes or no before publishing: "
                                                 f"{q.text} ({q.label})"})
        out.setdefault(q.item.pk, {})[q.panel] = answer
    return out


def invited_for(panel: Panel, item: AgendaItem) -> bool:
    """A panel with a condition is invited for a case only on the coordinator's yes."""
    return not panel.condition or item.panel_answers.get(panel.key) is True
