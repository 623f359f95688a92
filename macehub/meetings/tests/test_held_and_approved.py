"""A meeting is recorded as held only once it has started, on the page and through the
API, so minutes are never approved for a meeting still to come; approving the minutes asks
the chair to confirm and says what becomes fixed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from macehub.api.tests.helpers import Api
from macehub.meetings.models import Meeting
from macehub.tests.factories import published_meeting, started

pytestmark = pytest.mark.django_db


@pytest.fixture
def ahead(personas: dict[str, Any], dudley: Any) -> Meeting:
    """A published meeting twelve days ahead."""
    meeting = published_meeting(personas, dudley)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() + timedelta(days=12))
    meeting.refresh_from_db()
    return meeting


def test_a_meeting_twelve_days_ahead_cannot_be_recorded_as_held_on_the_page(
        ahead: Meeting, personas: dict[str, Any], client_as: Any) -> None:
    hub, chair = client_as(personas["hub_coordinator"]), client_as(personas["chair"])
    url = reverse("meetings:hold", args=[ahead.pk])
    response = hub.post(url, {"version": ahead.version})
    assert response.status_code == 400
    assert "record it as held once it has started" in response.content.decode()
    approve = chair.post(reverse("meetings:approve", args=[ahead.pk]),
                         {"version": ahead.version, "confirm": "on"})
    assert approve.status_code == 400
    fresh = Meeting.objects.get(pk=ahead.pk)
    assert fresh.status == Meeting.Status.PUBLISHED and fresh.held_at is None
    assert fresh.minutes_approved_at is None and fresh.version == ahead.version


def test_a_meeting_twelve_days_ahead_cannot_be_recorded_as_held_through_the_api(
        ahead: Meeting) -> None:
    hub, chair = Api("hub_coordinator"), Api("chair")
    held = hub.post(f"/meetings/{ahead.pk}/hold", {"version": ahead.version})
    assert held.status_code == 422
    assert "once it has started" in held.content.decode()
    approved = chair.post(f"/meetings/{ahead.pk}/approve", {"version": ahead.version})
    assert approved.status_code == 422
    assert Meeting.objects.get(pk=ahead.pk).status == Meeting.Status.PUBLISHED


def test_approving_the_minutes_asks_for_confirmation_and_shows_what_becomes_fixed(
        personas: dict[str, Any], dudley: Any, client_as: Any) -> None:
    meeting = started(published_meeting(personas, dudley))
    hub, chair = client_as(personas["hub_coordinator"]), client_as(personas["chair"])
    assert hub.post(reverse("meetings:hold", args=[meeting.pk]),
                    {"version": meeting.version}).status_code == 302
    meeting.refresh_from_db()
    page = chair.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Approving cannot be undone" in page
    assert "every minute and every decision" in page and 'name="confirm"' in page
    unconfirmed = chair.post(reverse("meetings:approve", args=[meeting.pk]),
                             {"version": meeting.version})
    assert unconfirmed.status_code == 400
    assert "Confirm that the minutes, decisions and actions are ready to approve" in \
        unconfirmed.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.HELD
    confirmed = chair.post(reverse("meetings:approve", args=[meeting.pk]),
                           {"version": meeting.version, "confirm": "on"})
    assert confirmed.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.APPROVED
