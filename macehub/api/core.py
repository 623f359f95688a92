"""The API object, its authentication, the permission decorator and the error handlers.

Apps contribute their operations through their own router (`<app>/api.py`); the routers
are mounted in macehub/api/urls.py. This module imports no app, so an app's router may
import it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError
from ninja.security import APIKeyCookie, HttpBearer

from macehub.access.actor import Actor, actor_for, is_fully_signed_in
from macehub.access.permissions import roles_for
from macehub.access.scopes import scopes_allow
from macehub.api.errors_openapi import declare_errors, declare_idempotency
from macehub.api.marking import mark, mark_openapi, marked_data
from macehub.lib import problems
from macehub.lib.badinput import NOT_STORABLE
from macehub.lib.errors import StaleEdit

if TYPE_CHECKING:
    from ninja.operation import Operation

F = TypeVar("F", bound=Callable[..., Any])


# The accounts app registers how a token finds its actor (AccountsConfig.ready()), so the
# API's machinery sits below every app's router and imports none of them.
_token_actor: list[Callable[[str], Actor | None]] = []


def register_token_auth(token_actor: Callable[[str], Actor | None]) -> None:
    _token_actor[:] = [token_actor]


class IdempotencyStore(Protocol):
    """Keeps the answers to writes sent with an Idempotency-Key (macehub.accounts)."""

    HEADER: str

    def begin(self, actor: Actor, key: str, operation: str,
              digest: str) -> HttpResponse | None: ...

    def finish(self, actor: Actor, key: str, response: HttpResponse) -> None: ...

    def abandon(self, actor: Actor, key: str) -> None: ...


_idempotency: list[IdempotencyStore] = []


def register_idempotency(store: IdempotencyStore) -> None:
    _idempotency[:] = [store]


KEY_REFUSED = "Send a key of 1 to 255 letters, digits and the characters - _ . :"
_PENDING = "_macehub_idempotency"


def _idempotent_start(request: HttpRequest, actor: Actor, operation: str) -> HttpResponse | None:
    """The kept answer to a repeated write, or None (the write runs, its answer is kept)."""
    key = request.headers.get("Idempotency-Key")
    if request.method != "POST" or key is None or not _idempotency:
        return None
    if not (0 < len(key) <= 255) or not all(c.isascii() and (c.isalnum() or c in "-_.:")
                                            for c in key):
        raise ValidationError({"Idempotency-Key": KEY_REFUSED})
    store = _idempotency[0]
    kept = store.begin(actor, key, operation, hashlib.sha256(request.body).hexdigest())
    if kept is None:
        setattr(request, _PENDING, (store, actor, key))
    return kept


def _idempotent_end(request: HttpRequest, response: HttpResponse | None) -> None:
    pending = request.__dict__.pop(_PENDING, None)
    if pending is not None:
        store, actor, key = pending
        if response is None:
            store.abandon(actor, key)
        else:
            store.finish(actor, key, response)


class TokenRefused(Exception):
    """A known token that no longer works (revoked, expired, its role ended): the message
    says which, and the caller is answered 401 with it."""


class TokenAuth(HttpBearer):
    """`Authorization: Bearer mh_…`: a token bound to one membership."""

    def authenticate(self, request: HttpRequest, token: str) -> Actor | None:
        try:
            return _token_actor[0](token) if _token_actor else None
        except TokenRefused as refused:
            raise AuthenticationError(message=str(refused)) from None


class SessionAuth(APIKeyCookie):
    """A signed-in person (password and second factor) using the API from the browser."""

    param_name = "macehub_session"

    def __init__(self) -> None:
        from django.conf import settings

        self.param_name = settings.SESSION_COOKIE_NAME
        super().__init__(csrf=True)

    def _get_key(self, request: HttpRequest) -> str | None:
        # Nobody signed in: there is no session to forge a request for, so the caller is
        # told 401 (authenticate), not refused by the CSRF check (403).
        if not is_fully_signed_in(request):
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Actor | None:
        if not is_fully_signed_in(request):
            return None
        return actor_for(request.user, request.session.get("partnership_id"))  # type: ignore[arg-type]


class MacehubAPI(NinjaAPI):
    """Operation ids name the app and the operation (`macehub_cases_list_cases`), so they
    stay the same when an app splits its router into modules. Operations published before
    the routers moved into the apps keep their first id through `operation_id=`."""

    def create_response(self, request: HttpRequest, data: Any, *, status: int | None = None,
                        temporal_response: HttpResponse | None = None) -> HttpResponse:
        """Every response marked (api/marking.py): the header, and the field on objects."""
        response = mark(super().create_response(request, marked_data(data), status=status,
                                                temporal_response=temporal_response))
        _idempotent_end(request, response)
        return response

    def get_openapi_schema(self, *, path_prefix: str | None = None,
                           path_params: dict[str, Any] | None = None) -> Any:
        return mark_openapi(declare_errors(declare_idempotency(super().get_openapi_schema(
            path_prefix=path_prefix, path_params=path_params))))

    def get_openapi_operation_id(self, operation: Operation) -> str:
        app = operation.view_func.__module__.split(".")[1]
        return f"macehub_{app}_{operation.view_func.__name__}"


api = MacehubAPI(
    title="macehub API",
    version="1",
    description="Multi-agency child exploitation and missing arrangements. "
    "Every response is OFFICIAL-SENSITIVE: do not share outside the meeting without the "
    "chair's permission.",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
    docs_url=None,
)


def actor_of(request: HttpRequest) -> Actor:
    """The authenticated caller (set by TokenAuth or SessionAuth)."""
    return request.auth  # type: ignore[attr-defined,no-any-return]


ROLE_REFUSED = "Your role does not allow this operation."
SCOPE_REFUSED = "This API token's scopes do not allow this operation."


def permission(name: str) -> Callable[[F], F]:
    """Declare (and enforce) the permission an API operation needs."""
    roles_for(name)

    def decorate(func: F) -> F:
        @wraps(func)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            actor = request.auth  # type: ignore[attr-defined]
            if not isinstance(actor, Actor) or not actor.has(name):
                raise PermissionDenied(ROLE_REFUSED)
            if actor.scopes is not None and not scopes_allow(actor.scopes, request.method or
                                                             "GET", name):
                raise PermissionDenied(SCOPE_REFUSED)
            kept = _idempotent_start(request, actor, f"{func.__module__}.{func.__qualname__}")
            if kept is not None:
                return mark(kept)
            try:
                result = func(request, *args, **kwargs)
            except BaseException:
                _idempotent_end(request, None)
                raise
            if isinstance(result, HttpResponse):  # a file: answered as it is
                _idempotent_end(request, result)
            return result

        wrapper.access_permission = name  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def _error(request: HttpRequest, status: int, detail: str,
           errors: list[dict[str, Any]] | None = None) -> HttpResponse:
    """A problem details answer (lib/problems.py)."""
    response = api.create_response(request, problems.problem(status, detail, errors or ()),
                                   status=status)
    response["Content-Type"] = problems.CONTENT_TYPE
    return response


@api.exception_handler(PermissionDenied)
def on_denied(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 403, str(exc) or "Not allowed.")


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 404, "Not found.")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """AuthenticationError (401, with why a token no longer works) and the rare explicit
    refusals an operation raises."""
    message = exc.message if isinstance(exc.message, str) else str(exc.message)
    if exc.status_code == 401 and message == "Unauthorized":
        message = "Sign in, or send a valid API token."
    return _error(request, exc.status_code, message)


@api.exception_handler(DataError)
@api.exception_handler(OverflowError)
def on_not_storable(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A value the database cannot hold (a number too large for its column): bad input."""
    return _error(request, 400, NOT_STORABLE)


@api.exception_handler(ValidationError)
def on_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """422 for invalid input, each error naming its field; 409 Conflict for a stale edit
    (the record changed since the caller read its version: read it again and retry)."""
    errors = problems.from_messages(exc.message_dict if hasattr(exc, "error_dict")
                                    else exc.messages)
    if isinstance(exc, StaleEdit):
        return _error(request, 409, " ".join(e["detail"] for e in errors), errors)
    return _error(request, 422, problems.summary(errors), errors)


def _schema_entry(error: dict[str, Any]) -> dict[str, Any]:
    """A request that does not fit the operation's schema: its location (`body`, the
    parameter's name, then the path inside it; or `query` and the parameter) as a field."""
    loc = [str(part) for part in error.get("loc", ())]
    where, rest = (loc[0], loc[1:]) if loc else ("body", [])
    if where == "body" and len(rest) > 1:
        rest = rest[1:]  # the operation's parameter name, not part of the body
    field = ".".join(rest) or None
    pointer = ("#/" + "/".join(rest)) if where == "body" else None
    return problems.entry(field, str(error.get("msg", "Not valid.")), pointer)


@api.exception_handler(SchemaError)
def on_schema_invalid(request: HttpRequest, exc: SchemaError) -> HttpResponse:
    errors = [_schema_entry(error) for error in exc.errors]
    return _error(request, 422, problems.summary(errors), errors)
