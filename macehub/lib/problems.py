"""Errors as RFC 9457 problem details (`application/problem+json`).

Every error the API gives is one object: `type` (a URI naming the kind of problem, the
same for every answer of that kind), `title` (its short name), `status` (the HTTP code),
`detail` (what went wrong this time, in words a person can act on) and, for invalid
input, `errors`: one entry per problem, each naming its `field` (dotted for a nested
value) and a JSON `pointer` into the request body, or the query parameter's name.

The types are URNs: stable names a client may switch on, not addresses to fetch. The API
guide lists them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

CONTENT_TYPE = "application/problem+json"

# status -> (type slug, title)
KINDS: dict[int, tuple[str, str]] = {
    400: ("refused-input", "Input refused"),
    401: ("not-signed-in", "Not signed in"),
    403: ("not-allowed", "Not allowed"),
    404: ("not-found", "Not found"),
    409: ("changed-since-read", "Changed since it was read"),
    413: ("too-large", "Request too large"),
    422: ("invalid-input", "Input not valid"),
    503: ("unavailable", "Not available"),
}
NON_FIELD = "__all__"


def type_of(status: int) -> str:
    return f"urn:macehub:problem:{KINDS.get(status, ('error', ''))[0]}"


def problem(status: int, detail: str, errors: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    slug_title = KINDS.get(status, ("error", "Error"))
    body: dict[str, Any] = {"type": type_of(status), "title": slug_title[1],
                            "status": status, "detail": detail}
    if errors:
        body["errors"] = [dict(e) for e in errors]
    return body


def entry(field: str | None, message: str, pointer: str | None = None) -> dict[str, Any]:
    """One error: the field it is about (None: the request as a whole) and the message."""
    if field is None or field == NON_FIELD:
        return {"detail": message}
    path = field.replace(".", "/")
    return {"field": field, "pointer": pointer or f"#/{path}", "detail": message}


def from_messages(messages: Mapping[str, Iterable[str]] | Iterable[str]) -> list[dict[str, Any]]:
    """The entries for a Django ValidationError's message_dict (or its plain messages)."""
    if isinstance(messages, Mapping):
        return [entry(field, str(m)) for field, ms in messages.items() for m in ms]
    return [entry(None, str(m)) for m in messages]


def summary(errors: Sequence[Mapping[str, Any]]) -> str:
    """The `detail` of an invalid-input problem: the one message, or how many there are."""
    if len(errors) == 1:
        only = errors[0]
        return f"{only['field']}: {only['detail']}" if "field" in only else str(only["detail"])
    return f"The input has {len(errors)} problems; each is listed in errors."


def fields(body: Mapping[str, Any]) -> set[str]:
    """The fields a problem names (for clients and tests)."""
    return {e["field"] for e in body.get("errors", []) if "field" in e}

