"""A partnership admin's agencies and areas through the API, one operation per page
action, with the same services and permission as the set-up pages. No `from __future__
import annotations` here: django-ninja reads the annotations at import time."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.access.actor import Actor
from macehub.api.core import actor_of, permission
from macehub.partnerships import services
from macehub.partnerships.models import Area

router = Router(tags=["partnership"])


class AgencyIn(Schema):
    name: str = Field(max_length=200)
    type: str = Field(description="police, health, education, childrens_social_care ...")
    is_active: bool = True
    version: int | None = Field(None, description="The agency's version, when changing it")


class AgencyOut(Schema):
    id: int
    name: str
    type: str
    is_active: bool
    version: int


class AreaIn(Schema):
    name: str = Field(max_length=120)
    kind: str = Field("district", description="quadrant, district ...")
    parent_id: int | None = None
    version: int | None = Field(None, description="The area's version, when changing it")


class AreaOut(Schema):
    id: int
    name: str
    kind: str
    parent_id: int | None
    version: int


def _parent(actor: Actor, pk: int | None) -> Area | None:
    if pk is None:
        return None
    parent = actor.partnership.areas.filter(pk=pk).first()
    if parent is None:
        raise ValidationError({"parent_id": "Choose an area of this partnership."})
    return parent


@router.get("/agencies", response=list[AgencyOut])
@permission("partnership.manage")
def list_agencies(request: HttpRequest) -> object:
    return list(actor_of(request).partnership.agencies.order_by("name", "pk"))


@router.post("/agencies", response={201: AgencyOut})
@permission("partnership.manage")
def create_agency(request: HttpRequest, payload: AgencyIn) -> Status[object]:
    data = payload.dict()
    data.pop("version")
    return Status(201, services.agency_save(actor=actor_of(request), **data))


@router.put("/agencies/{agency_id}", response=AgencyOut)
@permission("partnership.manage")
def change_agency(request: HttpRequest, agency_id: int, payload: AgencyIn) -> object:
    actor = actor_of(request)
    agency = get_object_or_404(actor.partnership.agencies, pk=agency_id)
    return services.agency_save(actor=actor, agency=agency, **payload.dict())


@router.get("/areas", response=list[AreaOut])
@permission("partnership.manage")
def list_areas(request: HttpRequest) -> object:
    return list(actor_of(request).partnership.areas.order_by("name", "pk"))


@router.post("/areas", response={201: AreaOut})
@permission("partnership.manage")
def create_area(request: HttpRequest, payload: AreaIn) -> Status[object]:
    actor = actor_of(request)
    data = payload.dict()
    data.pop("version")
    parent = _parent(actor, data.pop("parent_id"))
    return Status(201, services.area_save(actor=actor, parent=parent, **data))


@router.put("/areas/{area_id}", response=AreaOut)
@permission("partnership.manage")
def change_area(request: HttpRequest, area_id: int, payload: AreaIn) -> object:
    actor = actor_of(request)
    area = get_object_or_404(actor.partnership.areas, pk=area_id)
    data = payload.dict()
    parent = _parent(actor, data.pop("parent_id"))
    return services.area_save(actor=actor, area=area, parent=parent, **data)
