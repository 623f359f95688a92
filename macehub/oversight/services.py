"""The quarterly plan audit's writes: draw the sample, grade a plan, complete the audit.
Each checks the auditor's permission, refuses bad input with a clear message and changes
nothing, records an audit event, and refuses a stale version."""

from __future__ import annotations

import random
import secrets
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.cases.models import Plan
from macehub.lib.errors import StaleEdit
from macehub.oversight.models import PlanAudit, PlanAuditEntry, quarter_label

STALE = ("Someone else changed this while you were editing it. Reload the page to see "
         "their change, then make yours again.")


def _require(actor: Actor) -> None:
    if not actor.has("plan_audit.run"):
        raise PermissionDenied("Your role cannot run the plan audit.")


def audit_rule(actor: Actor) -> Any:
    """The pack's plan audit (sample size and questions), or None where it has none."""
    item = actor.partnership.policy.oversight.items.get("plan_audit")
    return item if item is not None and item.sample_size and item.questions else None


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_end(start: date) -> date:
    following = date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def sample(plan_ids: list[int], seed: int, size: int) -> list[int]:
    """The same plans, in the same order, for the same seed: anyone can redraw it."""
    ordered = sorted(plan_ids)
    return random.Random(seed).sample(ordered, min(size, len(ordered)))  # noqa: S311


@transaction.atomic
def plan_audit_draw(*, actor: Actor, quarter: date) -> PlanAudit:
    _require(actor)
    rule = audit_rule(actor)
    if rule is None:
        raise ValidationError("Your partnership's policy pack sets no plan audit.")
    start = quarter_start(quarter)
    if start > timezone.localdate():
        raise ValidationError({"quarter": "Choose a quarter that has begun"})
    plans = list(Plan.objects.for_bookkeeping(actor, why="the quarter's plans to sample")
                 .filter(case__isnull=False, agreed_on__gte=start,
                         agreed_on__lte=quarter_end(start)).values_list("pk", flat=True))
    if not plans:
        raise ValidationError({"quarter": f"No MACE plan was agreed in {quarter_label(start)}"})
    seed = secrets.randbits(48)
    try:
        with transaction.atomic():
            audit = PlanAudit.objects.create(
                partnership=actor.partnership, quarter_start=start, seed=seed,
                sample_size=rule.sample_size.value, plans_in_quarter=len(plans),
                drawn_by=actor.user, drawn_at=timezone.now())
    except IntegrityError:
        raise ValidationError({"quarter": f"The plans of {quarter_label(start)} have been "
                                          "sampled already"}) from None
    PlanAuditEntry.objects.bulk_create([
        PlanAuditEntry(partnership=actor.partnership, audit=audit, plan_id=pk, position=n)
        for n, pk in enumerate(sample(plans, seed, rule.sample_size.value), start=1)])
    audit_record(action="plan_audit.draw", actor=actor, obj=audit, count=len(plans))
    return audit


def _open(actor: Actor, audit: PlanAudit) -> None:
    if audit.status != PlanAudit.Status.OPEN:
        raise ValidationError("This audit is complete: its grades and findings are kept as "
                              "they were.")


@transaction.atomic
def plan_audit_grade(*, actor: Actor, entry: PlanAuditEntry, version: int,
                     grades: dict[str, str], note: str = "") -> PlanAuditEntry:
    _require(actor)
    entry = PlanAuditEntry.objects.for_actor(actor).select_for_update().select_related(
        "audit").get(pk=entry.pk)
    _open(actor, entry.audit)
    if entry.version != version:
        raise StaleEdit(STALE)
    rule = audit_rule(actor)
    questions = rule.questions.value if rule else []
    problems = {f"q{n}": f"Grade the plan against: {q}" for n, q in
                enumerate(questions, start=1)
                if grades.get(f"q{n}") not in PlanAuditEntry.Grade.values}
    if problems:
        raise ValidationError(problems)
    entry.grades = {f"q{n}": grades[f"q{n}"] for n in range(1, len(questions) + 1)}
    entry.note, entry.graded_by, entry.graded_at = note, actor.user, timezone.now()
    entry.version += 1
    entry.save()
    audit_record(action="plan_audit.grade", actor=actor, obj=entry.plan)
    return entry


@transaction.atomic
def plan_audit_complete(*, actor: Actor, audit: PlanAudit, version: int, findings: str,
                        actions: str) -> PlanAudit:
    _require(actor)
    audit = PlanAudit.objects.for_actor(actor).select_for_update().get(pk=audit.pk)
    _open(actor, audit)
    if audit.version != version:
        raise StaleEdit(STALE)
    problems: dict[str, str] = {}
    waiting = audit.entries.filter(graded_at__isnull=True).count()
    if waiting:
        problems["findings"] = (f"Grade every plan in the sample first: {waiting} "
                                f"{'is' if waiting == 1 else 'are'} not graded")
    elif not findings.strip():
        problems["findings"] = "Enter the audit's findings"
    if problems:
        raise ValidationError(problems)
    audit.findings, audit.actions = findings.strip(), actions.strip()
    audit.status, audit.completed_at = PlanAudit.Status.COMPLETE, timezone.now()
    audit.version += 1
    audit.save()
    audit_record(action="plan_audit.complete", actor=actor, obj=audit)
    return audit


def sampled_entry(actor: Actor, audit_id: object, entry_id: object) -> PlanAuditEntry:
    """A sampled plan's entry in an audit still being graded, or 404: a completed audit's
    plans are no longer read."""
    entry = PlanAuditEntry.objects.select_related("audit").filter(audit_id=audit_id).get_for(
        actor, entry_id)
    if entry.audit.status != PlanAudit.Status.OPEN:
        raise Http404("Not found")
    return entry


def sampled_plan(actor: Actor, entry: PlanAuditEntry, *, request: HttpRequest | None = None,
                 audited: bool = True) -> Plan:
    """The sampled plan itself; each read for the audit is recorded with its purpose."""
    plan = Plan.objects.select_related("case").get_for(actor, entry.plan_id)
    if audited:
        audit_record(action="plan_audit.read", actor=actor, obj=plan, request=request,
                     purpose=f"plan audit {entry.audit.label}")
    return plan


def grade_summary(audit: PlanAudit, questions: list[str]) -> list[tuple[str, list[int]]]:
    """For each question: how many sampled plans met it, partly met it, did not."""
    entries = list(audit.entries.all())
    return [(q, [sum(e.grades.get(f"q{n}") == g for e in entries)
                 for g in PlanAuditEntry.Grade.values])
            for n, q in enumerate(questions, start=1)]
