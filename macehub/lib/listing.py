"""One way to show a list on a page: filters and sort live in the query string (a list can
be bookmarked or sent on), bad filter values get a clear message and an empty list (400,
never a 500), and the rows come a page at a time with their count ("Showing 1 to 25 of
312 cases").

A view names its columns, which of them sort and how, and the function that returns the
filtered rows; `list_page` does the rest. The API's list operations read the same filter
form and sort keys through `api_filters` and `ordered`, so a page and its API agree."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.functions import Collate
from django.http import HttpRequest, QueryDict
from django.utils.functional import cached_property

SORT = "sort"
PAGE = "page"

# Sort keys name the fields to order by, ascending; "-key" in the query string reverses
# every one of them. For a list of objects (not a query) the fields are attributes. A field
# written "name nulls_last" puts rows without a value last whichever way the list is sorted
# (explicitly, as SQLite and PostgreSQL put nulls at opposite ends by default).
Sorts = dict[str, tuple[str, ...]]
NULLS_LAST = " nulls_last"


@dataclass(frozen=True)
class Column:
    label: str
    sort: str = ""  # a key in the view's sorts, or "" when the column does not sort


@dataclass(frozen=True)
class Head:
    label: str
    href: str = ""
    aria_sort: str = ""  # ascending, descending or none; "" for a column that does not sort


@dataclass(frozen=True)
class Chosen:
    """A filter in use, as a tag that removes it."""

    label: str
    href: str


class BoundedPaginator(Paginator):  # type: ignore[type-arg]
    """Counts no further than `bound` + 1 rows (one statement that stops there), so a list
    of millions of rows is not counted on every view; past the bound it says "more than"."""

    def __init__(self, rows: Any, per_page: int, bound: int) -> None:
        super().__init__(rows, per_page)
        self.bound = bound

    @cached_property
    def count(self) -> int:
        rows = self.object_list
        if isinstance(rows, QuerySet):
            return rows[:self.bound + 1].count()
        return min(len(rows), self.bound + 1)

    @property
    def more(self) -> bool:
        return self.count > self.bound

    @property
    def bound_text(self) -> str:
        return f"{self.bound:,}"

    @property
    def total(self) -> str:
        return f"more than {self.bound_text}" if self.more else str(self.count)


@dataclass
class Listing:
    page: Page[Any]
    noun: str
    head: list[Head]
    form: forms.Form | None = None
    chosen: list[Chosen] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # not about one filter: the sort
    query: str = ""
    clear: str = "?"

    @property
    def rows(self) -> list[Any]:
        return list(self.page.object_list)

    @property
    def invalid(self) -> bool:
        return bool(self.errors) or (self.form is not None and self.form.is_bound
                                     and not self.form.is_valid())

    @property
    def status(self) -> int:
        return 400 if self.invalid else 200

    @property
    def more(self) -> bool:
        """True when there are more rows than the list counts (BoundedPaginator)."""
        return bool(getattr(self.page.paginator, "more", False))

    @property
    def showing(self) -> str:
        paginator = self.page.paginator
        count = paginator.count
        if not count:
            return f"No {self.noun} match."
        total = getattr(paginator, "total", str(count))
        return (f"Showing {self.page.start_index()} to {self.page.end_index()} of {total} "
                f"{self.noun}")


def _flip(name: str) -> str:
    return name.removeprefix("-") if name.startswith("-") else f"-{name}"


def _order_by(name: str, descending: bool) -> Any:
    field = _flip(name.removesuffix(NULLS_LAST)) if descending else \
        name.removesuffix(NULLS_LAST)
    if not name.endswith(NULLS_LAST):
        return field
    column = F(field.removeprefix("-"))
    return column.desc(nulls_last=True) if field.startswith("-") else \
        column.asc(nulls_last=True)


def code_point_order(expression: Any) -> Collate:
    """Text in the order Python sorts it (by code point) whatever the database's collation,
    for a list merged from the database and from Python."""
    return Collate(expression, "C" if connection.vendor == "postgresql" else "BINARY")


def ordered(rows: Any, sorts: Sorts, key: str) -> Any:
    """`rows` in the order `key` names ("risk" or "-risk"); ValidationError for a key the
    list does not sort by."""
    name = key.removeprefix("-")
    if name not in sorts:
        raise ValidationError({SORT: f"Sort by one of: {', '.join(sorts)}"})
    fields, descending = sorts[name], key.startswith("-")
    if isinstance(rows, QuerySet):
        return rows.order_by(*(_order_by(f, descending) for f in fields))
    if hasattr(rows, "sorted_by"):  # rows that sort themselves, partly in the database
        return rows.sorted_by(fields, descending)
    result = list(rows)
    for name in reversed(fields):  # a stable sort, last field first
        name = name.removesuffix(NULLS_LAST)
        result.sort(key=attrgetter(name.removeprefix("-").replace("__", ".")),
                    reverse=descending != name.startswith("-"))
    return result


def api_filters(form: forms.Form) -> dict[str, Any]:
    """The cleaned filters of a bound filter form, or ValidationError (the API answers 422
    with each field's message)."""
    if not form.is_valid():
        raise ValidationError({name: [str(e) for e in errors]
                               for name, errors in form.errors.items()})
    return dict(form.cleaned_data)


def _choice_label(bound: forms.BoundField, value: Any) -> str:
    if hasattr(value, "pk"):  # a record chosen from a list
        return str(value)
    if isinstance(bound.field, forms.ChoiceField):
        choices: Any = bound.field.choices
        labels = {str(key): str(label) for key, label in choices}
        return labels.get(str(value), str(value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if hasattr(value, "strftime"):
        return value.strftime("%-d %b %Y")
    return str(value)


def _href(query: QueryDict, **changes: str | None) -> str:
    query = query.copy()
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = value
    return f"?{query.urlencode()}" if query else "?"


def _chosen(form: forms.Form, query: QueryDict) -> list[Chosen]:
    chosen = []
    for name, value in form.cleaned_data.items():
        if value in (None, "", [], False):
            continue
        bound = form[name]
        label = str(bound.label or name)
        # A field in parts (a GOV.UK date input: day, month, year) leaves with every part.
        names = [bound.html_name]
        parts: list[str] = getattr(bound.field.widget, "widgets_names", [])
        names += [bound.html_name + suffix for suffix in parts]
        chosen.append(Chosen(f"{label}: {_choice_label(bound, value)}",
                             _href(query, **dict.fromkeys([*names, PAGE]))))
    return chosen


def list_page(request: HttpRequest, rows: Callable[[dict[str, Any]], Any], *, noun: str,
              columns: Sequence[Column], sorts: Sorts, default: str,
              form: forms.Form | None = None, per_page: int = 25,
              count_bound: int | None = None) -> Listing:
    """One page of the rows `rows(filters)` returns, filtered by `form` (bound to the query
    string) and sorted by the `sort` parameter (`default` when there is none). With
    `count_bound`, rows are counted only up to it ("more than 10,000")."""
    query = request.GET.copy()
    errors: list[str] = []
    filters: dict[str, Any] = {}
    valid = form is None or not form.is_bound or form.is_valid()
    if valid and form is not None and form.is_bound:
        filters = form.cleaned_data
    key = query.get(SORT) or default
    found: Any = []
    if valid:
        try:
            found = ordered(rows(filters), sorts, key)
        except ValidationError as error:
            errors.extend(error.messages)
            found = []
    paginator = Paginator(found, per_page) if count_bound is None else \
        BoundedPaginator(found, per_page, count_bound)
    page = paginator.get_page(query.get(PAGE))
    page.links = list(paginator.get_elided_page_range(page.number, on_each_side=1,  # type: ignore[attr-defined]
                                                      on_ends=1))
    head = []
    for column in columns:
        if not column.sort:
            head.append(Head(column.label))
            continue
        now = key if key.removeprefix("-") == column.sort else ""
        aria = "none" if not now else ("descending" if now.startswith("-") else "ascending")
        # The first click sorts ascending; a click on the sorted column reverses it.
        target = f"-{column.sort}" if now == column.sort else column.sort
        head.append(Head(column.label, _href(query, **{SORT: target, PAGE: None}), aria))
    without_page = query.copy()
    without_page.pop(PAGE, None)
    kept = QueryDict(mutable=True)
    if query.get(SORT):
        kept[SORT] = str(query.get(SORT))
    return Listing(
        page=page, noun=noun, head=head, form=form, errors=errors,
        chosen=_chosen(form, query) if form is not None and filters else [],
        query=without_page.urlencode(), clear=f"?{kept.urlencode()}")
