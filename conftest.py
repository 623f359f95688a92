"""Personas per role and agency, built once per test: the Dudley hub as the home
partnership and Essex as the outsider that must never see in."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from macehub.access.actor import Actor, actor_for
from macehub.access.scoped import unscoped
from macehub.accounts.middleware import LAST_SEEN, SIGNED_IN_AT, now
from macehub.accounts.models import Membership, Role, User
from macehub.partnerships.models import Agency, AgencyType, Area, Partnership

PASSWORD = "correct horse battery staple"


def pytest_configure(config: pytest.Config) -> None:
    """On PostgreSQL the audit table refuses TRUNCATE (audit migration 0004), but a
    transactional test empties every table with TRUNCATE afterwards. The test database's
    role owns the tables, so the flush alone sets the guard aside for its own transaction."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    flush = DatabaseOperations.sql_flush
    guard = "audit_auditevent_no_truncate"

    def sql_flush(self: Any, style: Any, tables: Any, **kwargs: Any) -> list[str]:
        statements = flush(self, style, tables, **kwargs)
        if "audit_auditevent" not in tables or not statements:
            return statements
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_trigger WHERE tgname = %s", [guard])
            if cursor.fetchone() is None:
                return statements
        return [f"ALTER TABLE audit_auditevent DISABLE TRIGGER {guard};", *statements,
                f"ALTER TABLE audit_auditevent ENABLE TRIGGER {guard};"]

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _arrange_freely() -> Iterator[None]:
    """Test bodies build and inspect records directly; every request they make, and every
    command they call, is held to the scoped kernel again (macehub.access.scoped)."""
    with unscoped("tests arrange and inspect records"):
        yield


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    # Argon2 is the production hasher (asserted in test_settings); tests use a fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _partnership(slug: str, name: str) -> Partnership:
    partnership = Partnership.objects.create(slug=slug, name=name, policy_key=slug)
    for agency_type in AgencyType:
        Agency.objects.create(partnership=partnership, name=f"{name} {agency_type.label}",
                              type=agency_type)
    Area.objects.create(partnership=partnership, name=f"{name} North")
    return partnership


@pytest.fixture
def make_partnership(db: Any) -> Callable[[str], Partnership]:
    """A test partnership using the real policy pack of that name."""
    def make(slug: str) -> Partnership:
        existing = Partnership.objects.filter(slug=slug).first()
        return existing or _partnership(slug, f"{slug.title()} Test Partnership")

    return make


@pytest.fixture
def dudley(db: Any) -> Partnership:
    return _partnership("dudley", "Dudley Test Partnership")


@pytest.fixture
def essex(db: Any) -> Partnership:
    return _partnership("essex", "Essex Test Partnership")


AGENCY_FOR_ROLE = {
    Role.REFERRER: AgencyType.EDUCATION,
    Role.PANEL_MEMBER: AgencyType.POLICE,
    Role.HUB_COORDINATOR: AgencyType.CHILDRENS_SOCIAL_CARE,
    Role.CHAIR: AgencyType.CHILDRENS_SOCIAL_CARE,
}


@pytest.fixture
def make_user(db: Any) -> Callable[..., User]:
    def make(
        username: str,
        partnership: Partnership,
        role: str,
        agency_type: str | None = None,
    ) -> User:
        user = User.objects.create_user(username=username, email=f"{username}@example.org",
                                        password=PASSWORD, first_name=username.title(),
                                        last_name="Tester")
        agency_type = agency_type or AGENCY_FOR_ROLE.get(Role(role))
        agency = (Agency.objects.get(partnership=partnership, type=agency_type)
                  if agency_type else None)
        Membership.objects.create(user=user, partnership=partnership, role=role, agency=agency)
        return user

    return make


def sign_in(client: Client, user: User, partnership: Partnership | None = None) -> Client:
    """A fully signed-in session: password and second factor, partnership chosen."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, defaults={"name": "test"})
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[SIGNED_IN_AT] = session[LAST_SEEN] = now()
    if partnership is not None:
        session["partnership_id"] = partnership.pk
    session.save()
    return client


@pytest.fixture
def personas(dudley: Partnership, make_user: Callable[..., User]) -> dict[str, User]:
    """One Dudley user per role (panel members per agency type)."""
    users = {role.value: make_user(role.value, dudley, role.value) for role in Role}
    for agency_type in ("health", "education", "childrens_social_care"):
        users[f"panel_member_{agency_type}"] = make_user(
            f"panel_{agency_type}", dudley, Role.PANEL_MEMBER, agency_type)
    return users


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
