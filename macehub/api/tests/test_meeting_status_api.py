"""A meeting's status, agenda and conduct through the API, one operation per page action
(ARCHITECTURE principle 7): each with the happy path, a role refused and an outsider's
404."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from macehub.api.tests.helpers import Api
from macehub.meetings import conduct
from macehub.meetings.models import Action, Disclosure, Invitation, Meeting, Minute
from macehub.meetings.tests.test_outputs import PAPERS_URLS, papers_meeting
from macehub.partnerships.models import Agency
from macehub.tests.factories import started

pytestmark = [pytest.mark.django_db, pytest.mark.urls(PAPERS_URLS)]


def _v(meeting: Meeting) -> int:
    return Meeting.objects.get(pk=meeting.pk).version


def test_meeting_is_held_feedback_recorded_and_minutes_approved(
    personas: dict[str, Any], dudley: Any, outsider: Api, outsider_chair: Api,
) -> None:
    meeting = papers_meeting(personas, dudley, cases=1)["meeting"]
    hub, chair = Api("hub_coordinator"), Api("chair")
    url = f"/meetings/{meeting.pk}"
    read = hub.get(url).json()
    assert "met" in read["quorum"] and read["status"] == "published"
    assert Api("panel_member").post(f"{url}/hold", {"version": _v(meeting)}).status_code == 403
    assert outsider.post(f"{url}/hold", {"version": _v(meeting)}).status_code == 404
    started(meeting)
    held = hub.post(f"{url}/hold", {"version": _v(meeting)})
    assert held.status_code == 200, held.content
    assert held.json()["status"] == "held" and held.json()["held_at"]
    assert outsider.post(f"{url}/feedback", {"version": _v(meeting)}).status_code == 404
    assert Api("panel_member").post(f"{url}/feedback",
                                    {"version": _v(meeting)}).status_code == 403
    feedback = hub.post(f"{url}/feedback", {"version": _v(meeting)})
    assert feedback.status_code == 200 and feedback.json()["feedback_given_at"]
    # Approving the minutes is the chair's.
    assert hub.post(f"{url}/approve", {"version": _v(meeting)}).status_code == 403
    assert outsider_chair.post(f"{url}/approve", {"version": _v(meeting)}).status_code == 404
    approved = chair.post(f"{url}/approve", {"version": _v(meeting)})
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == "approved"


def test_meeting_is_cancelled_and_listed(personas: dict[str, Any], dudley: Any,
                                         outsider: Api) -> None:
    hub = Api("hub_coordinator")
    starts = (timezone.now() + timedelta(days=9)).replace(hour=10, minute=0, second=0,
                                                          microsecond=0)
    created = hub.post("/meetings", {"forum": "mace", "starts_at": starts.isoformat(),
                                     "minutes": 60, "venue": "Council House"}).json()
    assert hub.get("/meetings", when="upcoming").json()["count"] == 1
    assert outsider.post(f"/meetings/{created['id']}/cancel",
                         {"version": created["version"]}).status_code == 404
    assert Api("panel_member").post(f"/meetings/{created['id']}/cancel",
                                    {"version": created["version"]}).status_code == 403
    cancelled = hub.post(f"/meetings/{created['id']}/cancel", {"version": created["version"]})
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert hub.get("/meetings", when="upcoming").json()["count"] == 0
    assert hub.get("/meetings", status="cancelled").json()["count"] == 1
    assert outsider.get("/meetings").json()["count"] == 0
    assert Api("panel_member").get("/meetings").json()["count"] == 0  # not invited
    assert Api("referrer").get("/meetings").status_code == 403


def test_series_follows_the_forum_cadence(personas: dict[str, Any], outsider: Api) -> None:
    hub = Api("hub_coordinator")
    first = (timezone.localdate() + timedelta(days=10)).isoformat()
    # Dudley ToR (003) §CEOG Frequency: CEOG meets monthly.
    body = {"forum": "ceog", "first": first, "at": "10:00", "minutes": 60, "count": 3,
            "venue": "Council House"}
    made = hub.post("/meetings/series", body)
    assert made.status_code == 201, made.content
    assert len(made.json()) == 3 and Meeting.objects.count() == 3
    assert Api("panel_member").post("/meetings/series", body).status_code == 403
    assert outsider.post("/meetings/series", {**body, "forum": "nope"}).status_code == 422
    assert Meeting.objects.count() == 3


def test_agenda_items_are_added_moved_and_dropped(personas: dict[str, Any],
                                                  outsider: Api) -> None:
    hub = Api("hub_coordinator")
    starts = (timezone.now() + timedelta(days=9)).replace(hour=10, minute=0, second=0,
                                                          microsecond=0)
    meeting = hub.post("/meetings", {"forum": "mace", "starts_at": starts.isoformat(),
                                     "minutes": 60, "venue": "Council House"}).json()
    url = f"/meetings/{meeting['id']}/agenda"
    first = hub.post(f"{url}/items", {"title": "Hotspots", "kind": "other",
                                      "version": meeting["version"]})
    assert first.status_code == 201, first.content
    version = hub.get(f"/meetings/{meeting['id']}").json()["version"]
    second = hub.post(f"{url}/items", {"title": "Themes", "kind": "other", "version": version})
    version = hub.get(f"/meetings/{meeting['id']}").json()["version"]
    moved = hub.post(f"{url}/items/{second.json()['id']}/move", {"up": True,
                                                                 "version": version})
    assert moved.status_code == 200, moved.content
    assert [i["title"] for i in moved.json()] == ["Themes", "Hotspots"]
    version = hub.get(f"/meetings/{meeting['id']}").json()["version"]
    dropped = hub.post(f"{url}/items/{first.json()['id']}/drop", {"version": version})
    assert dropped.status_code == 200 and [i["title"] for i in dropped.json()] == ["Themes"]
    panel = Api("panel_member")
    assert panel.post(f"{url}/items", {"title": "x", "kind": "other",
                                       "version": 1}).status_code == 403
    for path in (f"{url}/items", f"{url}/items/{second.json()['id']}/move",
                 f"{url}/items/{second.json()['id']}/drop"):
        body = {"title": "x", "kind": "other", "up": True, "version": version}
        assert outsider.post(path, body).status_code == 404
        assert panel.post(path, body).status_code == 403


def test_guest_apologies_minutes_and_removal(personas: dict[str, Any], dudley: Any,
                                             outsider: Api, outsider_chair: Api) -> None:
    built = papers_meeting(personas, dudley, cases=1)
    meeting, item = built["meeting"], built["items"][0]
    hub = Api("hub_coordinator")
    url = f"/meetings/{meeting.pk}"
    housing = Agency.objects.filter(partnership=dudley).exclude(type="police").first()
    assert housing is not None
    guest = {"name": "A Guest", "agency_id": housing.pk, "item_id": item.pk}
    assert hub.post(f"{url}/guests", guest).status_code == 201
    assert Api("panel_member").post(f"{url}/guests", guest).status_code == 403
    assert outsider.post(f"{url}/guests", guest).status_code == 404
    # Apologies: the invitee's own.
    panel = Api("panel_education")
    sent = panel.post(f"{url}/apologies", {"deputy": "Deputy Head"})
    assert sent.status_code == 200 and sent.json()["attendance"] == "apologies"
    assert outsider.post(f"{url}/apologies", {}).status_code == 404
    assert Api("referrer").post(f"{url}/apologies", {}).status_code == 403
    # Minutes during the meeting.
    minutes = f"{url}/items/{item.pk}/minutes"
    assert hub.post(minutes, {"text": "Police described the weekend."}).status_code == 201
    assert Api("panel_member").post(minutes, {"text": "x"}).status_code == 403
    assert outsider.post(minutes, {"text": "x"}).status_code == 404
    assert Minute.objects.count() == 1
    # Removing an item is the chair's (after the meeting is held).
    started(meeting)
    conduct.meeting_hold(actor=built["hub"], meeting=meeting, version=_v(meeting))
    remove = f"{url}/items/{item.pk}/remove"
    body = {"reason": "Risk reduced", "actions_completed": "Return interview done"}
    assert hub.post(remove, body).status_code == 403
    assert outsider_chair.post(remove, body).status_code == 404
    removed = Api("chair").post(remove, body)
    assert removed.status_code == 200, removed.content
    assert Invitation.objects.filter(meeting=meeting, name="A Guest").count() == 1


def test_decision_and_action_logs_and_action_updates(personas: dict[str, Any], dudley: Any,
                                                     outsider: Api) -> None:
    built = papers_meeting(personas, dudley, cases=1, held=True)
    hub = Api("hub_coordinator")
    decisions = hub.get("/decisions").json()
    assert decisions["count"] == 1 and decisions["items"][0]["risk"] == "medium"
    assert hub.get("/decisions", case_id=built["cases"][0].pk).json()["count"] == 1
    assert outsider.get("/decisions").json()["count"] == 0
    assert Api("referrer").get("/decisions").status_code == 403
    actions = hub.get("/actions").json()
    assert actions["count"] == 1
    action_id = actions["items"][0]["id"]
    # The police panel member's agency owns the action; education's does not.
    police = Api("panel_member")
    assert police.get("/actions").json()["count"] == 1
    assert Api("panel_education").get("/actions").json()["count"] == 0
    assert police.get(f"/actions/{action_id}").status_code == 200
    update = {"text": "Interview booked", "status": "done",
              "version": actions["items"][0]["version"]}
    assert Api("panel_education").post(f"/actions/{action_id}/updates",
                                       update).status_code == 404
    assert Api("referrer").post(f"/actions/{action_id}/updates", update).status_code == 403
    assert outsider.post(f"/actions/{action_id}/updates", update).status_code == 404
    done = police.post(f"/actions/{action_id}/updates", update)
    assert done.status_code == 200 and done.json()["status"] == "done"
    assert Action.objects.get(pk=action_id).status == "done"
    assert hub.get("/actions").json()["count"] == 0
    assert hub.get("/actions", show="all").json()["count"] == 1


def test_disclosure_is_requested_and_decided_by_the_chair(
    personas: dict[str, Any], dudley: Any, outsider: Api, outsider_chair: Api,
) -> None:
    meeting = papers_meeting(personas, dudley, cases=1, held=True)["meeting"]
    url = f"/meetings/{meeting.pk}/disclosures"
    body = {"document": "minutes", "recipient": "A Solicitor, Family Court",
            "purpose": "Care proceedings"}
    assert outsider.post(url, body).status_code == 404
    assert Api("referrer").post(url, body).status_code == 403
    asked = Api("panel_member").post(url, body)
    assert asked.status_code == 201, asked.content
    decide = f"{url}/{asked.json()['id']}/decide"
    verdict = {"approve": True, "reason": "Needed for the court"}
    assert Api("hub_coordinator").post(decide, verdict).status_code == 403
    assert outsider_chair.post(decide, verdict).status_code == 404
    decided = Api("chair").post(decide, verdict)
    assert decided.status_code == 200 and decided.json()["status"] == "approved"
    log = Api("hub_coordinator").get("/disclosures").json()
    assert log["count"] == 1 and log["items"][0]["recipient"].startswith("A Solicitor")
    assert outsider.get("/disclosures").json()["count"] == 0
    assert Api("panel_member").get("/disclosures").status_code == 403
    assert Disclosure.objects.get().status == "approved"
