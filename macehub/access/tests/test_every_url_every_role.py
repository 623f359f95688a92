"""The URL x role matrix (SECURITY S5, S6), one test per URL and role: a role reaches a
page, and sends a write, exactly when its permission says so; a role without the
permission is refused (403) on GET and POST alike; anonymous users are sent to sign in; a
password-only session reaches nothing but the second-factor step; nothing changes on a GET.
The same for every API operation."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from macehub.access.decorators import AccessRule, rule_of
from macehub.access.permissions import PERMISSIONS
from macehub.access.tests.routes import (
    ROUTES,
    ApiOperation,
    api_operations,
    example_body,
    page_names,
    page_url,
    schema_operations,
    views,
)
from macehub.access.tests.test_url_walk import API_PUBLIC
from macehub.accounts.models import Role
from macehub.api.core import ROLE_REFUSED
from macehub.tests.factories import sign_in

pytestmark = pytest.mark.django_db

# PERFORMANCE B7: at most 10 queries for the page itself, plus the 4 that every signed-in
# request makes (session, user, second-factor device, memberships in the partnership).
# A page, its session and actor, and the audit of what it showed: one event, the records it
# names, and (for lists known by case) the cases' children, whatever the number of rows.
MAX_QUERIES_PER_PAGE = 10 + 4 + 3
# Pages that count, listed with why (their query count is still fixed, whatever the rows):
# the home page asks each app for the work waiting (one count each, and the due rules one
# query per kind of due item for the hub and chairs); the dashboard is a figure page
# (PERFORMANCE B6): one aggregate query per table and outcome measure.
HEAVIER = {"home": 22, "oversight:dashboard": 40, "oversight:export": 40}

ROLES = [role.value for role in Role]
SIGN_IN = "/accounts/sign-in/"


def _rule(name: str) -> AccessRule:
    rule = rule_of(views()[name])
    assert rule is not None, f"{name} declares no access rule"
    return rule


def _allowed(rule: AccessRule, role: str) -> bool:
    return rule.level != "permission" or role in PERMISSIONS[rule.permission or ""]


def _row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()
            if m._meta.label not in {"audit.AuditEvent", "audit.AuditEventObject",
                                     "sessions.Session", "axes.AccessLog",
                                     "accounts.UserSession"}}


def test_every_url_is_in_the_matrix() -> None:
    assert sorted(ROUTES) == sorted(page_names())


def test_every_api_operation_is_in_the_matrix() -> None:
    assert {(op.method, op.path) for op in api_operations()} == schema_operations()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ROUTES))
def test_a_role_reaches_a_url_exactly_when_its_permission_allows(
        name: str, role: str, world: dict[str, Any]) -> None:
    rule = _rule(name)
    allowed = _allowed(rule, role)
    methods = ROUTES[name][0]
    client = sign_in(Client(), world["users"][role], world["dudley"])
    url = page_url(name, world["home"])
    if "GET" in methods:
        before = _row_counts()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert len(queries) <= HEAVIER.get(name, MAX_QUERIES_PER_PAGE), (name, len(queries))
        assert _row_counts() == before, f"a GET of {name} changed data"
        if not allowed:
            assert response.status_code == 403, (name, role, response.status_code)
        elif rule.level == "permission":
            assert response.status_code in {200, 302}, (name, role, response.status_code)
            if response.status_code == 302:
                assert not response["Location"].startswith("/accounts/"), name
    else:
        # A write answers a GET with "method not allowed", after the permission check.
        assert client.get(url).status_code == (405 if allowed else 403), (name, role)
    if "POST" in methods:
        response = client.post(url, {})
        if not allowed:
            assert response.status_code == 403, (name, role, response.status_code)
        elif rule.level == "permission":
            assert response.status_code != 403, (name, role)
            if response.status_code == 302:
                assert not response["Location"].startswith(SIGN_IN), name


def _api_request(client: Client, op: ApiOperation, records: dict[str, Any]) -> Any:
    body = example_body(op)
    return client.generic(op.method, op.url(records),
                          json.dumps(body) if body is not None else "",
                          content_type="application/json")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("op", sorted(api_operations(), key=str), ids=str)
def test_a_role_reaches_an_api_operation_exactly_when_its_permission_allows(
        op: ApiOperation, role: str, world: dict[str, Any]) -> None:
    client = sign_in(Client(), world["users"][role], world["dudley"])
    response = _api_request(client, op, world["home"])
    if role in PERMISSIONS[op.permission]:
        # A service may still refuse this person (a meeting they are not invited to), but
        # never for want of the operation's permission.
        assert response.status_code != 403 or response.json()["detail"] != ROLE_REFUSED, (
            str(op), role)
    else:
        assert response.status_code == 403, (str(op), role, response.status_code)


def test_anonymous_is_sent_to_sign_in_everywhere_but_the_allow_list(
        world: dict[str, Any]) -> None:
    client = Client()
    for name in ROUTES:
        url = page_url(name, world["home"])
        for method in ROUTES[name][0]:
            response = client.get(url) if method == "GET" else client.post(url, {})
            if _rule(name).level == "public":
                assert response.status_code in {200, 400}, name
            else:
                assert response.status_code == 302, (name, method)
                assert response["Location"].startswith(reverse("accounts:login")), name
    for op in api_operations():
        if f"api:{op.path}" not in API_PUBLIC:
            assert _api_request(client, op, world["home"]).status_code == 401, str(op)


def test_password_only_session_reaches_no_protected_url(world: dict[str, Any]) -> None:
    """SECURITY S1: without the second factor only the MFA step and sign out are open."""
    client = Client()
    client.force_login(world["users"]["hub_coordinator"])
    for name in ROUTES:
        if _rule(name).level not in {"signed_in", "permission"}:
            continue
        url = page_url(name, world["home"])
        for method in ROUTES[name][0]:
            response = client.get(url) if method == "GET" else client.post(url, {})
            assert response.status_code == 302, (name, method)
            assert response["Location"] == reverse("accounts:mfa"), name
    for op in api_operations():
        assert _api_request(client, op, world["home"]).status_code == 401, str(op)
