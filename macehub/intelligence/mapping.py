"""The map of a partnership's locations: the filters (type, status, area, and the period
they were recorded in, which is also the hotspot analysis's period), the located
locations they select, and the partnership's area outlines (data in outlines/, drawn
when there are no map tiles)."""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django import forms
from django.db.models import QuerySet

from macehub.access.actor import Actor
from macehub.intelligence.api_schemas import CODES
from macehub.intelligence.merging import unmerged
from macehub.intelligence.models import Location, LocationStatus, LocationType
from macehub.lib.errors import Problems
from macehub.lib.forms import Form, date_field

OUTLINES = Path(__file__).resolve().parent / "outlines"
# The most locations one map draws (the page says when there are more), and the most the
# hotspot analysis clusters at once.
MAP_LIMIT = 500
ANALYSIS_LIMIT = 20_000


class MapFilters(Form):
    type = forms.ChoiceField(required=False, label="Type",
                             choices=[("", "Any type"), *LocationType.choices])
    status = forms.ChoiceField(required=False, label="Status",
                               choices=[("", "Any status"), *LocationStatus.choices])
    area: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        required=False, label="Area", empty_label="Any area", queryset=None)
    date_from = date_field("Recorded from", required=False)
    date_to = date_field("Recorded to", required=False)

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = actor.partnership.areas.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date must be the same as or after the start "
                                      "date")
        return data


def located(actor: Actor, filters: dict[str, Any]) -> QuerySet[Location]:
    """The locations with a point that the actor reaches and the filters select."""
    rows: QuerySet[Location] = unmerged(Location.objects.for_actor(actor), "location")
    rows = rows.filter(latitude__isnull=False, longitude__isnull=False)
    for name in ("type", "status", "area"):
        if filters.get(name):
            rows = rows.filter(**{name: filters[name]})
    if filters.get("date_from"):
        rows = rows.filter(created_at__date__gte=filters["date_from"])
    if filters.get("date_to"):
        rows = rows.filter(created_at__date__lte=filters["date_to"])
    return rows.select_related("area").order_by("address", "pk")


@cache
def _outline_file(key: str) -> dict[str, Any] | None:
    path = OUTLINES / f"{key}.geojson"
    if not key.isidentifier() or not path.is_file():
        return None
    return json.loads(path.read_text())  # type: ignore[no-any-return]


def outlines(actor: Actor) -> dict[str, Any]:
    """The partnership's area outlines as GeoJSON (none drawn if it has no file)."""
    partnership = actor.partnership
    found = _outline_file(partnership.slug) or _outline_file(partnership.policy_key)
    return found or {"type": "FeatureCollection", "features": []}


def checked(actor: Actor, *, type: str = "", status: str = "", area_id: int | None = None,
            date_from: date | None = None, date_to: date | None = None) -> dict[str, Any]:
    """The API's filters as the page's, or ValidationError naming each wrong one."""
    problems = Problems()
    if type and type not in LocationType.values:
        problems.add("type", f"Select a type of location: {CODES['location_type']}")
    if status and status not in LocationStatus.values:
        problems.add("status", f"Select a status: {CODES['location_status']}")
    area = None
    if area_id is not None:
        area = actor.partnership.areas.filter(pk=area_id).first()
        if area is None:
            problems.add("area_id", "Select an area of this partnership")
    if date_from and date_to and date_from > date_to:
        problems.add("date_to", "The end date must be the same as or after the start date")
    problems.raise_any()
    return {"type": type, "status": status, "area": area, "date_from": date_from,
            "date_to": date_to}
