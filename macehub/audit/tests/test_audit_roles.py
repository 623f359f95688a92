"""SECURITY S9: every audit event names all the roles its user held in the partnership,
on SQLite and PostgreSQL alike, and the access log shows them by their labels."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from macehub.access.actor import Actor, actor_for
from macehub.accounts.models import Membership, Role, User
from macehub.audit.models import AuditEvent
from macehub.audit.services import audit_record, audit_record_many
from macehub.partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def _holding(user: User, partnership: Partnership, roles: list[str]) -> Actor:
    for role in roles:
        Membership.objects.get_or_create(user=user, partnership=partnership, role=role)
    actor = actor_for(user, partnership.pk)
    assert actor is not None
    return actor


def test_an_event_keeps_both_roles_of_a_hub_coordinator_who_is_also_admin(
        dudley: Partnership, make_user: Any) -> None:
    user = make_user("two_roles", dudley, "hub_coordinator")
    actor = _holding(user, dudley, ["partnership_admin"])
    audit_record(action="child.view", actor=actor)
    event = AuditEvent.objects.get(action="child.view")
    assert event.role_codes == ["hub_coordinator", "partnership_admin"]


def test_an_event_keeps_every_role_of_a_user_holding_all_of_them(
        dudley: Partnership, make_user: Any) -> None:
    user = make_user("every_role", dudley, "referrer")
    actor = _holding(user, dudley, list(Role.values))
    audit_record(action="child.view", actor=actor)
    audit_record_many(action="child.change", actor=actor, objects=[dudley])
    for event in AuditEvent.objects.filter(action__in=["child.view", "child.change"]):
        assert event.role_codes == sorted(Role.values)
        assert event.role_labels() == ", ".join(sorted(Role(r).label for r in Role.values))
    width = AuditEvent._meta.get_field("roles").max_length
    assert width is not None and len(AuditEvent.encode_roles(Role.values)) <= width


def test_an_event_without_an_actor_holds_no_roles() -> None:
    event = audit_record(action="auth.sign_in_failed")
    assert event.role_codes == [] and event.role_labels() == ""


def test_access_log_shows_role_labels_and_filters_by_role(
        dudley: Partnership, make_user: Any, client_as: Any, personas: dict[str, Any]) -> None:
    user = make_user("two_roles", dudley, "hub_coordinator")
    audit_record(action="child.view", actor=_holding(user, dudley, ["partnership_admin"]))
    chair = actor_for(personas["chair"], dudley.pk)
    audit_record(action="child.view", actor=chair)
    client = client_as(personas["auditor"])
    page = client.get(reverse("audit:log"), {"action": "child.view"}).content.decode()
    table = page[page.index("<tbody"):]
    # Dudley's pack names its hub coordinators the "Exploitation Hub" (003 §Introduction).
    assert "Exploitation Hub, Partnership admin" in table
    assert "hub_coordinator" not in table and "partnership_admin" not in table
    shown = client.get(reverse("audit:log"), {"role": "partnership_admin",
                                               "action": "child.view"})
    assert [e.username for e in shown.context["page"]] == ["two_roles"]
    chairs = client.get(reverse("audit:log"), {"role": "chair", "action": "child.view"})
    assert [e.username for e in chairs.context["page"]] == ["chair"]


def test_access_log_names_roles_as_the_partnership_pack_does(
        make_partnership: Any, make_user: Any, client_as: Any) -> None:
    # Kirklees' pack calls the hub coordinator the "MACE coordinator" (004).
    kirklees = make_partnership("kirklees")
    user = make_user("k_hub", kirklees, "hub_coordinator")
    audit_record(action="child.view", actor=_holding(user, kirklees, ["partnership_admin"]))
    auditor = make_user("k_auditor", kirklees, "auditor")
    page = client_as(auditor, kirklees).get(reverse("audit:log"), {"action": "child.view"})
    [row] = page.context["rows"]
    roles = row.roles
    assert roles.startswith("MACE coordinator") and roles.endswith(", Partnership admin")


@pytest.mark.postgres
def test_postgresql_audits_the_reads_of_a_user_holding_every_role(
        dudley: Partnership, make_user: Any, client_as: Any) -> None:
    assert connection.vendor == "postgresql", "run in the PostgreSQL stage"
    user = make_user("every_role", dudley, "hub_coordinator")
    _holding(user, dudley, list(Role.values))
    client: Client = client_as(user)
    for name in ["audit:log", "missing:index"]:
        assert client.get(reverse(name)).status_code == 200
    event = AuditEvent.objects.filter(username="every_role", action="audit.view").get()
    assert event.role_codes == sorted(Role.values)


@pytest.mark.django_db(transaction=True)
def test_events_written_before_the_change_keep_their_roles_after_the_migration() -> None:
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("audit", "0002_append_only_trigger")], [("audit",
                                                                "0003_roles_every_role_held")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO audit_auditevent (at, username, role, agency_name, "
                           "action, object_type, object_id, purpose, outcome) VALUES "
                           "(CURRENT_TIMESTAMP, 'old', %s, '', 'x', '', '', '', 'ok')",
                           ["chair,hub_coordinator"])
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(after)
    assert AuditEvent.objects.get(username="old").role_codes == ["chair", "hub_coordinator"]


def test_an_event_for_many_records_names_each_as_one_event_for_it_would(
        dudley: Partnership, make_user: Any) -> None:
    actor = _holding(make_user("importer", dudley, "hub_coordinator"), dudley,
                     ["hub_coordinator"])
    other = Partnership.objects.exclude(pk=dudley.pk).first() or dudley
    assert audit_record_many(action="child.change", actor=actor, objects=[dudley, other],
                             purpose="an import") == 2
    one = audit_record(action="child.change", actor=actor, obj=dudley, purpose="an import")
    many = AuditEvent.objects.filter(action="child.change").exclude(pk=one.pk).order_by("pk")
    assert [(e.object_type, e.object_id) for e in many] == [
        ("partnerships.partnership", str(dudley.pk)),
        ("partnerships.partnership", str(other.pk))]
    skip = {"id", "at", "object_id", "ip_address"}
    fields = [f.attname for f in AuditEvent._meta.concrete_fields if f.attname not in skip]
    assert {f: getattr(many[0], f) for f in fields} == {f: getattr(one, f) for f in fields}
