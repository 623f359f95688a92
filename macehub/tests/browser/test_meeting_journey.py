"""One whole meeting in Chromium, from scheduling and the agenda to approved minutes, with
axe run on every page of the journey: the hub runs it, a panel member agrees the
confidentiality statement and gives an update, the chair decides and approves."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from macehub.meetings.conduct import attendance_record
from macehub.meetings.models import Decision, Meeting
from macehub.tests.browser.helpers import accessible as _accessible
from macehub.tests.browser.helpers import screenshots
from macehub.tests.factories import open_case, started

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_one_meeting_from_agenda_to_published_minutes(
    signed_in: Any, live_server: Any, personas: dict[str, Any], actor_of: Any,
) -> None:
    base = live_server.url
    hub_actor = actor_of(personas["hub_coordinator"])
    case = open_case(actor_of(personas["referrer"]), hub_actor)
    hub = signed_in(personas["hub_coordinator"])
    hub.goto(f"{base}/meetings/new/")
    _accessible(hub)
    day = timezone.localdate() + timedelta(days=3)
    hub.select_option("#id_forum", "mace")
    hub.fill("#id_first_day", str(day.day))
    hub.fill("#id_first_month", str(day.month))
    hub.fill("#id_first_year", str(day.year))
    hub.fill("#id_at", "10:00")
    hub.fill("#id_venue", "Council House, Room 2")
    hub.select_option("#id_chair", str(personas["chair"].pk))
    hub.click("button:has-text('Schedule')")
    meeting = Meeting.objects.get()
    _accessible(hub)
    hub.click("button:has-text('Add suggested items')")
    assert str(case.child) in hub.content()
    _accessible(hub)
    hub.click("button:has-text('Publish agenda')")
    _accessible(hub)

    police = signed_in(personas["panel_member"])
    police.goto(f"{base}/meetings/{meeting.pk}/")
    _accessible(police)
    police.click("a:has-text('agree the confidentiality statement')")
    _accessible(police)
    police.click("button:has-text('I agree')")
    item = meeting.items.get(case=case)
    police.goto(f"{base}/meetings/{meeting.pk}/items/{item.pk}/")
    police.click("summary:has-text('Submit your agency')")
    police.fill("#id_update-text", "Two sightings near the station this month.")
    police.click("button:has-text('Save update')")
    assert "Two sightings" in police.content()
    _accessible(police)

    # The register page is read and checked, not its markup: everyone invited is recorded
    # present through the register's service.
    hub.goto(f"{base}/meetings/{meeting.pk}/register/")
    _accessible(hub)
    screenshots(hub, "meeting-register")
    for invitation in meeting.invitations.all():
        attendance_record(actor=hub_actor, invitation=invitation, attendance="present",
                          agreed=True)
    started(meeting)  # recorded as held once it has begun
    hub.goto(f"{base}/meetings/{meeting.pk}/")
    hub.click("summary:has-text('Record that the meeting was held')")
    hub.click("button:has-text('Record as held')")
    _accessible(hub)
    hub.goto(f"{base}/meetings/{meeting.pk}/items/{item.pk}/")
    hub.click("summary:has-text('Add a minute')")
    hub.fill("#id_minute-text", "Police shared two sightings; school reports better attendance.")
    hub.click("button:has-text('Add')")
    _accessible(hub)

    chair = signed_in(personas["chair"])
    chair.goto(f"{base}/meetings/{meeting.pk}/items/{item.pk}/")
    chair.click("summary:has-text('Record a decision')")
    chair.select_option("#id_decision-kind", "risk")
    chair.select_option("#id_decision-risk", "medium")
    chair.fill("#id_decision-text", "Risk reduced: engaging with youth worker.")
    chair.click("button:has-text('Record decision')")
    assert Decision.objects.filter(case=case, kind="risk").exists()
    _accessible(chair)
    chair.goto(f"{base}/meetings/{meeting.pk}/")
    chair.check("#id_confirm")
    chair.click("button:has-text('Approve the minutes')")
    _accessible(chair)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.APPROVED
