"""Essex MACE 2: each quadrant's action plan with its impact measures belongs to the forum
and the quadrant, not to a child; agencies' updates are due one month before the meeting
(Essex Child Exploitation & Missing arrangements, seed 000 §6.3, §6.5)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from macehub.access.scoped import unscoped
from macehub.api.tests.test_meetings_api import Api
from macehub.audit.models import AuditEvent
from macehub.cases.models import Plan
from macehub.cases.plans import forum_plan_create, forum_plan_update
from macehub.partnerships.models import Area
from macehub.rules.due import due_items
from macehub.tests.factories import quadrant, schedule

pytestmark = pytest.mark.django_db
ZONE = timezone.get_current_timezone()
MEASURES = ["Missing episodes from the two hotspot estates, per month",
            "Disruption orders served at the hotspots"]


def _plan(t: dict[str, Any], area: Area | None, kind: str = "mace_2_action_plan",
          forum: str = "mace_2") -> Plan:
    return forum_plan_create(actor=t["hub"], forum=forum, area=area, kind=kind,
                             summary="Disrupt the county line running through the station "
                                     "and the two estates", impact_measures=MEASURES,
                             agreed_on=date(2027, 1, 12), review_on=date(2027, 4, 12))


def test_essex_mace_2_quadrant_action_plan_belongs_to_the_forum_and_area(team: Any) -> None:
    # Essex ToR (000) §6.5: the bi-annual report "is used to formulate action plans for each
    # MACE 2, in turn these plans provide a set of requests for specific impact data from
    # partner agencies to measure success"; §6.3: the chairs report on "the measures of
    # success for these action plans". The plan is the quadrant's, not a child's.
    t = team("essex")
    north = quadrant(t["hub"].partnership)
    district = Area.objects.create(partnership=t["hub"].partnership, name="Colchester",
                                   kind=Area.Kind.DISTRICT, parent=north)
    plan = _plan(t, north)
    assert plan.case_id is None and (plan.forum, plan.area) == ("mace_2", north)
    assert plan.impact_measures == MEASURES
    assert plan.partnership_id == t["hub"].partnership.pk
    for area in (None, district):
        with pytest.raises(ValidationError, match="held per quadrant"):
            _plan(t, area)
    with pytest.raises(ValidationError, match="type of plan for MACE 2"):
        _plan(t, north, kind="mace_1_plan")  # a child's plan type is not MACE 2's
    with pytest.raises(ValidationError, match="type of plan for MACE 1"):
        _plan(t, north, kind="mace_1_plan", forum="mace_1")  # nor a forum's plan at all

    changed = forum_plan_update(actor=t["hub"], plan=plan, version=plan.version,
                                summary=plan.summary, review_on=date(2027, 5, 1),
                                impact_measures=[*MEASURES, "Hotspots closed this quarter"])
    assert changed.version == 2 and len(changed.impact_measures) == 3
    with pytest.raises(ValidationError, match="Someone else changed this plan"):
        forum_plan_update(actor=t["hub"], plan=plan, version=1, summary="Stale",
                          impact_measures=[])
    with unscoped("test inspects the audit log and the table's constraint"):
        assert set(AuditEvent.objects.filter(object_id=str(plan.pk), object_type="cases.plan")
                   .values_list("action", flat=True)) == {"plan.create", "plan.change"}
        with pytest.raises(IntegrityError), transaction.atomic():
            Plan.objects.create(partnership=t["hub"].partnership, kind="mace_2_action_plan",
                                summary="Neither a case nor a forum",
                                agreed_on=date(2027, 1, 1), by=t["hub"].user)


def test_essex_mace_2_action_plans_are_recorded_and_read_on_a_page_and_through_the_api(
        team: Any, client_as: Any) -> None:
    # Essex ToR (000) §6.5: each MACE 2 keeps its quadrant's action plan.
    t = team("essex")
    north = quadrant(t["hub"].partnership)
    client = client_as(t["hub"].user, t["hub"].partnership)
    response = client.post(reverse("cases:forum_plan_new"), {
        "kind": "mace_2_action_plan", "area": north.pk, "summary": "Target the station",
        "impact_measures": "Missing episodes per month\n\nHotspots closed",
        "agreed_on": "2027-01-12", "review_on": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    plan = Plan.objects.for_actor(t["hub"]).get(forum="mace_2")
    assert plan.impact_measures == ["Missing episodes per month", "Hotspots closed"]
    page = client.get(reverse("cases:forum_plans"), {"area": north.pk}).content.decode()
    assert "MACE 2 quadrant action plan" in page and "North Quadrant" in page
    detail = client.get(reverse("cases:forum_plan", args=[plan.pk])).content.decode()
    assert "Hotspots closed" in detail
    assert client.post(reverse("cases:forum_plan", args=[plan.pk]), {
        "summary": "Target the station and the park", "impact_measures": "Hotspots closed",
        "review_on": "", "version": plan.version}).status_code == 302

    api = Api(t["hub"].user.username)
    made = api.post("/forum-plans", {"forum": "mace_2", "area_id": north.pk,
                                     "kind": "mace_2_action_plan", "summary": "Second plan",
                                     "impact_measures": ["Disruption orders served"],
                                     "agreed_on": "2027-04-12"})
    assert made.status_code == 201, made.content
    listed = api.get(f"/forum-plans?forum=mace_2&area_id={north.pk}").json()
    assert listed["count"] == 2 and listed["items"][0]["summary"] == "Second plan"
    one = api.get(f"/forum-plans/{plan.pk}").json()
    assert one["summary"] == "Target the station and the park" and one["version"] == 2
    assert api.put(f"/forum-plans/{plan.pk}", {"summary": "x", "version": 1}).status_code == 409
    assert api.post("/forum-plans", {"forum": "mace_2", "kind": "mace_2_action_plan",
                                     "summary": "No quadrant", "agreed_on": "2027-04-12"}
                    ).status_code == 422
    # A panel member's role does not keep plans; another partnership's hub finds nothing.
    assert Api(t["police"].user.username).get("/forum-plans").status_code == 403
    other = team("dudley")
    assert Api(other["hub"].user.username).get(f"/forum-plans/{plan.pk}").status_code == 404


def test_essex_mace_2_agency_updates_due_one_month_before_the_meeting(team: Any) -> None:
    # Essex ToR (000) §6.5: "Members are asked to provide an update on their
    # actions/hotspots one month prior to the meeting so this can be added to the embedded
    # documents in the agenda."
    t = team("essex")
    day = timezone.localdate() + timedelta(days=45)
    meeting = schedule(t["hub"], forum="mace_2",
                       when=datetime.combine(day, time(10), tzinfo=ZONE))
    due = [d for d in due_items(t["hub"]) if d.kind == "updates"]
    assert len(due) == 1
    held_on = timezone.localtime(meeting.starts_at).date()
    end_of_last_month = held_on.replace(day=1) - timedelta(days=1)
    assert due[0].due_on == end_of_last_month.replace(
        day=min(held_on.day, end_of_last_month.day))  # the same day a month earlier
    reason = due[0].reason
    assert "MACE 2" in due[0].title and "actions and hotspots" in reason.rule
    assert "1 month" in reason.rule and reason.path == "forums.mace_2.updates"
    assert "Missing Arrangements (September 2018), section 6.5" in reason.source
