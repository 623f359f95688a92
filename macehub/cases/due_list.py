"""The due list's filters and sort keys, shared by the Due page and the API's due list."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from operator import attrgetter
from typing import Any

from django import forms
from django.db.models import F
from django.utils import timezone

from macehub.cases.due_store import as_item, listed
from macehub.lib.forms import Form
from macehub.lib.listing import Sorts, code_point_order
from macehub.lib.waiting import SOON
from macehub.rules.due import DueItem, DueSource, due_items, due_sources

# Soonest first by default, as the due list has always been.
DUE_SORTS: Sorts = {"due": ("due_on", "kind", "subject"), "what": ("title", "due_on"),
                    "for": ("subject", "due_on")}


class DueFilterForm(Form):
    when = forms.ChoiceField(required=False, label="When", choices=[
        ("", "Any date"), ("overdue", "Overdue"), ("soon", "Overdue or due in two weeks")])
    subject = forms.CharField(required=False, max_length=200, label="For",
                              help_text="Part of a child's name or a meeting")


def due_filtered(items: list[DueItem], filters: dict[str, Any]) -> list[DueItem]:
    today = timezone.localdate()
    if filters.get("when") == "overdue":
        items = [i for i in items if i.overdue]
    elif filters.get("when") == "soon":
        items = [i for i in items if i.due_on <= today + SOON]
    if filters.get("subject"):
        wanted = filters["subject"].casefold()
        items = [i for i in items if wanted in i.subject.casefold()]
    return items


def entries_filtered(entries: Any, filters: dict[str, Any], today: date) -> Any:
    """The same filters on stored entries (macehub.cases.due_store), in the database."""
    if filters.get("when") == "overdue":
        entries = entries.filter(due_on__lt=today, overdue_never=False)
    elif filters.get("when") == "soon":
        entries = entries.filter(due_on__lte=today + SOON)
    if filters.get("subject"):
        entries = entries.filter(subject__icontains=filters["subject"])
    return entries


class DueRows:
    """The due list as a paginator reads it: stored per-case entries, sorted and sliced in
    the database; the sources counted and paged in the database (return interviews due);
    and the few items worked out on each view (meetings ahead, concerns to screen,
    overdue actions), merged. A page reads only as many rows as it ends at, however many
    cases are open or children returned."""

    def __init__(self, entries: Any, items: list[DueItem], today: date,
                 sources: Sequence[DueSource] = (), filters: dict[str, Any] | None = None,
                 counted: int | None = None) -> None:
        """`counted`: the stored entries the filters keep, when the caller has counted
        them already."""
        self.entries, self.items, self.today = entries, items, today
        self.sources, self.filters, self.counted = list(sources), filters or {}, counted
        self.fields: tuple[str, ...] = DUE_SORTS["due"]
        self.descending = False

    def sorted_by(self, fields: tuple[str, ...], descending: bool) -> DueRows:
        self.fields, self.descending = fields, descending
        columns = [code_point_order(F(f)) if f in ("subject", "title") else F(f)
                   for f in (*fields, "pk")]
        self.entries = self.entries.order_by(
            *(c.desc() if descending else c.asc() for c in columns))
        self.items = sorted(self.items, key=attrgetter(*fields), reverse=descending)
        return self

    def __len__(self) -> int:
        entries = self.counted if self.counted is not None else int(self.entries.count())
        return entries + len(self.items) + \
            sum(s.count(self.filters) for s in self.sources)

    def __getitem__(self, key: slice) -> list[DueItem]:
        stop = key.stop if key.stop is not None else len(self)
        head = [as_item(e, self.today) for e in self.entries[:stop]]
        for source in self.sources:
            head += source.head(stop, self.fields, self.descending, self.filters)
        merged = sorted(head + self.items, key=attrgetter(*self.fields),
                        reverse=self.descending)
        return merged[key]


class DueParts:
    """What the due list merges, for the actor on `today`: the stored per-case entries,
    the sources counted and paged in the database, and the few items worked out now.
    The Due page, its API and the home page's counts read the list through this."""

    def __init__(self, actor: Any, today: date) -> None:
        self.today = today
        self.entries = listed(actor, today)
        self.sources = due_sources(actor, today=today)
        self.items = due_items(actor, today=today, per_case=False, sources=False)

    def rows(self, filters: dict[str, Any], counted: int | None = None) -> DueRows:
        """The list the filters keep (`counted`: its stored entries, when known)."""
        return DueRows(entries_filtered(self.entries, filters, self.today),
                       due_filtered(self.items, filters), self.today, self.sources,
                       filters, counted)

    def besides_entries(self, when: str = "") -> int:
        """How many items the `when` filter keeps besides the stored entries."""
        filters = {"when": when}
        return len(due_filtered(self.items, filters)) + \
            sum(s.count(filters) for s in self.sources)

    def counting(self, when: str) -> tuple[int, tuple[Any, ...]]:
        """What the `when` filter keeps, as the items worked out now and the queries
        that count the rest (stored entries and sources), to be counted together."""
        filters = {"when": when}
        return len(due_filtered(self.items, filters)), (
            entries_filtered(self.entries, filters, self.today),
            *(s.counting(filters) for s in self.sources))
