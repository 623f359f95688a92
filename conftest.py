"""Fixtures over the one set of factories (macehub/tests/factories.py): the Dudley hub as
the home partnership, Essex as the outsider that must never see in, and one Dudley user per
role, built once per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from macehub.access.actor import Actor, actor_for
from macehub.access.scoped import unscoped
from macehub.accounts.models import User
from macehub.partnerships.models import Partnership
from macehub.tests.factories import (
    PASSWORD,
    PartnershipFactory,
    personas_for,
    sign_in,
    user_with_role,
)

__all__ = ["PASSWORD", "sign_in"]


def pytest_configure(config: pytest.Config) -> None:
    """On PostgreSQL the audit table refuses TRUNCATE (audit migration 0004), but a
    transactional test empties every table with TRUNCATE afterwards. The test database's
    role owns the tables, so the flush alone sets the guard aside for its own transaction."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    flush = DatabaseOperations.sql_flush
    # Each append-only audit table and the trigger that refuses TRUNCATE on it.
    guards = {"audit_auditevent": "audit_auditevent_no_truncate",
              "audit_auditeventobject": "audit_auditeventobject_no_truncate"}

    def sql_flush(self: Any, style: Any, tables: Any, **kwargs: Any) -> list[str]:
        statements = flush(self, style, tables, **kwargs)
        if not statements:
            return statements
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname = ANY(%s)",
                           [list(guards.values())])
            present = {row[0] for row in cursor.fetchall()}
        held = [(table, guard) for table, guard in guards.items()
                if table in tables and guard in present]
        return ([f"ALTER TABLE {t} DISABLE TRIGGER {g};" for t, g in held] + statements
                + [f"ALTER TABLE {t} ENABLE TRIGGER {g};" for t, g in held])

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _arrange_freely() -> Iterator[None]:
    """Test bodies build and inspect records directly; every request they make, and every
    command they call, is held to the scoped kernel again (macehub.access.scoped)."""
    with unscoped("tests arrange and inspect records"):
        yield


@pytest.fixture(autouse=True)
def _background_work_inline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Queued background work runs at once, in the test's own transaction, through the
    worker's code (django-q2's sync mode). macehub/jobs/tests/test_worker.py runs a task
    through the queue table and a worker instead."""
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "SYNC", True)


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    # Argon2 is the production hasher (asserted in test_settings); tests use a fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_partnership(db: Any) -> Callable[[str], Partnership]:
    """A test partnership using the real policy pack of that name."""
    def make(slug: str) -> Partnership:
        return PartnershipFactory(slug=slug)

    return make


@pytest.fixture
def dudley(db: Any) -> Partnership:
    return PartnershipFactory(slug="dudley", name="Dudley Test Partnership")


@pytest.fixture
def essex(db: Any) -> Partnership:
    return PartnershipFactory(slug="essex", name="Essex Test Partnership")


@pytest.fixture
def make_user(db: Any) -> Callable[..., User]:
    return user_with_role


@pytest.fixture
def personas(dudley: Partnership) -> dict[str, User]:
    """One Dudley user per role (panel members per agency type)."""
    return personas_for(dudley)


@pytest.fixture
def client_as(dudley: Partnership) -> Callable[[User], Client]:
    def make(user: User, partnership: Partnership | None = None) -> Client:
        return sign_in(Client(), user, partnership or dudley)

    return make


@pytest.fixture
def actor_of(dudley: Partnership) -> Callable[[User], Actor]:
    def make(user: User, partnership: Partnership | None = None) -> Actor:
        actor = actor_for(user, (partnership or dudley).pk)
        assert actor is not None
        return actor

    return make
