"""The quarterly plan audit through the API, through the same services as the pages: list
and draw, read an audit with its grades, read a sampled plan (audited), grade it, and
complete the audit. No `from __future__ import annotations`: django-ninja reads the
annotations at import time."""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.api.core import actor_of, permission
from macehub.lib.api_paging import NEXT_DESCRIPTION, page_of
from macehub.oversight import services
from macehub.oversight.models import PlanAudit

router = Router(tags=["plan audit"])


class AuditOut(Schema):
    id: int
    quarter: str = Field(alias="label", description="'October to December 2026'")
    quarter_start: date
    status: str = Field(description="open (being graded) or complete")
    seed: int = Field(description="Drawing again with this seed gives the same sample")
    sample_size: int
    plans_in_quarter: int
    drawn_at: datetime
    findings: str
    actions: str
    completed_at: datetime | None
    version: int


class AuditPage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list[AuditOut]


class EntryOut(Schema):
    id: int
    position: int
    plan_id: int
    grades: dict[str, str] = Field(description="q1, q2, … against the pack's questions, in "
                                   "order: met, partly or not_met")
    note: str
    graded_at: datetime | None
    version: int


class AuditDetail(AuditOut):
    questions: list[str]
    entries: list[EntryOut]


class SampledPlanOut(Schema):
    id: int
    case_reference: str
    kind: str
    summary: str
    impact_measures: list[str]
    agreed_on: date
    review_on: date | None


class DrawIn(Schema):
    quarter: date = Field(description="Any day of the quarter to audit")


class GradeIn(Schema):
    version: int
    grades: dict[str, str] = Field(description="A grade for every question: q1 … qN")
    note: str = Field("", max_length=5000)


class CompleteIn(Schema):
    version: int
    findings: str = Field(max_length=20000)
    actions: str = Field("", max_length=10000, description="One per line")


def _detail(request: HttpRequest, audit: PlanAudit) -> PlanAudit:
    """The audit with the pack's questions; its entries are read from its records."""
    rule = services.audit_rule(actor_of(request))
    audit.questions = list(rule.questions.value) if rule else []  # type: ignore[attr-defined]
    return audit


@router.get("/plan-audits", response=AuditPage, operation_id="macehub_oversight_audits")
@permission("plan_audit.run")
def list_audits(request: HttpRequest, page: int = 1, page_size: int = 25,
                cursor: str = "") -> object:
    return page_of(PlanAudit.objects.for_actor(actor_of(request)), page=page,
                   page_size=page_size, cursor=cursor)


@router.post("/plan-audits", response={201: AuditDetail},
             operation_id="macehub_oversight_audit_draw")
@permission("plan_audit.run")
def draw(request: HttpRequest, payload: DrawIn) -> object:
    """Draw the random sample of a quarter's MACE plans (once per quarter)."""
    audit = services.plan_audit_draw(actor=actor_of(request), quarter=payload.quarter)
    return Status(201, _detail(request, audit))


@router.get("/plan-audits/{audit_id}", response=AuditDetail,
            operation_id="macehub_oversight_audit")
@permission("plan_audit.run")
def read_audit(request: HttpRequest, audit_id: int) -> object:
    return _detail(request, PlanAudit.objects.get_for(actor_of(request), audit_id))


@router.get("/plan-audits/{audit_id}/plans/{entry_id}", response=SampledPlanOut,
            operation_id="macehub_oversight_audit_plan")
@permission("plan_audit.run")
def read_plan(request: HttpRequest, audit_id: int, entry_id: int) -> object:
    """A sampled plan, while the audit is being graded. Audited."""
    actor = actor_of(request)
    plan = services.sampled_plan(actor, services.sampled_entry(actor, audit_id, entry_id),
                                 request=request)
    kind = actor.partnership.policy.plans.types.get(plan.kind)
    return {"id": plan.pk, "case_reference": plan.case.reference if plan.case else "",
            "kind": kind.label if kind else plan.kind, "summary": plan.summary,
            "impact_measures": plan.impact_measures, "agreed_on": plan.agreed_on,
            "review_on": plan.review_on}


@router.put("/plan-audits/{audit_id}/plans/{entry_id}/grades", response=EntryOut,
            operation_id="macehub_oversight_audit_grade")
@permission("plan_audit.run")
def grade(request: HttpRequest, audit_id: int, entry_id: int, payload: GradeIn) -> object:
    """Grade a sampled plan against every question; a stale version answers 409."""
    return services.plan_audit_grade(actor=actor_of(request),
                                     entry=services.sampled_entry(actor_of(request), audit_id,
                                                                  entry_id),
                                     version=payload.version, grades=payload.grades,
                                     note=payload.note)


@router.post("/plan-audits/{audit_id}/complete", response=AuditDetail,
             operation_id="macehub_oversight_audit_complete")
@permission("plan_audit.run")
def complete(request: HttpRequest, audit_id: int, payload: CompleteIn) -> object:
    """Record the findings and actions once every sampled plan is graded. Final."""
    actor = actor_of(request)
    audit = services.plan_audit_complete(
        actor=actor, audit=PlanAudit.objects.get_for(actor, audit_id), version=payload.version,
        findings=payload.findings, actions=payload.actions)
    return _detail(request, audit)
