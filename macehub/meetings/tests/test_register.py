"""The attendance register in the meeting: each person's row saves on its own with the
version it was read at. Two people keeping the register for different people both save;
a save over someone else's change to the same row is refused, says so in that row and
shows what was saved (ARCHITECTURE principle 9: a stale edit is refused, never silently
applied). The API does the same through the same service."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from macehub.api.tests.test_meetings_api import Api
from macehub.meetings.models import Invitation, Meeting
from macehub.tests.factories import published_meeting

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _rows(meeting: Meeting) -> tuple[Invitation, Invitation]:
    first, second = list(meeting.invitations.order_by("pk"))[:2]
    return first, second


def _url(meeting: Meeting, invitation: Invitation) -> str:
    return reverse("meetings:register_row", args=[meeting.pk, invitation.pk])


def test_two_people_marking_attendance_for_different_people_at_once_both_stick(
        personas: dict[str, Any], dudley: Any, client_as: Any) -> None:
    meeting = published_meeting(personas, dudley)
    first, second = _rows(meeting)
    hub, chair = client_as(personas["hub_coordinator"]), client_as(personas["chair"])
    # Both opened the register before either saved.
    assert hub.get(reverse("meetings:register", args=[meeting.pk])).status_code == 200
    assert chair.get(reverse("meetings:register", args=[meeting.pk])).status_code == 200
    one = hub.post(_url(meeting, first), {"attendance": "present", "agreed": "on",
                                          "version": first.version}, headers=HTMX)
    two = chair.post(_url(meeting, second), {"attendance": "apologies", "deputy": "A Deputy",
                                             "version": second.version}, headers=HTMX)
    assert one.status_code == 200 and two.status_code == 200
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.attendance == "present" and first.confidentiality_agreed_at is not None
    assert second.attendance == "apologies" and second.deputy == "A Deputy"
    assert "Saved at" in one.content.decode()


def test_a_second_save_of_the_same_row_is_told_the_row_changed_and_shown_the_current_value(
        personas: dict[str, Any], dudley: Any, client_as: Any) -> None:
    meeting = published_meeting(personas, dudley)
    first, _ = _rows(meeting)
    read_at = first.version
    hub, chair = client_as(personas["hub_coordinator"]), client_as(personas["chair"])
    assert hub.post(_url(meeting, first), {"attendance": "present", "version": read_at},
                    headers=HTMX).status_code == 200
    late = chair.post(_url(meeting, first), {"attendance": "absent", "version": read_at},
                      headers=HTMX)
    assert late.status_code == 409
    html = late.content.decode()
    assert f'id="row-{first.pk}"' in html and "Someone else saved this row" in html
    assert "You chose: Absent" in html
    assert f'id="row-{first.pk}-present" name="attendance" value="present" checked' in html
    first.refresh_from_db()
    assert first.attendance == "present", "the first save is kept"
    # The row now carries the current version: saving again from it works.
    assert f'name="version" value="{first.version}"' in html
    again = chair.post(_url(meeting, first), {"attendance": "absent",
                                              "version": first.version}, headers=HTMX)
    assert again.status_code == 200


def test_without_javascript_a_row_saves_and_goes_back_to_the_register(
        personas: dict[str, Any], dudley: Any, client_as: Any) -> None:
    meeting = published_meeting(personas, dudley)
    first, _ = _rows(meeting)
    hub = client_as(personas["hub_coordinator"])
    response = hub.post(_url(meeting, first), {"attendance": "present",
                                               "version": first.version})
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:register", args=[meeting.pk]) + \
        f"#row-{first.pk}"
    stale = hub.post(_url(meeting, first), {"attendance": "absent",
                                            "version": first.version})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "<h1" in page and "Someone else saved this row" in page
    first.refresh_from_db()
    assert first.attendance == "present"


def test_a_row_refused_for_bad_input_says_why_in_that_row_and_changes_nothing(
        personas: dict[str, Any], dudley: Any, client_as: Any) -> None:
    # A deputy agrees in their own right: only someone present agrees the statement.
    meeting = published_meeting(personas, dudley)
    first, _ = _rows(meeting)
    hub = client_as(personas["hub_coordinator"])
    response = hub.post(_url(meeting, first), {"attendance": "apologies", "agreed": "on",
                                               "deputy": "A Deputy",
                                               "version": first.version}, headers=HTMX)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Only someone present can agree" in html and 'value="A Deputy"' in html
    assert Invitation.objects.get(pk=first.pk).attendance == first.attendance


def test_a_panel_member_cannot_keep_the_register(
        personas: dict[str, Any], dudley: Any, client_as: Any) -> None:
    meeting = published_meeting(personas, dudley)
    first, _ = _rows(meeting)
    panel = client_as(personas["panel_member"])
    response = panel.post(_url(meeting, first), {"attendance": "absent",
                                                 "version": first.version})
    assert response.status_code in (403, 404)
    assert Invitation.objects.get(pk=first.pk).version == first.version


def test_the_register_page_query_count_does_not_grow_with_the_people_invited(
        personas: dict[str, Any], dudley: Any, client_as: Any,
        django_assert_max_num_queries: Any) -> None:
    meeting = published_meeting(personas, dudley)
    assert meeting.invitations.count() >= 3
    hub = client_as(personas["hub_coordinator"])
    with django_assert_max_num_queries(7):
        assert hub.get(reverse("meetings:register", args=[meeting.pk])).status_code == 200
    first, _ = _rows(meeting)
    with django_assert_max_num_queries(13):
        hub.post(_url(meeting, first), {"attendance": "present", "version": first.version},
                 headers=HTMX)


def test_the_api_saves_a_row_with_its_version_and_refuses_a_stale_one_with_409(
        personas: dict[str, Any], dudley: Any) -> None:
    meeting = published_meeting(personas, dudley)
    api = Api("hub_coordinator")
    register = api.get(f"/meetings/{meeting.pk}/register")
    assert register.status_code == 200
    row = register.json()["invitations"][0]
    url = f"/meetings/{meeting.pk}/invitations/{row['id']}/attendance"
    saved = api.post(url, {"attendance": "present", "version": row["version"]})
    assert saved.status_code == 200 and saved.json()["version"] == row["version"] + 1
    stale = api.post(url, {"attendance": "absent", "version": row["version"]})
    assert stale.status_code == 409 and "Someone else saved this row" in stale.json()["detail"]
    assert Invitation.objects.get(pk=row["id"]).attendance == "present"
    assert api.post(url, {"attendance": "absent"}).status_code == 422, "the version is needed"
    spec = api.get("/openapi.json").json()
    operation = spec["paths"]["/api/v1" + "/meetings/{meeting_id}/invitations/"
                              "{invitation_id}/attendance"]["post"]
    assert "409" in operation["responses"]
    assert "/api/v1/meetings/{meeting_id}/register" in spec["paths"]
