"""People of Dudley acting on intelligence (Essex is the other partnership)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from macehub.access.actor import Actor
from macehub.tests import factories


@pytest.fixture
def hub(personas: dict[str, Any], actor_of: Callable[..., Actor]) -> Actor:
    return actor_of(personas["hub_coordinator"])


@pytest.fixture
def essex_hub(essex: Any) -> Actor:
    user = factories.user_with_role("essex_hub", essex, "hub_coordinator")
    return factories.actor(user, essex)
