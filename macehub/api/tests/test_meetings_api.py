"""Meetings through the API: the same services, permissions and fetch-and-authorise
helpers as the pages; clear 4xx errors; nothing of another partnership reachable."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from macehub.lib.problems import fields
from macehub.meetings.models import Action, AgencyUpdate, Decision, Dissent, Invitation, Meeting
from macehub.meetings.tests.test_outputs import PAPERS_URLS, make_case, papers_meeting
from macehub.partnerships.models import Agency, Area

pytestmark = [pytest.mark.django_db, pytest.mark.urls(PAPERS_URLS)]


class Api:
    def __init__(self, username: str) -> None:
        out = StringIO()
        call_command("create_api_token", username, stdout=out)
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {out.getvalue().strip()}"}

    def get(self, url: str) -> Any:
        return self.client.get(f"/api/v1{url}", headers=self.headers)

    def post(self, url: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(f"/api/v1{url}", body or {}, content_type="application/json",
                                headers=self.headers)

    def put(self, url: str, body: dict[str, Any]) -> Any:
        return self.client.put(f"/api/v1{url}", body, content_type="application/json",
                               headers=self.headers)


def _when(days: int) -> str:
    return (timezone.now() + timedelta(days=days)).replace(
        hour=10, minute=0, second=0, microsecond=0).isoformat()


def _meeting(**extra: Any) -> dict[str, Any]:
    return {"forum": "mace", "starts_at": _when(20), "minutes": 120, "venue": "Council House",
            **extra}


def test_coordinator_schedules_a_meeting(personas: dict[str, Any], dudley: Any,
                                         essex: Any) -> None:
    hub = Api("hub_coordinator")
    response = hub.post("/meetings", _meeting(chair_id=personas["chair"].pk,
                                              area_id=Area.objects.get(partnership=dudley).pk))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft" and body["chair_id"] == personas["chair"].pk
    assert hub.get(f"/meetings/{body['id']}").json()["forum"] == "mace"
    # Validation errors name the field and write nothing.
    no_place = hub.post("/meetings", _meeting(venue=""))
    assert no_place.status_code == 422 and "venue" in fields(no_place.json())
    assert hub.post("/meetings", _meeting(forum="nope")).status_code == 422
    other_area = hub.post("/meetings", _meeting(area_id=Area.objects.get(partnership=essex).pk))
    assert other_area.status_code == 422 and "area_id" in fields(other_area.json())
    assert Meeting.objects.count() == 1
    # A panel member cannot schedule.
    assert Api("panel_member").post("/meetings", _meeting()).status_code == 403


def test_agenda_is_built_from_due_cases_and_published(personas: dict[str, Any],
                                                      dudley: Any, actor_of: Any) -> None:
    # Dudley ToR: first MACE within 2 weeks of referral: a new case is a due nomination.
    case = make_case(actor_of(personas["hub_coordinator"]), "Nomination")
    hub = Api("hub_coordinator")
    meeting = hub.post("/meetings", _meeting(chair_id=personas["chair"].pk)).json()
    url = f"/meetings/{meeting['id']}/agenda"
    built = hub.post(f"{url}/build", {"version": meeting["version"]})
    assert built.status_code == 200, built.content
    assert [i["case_id"] for i in built.json()] == [case.pk]
    assert built.json()[0]["kind"] == "nomination" and built.json()[0]["why"]
    # A stale version is refused.
    stale = hub.post(f"{url}/publish", {"version": meeting["version"]})
    assert stale.status_code == 409
    version = hub.get(f"/meetings/{meeting['id']}").json()["version"]
    published = hub.post(f"{url}/publish", {"version": version})
    assert published.status_code == 200, published.content
    assert published.json()["meeting"]["status"] == "published"
    invited = {i["user_id"] for i in published.json()["invited"]}
    assert personas["chair"].pk in invited and personas["panel_member"].pk in invited
    again = hub.post(f"{url}/publish", {"version": published.json()["meeting"]["version"]})
    assert again.status_code == 422
    assert len(hub.get(url).json()) == 1


def test_panel_member_submits_their_agency_update(personas: dict[str, Any],
                                                  dudley: Any) -> None:
    built = papers_meeting(personas, dudley, cases=1)
    meeting, item = built["meeting"], built["items"][0]
    panel = Api("panel_health")
    url = f"/meetings/{meeting.pk}/items/{item.pk}/update"
    Invitation.objects.filter(meeting=meeting, user__username="panel_health").update(
        confidentiality_agreed_at=None)
    refused = panel.put(url, {"text": "Seen at the sexual health clinic."})
    assert refused.status_code == 403  # the papers open after the confidentiality agreement
    assert panel.post(f"/meetings/{meeting.pk}/confidentiality", {}).status_code == 200
    response = panel.put(url, {"text": "Seen at the sexual health clinic."})
    assert response.status_code == 200, response.content
    health = Agency.objects.get(partnership=dudley, type="health")
    assert response.json()["agency_id"] == health.pk
    empty = panel.put(url, {"text": "  "})
    assert empty.status_code == 422 and "text" in fields(empty.json())
    stale = panel.put(url, {"text": "Another", "version": 99})
    assert stale.status_code == 409
    assert AgencyUpdate.objects.get(item=item, agency=health).text.startswith("Seen")


def test_attendance_and_confidentiality_agreement(personas: dict[str, Any],
                                                  dudley: Any) -> None:
    built = papers_meeting(personas, dudley, cases=1)
    meeting = built["meeting"]
    invitation = Invitation.objects.get(meeting=meeting, user=personas["panel_member_education"])
    Invitation.objects.filter(pk=invitation.pk).update(confidentiality_agreed_at=None,
                                                       attendance="expected")
    hub = Api("hub_coordinator")
    url = f"/meetings/{meeting.pk}/invitations/{invitation.pk}/attendance"
    invitation.refresh_from_db()
    bad = hub.post(url, {"attendance": "maybe", "version": invitation.version})
    assert bad.status_code == 422 and "attendance" in fields(bad.json())
    apologies = hub.post(url, {"attendance": "apologies", "deputy": "Deputy Head",
                               "version": invitation.version})
    assert apologies.status_code == 200
    assert apologies.json()["deputy"] == "Deputy Head"
    assert apologies.json()["confidentiality_agreed_at"] is None
    agreed = Api("panel_education").post(f"/meetings/{meeting.pk}/confidentiality")
    assert agreed.status_code == 200 and agreed.json()["confidentiality_agreed_at"]
    # The hub is not invited: there is nothing for it to agree.
    assert hub.post(f"/meetings/{meeting.pk}/confidentiality").status_code == 403


def test_decisions_dissent_and_actions(personas: dict[str, Any], dudley: Any,
                                       essex: Any) -> None:
    built = papers_meeting(personas, dudley, cases=1)
    meeting, item = built["meeting"], built["items"][0]
    hub = Api("hub_coordinator")
    url = f"/meetings/{meeting.pk}/items/{item.pk}/decisions"
    no_risk = hub.post(url, {"kind": "risk", "text": "Lowered"})
    assert no_risk.status_code == 422 and "risk" in fields(no_risk.json())
    # Closure, escalation and discharge are the chair's decisions.
    assert hub.post(url, {"kind": "escalate", "text": "To CEOG",
                          "to_forum": "ceog"}).status_code == 403
    decision = hub.post(url, {"kind": "risk", "risk": "medium", "text": "Engaging well"})
    assert decision.status_code == 201, decision.content
    decision_id = decision.json()["id"]
    police = Agency.objects.get(partnership=dudley, type="police")
    dissent_url = f"/meetings/{meeting.pk}/decisions/{decision_id}/dissent"
    assert hub.post(dissent_url, {"agency_id": police.pk, "person": "DS Smith",
                                  "reason": ""}).status_code == 422
    essex_police = Agency.objects.get(partnership=essex, type="police")
    assert hub.post(dissent_url, {"agency_id": essex_police.pk, "person": "DS Smith",
                                  "reason": "Too soon"}).status_code == 422
    dissent = hub.post(dissent_url, {"agency_id": police.pk, "person": "DS Smith",
                                     "reason": "Still going missing"})
    assert dissent.status_code == 201 and Dissent.objects.count() == 1
    actions_url = f"/meetings/{meeting.pk}/actions"
    action = {"description": "Chase the return interview", "owner_name": "A Owner",
              "owner_agency_id": police.pk, "item_id": item.pk,
              "due_on": (meeting.starts_at + timedelta(days=7)).date().isoformat()}
    early = hub.post(actions_url, {**action, "due_on": "2020-01-01"})
    assert early.status_code == 422 and "due_on" in fields(early.json())
    created = hub.post(actions_url, action)
    assert created.status_code == 201, created.content
    assert created.json()["case_id"] == item.case_id
    assert Decision.objects.count() == 1 and Action.objects.count() == 1
    # A panel member cannot record decisions.
    assert Api("panel_member").post(url, {"kind": "risk", "risk": "high",
                                          "text": "x"}).status_code == 403


def test_reviews_due_carry_the_rule_and_its_source(personas: dict[str, Any],
                                                   actor_of: Any) -> None:
    case = make_case(actor_of(personas["hub_coordinator"]), "Reviewed")
    hub = Api("hub_coordinator")
    due = hub.get("/reviews-due")
    assert due.status_code == 200
    [row] = due.json()
    assert row["case_id"] == case.pk and row["kind"] == "nomination"
    reason = row["reason"]
    assert row["due_on"] and reason["rule"]
    assert reason["source"].startswith("Dudley MACE and CEOG Terms of Reference (July 2021)")
    assert hub.get("/reviews-due?forum=nope").status_code == 422
    # A new nomination goes to the next meeting whatever the date; reviews wait for theirs.
    assert [r["kind"] for r in hub.get("/reviews-due?until=2000-01-01").json()] == [
        "nomination"]
    assert Api("panel_member").get("/reviews-due").status_code == 403


def test_another_partnership_reaches_nothing(personas: dict[str, Any], dudley: Any,
                                             essex: Any, make_user: Any) -> None:
    built = papers_meeting(personas, dudley, cases=1)
    meeting, item = built["meeting"], built["items"][0]
    invitation = Invitation.objects.filter(meeting=meeting).first()
    assert invitation is not None
    decision = Decision.objects.create(item=item, case=item.case, kind="other", text="x",
                                       by=personas["chair"], at=timezone.now())
    make_user("essex_hub", essex, "hub_coordinator")
    make_user("essex_chair", essex, "chair")
    make_user("essex_panel", essex, "panel_member")
    hub, chair, panel = Api("essex_hub"), Api("essex_chair"), Api("essex_panel")
    base = f"/meetings/{meeting.pk}"
    police = Agency.objects.get(partnership=essex, type="police").pk
    assert hub.get(base).status_code == 404
    assert hub.get(f"{base}/agenda").status_code == 404
    assert hub.post(f"{base}/agenda/build", {"version": meeting.version}).status_code == 404
    assert hub.post(f"{base}/agenda/publish", {"version": meeting.version}).status_code == 404
    assert panel.put(f"{base}/items/{item.pk}/update", {"text": "x"}).status_code == 404
    assert hub.post(f"{base}/invitations/{invitation.pk}/attendance",
                    {"attendance": "present", "version": 1}).status_code == 404
    assert panel.post(f"{base}/confidentiality").status_code == 404
    assert chair.post(f"{base}/items/{item.pk}/decisions",
                      {"kind": "other", "text": "x"}).status_code == 404
    assert hub.post(f"{base}/decisions/{decision.pk}/dissent",
                    {"agency_id": police, "person": "x", "reason": "y"}).status_code == 404
    assert hub.post(f"{base}/actions", {"description": "x", "owner_name": "y",
                                        "owner_agency_id": police,
                                        "due_on": "2030-01-01"}).status_code == 404
    assert all(r["case_id"] != item.case_id for r in hub.get("/reviews-due").json())
    assert AgencyUpdate.objects.filter(item=item).count() == 1  # the Dudley one only
