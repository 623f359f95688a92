"""Text that people type: no control characters (SECURITY S5).

A control character has no place in a name, a title or a reason. Some are invisible and
change what a later reader sees (a carriage return that ends a line in a PDF's margin box,
a form feed, an escape sequence), and PostgreSQL cannot store a NUL at all. One-line fields
refuse every control character; multi-line fields accept line breaks and tabs only.

Forms check every text field through `lib.forms` (GovukFormMixin); the API checks every
string in a JSON body and every parameter through `RefuseControlCharacters` below; services
that take a one-line value from anywhere call `one_line`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse

from macehub.lib.marking import LEVEL

# C0 controls, DEL, C1 controls and the Unicode line and paragraph separators.
_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_BUT_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")

ONE_LINE_MESSAGE = "Remove the line breaks or control characters from this answer"
MULTI_LINE_MESSAGE = "Remove the control characters from this answer"


def has_control_characters(value: str, *, multiline: bool = False) -> bool:
    return bool((_CONTROL_BUT_LINES if multiline else _ANY_CONTROL).search(value))


def check_text(value: str, *, multiline: bool = False) -> None:
    """Raise ValidationError when the text holds a character it may not."""
    if has_control_characters(value, multiline=multiline):
        raise ValidationError(MULTI_LINE_MESSAGE if multiline else ONE_LINE_MESSAGE,
                              code="control_characters")


def printable(value: str) -> str:
    """The text with each control character shown as a space (for output of text stored
    before control characters were refused)."""
    return _ANY_CONTROL.sub(" ", value)


def one_line(value: str, field: str) -> str:
    """A one-line value for a service, stripped; ValidationError on the field otherwise."""
    if has_control_characters(value):
        raise ValidationError({field: ONE_LINE_MESSAGE})
    return value.strip()


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _refused(message: str) -> HttpResponse:
    response = JsonResponse({"detail": message, "marking": LEVEL}, status=400)
    response["X-Protective-Marking"] = LEVEL
    return response


class RefuseControlCharacters:
    """Every API request: a parameter or a JSON string holding a control character (a
    multi-line note may hold line breaks and tabs) is answered 400, before any code reads
    it; so is a body that is not JSON. Pages' forms check their own fields."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            refusal = self._check(request)
            if refusal is not None:
                return refusal
        elif any("\x00" in v for params in (request.GET, request.POST)
                 for key, values in params.lists() for v in [key, *values]):
            return HttpResponse("The request held a character that cannot be stored.",
                                status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> HttpResponse | None:
        for key, values in request.GET.lists():
            if any(has_control_characters(v) for v in [key, *values]):
                return _refused("A parameter holds a control character.")
        content_type = request.content_type or ""
        if request.method in ("POST", "PUT", "PATCH") and content_type == "application/json":
            try:
                body = json.loads(request.body or b"null")
            except (ValueError, UnicodeDecodeError):
                return _refused("The request body is not valid JSON.")
            if any(has_control_characters(s, multiline=True) for s in _strings(body)):
                return _refused("Remove the control characters from the request.")
        return None
