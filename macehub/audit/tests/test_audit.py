"""SECURITY S9: append-only events, never the content; the access log page."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from macehub.audit.models import AppendOnlyError, AuditEvent
from macehub.audit.services import audit_record
from macehub.tests.visible import codes_in

pytestmark = pytest.mark.django_db


def _event() -> AuditEvent:
    return audit_record(action="audit.view", object_type="thing", object_id=1)


def test_audit_events_cannot_be_changed_or_deleted_through_the_orm() -> None:
    event = _event()
    event.action = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


@pytest.mark.postgres
def test_postgresql_trigger_refuses_update_and_delete_of_audit_rows() -> None:
    assert connection.vendor == "postgresql", "run in the PostgreSQL stage"
    event = _event()
    for sql in ["UPDATE audit_auditevent SET action = 'x' WHERE id = %s",
                "DELETE FROM audit_auditevent WHERE id = %s"]:
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk, action="audit.view").exists()


@pytest.mark.postgres
def test_postgresql_trigger_refuses_truncate_of_the_audit_table() -> None:
    # SECURITY S9: TRUNCATE skips row triggers; a statement-level trigger refuses it.
    assert connection.vendor == "postgresql", "run in the PostgreSQL stage"
    event = _event()
    # The table of records a list event names refers to the events, so both are named.
    for sql in ["TRUNCATE audit_auditevent, audit_auditeventobject",
                "TRUNCATE audit_auditevent RESTART IDENTITY CASCADE"]:
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql)
    assert AuditEvent.objects.filter(pk=event.pk, action="audit.view").exists()


def test_sign_in_events_name_user_time_and_outcome_but_no_password(
    personas: dict[str, Any],
) -> None:
    from conftest import PASSWORD

    Client().post(reverse("accounts:login"), {"username": "chair", "password": PASSWORD})
    Client().post(reverse("accounts:login"), {"username": "chair", "password": "wrong-guess-1"})
    ok = AuditEvent.objects.get(action="auth.password_ok")
    assert ok.username == "chair" and ok.at is not None and ok.outcome == "ok"
    failed = AuditEvent.objects.get(action="auth.sign_in_failed")
    assert failed.outcome == "failed"
    every_value = " ".join(str(v) for v in AuditEvent.objects.values_list(
        "purpose", "object_id", "action", "username"))
    assert PASSWORD not in every_value and "wrong-guess-1" not in every_value


def test_admin_writes_are_audited_with_role_agency_and_partnership(
    personas: dict[str, Any], actor_of: Any, dudley: Any,
) -> None:
    from macehub.partnerships.services import agency_save

    agency = agency_save(actor=actor_of(personas["partnership_admin"]), name="New Agency",
                         type="housing")
    event = AuditEvent.objects.get(action="agency.create")
    assert event.object_type == "partnerships.agency" and event.object_id == str(agency.pk)
    assert event.partnership_id == dudley.pk and event.role_codes == ["partnership_admin"]
    assert "New Agency" not in event.purpose


def test_auditor_filters_the_log_and_the_viewing_is_audited(
    personas: dict[str, Any], client_as: Any, essex: Any,
) -> None:
    client = client_as(personas["auditor"])
    audit_record(action="case.view", user=personas["chair"],
                 partnership_id=personas["chair"].memberships.first().partnership_id)
    audit_record(action="case.view", user=personas["chair"], partnership_id=essex.pk)
    response = client.get(reverse("audit:log"), {"action": "case.view"})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 1  # Essex's event is not shown
    assert AuditEvent.objects.filter(action="audit.view", username="auditor").count() == 1


def test_audit_log_rejects_an_inverted_date_range(personas: dict[str, Any],
                                                 client_as: Any) -> None:
    response = client_as(personas["auditor"]).get(
        reverse("audit:log"), {"date_from": "10/10/2026", "date_to": "01/10/2026"})
    assert b"The end date must be the same as or after the start date" in response.content


def test_audit_log_query_count_does_not_grow_with_rows(
    personas: dict[str, Any], client_as: Any, django_assert_max_num_queries: Any,
) -> None:
    client = client_as(personas["auditor"])
    for i in range(60):
        _event() if i % 2 else audit_record(action="auth.sign_in", partnership_id=personas[
            "auditor"].memberships.first().partnership_id)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("audit:log")).status_code == 200


def test_the_access_log_reads_as_who_in_which_role_did_what_to_which_record(
    personas: dict[str, Any], client_as: Any, actor_of: Any, make_user: Any, dudley: Any,
    django_assert_max_num_queries: Any,
) -> None:
    # SECURITY S9: the auditor reads names, roles, actions and record types, never codes.
    hub = personas["hub_coordinator"]
    hub.first_name, hub.last_name = "Ava", "Brown"
    hub.save()
    audit_record(action="case.view", actor=actor_of(hub), object_type="cases.case",
                 object_id=5)
    for n in range(30):  # many people: still one query for their names
        other = make_user(f"reader{n}", dudley, "chair")
        audit_record(action="child.view", actor=actor_of(other), object_type="people.child",
                     object_id=n + 1)
    client = client_as(personas["auditor"])
    with django_assert_max_num_queries(9):
        page = client.get(reverse("audit:log")).content.decode()
    assert "Ava Brown" in page and "Case viewed" in page
    assert "Exploitation Hub" in page  # Dudley's name for the hub coordinator
    assert "case 5" in page and "child&#x27;s record 1" in page
    assert codes_in(page) == []


def test_every_model_has_a_record_type_label() -> None:
    from django.apps import apps

    from macehub.audit.records import NOT_AUDITED_APPS, RECORD_TYPES

    models = {m._meta.label_lower for m in apps.get_models()
              if m._meta.app_label not in NOT_AUDITED_APPS}
    assert models - set(RECORD_TYPES) == set()
