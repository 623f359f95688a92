"""Who the caller is, through the API. No `from __future__ import annotations` here:
django-ninja reads the annotations at import time through the permission wrapper."""

from django.http import HttpRequest
from ninja import Router, Schema

from macehub.api.core import actor_of, permission

router = Router(tags=["accounts"])


class WhoAmI(Schema):
    username: str
    name: str
    partnership: str
    partnership_slug: str
    agency: str | None
    roles: list[str]
    marking: str = "OFFICIAL-SENSITIVE"


@router.get("/whoami", response=WhoAmI, operation_id="macehub_api_core_whoami")
@permission("whoami")
def whoami(request: HttpRequest) -> WhoAmI:
    actor = actor_of(request)
    return WhoAmI(
        username=actor.user.get_username(),
        name=str(actor.user),
        partnership=actor.partnership.name,
        partnership_slug=actor.partnership.slug,
        agency=actor.agency.name if actor.agency else None,
        roles=sorted(actor.roles),
    )
