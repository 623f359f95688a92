"""The meeting pages as the hub and the chair use them: schedule, agenda, publish, meeting
mode, minutes and decisions, approval; bad input changes nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from macehub.meetings.models import AgendaItem, Decision, Invitation, Meeting, Minute
from macehub.tests.factories import open_case, started

pytestmark = pytest.mark.django_db


def test_the_hub_runs_a_meeting_through_the_pages(
        personas: dict[str, Any], dudley: Any, client_as: Any, actor_of: Any) -> None:
    case = open_case(actor_of(personas["referrer"]), actor_of(personas["hub_coordinator"]))
    hub, chair = client_as(personas["hub_coordinator"]), client_as(personas["chair"])
    day = timezone.localdate() + timedelta(days=5)
    response = hub.post("/meetings/new/", {
        "forum": "mace", "first": day.strftime("%d/%m/%Y"), "at": "10:00", "minutes": 120,
        "venue": "Council House", "count": 1, "chair": personas["chair"].pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = Meeting.objects.get()
    url = f"/meetings/{meeting.pk}/"
    assert hub.post(f"{url}agenda/build/", {"version": meeting.version}).status_code \
        == 302
    meeting.refresh_from_db()
    assert meeting.items.filter(case=case, kind=AgendaItem.Kind.NOMINATION).exists()
    assert hub.post(f"{url}agenda/publish/", {"version": meeting.version}) \
        .status_code == 302
    for invitation in Invitation.objects.filter(meeting=meeting):
        assert hub.post(f"{url}register/{invitation.pk}/", {
            "attendance": "present", "agreed": "on", "version": invitation.version,
        }).status_code == 302
    assert not Invitation.objects.filter(meeting=meeting,
                                         confidentiality_agreed_at=None).exists()
    started(meeting)
    assert hub.post(f"{url}hold/", {"version": meeting.version}).status_code == 302
    item = meeting.items.get(case=case)
    response = hub.post(f"{url}items/{item.pk}/minute/", {"minute-text": "Discussed."})
    assert response.status_code == 302
    response = chair.post(f"{url}items/{item.pk}/decision/", {
        "decision-kind": "risk", "decision-risk": "medium", "decision-text": "Reduced"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert chair.post(f"{url}approve/", {"version": meeting.version, "confirm": "on"}) \
        .status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.APPROVED
    assert Minute.objects.count() == 1 and Decision.objects.count() == 1


def test_bad_input_gets_a_clear_error_and_changes_nothing(
        personas: dict[str, Any], dudley: Any, client_as: Any) -> None:
    hub = client_as(personas["hub_coordinator"])
    response = hub.post("/meetings/new/", {"forum": "mace", "first": "31/02/2026",
                                           "at": "25:00", "minutes": 5, "count": 1})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "must be a real date" in page
    assert Meeting.objects.count() == 0
    response = hub.post("/meetings/new/", {
        "forum": "mace", "first": "1/12/2026", "at": "10:00", "minutes": 60, "count": 1})
    assert response.status_code == 400 and "Give a venue or an online link" in \
        response.content.decode()
    assert Meeting.objects.count() == 0


def test_a_panel_member_cannot_record_decisions(
        personas: dict[str, Any], dudley: Any, client_as: Any) -> None:
    from macehub.tests.factories import published_meeting
    meeting = published_meeting(personas, dudley)
    item = meeting.items.exclude(case=None).first()
    police = client_as(personas["panel_member"])
    response = police.post(f"/meetings/{meeting.pk}/items/{item.pk}/decision/",
                           {"decision-kind": "risk", "decision-risk": "low", "decision-text": "x"})
    assert response.status_code == 403 and not Decision.objects.exists()


def test_reviews_due_page_explains_each_date(personas: dict[str, Any], dudley: Any,
                                             client_as: Any, actor_of: Any) -> None:
    open_case(actor_of(personas["referrer"]), actor_of(personas["hub_coordinator"]))
    page = client_as(personas["hub_coordinator"]).get("/meetings/reviews/").content.decode()
    assert "First MACE meeting within 2 weeks of the referral" in page
    assert "Dudley MACE and CEOG Terms of Reference (July 2021)" in page


# SECURITY S6: each write on a meeting has its own URL and declares its own permission;
# none runs behind a view that picks the write from a form field.
WRITE_PERMISSIONS = {
    "meetings:agenda_build": "meeting.manage",
    "meetings:agenda_publish": "meeting.manage",
    "meetings:agenda_item_add": "meeting.manage",
    "meetings:agenda_item_up": "meeting.manage",
    "meetings:agenda_item_down": "meeting.manage",
    "meetings:agenda_item_drop": "meeting.manage",
    "meetings:item_update": "meeting.update",
    "meetings:item_minute": "meeting.minute",
    "meetings:item_decision": "meeting.minute",
    "meetings:item_dissent": "meeting.minute",
    "meetings:item_action": "meeting.minute",
    "meetings:item_remove": "meeting.chair",
}


def test_each_meeting_write_has_its_own_url_and_permission() -> None:
    from macehub.access.decorators import rule_of
    from macehub.access.tests.test_url_walk import walk

    declared = {name: rule_of(view) for name, view in walk()}
    for name, permission in WRITE_PERMISSIONS.items():
        rule = declared[name]
        assert rule is not None and rule.permission == permission, name


def test_the_hub_orders_and_drops_draft_agenda_items_each_at_its_own_url(
        personas: dict[str, Any], dudley: Any, client_as: Any, actor_of: Any) -> None:
    from macehub.tests.factories import schedule
    hub_actor = actor_of(personas["hub_coordinator"])
    meeting = schedule(hub_actor)
    hub = client_as(personas["hub_coordinator"])
    url = f"/meetings/{meeting.pk}/agenda/"
    for title in ("Hotspots", "Themes"):
        meeting.refresh_from_db()
        assert hub.post(f"{url}items/", {"version": meeting.version, "title": title,
                                         "kind": "theme", "minutes": 10}).status_code == 302
    first, second = meeting.items.order_by("position")
    meeting.refresh_from_db()
    assert hub.post(f"{url}items/{second.pk}/up/", {"version": meeting.version}) \
        .status_code == 302
    assert [i.title for i in meeting.items.order_by("position")] == ["Themes", "Hotspots"]
    meeting.refresh_from_db()
    assert hub.post(f"{url}items/{second.pk}/down/", {"version": meeting.version}) \
        .status_code == 302
    meeting.refresh_from_db()
    assert hub.post(f"{url}items/{first.pk}/drop/", {"version": meeting.version}) \
        .status_code == 302
    assert [i.title for i in meeting.items.all()] == ["Themes"]
    # A stale version changes nothing and says why.
    assert hub.post(f"{url}items/{second.pk}/drop/", {"version": 1}).status_code == 400
    assert meeting.items.count() == 1
    # The panel member holds meeting.view but not meeting.manage.
    police = client_as(personas["panel_member"])
    meeting.refresh_from_db()
    assert police.post(f"{url}items/{second.pk}/drop/", {"version": meeting.version}) \
        .status_code == 403
