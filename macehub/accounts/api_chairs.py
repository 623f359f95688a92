"""The partnership's named chair and deputy chair through the API: the same service and
permission as the page. No `from __future__ import annotations` here: django-ninja reads
the annotations at import time."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema

from macehub.access.actor import Actor
from macehub.accounts import chairs
from macehub.accounts.models import Membership
from macehub.api.core import actor_of, permission

router = Router(tags=["accounts"])


class NamedOut(Schema):
    role_id: int
    user_id: int
    name: str


class ChairsOut(Schema):
    chair: NamedOut | None
    deputy: NamedOut | None


class ChairsIn(Schema):
    chair_role_id: int | None = None
    deputy_role_id: int | None = None


def _out(named: dict[str, Membership | None]) -> ChairsOut:
    def one(membership: Membership | None) -> NamedOut | None:
        if membership is None:
            return None
        return NamedOut(role_id=membership.pk, user_id=membership.user_id,
                        name=str(membership.user))

    return ChairsOut(chair=one(named["chair"]), deputy=one(named["deputy"]))


def _chair_role(actor: Actor, pk: int | None, field: str) -> Membership | None:
    if pk is None:
        return None
    found = chairs.chair_roles(actor).filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: "Choose a current chair role of this partnership"})
    return found


@router.get("/partnership-chair", response=ChairsOut)
@permission("partnership.manage")
def read_chairs(request: HttpRequest) -> ChairsOut:
    """Who decides on sharing the papers of a meeting with no chair of its own."""
    return _out(chairs.named(actor_of(request)))


@router.put("/partnership-chair", response=ChairsOut)
@permission("partnership.manage")
def name_chairs(request: HttpRequest, payload: ChairsIn) -> ChairsOut:
    """Name the partnership's chair and deputy (each a current chair role; null: nobody)."""
    actor = actor_of(request)
    return _out(chairs.chairs_name(
        actor=actor, chair=_chair_role(actor, payload.chair_role_id, "chair_role_id"),
        deputy=_chair_role(actor, payload.deputy_role_id, "deputy_role_id")))
