"""The protective marking on every API response (SECURITY S15).

Every response carries the header `X-Protective-Marking: OFFICIAL-SENSITIVE`. Every JSON
object response also carries it as a top-level field, `"marking": "OFFICIAL-SENSITIVE"`:
records, pages of a list (`{"items": [...], "count": ..., "marking": ...}`) and errors
(problems: `{"type": ..., "detail": ..., "marking": ...}`). A response that is a bare JSON
array (an agenda, a list of conditions) has no top level to carry a field: the header
marks it. Nested objects do not repeat the field.

The OpenAPI schema says the same: every response declares the header, and every object
response is its schema `allOf` the `Marked` schema."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse

from macehub.lib.marking import LEVEL
from macehub.lib.problems import CONTENT_TYPE as PROBLEM

HEADER = "X-Protective-Marking"
FIELD = "marking"


def marked_data(data: Any) -> Any:
    """The response body with the marking field added, when it is a JSON object."""
    if isinstance(data, dict) and FIELD not in data:
        return {**data, FIELD: LEVEL}
    return data


def mark(response: HttpResponse) -> HttpResponse:
    response[HEADER] = LEVEL
    return response


def _is_array(schema: dict[str, Any], components: dict[str, Any]) -> bool:
    ref = schema.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        schema = components.get(ref.rsplit("/", 1)[-1], {})
    return schema.get("type") == "array"


def mark_openapi(schema: dict[str, Any]) -> dict[str, Any]:
    """Declare the header on every response and the field on every object response."""
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas["Marked"] = {
        "type": "object", "title": "Marked",
        "properties": {FIELD: {"type": "string", "enum": [LEVEL], "title": "Marking"}},
        "required": [FIELD]}
    components.setdefault("headers", {})["ProtectiveMarking"] = {
        "description": "The protective marking of the response.",
        "schema": {"type": "string", "enum": [LEVEL]}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for response in operation.get("responses", {}).values():
                response.setdefault("headers", {})[HEADER] = {
                    "$ref": "#/components/headers/ProtectiveMarking"}
                content = response.get("content", {})
                body = content.get("application/json") or content.get(PROBLEM)
                if body and "schema" in body and not _is_array(body["schema"], schemas):
                    body["schema"] = {"allOf": [body["schema"],
                                                {"$ref": "#/components/schemas/Marked"}]}
    return schema
