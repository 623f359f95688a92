"""Property-based tests of the whole API from its own OpenAPI document (schemathesis,
docs/adr/0013-schemathesis-per-role.md), on SQLite and on PostgreSQL alike.

Every operation is called as every role of Dudley with an API token, on generated input,
and the answer is checked: never a server error; the status, content type, headers and
body the document declares; authentication never ignored (the same request without a
token, or with a wrong one, is refused); and a record Dudley's role reads is not found by
the same role of Essex (SECURITY S7: tenant isolation between partnerships). Without
a token every operation answers 401: the API has no public operation."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis import Case
from schemathesis.checks import (
    content_type_conformance,
    ignored_auth,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from macehub.access.permissions import PERMISSIONS
from macehub.access.tests.routes import API_PARAMETERS, API_ROOT, api_operations
from macehub.api import api
from macehub.api.tests.fuzz import ROLES, World
from macehub.wsgi import application

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = application

# Not run: schemathesis's object_level_authorization needs a Web Fuzzing Commons auth
# document and ids its stateful engine created during the run; here the records come
# from the factories, and the object-level check is the explicit replay as Essex below.
# Nor the checks of data acceptance (positive_data_acceptance, negative_data_rejection):
# a service refuses input the schema allows (a closed case, a date in the past) and the
# path names real records whatever was generated, so neither outcome is an error.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance, ignored_auth]

# A few generated examples per operation and role, always the same ones: the suite runs
# on 2 cores. derandomize gives every run the same cases; no example database is kept.
FEW = settings(max_examples=5, derandomize=True, database=None, deadline=None,
               phases=[Phase.generate], suppress_health_check=list(HealthCheck))
# schemathesis's coverage phase (boundary values, missing and wrong-typed fields), run
# as hypothesis's explicit examples: once per operation, as a role that may use it.
BOUNDARIES = settings(FEW, phases=[Phase.explicit])

# (operation, persona) pairs refused for want of the permission once already.
REFUSED: set[tuple[str, str]] = set()
PERMISSION = {(op.method, f"{API_ROOT}{op.path}"): op.permission for op in api_operations()}


def _at_home(case: Case, world: World) -> None:
    """Name Dudley's records in the path: a generated id names nothing, so the operation
    would only ever answer 404 and the rest of it would go untested."""
    for name in case.path_parameters or {}:
        case.path_parameters[name] = world.home[API_PARAMETERS[name]].pk


def _roles(case: Case) -> frozenset[str]:
    return PERMISSIONS[PERMISSION[(case.operation.method.upper(), case.operation.path)]]


def _allowed_role(case: Case) -> str:
    return next(role for role in ROLES if role in _roles(case))


def _role_of(persona: str) -> str:
    return "panel_member" if persona.startswith("panel_member") else persona


@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@FEW
def test_every_operation_answers_as_documented_for_every_role(
        case: Case, role: str, fuzz_world: World) -> None:
    refused = (case.operation.label, role)
    if refused in REFUSED:
        return  # one refusal proves it: the role is refused before any input is read
    _at_home(case, fuzz_world)
    response = case.call_and_validate(headers=fuzz_world.bearer(role), checks=CHECKS)
    if _role_of(role) not in _roles(case):
        # Input the schema refuses is answered first (400, 413, 422); then the role.
        assert response.status_code in {400, 403, 413, 422}, (role, response.status_code)
        if response.status_code == 403:
            REFUSED.add(refused)
    if case.method == "GET" and case.path_parameters and response.status_code == 200:
        away = case.call(headers=fuzz_world.bearer(role, away=True))
        # SECURITY S7: another partnership's role is told "not found", as for no record.
        assert away.status_code == 404, (case.formatted_path, role, away.status_code)


@schema.parametrize()
@BOUNDARIES
def test_every_operation_answers_boundary_input_as_documented(
        case: Case, fuzz_world: World) -> None:
    _at_home(case, fuzz_world)
    case.call_and_validate(headers=fuzz_world.bearer(_allowed_role(case)), checks=CHECKS)


@schema.parametrize()
@settings(FEW, max_examples=1)
def test_every_operation_refuses_a_caller_without_a_token(
        case: Case, fuzz_world: World) -> None:
    # SECURITY S6: deny by default; no API operation is on the public allow-list.
    _at_home(case, fuzz_world)
    case.cookies = {}
    case.headers = {key: value for key, value in (case.headers or {}).items()
                    if key.lower() not in {"authorization", "cookie"}}
    response = case.call_and_validate(checks=CHECKS)
    assert response.status_code == 401, (case.method, case.formatted_path,
                                         response.status_code)
