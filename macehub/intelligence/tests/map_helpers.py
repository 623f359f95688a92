"""Located locations and meeting decisions for the map and hotspot tests."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from macehub.access.actor import Actor
from macehub.intelligence.models import Location
from macehub.intelligence.services import entity_create
from macehub.meetings.models import AgendaItem, Decision, Meeting

# Near the middle of Dudley: 0.001 degree of latitude is about 111 metres.
LAT, LON = Decimal("52.5087"), Decimal("-2.0875")


def place(hub: Actor, address: str, north_m: float = 0, status: str = "vulnerable",
          type: str = "park") -> Location:
    """A located location `north_m` metres north of the middle."""
    return entity_create(actor=hub, kind="location", address=address, type=type,
                         status=status, latitude=LAT + Decimal(round(north_m / 111_195, 6)),
                         longitude=LON)


def decision(hub: Actor, forum: str, status: str = Meeting.Status.HELD,
             text: str = "Agreed: the park is a hotspot") -> Decision:
    """A decision recorded at a meeting of `forum` (held, unless `status` says not)."""
    now = timezone.now()
    meeting = Meeting.objects.create(partnership=hub.partnership, forum=forum,
                                     starts_at=now - timedelta(hours=3),
                                     ends_at=now - timedelta(hours=1), status=status)
    item = AgendaItem.objects.create(partnership=hub.partnership, meeting=meeting,
                                     position=1, kind=AgendaItem.Kind.STANDARD,
                                     title="Locations: vulnerable locations and hotspots")
    return Decision.objects.create(partnership=hub.partnership, item=item,
                                   kind=Decision.Kind.OTHER, text=text, by=hub.user, at=now)


def cluster_of(hub: Actor) -> dict[str, Any]:
    """Three places within 200 metres of each other, and one 5 km away."""
    return {"park": place(hub, "Exampleton Park"),
            "bus": place(hub, "Exampleton bus station", 150, type="transport_hub"),
            "shop": place(hub, "Corner shop, Example Street", 200, type="premises"),
            "far": place(hub, "Lay-by on the Example Road", 5000, type="premises")}
