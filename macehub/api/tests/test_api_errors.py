"""The API's error answers, as the schema tests (test_schema_fuzz.py) found them wanting:
each is JSON with the marking and declared in the OpenAPI document, a caller without a
token is told 401 for a write as for a read, and a body too large to read is 413."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from macehub.api import api
from macehub.api.tests.helpers import Api
from macehub.tests.factories import sign_in

pytestmark = pytest.mark.django_db
LEVEL = "OFFICIAL-SENSITIVE"


def test_a_write_without_a_token_or_session_is_told_401_not_refused_by_the_csrf_check() -> None:
    # SECURITY S6: no API operation is public; a caller with no credentials is not signed in.
    response = Client(enforce_csrf_checks=True).post(
        "/api/v1/meetings", {}, content_type="application/json")
    assert response.status_code == 401, response.content
    assert response.json()["marking"] == LEVEL


def test_a_write_from_a_signed_in_browser_without_the_csrf_token_is_refused(
        personas: dict[str, Any], dudley: Any) -> None:
    # SECURITY S5: CSRF on every unsafe method, for the API used with a session too.
    client = sign_in(Client(enforce_csrf_checks=True), personas["hub_coordinator"], dudley)
    response = client.post("/api/v1/agencies", {"name": "Forged", "type": "police"},
                           content_type="application/json")
    assert response.status_code == 403, response.content


def test_a_body_larger_than_the_server_reads_is_413_in_json(
        personas: dict[str, Any], settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    hub = Api("partnership_admin")
    response = hub.post("/agencies", {"name": "x" * 2000, "type": "police"})
    assert response.status_code == 413, response.content
    assert response.json()["marking"] == LEVEL
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("url", ["/meetings", "/api-tokens", "/cases"])
def test_a_page_number_past_the_last_page_answers_an_empty_page_not_a_server_error(
        personas: dict[str, Any], url: str) -> None:
    response = Api("hub_coordinator").get(url, page=2**64)
    assert response.status_code == 200, response.content
    assert response.json()["items"] == [] and response.json()["page"] == 2**64


def test_the_openapi_document_declares_every_error_an_operation_can_answer() -> None:
    spec = api.get_openapi_schema()
    change = spec["paths"]["/api/v1/agencies/{agency_id}"]["put"]["responses"]
    assert set(change) == {200, 400, 401, 403, 404, 409, 413, 422}
    whoami = spec["paths"]["/api/v1/whoami"]["get"]["responses"]
    assert set(whoami) == {200, 400, 401, 403}
    # Each error is the Problem object with the marking, once: not wrapped again per
    # operation.
    assert change[401]["content"]["application/problem+json"]["schema"] == {"allOf": [
        {"$ref": "#/components/schemas/Problem"}, {"$ref": "#/components/schemas/Marked"}]}
    for operations in spec["paths"].values():
        for operation in operations.values():
            for response in operation["responses"].values():
                content = response.get("content", {})
                schema = (content.get("application/json")
                          or content.get("application/problem+json", {})).get("schema")
                wrapped = (schema or {}).get("allOf", [{}])[0]
                assert "allOf" not in json.dumps(wrapped), response
