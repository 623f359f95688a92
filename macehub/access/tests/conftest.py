"""Two partnerships with a full set of records each, built once per test module and rolled
back after it (each test runs inside its own savepoint on top): Dudley, whose people sign
in, and Essex, whose ids must never answer them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from macehub.access.scoped import unscoped
from macehub.tests.factories import PartnershipFactory, partnership_records, personas_for


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    fast = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    arrange = unscoped("tests arrange records")
    with django_db_blocker.unblock(), fast, arrange, transaction.atomic():
        dudley = PartnershipFactory(slug="dudley", name="Dudley Test Partnership")
        essex = PartnershipFactory(slug="essex", name="Essex Test Partnership")
        home_users = personas_for(dudley)
        away_users = personas_for(essex, prefix="essex_")
        yield {"dudley": dudley, "essex": essex, "users": home_users,
               "home": partnership_records(dudley, home_users),
               "away": partnership_records(essex, away_users)}
        transaction.set_rollback(True)
