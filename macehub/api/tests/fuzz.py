"""The world the API is fuzzed in: Dudley and Essex with one of each record and an API
token for every persona of each."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import override_settings

from macehub.access.scoped import unscoped
from macehub.accounts.tokens import api_token_create
from macehub.tests.factories import PartnershipFactory, partnership_records, personas_for

# Every role, and the panel member of each agency type (conftest.py personas).
ROLES = ["referrer", "hub_coordinator", "chair", "panel_member", "panel_member_health",
         "panel_member_education", "panel_member_childrens_social_care", "analyst",
         "partnership_admin", "auditor"]


@dataclass
class World:
    home: dict[str, Any]
    tokens: dict[str, str]
    away_tokens: dict[str, str]

    def bearer(self, role: str, *, away: bool = False) -> dict[str, str]:
        return {"Authorization": f"Bearer {(self.away_tokens if away else self.tokens)[role]}"}


def _tokens(users: dict[str, Any], partnership: Any) -> dict[str, str]:
    return {role: api_token_create(membership=users[role].memberships.get(
        partnership=partnership), name="Fuzzing")[1] for role in ROLES}


@pytest.fixture(scope="module")
def fuzz_world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    """Built once per module and rolled back after it; each test runs in a savepoint."""
    fast = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    arrange = unscoped("tests arrange records")
    # The application is called as WSGI, not through Django's test client, so its
    # request signals would close the connection that holds the module's transaction
    # (on PostgreSQL; an in-memory SQLite connection is never closed). The test
    # client keeps the connection the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with django_db_blocker.unblock(), fast, arrange, transaction.atomic():
            dudley = PartnershipFactory(slug="dudley", name="Dudley Test Partnership")
            essex = PartnershipFactory(slug="essex", name="Essex Test Partnership")
            home_users = personas_for(dudley)
            away_users = personas_for(essex, prefix="essex_")
            partnership_records(essex, away_users)
            yield World(home=partnership_records(dudley, home_users),
                        tokens=_tokens(home_users, dudley),
                        away_tokens=_tokens(away_users, essex))
            transaction.set_rollback(True)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
