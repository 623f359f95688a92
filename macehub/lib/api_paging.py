"""Lists through the API are never cut silently: every list read is paginated and says how
many records match in all."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

T = TypeVar("T")

# A technical limit on one response, not a rule of any partnership.
MAX_PAGE_SIZE = 100


def page_of(rows: QuerySet[Any] | Sequence[T], *, page: int, page_size: int) -> dict[str, Any]:
    """One page of `rows`: {count, page, page_size, items}. Pages are numbered from 1."""
    if page < 1:
        raise ValidationError({"page": "Pages are numbered from 1"})
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ValidationError({"page_size": f"Ask for 1 to {MAX_PAGE_SIZE} records a page"})
    count = rows.count() if isinstance(rows, QuerySet) else len(rows)
    start = (page - 1) * page_size
    # Past the last page there is nothing to read: no query with an offset the database
    # cannot hold (a page number of 20 digits is a 500 on SQLite otherwise).
    items = list(rows[start:start + page_size]) if start < count else []
    return {"count": count, "page": page, "page_size": page_size, "items": items}
