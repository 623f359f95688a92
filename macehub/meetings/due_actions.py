"""Overdue actions, counted and paged in the database.

Every action agreed at a meeting is owned and dated, and comes back to the next meeting
until it is done; one still open after its date is overdue work for the hub. A county
holds hundreds at once and England thousands, so the due list reads only the rows a page
shows. Each action's due date is its own column, so the list's order and filters are
the database's."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import F, QuerySet, Value
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils import timezone

from macehub.lib.listing import code_point_order
from macehub.meetings.models import Action
from macehub.rules.due import DueItem, DueScope, due_item
from macehub.rules.reason import Reason

_MARK = 918273645  # a number no action has: where an action's id goes in its address
# How the due list's sort fields read in the database (kind is the same for every one).
_ORDER = {"due_on": "due_on", "subject": "owner_label", "title": "what"}


def _owner_label() -> Concat:
    """The owner as the list shows it ("name, agency"), in the database."""
    return Concat("owner_name", Value(", "), "owner_agency__name")


def actions_due(scope: DueScope) -> ActionsDue | None:
    return None if scope.case is not None else ActionsDue(scope)


class ActionsDue:
    """Open actions past their date (a `macehub.rules.due.DueSource`). Every one is
    overdue, so "overdue" and "soon" keep them all."""

    def __init__(self, scope: DueScope) -> None:
        self.scope, self.today = scope, scope.today
        self.pack = scope.partnership.policy
        self.pattern = reverse("meetings:action", args=[_MARK])
        self._counts: dict[str, int] = {}

    def _rows(self, subject: str) -> QuerySet[Action]:
        rows = Action.objects.for_actor(self.scope.actor).filter(
            status=Action.Status.OPEN, due_on__lt=self.today)
        if subject:
            rows = rows.annotate(owner_label=_owner_label()).filter(
                owner_label__icontains=subject)
        return rows

    def count(self, filters: Mapping[str, Any]) -> int:
        subject = filters.get("subject") or ""
        if subject not in self._counts:
            self._counts[subject] = self.counting(filters).count()
        return self._counts[subject]

    def counting(self, filters: Mapping[str, Any]) -> QuerySet[Action]:
        return self._rows(filters.get("subject") or "")

    def head(self, stop: int, fields: tuple[str, ...], descending: bool,
             filters: Mapping[str, Any]) -> list[DueItem]:
        """The first `stop` items in the order of `fields`: every field is a column here,
        so the database's order is the list's."""
        rows = self._ordered(self._rows(filters.get("subject") or ""), fields, descending)
        return [self._item(a) for a in rows[:stop]]

    def every(self) -> list[DueItem]:
        return [self._item(a) for a in self._ordered(self._rows(""), ("due_on",), False)]

    def _ordered(self, rows: QuerySet[Action], fields: tuple[str, ...],
                 descending: bool) -> QuerySet[Action]:
        rows = rows.annotate(owner_label=_owner_label(), what=Substr("description", 1, 80))
        order = dict.fromkeys([_ORDER[f] for f in fields if f in _ORDER] + ["due_on", "pk"])
        columns: list[Any] = [F(c) if c in ("due_on", "pk") else code_point_order(F(c))
                              for c in order]
        return rows.select_related("owner_agency", "meeting").order_by(
            *(c.desc() if descending else c.asc() for c in columns))

    def _item(self, action: Action) -> DueItem:
        agreed = timezone.localtime(action.meeting.starts_at).date()
        at = self.pack.forums.get(action.meeting.forum)
        return due_item(
            self.today, kind="action", title=f"Overdue action: {action.description[:80]}",
            subject=f"{action.owner_name}, {action.owner_agency}", due_on=action.due_on,
            reason=Reason("Actions are owned, dated and reviewed at the next meeting",
                          f"Action agreed at the {at.label if at else 'meeting'} of "
                          f"{agreed.day} {agreed:%B %Y}"),
            url=self.pattern.replace(str(_MARK), str(action.pk)))
