"""The outsider test (SECURITY S5: nothing crosses between two partnerships): every page
URL and every API path that names a record is requested, GET and POST, by each role of
Dudley with the ids of Essex's records (a full set: child, concern, case, NRM referral,
meeting, agenda item, decision, invitation, action, disclosure, episode, interview,
trigger, import run, user, agency, area). A role that may use the URL is told "not found"
(404), exactly as for a record that does not exist; a role that may not is refused (403)
before any record is looked up. Nothing is ever shown, changed or redirected to."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from macehub.access.decorators import rule_of
from macehub.access.permissions import PERMISSIONS
from macehub.access.tests.routes import (
    API_PARAMETERS,
    ROUTES,
    ApiOperation,
    api_operations,
    example_body,
    page_url,
    takes_ids,
    views,
)
from macehub.accounts.models import Role
from macehub.tests.factories import sign_in

pytestmark = pytest.mark.django_db

ROLES = [role.value for role in Role]
WITH_IDS = sorted(name for name in ROUTES if takes_ids(name))
API_WITH_IDS = sorted((op for op in api_operations() if op.parameters), key=str)


def test_every_url_and_api_path_that_names_a_record_is_requested_with_essex_ids() -> None:
    assert len(WITH_IDS) > 40 and len(API_WITH_IDS) > 10
    unknown = {name for op in API_WITH_IDS for name in op.parameters} - set(API_PARAMETERS)
    assert unknown == set(), "say which record each API path argument names"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", WITH_IDS)
def test_essex_records_are_not_found_at_any_url_by_any_dudley_role(
        name: str, role: str, world: dict[str, Any]) -> None:
    rule = rule_of(views()[name])
    assert rule is not None and rule.level == "permission", name
    allowed = role in PERMISSIONS[rule.permission or ""]
    client = sign_in(Client(), world["users"][role], world["dudley"])
    url = page_url(name, world["away"])
    for method in ("GET", "POST"):
        response = client.get(url) if method == "GET" else client.post(url, {})
        if not allowed:
            assert response.status_code == 403, (name, role, method, response.status_code)
        elif method in ROUTES[name][0]:
            assert response.status_code == 404, (name, role, method, response.status_code)
        else:
            # A method the URL does not take: refused before any record is looked up.
            assert response.status_code in {404, 405}, (name, role, method,
                                                        response.status_code)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("op", API_WITH_IDS, ids=str)
def test_essex_records_are_not_found_at_any_api_path_by_any_dudley_role(
        op: ApiOperation, role: str, world: dict[str, Any]) -> None:
    client = sign_in(Client(), world["users"][role], world["dudley"])
    body = example_body(op)
    response = client.generic(op.method, op.url(world["away"]),
                              json.dumps(body) if body is not None else "",
                              content_type="application/json")
    expected = 404 if role in PERMISSIONS[op.permission] else 403
    assert response.status_code == expected, (str(op), role, response.status_code,
                                              response.content[:200])
