"""Bad input never causes a server error (SECURITY S5): it is answered 400 with a clear
message, before any code reads it where that can be checked up front, and from the error
the database or Python raises where it cannot (a number too big for a column, a value the
database cannot store).

API requests: a parameter or a JSON string holding a control character (a multi-line note
may hold line breaks and tabs) and a body that is not JSON are refused. Pages: a NUL byte
in any parameter is refused (forms check their own fields through lib.forms)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from django.core.exceptions import BadRequest, RequestDataTooBig
from django.db import DataError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from macehub.lib.marking import LEVEL
from macehub.lib.problems import CONTENT_TYPE, problem
from macehub.lib.text import has_control_characters

TOO_LARGE = "The request is too large. Send less at a time."
NOT_STORABLE = ("The request held a value that cannot be stored (a number too large, or a "
                "character that is not allowed). Check what you entered and try again.")


def posted_id(request: HttpRequest, name: str) -> int:
    """A record's id from a POST field: a whole number, or BadRequest (400)."""
    value = request.POST.get(name, "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise BadRequest(f"'{name}' must be a record's number.")
    return int(value)


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


def _refused(message: str, status: int = 400) -> HttpResponse:
    response = JsonResponse({**problem(status, message), "marking": LEVEL}, status=status,
                            content_type=CONTENT_TYPE)
    response["X-Protective-Marking"] = LEVEL
    return response


class BadInput:
    """The middleware: checks the request first, then turns a DataError or an overflow
    that a bad value caused into a 400."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            refusal = self._check(request)
            if refusal is not None:
                return refusal
        elif any("\x00" in v for params in (request.GET, request.POST)
                 for key, values in params.lists() for v in [key, *values]):
            return _page_refused(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> HttpResponse | None:
        for key, values in request.GET.lists():
            if any(has_control_characters(v) for v in [key, *values]):
                return _refused("A parameter holds a control character.")
        content_type = request.content_type or ""
        if request.method in ("POST", "PUT", "PATCH") and content_type == "application/json":
            try:
                body = json.loads(request.body or b"null")
            except RequestDataTooBig:
                # Larger than DATA_UPLOAD_MAX_MEMORY_SIZE: 413, in JSON like every answer.
                return _refused(TOO_LARGE, status=413)
            except (ValueError, UnicodeDecodeError):
                return _refused("The request body is not valid JSON.")
            if any(has_control_characters(s, multiline=True) for s in _strings(body)):
                return _refused("Remove the control characters from the request.")
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DataError | OverflowError):
            return None
        if request.path.startswith("/api/"):
            return _refused(NOT_STORABLE)
        return _page_refused(request)


def _page_refused(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/400.html", status=400)
