"""Every statement the pages make on a table that holds a partnership's records filters by
partnership (PERFORMANCE B8; the scaling-out decision: each scoped table is keyed by
partnership, so it can be distributed or split by partnership without changing the code).

The hub coordinator walks every page that lists or shows records; the SQL of each request
is captured, and each statement that reads or changes a scoped table must name a
partnership column in its conditions."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from macehub.access.scoped import scoped_models
from macehub.access.tests.routes import ROUTES, page_url
from macehub.tests.factories import sign_in

pytestmark = pytest.mark.django_db

SCOPED_TABLES = {model._meta.db_table for model in scoped_models()}
_TABLE = re.compile(r'(?:FROM|JOIN|UPDATE|INTO)\s+"(\w+)"', re.IGNORECASE)


def scoped_tables(sql: str) -> set[str]:
    return {name for name in _TABLE.findall(sql) if name in SCOPED_TABLES}


def filters_by_partnership(sql: str) -> bool:
    where = sql.upper().partition(" WHERE ")[2]
    return '"PARTNERSHIP_ID" =' in where or '"PARTNERSHIP_ID" IN' in where


def test_every_statement_on_a_scoped_table_filters_by_partnership(
        world: dict[str, Any]) -> None:
    client = sign_in(Client(), world["users"]["hub_coordinator"], world["dudley"])
    unfiltered: dict[str, list[str]] = {}
    walked = checked = 0
    for name in sorted(ROUTES):
        if "GET" not in ROUTES[name][0]:
            continue
        with CaptureQueriesContext(connection) as queries:
            status = client.get(page_url(name, world["home"])).status_code
        if status != 200:
            continue
        walked += 1
        for query in queries:
            sql = query["sql"]
            checked += bool(scoped_tables(sql))
            if scoped_tables(sql) and not filters_by_partnership(sql):
                unfiltered.setdefault(name, []).append(sql[:400])
    assert walked > 40 and checked > 100
    assert unfiltered == {}, "\n".join(f"{k}: {v}" for k, v in unfiltered.items())
