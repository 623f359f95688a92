"""The error answers every operation can give, declared in the OpenAPI document so that
an integrator (and the schema tests) know them: each is an RFC 9457 problem
(`application/problem+json`: type, title, status, detail, and for invalid input the
fields in `errors`) with the marking.

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

from macehub.lib.problems import CONTENT_TYPE

ERROR = "Problem"
_TEXT = {"type": "string"}
PROBLEM = {
    "type": "object", "title": ERROR,
    "description": "An RFC 9457 problem. `type` names the kind of problem (a URN a client "
    "may switch on); `detail` says what went wrong this time; `errors` lists each field "
    "that is not valid.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {**_TEXT, "format": "uri"}, "title": _TEXT, "status": {"type": "integer"},
        "detail": _TEXT, "marking": _TEXT,
        "errors": {"type": "array", "items": {
            "type": "object", "required": ["detail"],
            "properties": {"field": _TEXT, "pointer": _TEXT, "detail": _TEXT}}}}}

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


def _is_placeholder(response: dict[str, Any], schemas: dict[str, Any]) -> bool:
    """An error answer with no body declared yet, or one an operation declared as a bare
    `{"detail": ...}` (its 404 for a record named in the body): a problem. An error with
    a body of its own (the possible matches with a 409) keeps it."""
    content = response.get("content")
    if not content:
        return True
    ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
    return bool(ref) and set(schemas.get(ref.rsplit("/", 1)[-1], {}).get(
        "properties", {})) == {"detail"}


def declare_errors(schema: dict[str, Any]) -> dict[str, Any]:
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    schemas[ERROR] = PROBLEM
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code in error_codes(path, method, operation, schemas):
                responses.setdefault(code, {"description": DESCRIPTIONS[code]})
            for code, response in responses.items():
                if int(code) in DESCRIPTIONS and _is_placeholder(response, schemas):
                    response["content"] = {CONTENT_TYPE: {
                        "schema": {"$ref": f"#/components/schemas/{ERROR}"}}}
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
