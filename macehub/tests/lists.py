"""Lists keep their query count as they grow (PERFORMANCE B7: a bounded number of queries
per page): a list is read with N rows and again with 3N, and both reads stay within the
same bound, the second no dearer than the first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def assert_bounded_as_rows_grow(client: Any, url: str, grow: Callable[[int], object], *,
                                n: int, bound: int) -> None:
    """`grow(k)` adds k rows to the list at `url`."""
    client.get(url)  # the session's first request of a test does its own bookkeeping
    grow(n)
    with_n = queries_for(client, url)
    grow(2 * n)
    with_3n = queries_for(client, url)
    assert with_n <= bound and with_3n <= with_n, (url, with_n, with_3n, bound)
