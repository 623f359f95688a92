"""The error answers every operation can give, declared in the OpenAPI document so that
an integrator (and the schema tests) know them: each is `{"detail": ...}` with the marking.

- 401: no token, or one that is not valid (every operation).
- 403: the caller's role does not allow the operation (every operation: @permission).
- 404: a record named in the path is not there, or not within the caller's reach.
- 400: a value too large to store, a control character, a body that is not JSON (every
  operation); 422: input that is not valid (operations that take input).
- 409: a stale edit: the record changed since its `version` was read (edits).
- 413: a request body larger than the server reads (every write).

Which apply is worked out from the operation: its path, its parameters and its body."""

from __future__ import annotations

from typing import Any

ERROR = "Error"

DESCRIPTIONS = {
    400: "Input the server refuses to read or store.",
    401: "Not signed in: no token, or one that is not valid.",
    403: "The caller's role does not allow this operation.",
    404: "Not found, or not within the caller's reach.",
    409: "The record changed since it was read: read it again and retry.",
    413: "The request is too large.",
    422: "The input is not valid.",
}


def _body_schema(operation: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = operation.get("requestBody", {}).get("content", {})
    first: dict[str, Any] = next(iter(body.values()), {})
    schema: dict[str, Any] = first.get("schema", {})
    ref = schema.get("$ref", "")
    return schemas.get(ref.rsplit("/", 1)[-1], {}) if ref else schema


def error_codes(path: str, method: str, operation: dict[str, Any],
                schemas: dict[str, Any]) -> list[int]:
    # 400 for every operation: lib/badinput.py refuses a control character in any query
    # parameter and a body that is not JSON before the operation is reached.
    codes = [400, 401, 403]
    if "{" in path:
        codes.append(404)
    if operation.get("parameters") or operation.get("requestBody"):
        codes.append(422)
    if operation.get("requestBody") or method in ("post", "put"):
        codes.append(413)
    if "version" in _body_schema(operation, schemas).get("properties", {}):
        codes.append(409)
    return sorted(codes)


def declare_errors(schema: dict[str, Any]) -> dict[str, Any]:
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    schemas[ERROR] = {"type": "object", "title": ERROR, "required": ["detail"],
                      "properties": {"detail": {"title": "Detail"}}}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code in error_codes(path, method, operation, schemas):
                responses.setdefault(code, {"description": DESCRIPTIONS[code], "content": {
                    "application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR}"}}}})
    return schema


IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key", "in": "header", "required": False,
    "description": "Any string of 1 to 255 letters, digits and - _ . : chosen by the caller "
    "for this write. Sent again with the same body, the first answer is given again and "
    "nothing is written twice; with another body, the request is refused (422). A key is "
    "kept for IDEMPOTENCY_KEY_HOURS (24 by default).",
    "schema": {"type": "string", "minLength": 1, "maxLength": 255,
               "pattern": "^[A-Za-z0-9_.:-]+$"}}


def declare_idempotency(schema: dict[str, Any]) -> dict[str, Any]:
    """Every POST takes an Idempotency-Key header (macehub.api.core)."""
    for operations in schema.get("paths", {}).values():
        post = operations.get("post")
        if post is not None:
            post.setdefault("parameters", []).append(dict(IDEMPOTENCY_KEY))
    return schema
