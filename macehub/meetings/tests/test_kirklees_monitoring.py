"""Kirklees cases held open to the MACE process without meetings: stepped down by a meeting
(004 §6 iv) or managed effectively through child protection / looked-after processes
(004 §5 iii). Each test is named after its rule and cites the section."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from macehub.cases.models import Case, Monitoring
from macehub.cases.monitoring import monitoring_review
from macehub.cases.services import case_set_risk, case_set_status
from macehub.concerns.services import concern_match_child, screening_record
from macehub.meetings import decisions
from macehub.meetings.models import AgendaItem, Decision
from macehub.meetings.rules import reviews_due
from macehub.meetings.tests.test_partnership_rules import _published
from macehub.rules.due import due_items
from macehub.tests.factories import new_concern, open_case

pytestmark = pytest.mark.django_db


def _stepped_down(t: dict[str, Any], risk: str = "medium") -> Case:
    case = open_case(t["referrer"], t["hub"], risk=risk)
    item = _published(t, case, kind=AgendaItem.Kind.REVIEW).items.get(case=case)
    decisions.decision_record(actor=t["chair"], item=item, kind=Decision.Kind.STEP_DOWN,
                              text="Managed by the youth offending team's plan")
    case.refresh_from_db()
    return case


def test_kirklees_step_down_removes_mace_oversight_but_keeps_the_case_open(team: Any) -> None:
    # Kirklees (004) §6 iv: "the meeting may agree to remove oversight of the case from the
    # MACE process. In such circumstances the case will remain open to the MACE process".
    t = team("kirklees")
    case = _stepped_down(t)
    assert case.status == Case.Status.MONITORED
    [monitoring] = case.monitorings.all()
    assert monitoring.reason == Monitoring.Reason.STEP_DOWN and monitoring.ended_at is None
    # No MACE meeting oversight: it is no longer due at a meeting ...
    assert case.pk not in {r.case.pk for r in reviews_due(t["hub"])}
    # ... but still open to the process: a new concern joins this case, not a new one.
    concern = new_concern(t["referrer"], child_details={
        "first_name": case.child.first_name, "last_name": case.child.last_name,
        "date_of_birth": case.child.date_of_birth})
    concern_match_child(actor=t["hub"], concern=concern, child=case.child)
    concern.refresh_from_db()
    again = screening_record(actor=t["hub"], concern=concern, indicators=[], risk="medium",
                             override_reason="test", outcome="mace_meeting").case
    assert again.pk == case.pk and Case.objects.filter(child=case.child).count() == 1
    assert Case.objects.get(pk=case.pk).status == Case.Status.MONITORED


def test_kirklees_rise_in_risk_after_step_down_goes_back_through_the_lead_professional(
    team: Any,
) -> None:
    # Kirklees (004) §6 iv: "if risk /vulnerability is identified to have increased the case
    # will be discussed with the child's Lead Professional, and a decision made as to
    # whether the case would benefit from further oversight ... from the multi-agency
    # meetings". A rise never puts the case back on a MACE agenda by itself.
    t = team("kirklees")
    case = _stepped_down(t)
    case = case_set_risk(actor=t["hub"], case=case, risk="high", reason="Found out of area",
                         version=case.version)
    assert case.status == Case.Status.MONITORED
    assert case.pk not in {r.case.pk for r in reviews_due(t["hub"])}
    [item] = [i for i in due_items(t["hub"]) if i.kind == "lead_professional"]
    assert item.case_id == case.pk and "004" not in item.reason.source
    assert item.reason.path == "monitoring" and "section 5 iii; 6 iv" in item.reason.source
    with pytest.raises(ValidationError):  # the lead professional is named
        monitoring_review(actor=t["hub"], case=case, back_to_mace=True, note="Agreed",
                          version=case.version)
    case = monitoring_review(actor=t["hub"], case=case, back_to_mace=True,
                             lead_professional="Youth justice worker", version=case.version,
                             note="Needs the multi-agency meeting again")
    assert case.status == Case.Status.OPEN
    assert case.pk in {r.case.pk for r in reviews_due(t["hub"])}
    assert not [i for i in due_items(t["hub"]) if i.kind == "lead_professional"]
    assert any("lead professional (Youth justice worker)" in e.summary
               for e in case.chronology.all())


def test_kirklees_monitored_case_returns_to_meetings_only_through_its_review(
    team: Any,
) -> None:
    # Kirklees (004) §6 iv: the way back is the decision with the lead professional.
    t = team("kirklees")
    case = _stepped_down(t)
    with pytest.raises(ValidationError):
        case_set_status(actor=t["hub"], case=case, status=Case.Status.OPEN, reason="x",
                        version=case.version)


def test_step_down_closes_the_case_where_the_pack_does_not_keep_it_open(team: Any) -> None:
    # Wolverhampton (001) says nothing of a stepped-down case staying open: it closes.
    t = team("wolverhampton")
    case = _stepped_down(t)
    assert case.status == Case.Status.CLOSED and not case.monitorings.exists()


def test_kirklees_cases_managed_through_cp_or_cla_stay_monitored_with_a_review_due(
    team: Any,
) -> None:
    # Kirklees (004) §5 iii: a child at significant risk whose support is coordinated
    # effectively through CP / CLA needs no MACE meeting, "however the risk to the child
    # will remain monitored through the coordination process". The review interval is the
    # pack's (a default: the source is silent on how often).
    t = team("kirklees")
    concern = new_concern(t["referrer"])
    concern_match_child(actor=t["hub"], concern=concern, confirm_new=True)
    concern.refresh_from_db()
    case = screening_record(actor=t["hub"], concern=concern, indicators=[], risk="high",
                            override_reason="test", outcome="existing_cp_process").case
    assert case is not None and case.status == Case.Status.MONITORED
    [monitoring] = case.monitorings.all()
    assert monitoring.reason == Monitoring.Reason.STATUTORY
    rule = t["hub"].partnership.policy.monitoring
    assert rule is not None and rule.review_every is not None
    expected = rule.review_every.value.after(
        timezone.localdate(), holidays=t["hub"].partnership.policy.holidays)
    assert monitoring.review_on == expected
    [item] = [i for i in due_items(t["hub"]) if i.kind == "monitoring_review"]
    assert item.due_on == expected and item.case_id == case.pk
    assert item.reason.default and item.reason.path == "monitoring.review_every"
    assert case.pk not in {r.case.pk for r in reviews_due(t["hub"])}
    case = monitoring_review(actor=t["hub"], case=case, back_to_mace=False, note="Effective",
                             version=case.version)
    assert case.status == Case.Status.MONITORED
    monitoring.refresh_from_db()
    assert monitoring.review_on == expected  # rolled on from the day of the review


def test_kirklees_monitored_case_page_records_the_review(team: Any, client_as: Any) -> None:
    # Kirklees (004) §5 iii: the coordinator sees the monitoring and records its review.
    t = team("kirklees")
    case = _stepped_down(t)
    client = client_as(t["hub"].user, t["hub"].partnership)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Monitored without MACE meetings" in page and "Stepped down" in page
    response = client.post(reverse("cases:monitoring", args=[case.pk]), {
        "monitoring-back_to_mace": "back", "monitoring-note": "Back to meetings",
        "monitoring-lead_professional": "", "monitoring-version": case.version})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == Case.Status.OPEN


def test_kirklees_monitored_case_is_read_and_reviewed_through_the_api(
        team: Any, client_as: Any, make_user: Any) -> None:
    # Kirklees (004) §5 iii, §6 iv: what the case page shows and does, the API shows and does.
    t = team("kirklees")
    case = _stepped_down(t)
    client = client_as(t["hub"].user, t["hub"].partnership)
    read = client.get(f"/api/v1/cases/{case.pk}").json()
    assert read["status"] == "monitored"
    assert read["monitoring"]["reason_label"] == "Stepped down from MACE meetings"
    url = f"/api/v1/cases/{case.pk}/monitoring-review"
    stale = client.post(url, {"back_to_mace": True, "note": "Back", "version": 0},
                        content_type="application/json")
    assert stale.status_code in (409, 422)
    done = client.post(url, {"back_to_mace": True, "note": "Back to meetings",
                             "version": case.version}, content_type="application/json")
    assert done.status_code == 200 and done.json()["monitoring"] is None
    assert Case.objects.get(pk=case.pk).status == Case.Status.OPEN
    referrer = client_as(t["referrer"].user, t["referrer"].partnership)
    assert referrer.post(url, {"back_to_mace": False, "note": "x", "version": 1},
                         content_type="application/json").status_code == 403
