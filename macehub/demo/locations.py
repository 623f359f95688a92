"""Demo locations with points, so the map has something to draw: in Dudley a park and a
bus station near the flat above the takeaway (with the flat's links they make a cluster)
and a lay-by further out; in Essex a few places in the North and South quadrants, three
of them close together. Synthetic addresses; postcodes from the unused ZZ99 range. A
second run adds nothing."""

from __future__ import annotations

from decimal import Decimal

from macehub.access.actor import actor_for
from macehub.accounts.models import User
from macehub.intelligence.models import Location
from macehub.intelligence.services import entity_create
from macehub.partnerships.models import Partnership

# partnership, user, area, address, type, status, latitude, longitude
PLACES = [
    ("dudley", "coordinator", "Dudley Central", "Exampleton Park, by the skate ramp",
     "park", "vulnerable", "52.5096", "-2.0868"),
    ("dudley", "coordinator", "Dudley Central", "Exampleton bus station", "transport_hub",
     "vulnerable", "52.5079", "-2.0889"),
    ("dudley", "coordinator", "Stourbridge and Halesowen", "Lay-by on Example Lane",
     "premises", "not_assessed", "52.4612", "-2.1204"),
    ("essex", "set-coordinator", "North", "Example Hotel, station approach", "hotel",
     "vulnerable", "51.9012", "0.8921"),
    ("essex", "set-coordinator", "North", "Exampleford recreation ground", "park",
     "vulnerable", "51.9025", "0.8940"),
    ("essex", "set-coordinator", "North", "Takeaway on Example Parade", "takeaway",
     "vulnerable", "51.9004", "0.8952"),
    ("essex", "set-coordinator", "South", "Example Retail Park car park", "premises",
     "not_assessed", "51.5704", "0.4601"),
]


def load_locations() -> int:
    """The locations made (0 when they are there already)."""
    made = 0
    for slug, username, area_name, address, type_, status, lat, lon in PLACES:
        partnership = Partnership.objects.get(slug=slug)
        actor = actor_for(User.objects.get(username=username), partnership.pk)
        assert actor is not None
        if Location.objects.for_actor(actor).filter(address=address).exists():
            continue
        entity_create(actor=actor, kind="location", address=address, type=type_,
                      status=status, area=partnership.areas.filter(name=area_name).first(),
                      latitude=Decimal(lat), longitude=Decimal(lon), approximate=True,
                      postcode="ZZ99 1ZZ", via="demo")
        made += 1
    return made
