"""Cases through the API: the list and the case as the pages show them (escalation flags
included), and one operation per change the case page offers. Each: the happy path, a
role refused, and an outsider's 404."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from macehub.api.tests.helpers import Api
from macehub.audit.models import AuditEvent
from macehub.cases.models import AgencyFlag, Case, NrmReferral, Plan
from macehub.meetings.tests.test_outputs import make_case
from macehub.partnerships.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(personas: dict[str, Any], actor_of: Any) -> Case:
    return make_case(actor_of(personas["hub_coordinator"]), "Rowan")


def test_case_list_is_paginated_with_its_count_and_filters(
    personas: dict[str, Any], actor_of: Any, outsider: Api,
) -> None:
    hub = actor_of(personas["hub_coordinator"])
    make_case(hub, "Rowan", risk="high")
    make_case(hub, "Sasha", risk="medium")
    make_case(hub, "Toby", risk="high")
    api = Api("hub_coordinator")
    first = api.get("/cases", page_size=2).json()
    assert (first["count"], len(first["items"]), first["page"]) == (3, 2, 1)
    assert len(api.get("/cases", page_size=2, page=2).json()["items"]) == 1
    assert api.get("/cases", risk="medium").json()["count"] == 1
    assert api.get("/cases", page_size=1000).status_code == 422
    # A panel member sees only cases they need to know (none here); an outsider none.
    assert Api("panel_member").get("/cases").json()["count"] == 0
    assert outsider.get("/cases").json()["count"] == 0
    assert Api("referrer").get("/cases").status_code == 403


def test_case_read_is_audited_and_shows_escalation_flags(
    personas: dict[str, Any], case: Case, outsider: Api, monkeypatch: Any,
) -> None:
    # Dudley ToR §MACE Review & Reporting: a high-risk child not reduced after 3 MACE
    # meetings is flagged for escalation to CEOG; the case page shows it, so does the API.
    from macehub.meetings import rules
    from macehub.meetings.models import Meeting

    held = [Meeting(forum="mace", starts_at=timezone.now() - timedelta(days=30 * n))
            for n in (3, 2, 1)]
    monkeypatch.setattr(rules, "_discussions", lambda *a, **k: {case.pk: held})
    api = Api("hub_coordinator")
    before = AuditEvent.objects.filter(action="case.view").count()
    body = api.get(f"/cases/{case.pk}").json()
    assert AuditEvent.objects.filter(action="case.view").count() == before + 1
    assert body["version"] == case.version and body["chronology"]
    flags = body["escalation_flags"]
    assert [f["to_forum"] for f in flags] == ["ceog"] and flags[0]["reason"]["source"]
    assert outsider.get(f"/cases/{case.pk}").status_code == 404
    assert Api("panel_member").get(f"/cases/{case.pk}").status_code == 404


def test_risk_and_status_changes(personas: dict[str, Any], case: Case,
                                 outsider: Api) -> None:
    api = Api("hub_coordinator")
    risk = api.post(f"/cases/{case.pk}/risk", {"risk": "medium", "reason": "Engaging",
                                               "version": case.version})
    assert risk.status_code == 200, risk.content
    assert risk.json()["risk"] == "medium"
    stale = api.post(f"/cases/{case.pk}/risk", {"risk": "high", "reason": "x",
                                                "version": case.version})
    assert stale.status_code == 409, stale.content  # a stale edit is a conflict
    status = api.post(f"/cases/{case.pk}/status", {"status": "dormant", "reason": "Moved",
                                                   "version": risk.json()["version"]})
    assert status.status_code == 200 and status.json()["status"] == "dormant"
    body = {"risk": "high", "reason": "x", "version": status.json()["version"]}
    assert Api("panel_member").post(f"/cases/{case.pk}/risk", body).status_code == 403
    assert outsider.post(f"/cases/{case.pk}/risk", body).status_code == 404
    assert outsider.post(f"/cases/{case.pk}/status", {**body, "status": "open"}
                         ).status_code == 404
    assert Case.objects.get(pk=case.pk).risk == "medium"


def test_case_details_plans_flags_and_nrm(personas: dict[str, Any], dudley: Any,
                                          case: Case, outsider: Api) -> None:
    api = Api("hub_coordinator")
    police = Agency.objects.get(partnership=dudley, type="police")
    details = api.put(f"/cases/{case.pk}/details", {
        "lead_professional": "A Worker", "lead_agency_id": police.pk,
        "exploitation_types": case.exploitation_types, "version": case.version})
    assert details.status_code == 200, details.content
    assert details.json()["lead_agency_id"] == police.pk
    today = timezone.localdate().isoformat()
    kind = next(iter(dudley.policy.plans.types))
    plan = api.post(f"/cases/{case.pk}/plans", {"kind": kind, "summary": "Plan agreed",
                                                "agreed_on": today})
    assert plan.status_code == 201, plan.content
    flag = api.post(f"/cases/{case.pk}/flags", {"agency_id": police.pk, "flagged_on": today})
    assert flag.status_code == 201
    nrm = api.post(f"/cases/{case.pk}/nrm", {"referred_on": today,
                                             "first_responder": "Police"})
    assert nrm.status_code == 201, nrm.content
    decided = api.put(f"/cases/{case.pk}/nrm/{nrm.json()['id']}", {
        "referred_on": today, "first_responder": "Police", "reasonable_grounds": "positive",
        "reasonable_grounds_on": today, "version": nrm.json()["version"]})
    assert decided.status_code == 200 and decided.json()["reasonable_grounds"] == "positive"
    read = api.get(f"/cases/{case.pk}").json()
    assert read["plans"] and read["agency_flags"] and read["nrm_referrals"]
    panel = Api("panel_member")
    assert panel.post(f"/cases/{case.pk}/flags", {"agency_id": police.pk,
                                                  "flagged_on": today}).status_code == 403
    assert panel.post(f"/cases/{case.pk}/nrm", {"referred_on": today,
                                                "first_responder": "x"}).status_code == 403
    for url, body in [
        (f"/cases/{case.pk}/plans", {"kind": kind, "summary": "x", "agreed_on": today}),
        (f"/cases/{case.pk}/flags", {"agency_id": police.pk, "flagged_on": today}),
        (f"/cases/{case.pk}/nrm", {"referred_on": today, "first_responder": "x"}),
    ]:
        assert outsider.post(url, body).status_code == 404
    assert outsider.put(f"/cases/{case.pk}/details", {
        "exploitation_types": ["cce"], "version": 1}).status_code == 404
    assert outsider.put(f"/cases/{case.pk}/nrm/{nrm.json()['id']}", {
        "referred_on": today, "first_responder": "x"}).status_code == 404
    assert (Plan.objects.count(), AgencyFlag.objects.count(),
            NrmReferral.objects.count()) == (1, 1, 1)
