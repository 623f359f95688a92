from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from macehub.access.actor import Actor
from macehub.tests import factories


@pytest.fixture
def team(db: Any) -> Callable[[str], dict[str, Actor]]:
    """The hub, a chair, a referrer and a panel member per agency type in a partnership
    using that partnership's real policy pack (macehub.tests.factories.team)."""
    return factories.team
