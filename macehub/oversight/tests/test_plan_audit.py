"""The quarterly plan audit (Wolverhampton (001) §Accountability: "MACE plans will be
audited and quality assured quarterly"; Dudley (003) §MACE Review & Reporting: MACE plans
audited as part of the year's audit work): the auditor draws a random, reproducible sample
of a quarter's MACE plans (the sample size is a pack value), grades each against the pack's
questions, reads only the sampled plans with every read audited, and records findings and
actions."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.models import AuditEvent
from macehub.cases.models import Plan
from macehub.lib.errors import StaleEdit
from macehub.oversight import services
from macehub.oversight.models import PlanAudit
from macehub.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(personas: dict[str, Any], actor_of: Any) -> list[Plan]:
    """Twelve MACE plans agreed this quarter, one per case."""
    referrer, hub = actor_of(personas["referrer"]), actor_of(personas["hub_coordinator"])
    today = timezone.localdate()
    made = []
    for n in range(12):
        case = f.open_case(referrer, hub, child_details={
            "first_name": f"Plan{n}", "last_name": "Sample", "date_of_birth": f.years_ago(14),
            "known_as": []})
        made.append(Plan.objects.create(partnership=case.partnership, case=case,
                                        kind="mace_safety_plan", summary=f"Plan {n}",
                                        agreed_on=services.quarter_start(today) + timedelta(
                                            days=n % 3), by=personas["hub_coordinator"]))
    return made


@pytest.fixture
def auditor(personas: dict[str, Any], actor_of: Any) -> Actor:
    return actor_of(personas["auditor"])


def test_wolverhampton_and_dudley_packs_set_a_plan_audit_with_its_sample_size(
        dudley: Any) -> None:
    from macehub.partnerships.policy import load_pack

    for key in ("wolverhampton", "dudley"):
        item = load_pack(key).oversight.items["plan_audit"]
        assert item.sample_size.value == 10 and item.sample_size.default
        assert len(item.questions.value) >= 5


def test_dudley_plan_audit_samples_the_packs_number_of_the_quarters_plans(
        plans: list[Plan], auditor: Actor) -> None:
    audit = services.plan_audit_draw(actor=auditor, quarter=timezone.localdate())
    sampled = list(audit.entries.values_list("plan_id", flat=True))
    assert len(sampled) == 10 == audit.sample_size and audit.plans_in_quarter == 12
    # Reproducible: the recorded seed draws the same plans in the same order.
    assert services.sample([p.pk for p in plans], audit.seed, 10) == sampled


def test_the_pack_sample_size_changes_the_sample(plans: list[Plan], auditor: Actor,
                                                 monkeypatch: Any) -> None:
    rule = services.audit_rule(auditor)
    smaller = rule.model_copy(update={"sample_size": rule.sample_size.model_copy(
        update={"value": 3})})
    monkeypatch.setattr(services, "audit_rule", lambda actor: smaller)
    audit = services.plan_audit_draw(actor=auditor, quarter=timezone.localdate())
    assert audit.entries.count() == 3


def test_a_quarter_is_sampled_once_and_a_future_or_empty_quarter_is_refused(
        plans: list[Plan], auditor: Actor) -> None:
    services.plan_audit_draw(actor=auditor, quarter=timezone.localdate())
    with pytest.raises(ValidationError, match="sampled already"):
        services.plan_audit_draw(actor=auditor, quarter=timezone.localdate())
    with pytest.raises(ValidationError, match="has begun"):
        services.plan_audit_draw(actor=auditor, quarter=timezone.localdate() + timedelta(days=120))
    with pytest.raises(ValidationError, match="No MACE plan"):
        services.plan_audit_draw(actor=auditor, quarter=date(2020, 1, 1))
    assert PlanAudit.objects.count() == 1


def test_auditor_reads_only_sampled_plans_while_grading_and_each_read_is_audited(
        plans: list[Plan], auditor: Actor, personas: dict[str, Any], client_as: Any) -> None:
    audit = services.plan_audit_draw(actor=auditor, quarter=timezone.localdate())
    sampled = set(audit.entries.values_list("plan_id", flat=True))
    assert set(Plan.objects.for_actor(auditor).values_list("pk", flat=True)) == sampled
    entry = audit.entries.first()
    client = client_as(personas["auditor"])
    page = client.get(reverse("oversight:audit_entry", args=[audit.pk, entry.pk]))
    assert page.status_code == 200 and entry.plan.summary in page.content.decode()
    assert "Plan" in page.content.decode() and "Sample" not in page.content.decode()
    assert AuditEvent.objects.filter(action="plan_audit.read",
                                     object_id=str(entry.plan_id)).count() == 1
    # Not a case page, not the child: the auditor sees the plan and its case reference.
    assert client.get(reverse("cases:detail", args=[entry.plan.case_id])).status_code in (403,
                                                                                            404)


def test_grading_needs_every_question_in_one_pass_and_refuses_a_stale_version(
        plans: list[Plan], auditor: Actor) -> None:
    audit = services.plan_audit_draw(actor=auditor, quarter=timezone.localdate())
    entry = audit.entries.first()
    with pytest.raises(ValidationError) as refused:
        services.plan_audit_grade(actor=auditor, entry=entry, version=1, grades={"q1": "met"})
    assert len(refused.value.error_dict) == len(services.audit_rule(auditor).questions.value) - 1
    grades = {f"q{n}": "met" for n in range(1, 7)}
    services.plan_audit_grade(actor=auditor, entry=entry, version=1, grades=grades)
    with pytest.raises(StaleEdit):
        services.plan_audit_grade(actor=auditor, entry=entry, version=1, grades=grades)


def test_completing_needs_every_plan_graded_then_keeps_findings_and_closes_the_plans(
        plans: list[Plan], auditor: Actor) -> None:
    audit = services.plan_audit_draw(actor=auditor, quarter=timezone.localdate())
    with pytest.raises(ValidationError, match="10 are not graded"):
        services.plan_audit_complete(actor=auditor, audit=audit, version=1, findings="Good",
                                     actions="")
    grades = {f"q{n}": "met" if n % 2 else "not_met" for n in range(1, 7)}
    for entry in audit.entries.all():
        services.plan_audit_grade(actor=auditor, entry=entry, version=1, grades=grades)
    done = services.plan_audit_complete(actor=auditor, audit=audit, version=1,
                                        findings="Plans name owners.", actions="Add the voice")
    assert done.status == PlanAudit.Status.COMPLETE
    summary = services.grade_summary(done, services.audit_rule(auditor).questions.value)
    assert summary[0][1] == [10, 0, 0] and summary[1][1] == [0, 0, 10]
    assert Plan.objects.for_actor(auditor).count() == 0
    with pytest.raises(ValidationError, match="complete"):
        services.plan_audit_grade(actor=auditor, entry=audit.entries.first(), version=2,
                                  grades=grades)


@pytest.mark.parametrize("role", ["hub_coordinator", "chair", "analyst", "panel_member",
                                  "partnership_admin", "referrer"])
def test_only_the_auditor_runs_the_plan_audit(role: str, personas: dict[str, Any],
                                              client_as: Any) -> None:
    assert client_as(personas[role]).get(reverse("oversight:audits")).status_code == 403


def test_plan_audit_pages_work_from_draw_to_completion(
        plans: list[Plan], personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["auditor"])
    quarter = services.quarter_start(timezone.localdate()).isoformat()
    drawn = client.post(reverse("oversight:audits"), {"quarter": quarter})
    assert drawn.status_code == 302
    audit = PlanAudit.objects.get()
    again = client.post(reverse("oversight:audits"), {"quarter": quarter})
    assert again.status_code == 400 and "sampled already" in again.content.decode()
    for entry in audit.entries.all():
        answer = client.post(reverse("oversight:audit_entry", args=[audit.pk, entry.pk]), {
            "version": entry.version, **{f"q{n}": "partly" for n in range(1, 7)}})
        assert answer.status_code == 302
    done = client.post(reverse("oversight:audit", args=[audit.pk]), {
        "version": 1, "findings": "Most plans partly meet the standard.",
        "actions": "Training on the child's voice"})
    assert done.status_code == 302
    page = client.get(reverse("oversight:audit", args=[audit.pk])).content.decode()
    assert "Most plans partly meet the standard." in page and "Training" in page


@pytest.mark.parametrize(("day", "start", "end"), [
    (date(2028, 2, 29), date(2028, 1, 1), date(2028, 3, 31)),
    (date(2026, 12, 31), date(2026, 10, 1), date(2026, 12, 31)),
    (date(2026, 4, 1), date(2026, 4, 1), date(2026, 6, 30))])
def test_quarters_run_january_april_july_october(day: date, start: date, end: date) -> None:
    assert services.quarter_start(day) == start and services.quarter_end(start) == end


def test_plan_audit_through_the_api_from_draw_to_completion(
        plans: list[Plan], personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["auditor"])
    drawn = client.post("/api/v1/plan-audits", {"quarter": timezone.localdate().isoformat()},
                        content_type="application/json")
    assert drawn.status_code == 201, drawn.content
    body = drawn.json()
    assert body["quarter"] and len(body["entries"]) == 10 and len(body["questions"]) == 6
    audit_id = body["id"]
    first = body["entries"][0]
    plan = client.get(f"/api/v1/plan-audits/{audit_id}/plans/{first['id']}")
    assert plan.status_code == 200 and plan.json()["summary"].startswith("Plan ")
    assert AuditEvent.objects.filter(action="plan_audit.read").count() == 1
    missing = client.put(f"/api/v1/plan-audits/{audit_id}/plans/{first['id']}/grades",
                         {"version": 1, "grades": {"q1": "met"}},
                         content_type="application/json")
    assert missing.status_code == 422 and "q2" in missing.content.decode()
    grades = {f"q{n}": "met" for n in range(1, 7)}
    for entry in body["entries"]:
        answer = client.put(f"/api/v1/plan-audits/{audit_id}/plans/{entry['id']}/grades",
                            {"version": entry["version"], "grades": grades},
                            content_type="application/json")
        assert answer.status_code == 200
    stale = client.put(f"/api/v1/plan-audits/{audit_id}/plans/{first['id']}/grades",
                       {"version": 1, "grades": grades}, content_type="application/json")
    assert stale.status_code == 409
    done = client.post(f"/api/v1/plan-audits/{audit_id}/complete",
                       {"version": 1, "findings": "All met."}, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "complete"
    assert client.get(f"/api/v1/plan-audits/{audit_id}/plans/{first['id']}").status_code == 404
