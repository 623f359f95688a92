"""The map page: the partnership's located locations that the reader reaches, drawn with
Leaflet over the area outlines (and map tiles when the MAP_TILE_URL setting names some),
the hotspot analysis's clusters for the period chosen, and a table of the same locations
and clusters beside it for everyone who does not use the drawing."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_shown
from macehub.intelligence.hotspots import Analysis, analyse
from macehub.intelligence.mapping import ANALYSIS_LIMIT, MAP_LIMIT, MapFilters, located, outlines
from macehub.intelligence.queries import entity_url


def _actor(request: HttpRequest) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


def _drawing(rows: list[Any], analysis: Analysis, actor: Actor) -> dict[str, Any]:
    points = [{"id": r.pk, "lat": float(r.latitude), "lon": float(r.longitude),
               "label": str(r), "type": r.get_type_display(),
               "status": r.get_status_display(), "hotspot": r.status == "hotspot",
               "cluster": analysis.of_location[r.pk].label
               if r.pk in analysis.of_location else "", "url": entity_url(r)} for r in rows]
    clusters = [{"label": c.label, "lat": c.latitude, "lon": c.longitude,
                 "points": c.points, "radius": analysis.radius_m} for c in analysis.clusters]
    return {"points": points, "clusters": clusters, "outlines": outlines(actor),
            "tiles": {"url": settings.MAP_TILE_URL,
                      "attribution": settings.MAP_TILE_ATTRIBUTION}}


@requires("intelligence.view")
def locations_map(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    form = MapFilters(request.GET or None, actor=actor)
    if request.GET and not form.is_valid():
        return render(request, "intelligence/map.html", {"form": form}, status=400)
    filters = form.cleaned_data if request.GET else {}
    every = list(located(actor, filters)[:ANALYSIS_LIMIT])
    analysis = analyse(actor, every, filters.get("date_from"), filters.get("date_to"))
    more, rows = len(every) > MAP_LIMIT, every[:MAP_LIMIT]
    for r in rows:
        found = analysis.of_location.get(r.pk)
        r.cluster_label = found.label if found else ""  # type: ignore[attr-defined]
    if rows:
        audit_shown(action="intelligence.map", actor=actor, records=rows,
                    purpose="map of locations", request=request)
    return render(request, "intelligence/map.html", {
        "form": form, "rows": rows, "more": more, "limit": MAP_LIMIT, "analysis": analysis,
        "drawing": _drawing(rows, analysis, actor),
        "tiles": bool(settings.MAP_TILE_URL)})
