"""Every API response is marked (SECURITY S15): the `X-Protective-Marking` header on every
response, and a top-level `marking` field on every JSON object (records, list pages and
errors); a bare JSON array is marked by the header. The OpenAPI schema says the same."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from macehub.api.tests.helpers import Api
from macehub.meetings.models import AgendaItem
from macehub.meetings.tests.test_outputs import PAPERS_URLS, papers_meeting

pytestmark = [pytest.mark.django_db, pytest.mark.urls(PAPERS_URLS)]
LEVEL = "OFFICIAL-SENSITIVE"


def test_api_json_responses_carry_the_marking_in_a_header_and_a_top_level_field(
    personas: dict[str, Any], dudley: Any,
) -> None:
    meeting = papers_meeting(personas, dudley)["meeting"]
    item = AgendaItem.objects.filter(meeting=meeting).first()
    assert item is not None
    hub = Api("hub_coordinator")
    objects = [hub.get(f"/meetings/{meeting.pk}"), hub.get("/meetings"), hub.get("/cases"),
               hub.get("/meetings/999999"),  # 404
               hub.post("/meetings", {"forum": "nope"}),  # 422 from the schema
               hub.post(f"/meetings/{meeting.pk}/agenda/items/{item.pk}/move",
                        {"up": True, "version": meeting.version - 1}),  # 409
               Client().get("/api/v1/whoami")]  # 401
    for response in objects:
        assert response[("X-Protective-Marking")] == LEVEL, response.content
        assert response.json()["marking"] == LEVEL, response.content
    array = hub.get(f"/meetings/{meeting.pk}/agenda")
    assert array.status_code == 200 and isinstance(array.json(), list)
    assert array["X-Protective-Marking"] == LEVEL
    assert all("marking" not in row for row in array.json())  # nested objects: no repeat


def test_the_openapi_schema_declares_the_marking_on_every_response() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["components"]["schemas"]["Marked"]["required"] == ["marking"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for code, response in operation["responses"].items():
                where = (path, method, code)
                assert "X-Protective-Marking" in response["headers"], where
                body = response.get("content", {}).get("application/json", {}).get("schema")
                if body is None or body.get("type") == "array":
                    continue
                assert {"$ref": "#/components/schemas/Marked"} in body["allOf"], where
