"""SECURITY S9: every list, agenda, pack and API list that shows a child's identity leaves
one event naming every record shown, so that "who saw this child" finds list views too;
one audit write per page, not one per row."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from macehub.audit.models import AuditEvent, AuditEventObject, who_saw
from macehub.tests.factories import published_meeting
from macehub.tests.papers import download_papers

pytestmark = pytest.mark.django_db


def _saw(case: Any) -> set[str]:
    """The actions of the events that say the child was seen."""
    return set(AuditEvent.objects.filter(who_saw("people.child", str(case.child_id)))
               .values_list("action", flat=True))


def test_lists_that_show_identities_audit_a_read_of_every_record_shown(
        personas: dict[str, Any], dudley: Any, client_as: Any) -> None:
    meeting = published_meeting(personas, dudley)
    case = meeting.items.exclude(case=None).first().case
    hub = client_as(personas["hub_coordinator"])
    roads = {"/cases/": "case.list", "/api/v1/cases": "case.list",
             "/cases/due/": "due.list", "/meetings/reviews/": "case.reviews_due",
             "/api/v1/reviews-due": "case.reviews_due",
             f"/meetings/{meeting.pk}/": "meeting.agenda_view",
             "/api/v1/children": "child.search"}
    for url, action in roads.items():
        before = AuditEvent.objects.count()
        assert hub.get(url).status_code == 200, url
        assert AuditEvent.objects.count() == before + 1, url  # one event for the page
        assert action in _saw(case), url
    # The papers are prepared in the background, then downloaded: the download is the read.
    assert download_papers(hub, meeting.pk).status_code == 200
    assert "meeting.papers" in _saw(case)
    events = AuditEvent.objects.filter(who_saw("cases.case", str(case.pk)))
    assert events.filter(action="case.list").count() == 2


def test_the_auditor_finds_who_saw_a_child_in_a_list(
        personas: dict[str, Any], dudley: Any, client_as: Any) -> None:
    meeting = published_meeting(personas, dudley)
    case = meeting.items.exclude(case=None).first().case
    client_as(personas["hub_coordinator"]).get("/cases/")
    page = client_as(personas["auditor"]).get(reverse("audit:log"), {
        "object_type": "people.child", "object_id": case.child_id}).content.decode()
    assert "Cases listed" in page and personas["hub_coordinator"].username in page


def test_a_list_page_writes_the_same_number_of_audit_statements_whatever_its_rows(
        personas: dict[str, Any], dudley: Any, client_as: Any,
        django_assert_max_num_queries: Any) -> None:
    from macehub.access.actor import actor_for
    from macehub.tests.factories import open_case
    hub_actor = actor_for(personas["hub_coordinator"], dudley.pk)
    referrer = actor_for(personas["referrer"], dudley.pk)
    for _ in range(6):
        open_case(referrer, hub_actor)
    hub = client_as(personas["hub_coordinator"])
    with django_assert_max_num_queries(25) as queries:
        hub.get("/cases/")
    # An INSERT, or a COPY on PostgreSQL.
    writes = [q["sql"] for q in queries.captured_queries
              if q["sql"].startswith(("INSERT", "COPY")) and "audit" in q["sql"]]
    assert len(writes) == 2
    assert AuditEventObject.objects.filter(object_type="cases.case").count() >= 6


def test_the_records_a_list_event_names_cannot_be_changed() -> None:
    from macehub.audit.models import AppendOnlyError
    with pytest.raises(AppendOnlyError):
        AuditEventObject.objects.all().update(object_id="1")
    with pytest.raises(AppendOnlyError):
        AuditEventObject.objects.all().delete()


@pytest.mark.postgres
def test_postgresql_refuses_to_change_the_records_a_list_event_names() -> None:
    from django.db import DatabaseError, connection, transaction
    from django.utils import timezone
    assert connection.vendor == "postgresql", "run in the PostgreSQL stage"
    event = AuditEvent.objects.create(at=timezone.now(), action="case.list")
    seen = AuditEventObject.objects.create(event=event, object_type="cases.case", object_id="1")
    for sql in ["UPDATE audit_auditeventobject SET object_id = '2' WHERE id = %s",
                "DELETE FROM audit_auditeventobject WHERE id = %s"]:
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [seen.pk])
    assert AuditEventObject.objects.filter(pk=seen.pk, object_id="1").exists()
