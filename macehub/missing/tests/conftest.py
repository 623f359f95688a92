from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from macehub.access.actor import Actor, actor_for
from macehub.people.models import Child
from macehub.tests import factories

LONDON = ZoneInfo("Europe/London")


def at(day: str, time: str = "12:00") -> datetime:
    return datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=LONDON)


@pytest.fixture
def essex_hub(essex: Any, make_user: Callable[..., Any]) -> Actor:
    actor = actor_for(make_user("essex_hub", essex, "hub_coordinator"), essex.pk)
    assert actor is not None
    return actor


@pytest.fixture
def make_child() -> Callable[..., Child]:
    """A child's record (macehub.tests.factories.child)."""
    return factories.child


def row(ref: str, reported: str, returned: str = "", **extra: str) -> dict[str, str]:
    """A police notification row as the CSV has it."""
    data = {"force": "Essex Police", "police_reference": ref, "first_name": "Ivy",
            "last_name": "Example", "date_of_birth": "2011-04-02", "reported_at": reported,
            "returned_at": returned, "missing_from": "home", "risk_grade": "medium"}
    data.update(extra)
    return data
