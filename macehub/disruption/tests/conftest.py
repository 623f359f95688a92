"""People of Dudley disrupting the people and places of concern (Essex is the other
partnership), and a person of interest and a location to aim at."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from macehub.access.actor import Actor
from macehub.intelligence.services import entity_create


@pytest.fixture
def hub(personas: dict[str, Any], actor_of: Callable[..., Actor]) -> Actor:
    return actor_of(personas["hub_coordinator"])


@pytest.fixture
def kaz(hub: Actor) -> Any:
    return entity_create(actor=hub, kind="person", street_names=["Kaz"], status="active")


@pytest.fixture
def flat(hub: Actor) -> Any:
    return entity_create(actor=hub, kind="location", address="Flat above the takeaway",
                         postcode="DY1 1AA", type="takeaway", status="vulnerable",
                         area=hub.partnership.areas.first())
