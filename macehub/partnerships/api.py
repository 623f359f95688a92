"""A partnership admin's agencies, areas and footer pages through the API, one operation per page
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
from macehub.partnerships.info_pages import info_page
from macehub.partnerships.models import Area, InfoPage

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


class InfoPageIn(Schema):
    kind: str = Field(description="accessibility, privacy, cookies or help")
    body: str = Field(max_length=20000, description="Paragraphs separated by a blank line")
    version: int | None = Field(None, description="The page's version (0 for the default "
                                "text), when changing it")


class InfoPageOut(Schema):
    kind: str
    title: str
    body: str
    version: int = Field(description="0 while the product's default text is shown")


@router.get("/info-pages", response=list[InfoPageOut])
@permission("home.view")
def list_info_pages(request: HttpRequest) -> object:
    """The accessibility statement, privacy notice, cookies and help pages as shown."""
    partnership = actor_of(request).partnership
    return [info_page(partnership, kind) for kind in InfoPage.Kind.values]


@router.put("/info-pages", response=InfoPageOut)
@permission("info_page.edit")
def change_info_page(request: HttpRequest, payload: InfoPageIn) -> object:
    actor = actor_of(request)
    services.info_page_save(actor=actor, **payload.dict())
    return info_page(actor.partnership, payload.kind)
