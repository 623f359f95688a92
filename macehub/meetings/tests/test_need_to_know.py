"""Need to know: a panel member sees a case only while it is on the agenda of a meeting
they are invited to (publication until the pack's access_after after the meeting), or while
their agency owns an open action on it; otherwise the case is not found."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from macehub.meetings import decisions
from macehub.meetings.models import Meeting
from macehub.tests.factories import open_case, published_meeting

pytestmark = pytest.mark.django_db


def _case_url(case: Any) -> str:
    return f"/cases/{case.pk}/"


def test_panel_member_sees_a_case_only_inside_the_meeting_window(
        personas: dict[str, Any], dudley: Any, client_as: Any, actor_of: Any) -> None:
    hub = actor_of(personas["hub_coordinator"])
    case = open_case(actor_of(personas["referrer"]), hub)
    police = client_as(personas["panel_member"])
    assert police.get(_case_url(case)).status_code == 404  # not yet on an agenda
    meeting = published_meeting(personas, dudley, case)
    assert police.get(_case_url(case)).status_code == 404  # invited, not yet agreed
    from macehub.meetings.conduct import confidentiality_agree
    confidentiality_agree(actor=actor_of(personas["panel_member"]), meeting=meeting)
    assert police.get(_case_url(case)).status_code == 200  # published, invited, agreed
    window = dudley.policy.access_after()
    assert str(window) == "14 days"
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(days=16),
        ends_at=timezone.now() - timedelta(days=15))
    assert police.get(_case_url(case)).status_code == 404  # window closed
    decisions.action_add(actor=hub, meeting=Meeting.objects.get(pk=meeting.pk),
                         item=meeting.items.get(case=case), description="Visit",
                         owner_name="PC Example", owner_agency=actor_of(
                             personas["panel_member"]).agency,
                         due_on=timezone.localdate() + timedelta(days=3))
    assert police.get(_case_url(case)).status_code == 200  # agency owns an open action


def test_panel_member_not_invited_sees_neither_meeting_nor_case(
        personas: dict[str, Any], dudley: Any, client_as: Any, make_user: Any) -> None:
    meeting = published_meeting(personas, dudley)
    case = meeting.items.exclude(case=None).first().case
    housing = make_user("housing_rep", dudley, "panel_member", "housing")  # not on the panel
    client = client_as(housing)
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 404
    assert client.get(_case_url(case)).status_code == 404
    assert case.child.first_name not in client.get("/cases/").content.decode()


def test_another_partnership_never_sees_the_meeting(
        personas: dict[str, Any], dudley: Any, essex: Any, client_as: Any,
        make_user: Any) -> None:
    meeting = published_meeting(personas, dudley)
    outsider = make_user("essex_hub", essex, "hub_coordinator")
    client = client_as(outsider, essex)
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 404
    item = meeting.items.first()
    assert client.get(f"/meetings/{meeting.pk}/items/{item.pk}/").status_code == 404


def test_papers_open_only_after_the_confidentiality_agreement(
        personas: dict[str, Any], dudley: Any, client_as: Any, actor_of: Any) -> None:
    # Dudley ToR §MACE Confidentiality: every member agrees at the start of each meeting.
    meeting = published_meeting(personas, dudley)
    item = meeting.items.exclude(case=None).first()
    health = client_as(personas["panel_member_health"])
    from macehub.meetings.services import update_submit
    update_submit(actor=actor_of(personas["panel_member"]), item=item,
                  text="Police intelligence: sightings in the town centre.")
    page = health.get(f"/meetings/{meeting.pk}/items/{item.pk}/").content.decode()
    assert "agreed the confidentiality statement" in page and "sightings" not in page
    response = health.post(f"/meetings/{meeting.pk}/items/{item.pk}/update/",
                           {"text": "Health update"})
    assert response.status_code == 302 and "confidentiality" in response["Location"]
    assert health.post(f"/meetings/{meeting.pk}/confidentiality/").status_code == 302
    page = health.get(f"/meetings/{meeting.pk}/items/{item.pk}/").content.decode()
    assert "sightings" in page
    invitation = meeting.invitations.get(user=personas["panel_member_health"])
    assert invitation.confidentiality_agreed_at is not None


def test_panel_members_papers_close_with_the_window(
        personas: dict[str, Any], dudley: Any, client_as: Any, actor_of: Any) -> None:
    from macehub.meetings.conduct import confidentiality_agree
    meeting = published_meeting(personas, dudley)
    item = meeting.items.exclude(case=None).first()
    confidentiality_agree(actor=actor_of(personas["panel_member"]), meeting=meeting)
    police = client_as(personas["panel_member"])
    assert police.get(f"/meetings/{meeting.pk}/items/{item.pk}/").status_code == 200
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(days=16),
        ends_at=timezone.now() - timedelta(days=15))
    assert police.get(f"/meetings/{meeting.pk}/items/{item.pk}/").status_code == 404
    assert police.get(f"/meetings/{meeting.pk}/papers/agenda.pdf").status_code == 404
    hub = client_as(personas["hub_coordinator"])
    assert hub.get(f"/meetings/{meeting.pk}/items/{item.pk}/").status_code == 200


def test_only_the_meetings_own_chair_decides_on_sharing_its_papers(
        personas: dict[str, Any], dudley: Any, actor_of: Any, make_user: Any) -> None:
    from django.core.exceptions import PermissionDenied

    from macehub.meetings.disclosure import disclosure_decide, disclosure_request
    meeting = published_meeting(personas, dudley)
    request = disclosure_request(actor=actor_of(personas["hub_coordinator"]), meeting=meeting,
                                 document="agenda", recipient="School", purpose="Plan")
    other_chair = make_user("other_chair", dudley, "chair")
    with pytest.raises(PermissionDenied):
        disclosure_decide(actor=actor_of(other_chair), disclosure=request, approve=True,
                          reason="ok")
    decided = disclosure_decide(actor=actor_of(personas["chair"]), disclosure=request,
                                approve=False, reason="Not proportionate")
    assert decided.status == "refused"
