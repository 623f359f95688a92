"""Several counts in one statement.

A page that shows many counts (home's work waiting) would otherwise ask the database once
per count. `count_together` sends every query as a scalar subquery of one SELECT, so the
page pays one round trip whatever the number of counts. Each query is compiled exactly as
Django would run it, scope filter included, and counted as `QuerySet.count()` counts: the
rows the query returns (a union, a distinct query and a slice included)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet


def _selected(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """The query with only what counting needs: no order, and the key alone where that
    keeps the rows the same (a union's parts choose their own columns)."""
    query = queryset.query
    if query.combinator or query.distinct_fields or query.is_sliced or \
            query.group_by is not None:
        return queryset
    if query.distinct:
        return queryset.order_by()
    return queryset.order_by().values("pk")


def count_together(querysets: Sequence[QuerySet[Any]], using: str = "default") -> list[int]:
    """The number of rows of each query, in order, read with one statement (none when
    every query is empty by construction, as a scope that reaches nothing is)."""
    parts: dict[int, str] = {}
    params: list[Any] = []
    for n, queryset in enumerate(querysets):
        query = _selected(queryset).query
        if query.is_empty():
            continue
        try:
            # The SQL is Django's own compilation; every value stays a parameter.
            sql, more = query.get_compiler(using).as_sql()
        except EmptyResultSet:  # a condition that holds for no row, as `pk__in=[]`
            continue
        parts[n] = f"(SELECT COUNT(*) FROM ({sql}) AS counted_{n})"  # noqa: S608
        params.extend(more)
    counts = [0] * len(querysets)
    if parts:
        with connections[using].cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(parts.values()), params)
            for n, value in zip(parts, cursor.fetchone(), strict=True):
                counts[n] = int(value)
    return counts
