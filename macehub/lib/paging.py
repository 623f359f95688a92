"""Lists are never cut silently: a long list is shown a page at a time, with its count.

A page with several lists gives each its own query parameter, and each list's page links
keep every other parameter, so paging one list leaves the others where they were."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paged(request: HttpRequest, param: str, items: Any, per_page: int,
          count: int | None = None) -> dict[str, Any]:
    """Template context for one list: `{param}` is the page (its paginator holds the
    count) and `{param}_query` the other parameters for its links. `count`, when the
    caller has counted already, saves counting again."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count
    query = request.GET.copy()
    query.pop(param, None)
    page: Page[Any] = paginator.get_page(request.GET.get(param))
    page.links = list(paginator.get_elided_page_range(  # type: ignore[attr-defined]
        page.number, on_each_side=1, on_ends=1))
    return {param: page, f"{param}_query": query.urlencode()}
