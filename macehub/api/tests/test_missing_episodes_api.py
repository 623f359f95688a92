"""Missing episodes through the API, one operation per page action: the list, recording
and changing an episode, matching a queued notification, and the triggers. Each: the
happy path, a role refused, and an outsider's 404."""

from __future__ import annotations

from typing import Any

import pytest

from macehub.api.tests.helpers import Api
from macehub.missing.models import MissingEpisode, TriggerFiring
from macehub.people.models import Child
from macehub.people.services import child_create
from macehub.tests.factories import years_ago

pytestmark = pytest.mark.django_db


def _note(ref: str, **extra: str) -> dict[str, str]:
    return {"force": "West Midlands Police", "police_reference": ref, "first_name": "Ivy",
            "last_name": "Example", "date_of_birth": "2012-03-04",
            "reported_at": "2026-01-05 21:00", "returned_at": "2026-01-06 07:00",
            "missing_from": "home", "risk_grade": "medium", **extra}


def _episode(ref: str, day: int) -> dict[str, Any]:
    return {"force": "West Midlands Police", "police_reference": ref,
            "reported_at": f"2026-02-{day:02d}T21:00:00+00:00", "missing_from": "home",
            "risk_grade": "medium"}


@pytest.fixture
def child(personas: dict[str, Any], actor_of: Any) -> Child:
    return child_create(actor=actor_of(personas["hub_coordinator"]), confirm_new=True,
                        first_name="Ivy", last_name="Sample", date_of_birth=years_ago(13))


def test_import_response_names_each_rows_episode(personas: dict[str, Any]) -> None:
    hub = Api("hub_coordinator")
    body = {"notifications": [_note("A"), _note("B", risk_grade="severe"), _note("C")]}
    result = hub.post("/missing/notifications", body).json()
    ids = {e.police_reference: e.pk for e in MissingEpisode.objects.all()}
    assert [(e["row"], e["episode_id"]) for e in result["episodes"]] == [
        (1, ids["A"]), (3, ids["C"])]
    again = hub.post("/missing/notifications", body).json()
    assert again["episodes"] == result["episodes"]


def test_episode_list_is_paginated_and_filtered(personas: dict[str, Any], child: Child,
                                                outsider: Api) -> None:
    hub = Api("hub_coordinator")
    hub.post("/missing/notifications", {"notifications": [
        _note("A"), _note("B", returned_at=""), _note("C")]})
    listed = hub.get("/missing/episodes", page_size=2).json()
    assert listed["count"] == 3 and len(listed["items"]) == 2
    assert hub.get("/missing/episodes", still_missing="true").json()["count"] == 1
    assert outsider.get("/missing/episodes").json()["count"] == 0
    assert Api("panel_member").get("/missing/episodes").status_code == 403


def test_episode_is_recorded_changed_and_triggers_handled(
    personas: dict[str, Any], child: Child, outsider: Api,
) -> None:
    hub = Api("hub_coordinator")
    url = f"/missing/children/{child.pk}/episodes"
    assert Api("panel_member").post(url, _episode("R1", 2)).status_code == 403
    assert outsider.post(url, _episode("R1", 2)).status_code == 404
    made = [hub.post(url, _episode(f"R{n}", n * 3)) for n in (1, 2, 3)]
    assert all(r.status_code == 201 for r in made), made[0].content
    first = made[0].json()
    changed = hub.put(f"/missing/episodes/{first['id']}", {
        **_episode("R1", 3), "returned_at": "2026-02-04T08:00:00+00:00",
        "version": first["version"]})
    assert changed.status_code == 200, changed.content
    assert changed.json()["returned_at"] and changed.json()["version"] == 2
    change = {**_episode("R1", 3), "version": 2}
    assert outsider.put(f"/missing/episodes/{first['id']}", change).status_code == 404
    assert Api("panel_member").put(f"/missing/episodes/{first['id']}",
                                   change).status_code == 403
    # Dudley ToR (003): repeat missing episodes fire the pack's trigger for triage.
    triggers = hub.get("/missing/triggers").json()
    assert triggers["count"] == TriggerFiring.objects.count() >= 1
    firing = triggers["items"][0]
    assert firing["source"] and firing["explanation"]
    url = f"/missing/triggers/{firing['id']}/handled"
    assert outsider.post(url, {"note": "Discussed"}).status_code == 404
    assert Api("panel_member").post(url, {"note": "Discussed"}).status_code == 403
    handled = hub.post(url, {"note": "Discussed at triage"})
    assert handled.status_code == 200 and handled.json()["status"] != "open"
    assert outsider.get("/missing/triggers").json()["count"] == 0


def test_queued_notification_is_matched_to_a_child(personas: dict[str, Any], child: Child,
                                                   outsider: Api) -> None:
    hub = Api("hub_coordinator")
    hub.post("/missing/notifications", {"notifications": [
        # A likely (not certain) match: the notification waits for the coordinator.
        _note("Q", first_name="Ivy", last_name="Sampel",
              date_of_birth=child.date_of_birth.isoformat())]})
    episode = MissingEpisode.objects.get()
    url = f"/missing/episodes/{episode.pk}/match"
    assert episode.child_id is None
    assert hub.get("/missing/episodes", unmatched="true").json()["count"] == 1
    assert outsider.post(url, {"child_id": child.pk}).status_code == 404
    assert Api("panel_member").post(url, {"child_id": child.pk}).status_code == 403
    matched = hub.post(url, {"child_id": child.pk})
    assert matched.status_code == 200, matched.content
    assert matched.json()["child_id"] == child.pk


def test_return_interview_is_offered_answered_completed_and_shared(
    personas: dict[str, Any], child: Child, outsider: Api,
) -> None:
    # Dudley ToR (003) [missing.return_interview]: offered on return, voluntary, the
    # synopsis shared with police and children's social care.
    hub = Api("hub_coordinator")
    episode = hub.post(f"/missing/children/{child.pk}/episodes", {
        **_episode("RI", 2), "returned_at": "2026-02-03T08:00:00+00:00"}).json()
    offer = {"episode_ids": [episode["id"]], "offered_on": "2026-02-04",
             "offered_by": "Return worker"}
    url = f"/missing/episodes/{episode['id']}/interviews"
    assert outsider.post(url, offer).status_code == 404
    assert Api("panel_member").post(url, offer).status_code == 403
    offered = hub.post(url, offer)
    assert offered.status_code == 201, offered.content
    interview = offered.json()
    assert interview["status"] == "offered" and interview["episode_ids"] == [episode["id"]]
    base = f"/missing/interviews/{interview['id']}"
    assert outsider.get(base).status_code == 404
    assert Api("panel_member").get(base).status_code == 403
    answer = {"accepted": True, "responded_on": "2026-02-05", "version": interview["version"]}
    assert outsider.post(f"{base}/answer", answer).status_code == 404
    assert Api("panel_member").post(f"{base}/answer", answer).status_code == 403
    answered = hub.post(f"{base}/answer", answer)
    assert answered.status_code == 200 and answered.json()["status"] == "accepted"
    done = {"completed_on": "2026-02-06", "conducted_by": "Return worker",
            "synopsis": "Stayed with friends; no harm disclosed.",
            "version": answered.json()["version"]}
    assert outsider.post(f"{base}/complete", done).status_code == 404
    assert Api("panel_member").post(f"{base}/complete", done).status_code == 403
    completed = hub.post(f"{base}/complete", done)
    assert completed.status_code == 200, completed.content
    assert outsider.post(f"{base}/share").status_code == 404
    assert Api("panel_member").post(f"{base}/share").status_code == 403
    shared = hub.post(f"{base}/share")
    assert shared.status_code == 200, shared.content
    assert {s["agency_type"] for s in shared.json()["shares"]} == {
        "police", "childrens_social_care"}


def test_missing_figures_count_the_period(personas: dict[str, Any], outsider: Api) -> None:
    from macehub.audit.models import AuditEvent

    Api("hub_coordinator").post("/missing/notifications", {"notifications": [
        _note("A"), _note("B", reported_at="2026-01-12 21:00",
                          returned_at="2026-01-13 07:00")]})
    analyst = Api("analyst")
    figures = analyst.get("/missing/figures", start="2026-01-01", end="2026-01-31")
    assert figures.status_code == 200, figures.content
    # Small numbers are suppressed for the analyst (SECURITY S20); the hub sees them.
    assert (figures.json()["episodes"], figures.json()["children"]) == (None, None)
    assert AuditEvent.objects.filter(action="missing.figures", count=2).exists()
    kept = Api("hub_coordinator").get("/missing/figures", start="2026-01-01", end="2026-01-31")
    assert (kept.json()["episodes"], kept.json()["children"]) == (2, 1)
    assert analyst.get("/missing/figures", start="2026-02-01",
                       end="2026-01-01").status_code == 422
    assert Api("panel_member").get("/missing/figures", start="2026-01-01",
                                   end="2026-01-31").status_code == 403
    assert outsider.get("/missing/figures", start="2026-01-01",
                        end="2026-01-31").json()["episodes"] == 0


def test_missing_meeting_list_pages_every_part_with_its_count(
    personas: dict[str, Any], outsider: Api,
) -> None:
    # Dudley ToR (003) §Introduction: the daily missing meeting looks back one day. Nothing
    # is cut: open and returned episodes each come with their count.
    hub = Api("hub_coordinator")
    hub.post("/missing/notifications", {"notifications": [
        _note("A"), _note("B", reported_at="2026-01-05 22:00", returned_at=""),
        _note("C", reported_at="2026-01-05 23:00", returned_at="")]})
    listing = hub.get("/missing/meeting-list", forum="daily_missing", on="2026-01-06",
                      page_size=1)
    assert listing.status_code == 200, listing.content
    body = listing.json()
    assert (body["open"]["count"], len(body["open"]["items"])) == (2, 1)
    assert body["returned"]["count"] == 1 and body["total"] == 3
    second = hub.get("/missing/meeting-list", forum="daily_missing", on="2026-01-06",
                     page_size=1, page=2).json()
    assert second["open"]["items"][0]["id"] != body["open"]["items"][0]["id"]
    assert hub.get("/missing/meeting-list", forum="mace").status_code == 422
    assert Api("referrer").get("/missing/meeting-list").status_code == 403
    assert outsider.get("/missing/meeting-list", on="2026-01-06").json()["total"] == 0
