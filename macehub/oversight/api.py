"""The work waiting for the caller, as on their home page. No `from __future__ import
annotations`: django-ninja reads the annotations at import time."""

from django.http import HttpRequest
from ninja import Field, Router, Schema

from macehub.api.core import actor_of, permission
from macehub.lib.waiting import waiting_for

router = Router(tags=["home"])


class WaitingOut(Schema):
    label: str = Field(description="What is waiting, in words")
    count: int
    url: str = Field(description="The page listing these records, filtered")
    alert: bool = Field(description="Needs attention now when the count is not zero")


@router.get("/waiting", response=list[WaitingOut], operation_id="macehub_oversight_waiting")
@permission("home.view")
def waiting(request: HttpRequest) -> object:
    """The counts of work waiting for you, each with the page that lists it. Counts follow
    need to know: each counts only what that list would show you."""
    return waiting_for(actor_of(request))
