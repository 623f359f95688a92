from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from macehub.access.actor import Actor, actor_for
from macehub.accounts.models import Role
from macehub.partnerships.models import AgencyType


@pytest.fixture
def team(make_partnership: Any, make_user: Any) -> Callable[[str], dict[str, Actor]]:
    """The hub, a chair, a referrer and a panel member per agency type in a partnership
    using that partnership's real policy pack."""
    def make(slug: str) -> dict[str, Actor]:
        partnership = make_partnership(slug)
        users = {"hub": make_user(f"{slug}_hub", partnership, Role.HUB_COORDINATOR),
                 "chair": make_user(f"{slug}_chair", partnership, Role.CHAIR),
                 "referrer": make_user(f"{slug}_referrer", partnership, Role.REFERRER)}
        for agency_type in AgencyType:
            users[agency_type.value] = make_user(f"{slug}_{agency_type.value}", partnership,
                                                 Role.PANEL_MEMBER, agency_type.value)
        actors = {k: actor_for(u, partnership.pk) for k, u in users.items()}
        assert all(actors.values())
        return actors  # type: ignore[return-value]

    return make
