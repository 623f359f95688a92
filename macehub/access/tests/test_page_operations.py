"""Every page has its API counterpart (macehub/access/operations.py): a page that lists
records, shows one or accepts a POST names the operation(s) that do the same, and each
named operation is in the OpenAPI document an integrator reads."""

from __future__ import annotations

from macehub.access.operations import PAGE_OPERATIONS, WITHOUT_OPERATION
from macehub.access.tests.routes import ROUTES
from macehub.api import api


def _operation_ids() -> set[str]:
    paths = api.get_openapi_schema()["paths"]
    return {op["operationId"] for operations in paths.values() for op in operations.values()}


def test_every_page_names_its_api_operations_or_why_it_has_none() -> None:
    missing = set(ROUTES) - set(PAGE_OPERATIONS) - set(WITHOUT_OPERATION)
    assert missing == set(), "add these pages to macehub/access/operations.py"
    both = set(PAGE_OPERATIONS) & set(WITHOUT_OPERATION)
    assert both == set()
    assert set(PAGE_OPERATIONS) | set(WITHOUT_OPERATION) <= set(ROUTES), "a page gone"


def test_every_named_operation_is_in_the_openapi_document() -> None:
    known = _operation_ids()
    unknown = {(page, op) for page, ops in PAGE_OPERATIONS.items() for op in ops
               if op not in known}
    assert unknown == set()
    assert all(PAGE_OPERATIONS.values()), "a page in the table names at least one operation"


def test_pages_without_an_operation_are_a_persons_own_session_only() -> None:
    # Every page that lists, shows or changes the partnership's records has an operation;
    # only signing in and out, passwords and the start page do not.
    assert all(reason for reason in WITHOUT_OPERATION.values())
    writes = {name for name in WITHOUT_OPERATION if "POST" in ROUTES[name][0]}
    assert writes <= {"accounts:login", "accounts:mfa", "accounts:logout",
                      "accounts:password_change", "accounts:password_forgot",
                      "accounts:password_set", "partnerships:choose"}
