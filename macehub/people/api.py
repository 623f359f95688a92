"""Children's records through the API: the same services, fetch-and-authorise helpers
and permissions as the pages. No `from __future__ import annotations` here: django-ninja
reads the annotations at import time through the permission wrapper."""

from datetime import date

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.api.core import actor_of, permission
from macehub.people.services import PossibleDuplicates, child_create

router = Router(tags=["children"])


class ChildIn(Schema):
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    date_of_birth: date
    known_as: list[str] = []
    address: str = Field("", max_length=300)
    postcode: str = Field("", max_length=10)
    confirm_new: bool = Field(False, description="True once the caller has seen the likely "
                              "matches and this is a new child")


class ChildOut(Schema):
    id: int
    first_name: str
    last_name: str
    known_as: list[str]
    date_of_birth: date


class MatchOut(Schema):
    child: ChildOut
    score: float
    reasons: list[str]


class ChildResult(Schema):
    created: ChildOut | None = None
    possible_matches: list[MatchOut] = []
    message: str = ""


@router.post("/children", response={201: ChildResult, 409: ChildResult},
             operation_id="macehub_api_front_door_create_or_find_child")
@permission("child.create")
def create_or_find_child(request: HttpRequest, payload: ChildIn) -> Status[ChildResult]:
    """Create a child. Likely existing records come back with 409 and their reasons; send
    again with confirm_new=true only if none of them is this child."""
    data = payload.dict()
    confirm = data.pop("confirm_new")
    try:
        child = child_create(actor=actor_of(request), confirm_new=confirm, **data)
    except PossibleDuplicates as found:
        return Status(409, ChildResult(message=found.messages[0], possible_matches=[
            MatchOut(child=ChildOut.from_orm(m.child), score=m.score, reasons=m.reasons)
            for m in found.matches]))
    return Status(201, ChildResult(created=ChildOut.from_orm(child)))
