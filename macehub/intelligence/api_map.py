"""The map through the API: the located locations with the map page's filters (a page at
a time, or by cursor), the hotspot analysis for a period, and making a vulnerable
location a hotspot by a meeting's recorded decision. The same services, reach and
permissions as the pages. No `from __future__ import annotations` here: django-ninja
reads the annotations at import time."""

from datetime import date

from django.http import HttpRequest
from ninja import Field, Router, Schema

from macehub.api.core import actor_of, permission
from macehub.audit.services import audit_shown
from macehub.intelligence import api_schemas as s
from macehub.intelligence.hotspots import analyse
from macehub.intelligence.mapping import ANALYSIS_LIMIT, checked, located
from macehub.intelligence.models import Location
from macehub.intelligence.promotion import promote
from macehub.lib.api_paging import page_of

router = Router(tags=["intelligence"])
LocationPage = s.page_of_schema(s.LocationOut, "LocationMapPage")


class ClusterOut(Schema):
    number: int
    latitude: float = Field(description="The mean of the cluster's points")
    longitude: float
    points: int = Field(description="Located records in the cluster: locations recorded "
                        "in the period and links to them made in the period")
    location_ids: list[int]


class HotspotsOut(Schema):
    radius_metres: int = Field(description="The pack's hotspots.cluster_radius")
    min_points: int = Field(description="The pack's hotspots.cluster_min_points")
    points: int
    clusters: list[ClusterOut]


class PromoteIn(Schema):
    version: int = Field(description="The location's version you read; 409 if it changed")
    decision_id: int = Field(description="A recorded decision of a held meeting of a forum "
                             "the partnership's pack names (hotspots.promoted_by)")


@router.get("/intelligence/map", response=LocationPage)
@permission("intelligence.view")
def locations_map(request: HttpRequest, type: str = "", status: str = "",
                  area_id: int | None = None, date_from: date | None = None,
                  date_to: date | None = None, page: int = 1, page_size: int = 25,
                  cursor: str = "") -> object:
    """The locations with a point that you may see, filtered as the map page filters them
    (`type`, `status`, `area_id`, recorded from `date_from` to `date_to`), by address."""
    actor = actor_of(request)
    filters = checked(actor, type=type, status=status, area_id=area_id,
                      date_from=date_from, date_to=date_to)
    found = page_of(located(actor, filters), page=page, page_size=page_size, cursor=cursor)
    if found["items"]:
        audit_shown(action="intelligence.map", actor=actor, records=found["items"],
                    purpose="map of locations", request=request)
    return found


@router.get("/intelligence/hotspots", response=HotspotsOut)
@permission("intelligence.view")
def hotspots(request: HttpRequest, date_from: date | None = None,
             date_to: date | None = None, type: str = "", status: str = "",
             area_id: int | None = None) -> object:
    """The hotspot analysis for the period: clusters (DBSCAN, great-circle distance) of the
    located locations recorded in it and of the links to them made in it, with the pack's
    radius and minimum number of points."""
    actor = actor_of(request)
    filters = checked(actor, type=type, status=status, area_id=area_id,
                      date_from=date_from, date_to=date_to)
    rows = list(located(actor, filters)[:ANALYSIS_LIMIT])
    found = analyse(actor, rows, date_from, date_to)
    shown = [loc for c in found.clusters for loc in c.locations]
    if shown:
        audit_shown(action="intelligence.hotspots", actor=actor, records=shown,
                    purpose="hotspot analysis", request=request)
    return {"radius_metres": found.radius_m, "min_points": found.min_points,
            "points": found.points, "clusters": [
                {"number": c.number, "latitude": c.latitude, "longitude": c.longitude,
                 "points": c.points, "location_ids": [loc.pk for loc in c.locations]}
                for c in found.clusters]}


@router.post("/intelligence/locations/{location_id}/hotspot", response=s.LocationOut)
@permission("intelligence.manage")
def promote_location(request: HttpRequest, location_id: int, payload: PromoteIn) -> object:
    """Make a vulnerable location a hotspot by the recorded decision of a held meeting of
    a forum the pack names (Essex: MACE 2; Dudley: CEOG). Any other decision, or a
    location that is not a vulnerable location, is refused (422) and nothing changes; a
    stale version is refused (409)."""
    actor = actor_of(request)
    record = Location.objects.get_for(actor, location_id, purpose="make a hotspot")
    return promote(actor=actor, location=record, version=payload.version,
                   decision_id=payload.decision_id, via="api")
