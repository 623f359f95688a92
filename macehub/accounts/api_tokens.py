"""API tokens through the API: the caller's own tokens (list, make, revoke) and, for the
partnership admin, every token of the partnership. The same services and permissions as
the pages; a token's secret is answered once, when it is made. No
`from __future__ import annotations` here: django-ninja reads the annotations at import
time."""

from datetime import datetime
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.access.actor import Actor
from macehub.access.scopes import DEFAULT, SCOPES
from macehub.accounts import tokens
from macehub.accounts.models import ApiToken
from macehub.api.core import actor_of, permission
from macehub.lib.api_paging import NEXT_DESCRIPTION, page_of

router = Router(tags=["accounts"])


class TokenOut(Schema):
    id: int
    name: str
    starts_with: str = Field(description="The token's first characters, to recognise it")
    user_id: int
    role: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    scopes: list[str] = Field(description="What the token may do besides what its role "
                              "allows: read, write, missing:import")


class TokenMade(TokenOut):
    token: str = Field(description="The token itself: answered only this once")


class TokenPage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list[TokenOut]


class Scope(StrEnum):
    """The scopes (macehub.access.scopes)."""
    read = "read"
    write = "write"
    missing_import = "missing:import"


assert {scope.value for scope in Scope} == set(SCOPES)


class TokenIn(Schema):
    name: str = Field(max_length=100, description="What the token is for")
    scopes: list[Scope] = Field(
        [Scope(scope) for scope in DEFAULT], min_length=1,
        description="What it may do besides what the role allows: read (GET operations), "
        "write (the others), missing:import (the police notification imports only)")
    role_id: int | None = Field(None, description="Which of your roles it acts with, if "
                                "you hold several in this partnership")


def _out(token: ApiToken) -> dict[str, object]:
    return {"id": token.pk, "name": token.name, "starts_with": token.prefix,
            "user_id": token.membership.user_id, "role": token.membership.role,
            "created_at": token.created_at, "expires_at": token.expires_at,
            "last_used_at": token.last_used_at, "revoked_at": token.revoked_at,
            "scopes": token.scopes}


def _paged(tokens_: QuerySet[ApiToken], page: int, page_size: int,
           cursor: str) -> dict[str, object]:
    result = page_of(tokens_, page=page, page_size=page_size, cursor=cursor)
    result["items"] = [_out(t) for t in result["items"]]
    return result


@router.get("/api-tokens", response=TokenPage)
@permission("api_token.own")
def list_tokens(request: HttpRequest, page: int = 1, page_size: int = 50,
                cursor: str = "") -> object:
    """Your tokens in this partnership, newest first. Never the secrets."""
    return _paged(tokens.own_tokens(actor_of(request)), page, page_size, cursor)


def _own_role(actor: Actor, role_id: int | None) -> object:
    if role_id is None:
        return actor.memberships[0]
    for membership in actor.memberships:
        if membership.pk == role_id:
            return membership
    raise PermissionDenied("You can make a token only for your own role.")


@router.post("/api-tokens", response={201: TokenMade})
@permission("api_token.own")
def create_token(request: HttpRequest, payload: TokenIn) -> Status[object]:
    """Make a token. Only a signed-in person makes one: a token cannot make tokens, so a
    token that leaks cannot outlive its expiry."""
    if request.headers.get("Authorization", "").lower().startswith("bearer "):
        raise PermissionDenied("A token cannot make tokens: make one while signed in.")
    actor = actor_of(request)
    record, secret = tokens.api_token_create(
        actor=actor, membership=_own_role(actor, payload.role_id),  # type: ignore[arg-type]
        name=payload.name, scopes=[str(s.value) for s in payload.scopes])
    return Status(201, {**_out(record), "token": secret})


@router.post("/api-tokens/{token_id}/revoke", response=TokenOut)
@permission("api_token.own")
def revoke_token(request: HttpRequest, token_id: int) -> object:
    """Revoke a token: your own, or (for the partnership admin) any of the partnership's.
    It stops working at once."""
    actor = actor_of(request)
    token = tokens.revocable(actor).filter(pk=token_id).first()
    if token is None:
        raise Http404("Not found")
    return _out(tokens.api_token_revoke(actor=actor, token=token))


@router.get("/partnership-api-tokens", response=TokenPage)
@permission("partnership.manage")
def list_partnership_tokens(request: HttpRequest, page: int = 1,
                            page_size: int = 50, cursor: str = "") -> object:
    """Every token made for a role in this partnership, newest first."""
    return _paged(tokens.revocable(actor_of(request)), page, page_size, cursor)
