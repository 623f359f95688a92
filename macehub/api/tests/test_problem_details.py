"""Every API error is an RFC 9457 problem (`application/problem+json`): a `type` a client
can switch on, a `title`, the `status`, a `detail` in words, and for invalid input each
field named in `errors` with a JSON pointer into the body."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from macehub.api import api
from macehub.api.tests.helpers import Api
from macehub.lib.problems import CONTENT_TYPE, fields

pytestmark = pytest.mark.django_db
KEYS = {"type", "title", "status", "detail", "marking"}


def _is_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == CONTENT_TYPE
    body: dict[str, Any] = response.json()
    assert KEYS <= set(body) and body["status"] == status
    assert body["type"].startswith("urn:macehub:problem:") and isinstance(body["detail"], str)
    return body


def test_a_service_refusal_names_each_field_with_a_pointer(personas: dict[str, Any]) -> None:
    body = _is_problem(Api("hub_coordinator").post("/meetings", {
        "forum": "mace", "starts_at": "2027-07-01T10:00:00+01:00", "minutes": 90, "venue": ""}),
        422)
    assert body["type"] == "urn:macehub:problem:invalid-input"
    assert "venue" in fields(body)
    venue = next(e for e in body["errors"] if e.get("field") == "venue")
    assert venue["pointer"] == "#/venue" and venue["detail"]


def test_a_body_that_does_not_fit_the_schema_names_the_nested_field(
        personas: dict[str, Any]) -> None:
    body = _is_problem(Api("hub_coordinator").post("/meetings", {
        "forum": "mace", "starts_at": "not a time", "minutes": 90, "venue": "Hall"}), 422)
    starts = next(e for e in body["errors"] if e.get("field") == "starts_at")
    assert starts["pointer"] == "#/starts_at"


def test_a_bad_query_parameter_is_named_without_a_body_pointer(
        personas: dict[str, Any]) -> None:
    body = _is_problem(Api("hub_coordinator").get("/cases", cursor="forged"), 422)
    assert "cursor" in fields(body)


def test_not_signed_in_not_allowed_and_not_found_are_problems(personas: dict[str, Any]) -> None:
    _is_problem(Client().get("/api/v1/cases"), 401)
    _is_problem(Api("hub_coordinator").get("/cases/999999"), 404)
    denied = _is_problem(Api("referrer").post("/agencies", {"name": "X", "type": "police"}),
                         403)
    assert denied["type"] == "urn:macehub:problem:not-allowed" and "errors" not in denied


def test_bad_input_refused_before_the_operation_is_a_problem_too(
        personas: dict[str, Any]) -> None:
    body = _is_problem(Api("hub_coordinator").get("/cases", q="a\x00b"), 400)
    assert body["title"] == "Input refused"


def test_the_openapi_document_describes_errors_as_problems() -> None:
    spec = api.get_openapi_schema()
    problem = spec["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail"} <= set(problem["required"])
    declared = spec["paths"]["/api/v1/cases"]["get"]["responses"][422]["content"]
    assert set(declared) == {CONTENT_TYPE}
