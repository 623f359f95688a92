"""Lists through the API are never cut silently: every list read is paginated, says how
many records match in all, and gives the cursor of the page after it (`next`).

A cursor is opaque to the caller: the id of the last row given and the list's order,
signed so that it cannot be forged (docs/adr/0022). It holds no value of the row (a
cursor is a URL, and URLs are logged: never a child's name in one). The page after it
starts strictly after that row in the list's order (keyset: its sort values are read
again, from the same scoped list), so rows added or removed meanwhile neither repeat nor
skip a row, and no page costs more than the first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy

T = TypeVar("T")

# A technical limit on one response, not a rule of any partnership.
MAX_PAGE_SIZE = 100
CURSOR = "cursor"
_SALT = "macehub.api.cursor"
BAD_CURSOR = "The cursor is not valid: use the `next` of the page before, or start again " \
    "without a cursor"
OTHER_ORDER = "The cursor belongs to another sort order: start again without a cursor"
GONE = "The record the cursor continues from is no longer in the list: start again " \
    "without a cursor"
NEXT_DESCRIPTION = "The cursor of the page after this one (`?cursor=`); null on the last page"


def page_of(rows: QuerySet[Any] | Sequence[T], *, page: int, page_size: int,
            cursor: str = "") -> dict[str, Any]:
    """One page of `rows`: {count, page, page_size, items, next}. Pages are numbered from
    1; with `cursor`, the page is the one after the row the cursor names."""
    if page < 1:
        raise ValidationError({"page": "Pages are numbered from 1"})
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ValidationError({"page_size": f"Ask for 1 to {MAX_PAGE_SIZE} records a page"})
    if cursor and page != 1:
        raise ValidationError({"page": "Give a page number or a cursor, not both"})
    if not isinstance(rows, QuerySet):
        if cursor:
            raise ValidationError({CURSOR: "This list is read by page number"})
        count = len(rows)
        start = (page - 1) * page_size
        # Past the last page nothing is read (a list worked out a page at a time would
        # otherwise work out every row before it).
        items = list(rows[start:start + page_size]) if start < count else []
        return {"count": count, "page": page, "page_size": page_size, "items": items,
                "next": None}
    count = rows.count()
    keys = _keys(rows)
    if keys is None:  # an order no cursor can follow: read by page number
        if cursor:
            raise ValidationError({CURSOR: "This list is read by page number"})
        start = (page - 1) * page_size
        items = list(rows[start:start + page_size]) if start < count else []
        return {"count": count, "page": page, "page_size": page_size, "items": items,
                "next": None}
    ordered = rows.order_by(*(key.expression() for key in keys))
    if cursor:
        ordered = ordered.filter(_after(keys, _values(rows, keys, _read(cursor, keys))))
        start = 0
    else:
        start = (page - 1) * page_size
    # Past the last page there is nothing to read: no query with an offset the database
    # cannot hold (a page number of 20 digits is a 500 on SQLite otherwise).
    found = list(ordered[start:start + page_size + 1]) if start < count else []
    items, more = found[:page_size], len(found) > page_size
    return {"count": count, "page": page, "page_size": page_size, "items": items,
            "next": _write(keys, items[-1]) if more and items else None}


@dataclass(frozen=True)
class _Key:
    """One column of a list's order. Empty values sort last either way, on every
    database, so that the page after a row is the same query on SQLite and PostgreSQL."""

    name: str
    descending: bool

    def expression(self) -> OrderBy:
        column = F(self.name)
        return column.desc(nulls_last=True) if self.descending else column.asc(nulls_last=True)

    def after(self, value: Any) -> Q:
        if value is None:  # empty values come last: nothing after them in this column
            return Q(pk__in=[])
        beyond = Q(**{f"{self.name}__lt" if self.descending else f"{self.name}__gt": value})
        return beyond | Q(**{f"{self.name}__isnull": True})

    def same(self, value: Any) -> Q:
        return Q(**{f"{self.name}__isnull": True}) if value is None else \
            Q(**{self.name: value})


def _keys(rows: QuerySet[Any]) -> list[_Key] | None:
    order = list(rows.query.order_by) or list(rows.model._meta.ordering or [])
    keys: list[_Key] = []
    for part in order:
        if isinstance(part, str):
            keys.append(_Key(part.removeprefix("-"), part.startswith("-")))
        elif isinstance(part, OrderBy) and isinstance(part.expression, F):
            keys.append(_Key(part.expression.name, part.descending))
        else:  # an expression (a function of a column): no keyset on it
            return None
    if not any(key.name in ("pk", "id") for key in keys):
        keys.append(_Key("pk", keys[-1].descending if keys else False))
    return keys


def _after(keys: list[_Key], values: list[Any]) -> Q:
    """Rows strictly after the one with `values`, in the order of `keys`."""
    result = Q(pk__in=[])
    for index, key in enumerate(keys):
        tied = Q()
        for earlier, value in zip(keys[:index], values[:index], strict=True):
            tied &= earlier.same(value)
        result |= tied & key.after(values[index])
    return result


def _values(rows: QuerySet[Any], keys: list[_Key], pk: Any) -> list[Any]:
    """The sort values of the row the cursor names, read from the same (scoped) list."""
    found = rows.order_by().filter(pk=pk).values_list(*(key.name for key in keys)).first()
    if found is None:
        raise ValidationError({CURSOR: GONE})
    return list(found)


def _order_of(keys: list[_Key]) -> list[str]:
    return [f"-{key.name}" if key.descending else key.name for key in keys]


def _write(keys: list[_Key], row: Any) -> str:
    return signing.dumps({"o": _order_of(keys), "k": row.pk}, salt=_SALT, compress=True)


def _read(cursor: str, keys: list[_Key]) -> Any:
    try:
        data = signing.loads(cursor, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise ValidationError({CURSOR: BAD_CURSOR}) from None
    if not isinstance(data, dict) or not isinstance(data.get("k"), int | str):
        raise ValidationError({CURSOR: BAD_CURSOR})
    if data.get("o") != _order_of(keys):
        raise ValidationError({CURSOR: OTHER_ORDER})
    return data["k"]
