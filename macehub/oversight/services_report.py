"""Reports' writes: generate a report for a period, write its narrative, sign it off, and
make a new version of a signed-off report. Each checks the permission, refuses bad input
with a clear message and changes nothing, records an audit event, and refuses a stale
version. A signed-off report is never changed (the model refuses it too)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.lib.errors import StaleEdit
from macehub.missing.figures import Table, suppressed_tables
from macehub.oversight.figures import dashboard
from macehub.oversight.models import Report
from macehub.oversight.services import STALE

SIGNED_OFF = "This report has been signed off and is kept as it was: make a new version " \
             "to correct it."


def _require(actor: Actor) -> None:
    if not actor.has("report.write"):
        raise PermissionDenied("Your role cannot write reports.")


def report_kinds(actor: Actor) -> dict[str, Any]:
    """The pack's reports, by key."""
    return dict(actor.partnership.policy.oversight.reports)


def frozen_figures(actor: Actor, start: date, end: date) -> dict[str, Any]:
    """The dashboard's tables and outcome measures for the period, as JSON, as the actor
    counts them (the hub and chairs: every record, no suppression)."""
    figures = dashboard(actor, start, end)
    return {"tables": [asdict(t) for t in figures.tables],
            "outcomes": [asdict(t) for t in figures.outcomes]}


def shown_tables(actor: Actor, report: Report) -> list[Table]:
    """The report's figures as this reader sees them: an external report, or a reader who
    sees aggregates only (an analyst), has small numbers suppressed together with any count
    from which one could be worked out (SECURITY S20)."""
    tables = [Table(t["title"], [(label, n) for label, n in t["rows"]])
              for t in [*report.figures.get("tables", []), *report.figures.get("outcomes", [])]]
    if report.external or not actor.has("case.view"):
        return suppressed_tables(tables, report.suppressed_below)
    return tables


def is_suppressed(actor: Actor, report: Report) -> bool:
    return report.external or not actor.has("case.view")


def _new(actor: Actor, kind: str, start: date, end: date, *, revision: int = 1,
         corrects: Report | None = None) -> Report:
    rule = report_kinds(actor)[kind]
    sections = rule.sections.value
    narrative = ([{"title": s, "text": ""} for s in sections] if corrects is None
                 else [dict(s) for s in corrects.narrative])
    return Report.objects.create(
        partnership=actor.partnership, kind=kind, title=rule.title, period_start=start,
        period_end=end, revision=revision, corrects=corrects, external=rule.external.value,
        suppressed_below=actor.partnership.policy.missing.figures_suppress_below.value,
        figures=frozen_figures(actor, start, end), narrative=narrative,
        generated_by=actor.user, generated_at=timezone.now())


@transaction.atomic
def report_generate(*, actor: Actor, kind: str, start: date, end: date) -> Report:
    _require(actor)
    if kind not in report_kinds(actor):
        raise ValidationError({"kind": "Choose a report your partnership writes"})
    if end < start:
        raise ValidationError({"end": "The end of the period must be the same as or after "
                                      "its start"})
    if start > timezone.localdate():
        raise ValidationError({"start": "The period must have begun: its start must be today "
                                        "or in the past"})
    report = _new(actor, kind, start, end)
    audit_record(action="report.generate", actor=actor, obj=report)
    return report


def _locked(actor: Actor, report: Report, version: int | None) -> Report:
    report = Report.objects.for_actor(actor).select_for_update().get(pk=report.pk)
    if report.status == Report.Status.SIGNED_OFF:
        raise ValidationError(SIGNED_OFF)
    if version is not None and report.version != version:
        raise StaleEdit(STALE)
    return report


@transaction.atomic
def report_narrate(*, actor: Actor, report: Report, version: int,
                   texts: list[str]) -> Report:
    """The narrative, one text per section of the report, in order."""
    _require(actor)
    report = _locked(actor, report, version)
    if len(texts) != len(report.narrative):
        raise ValidationError(f"Write the report's {len(report.narrative)} sections")
    report.narrative = [{"title": s["title"], "text": text.strip()}
                        for s, text in zip(report.narrative, texts, strict=True)]
    report.version += 1
    report.save()
    audit_record(action="report.narrate", actor=actor, obj=report)
    return report


@transaction.atomic
def report_sign_off(*, actor: Actor, report: Report, version: int) -> Report:
    _require(actor)
    report = _locked(actor, report, version)
    empty = [s["title"] for s in report.narrative if not s["text"].strip()]
    if empty:
        raise ValidationError(f"Write every section before signing off: {', '.join(empty)} "
                              f"{'is' if len(empty) == 1 else 'are'} empty")
    report.status, report.signed_off_by = Report.Status.SIGNED_OFF, actor.user
    report.signed_off_at = timezone.now()
    report.version += 1
    report.save()
    audit_record(action="report.sign_off", actor=actor, obj=report)
    return report


@transaction.atomic
def report_new_version(*, actor: Actor, report: Report) -> Report:
    """A correction of a signed-off report: the next version, pointing at it, with its
    narrative copied and its figures counted again for the same period."""
    _require(actor)
    report = Report.objects.for_actor(actor).select_for_update().get(pk=report.pk)
    if report.status != Report.Status.SIGNED_OFF:
        raise ValidationError("This report is a draft: change it rather than making a new "
                              "version")
    if report.corrections.exists():
        raise ValidationError("A newer version of this report already corrects it: correct "
                              "the newest version")
    if report.kind not in report_kinds(actor):
        raise ValidationError("Your partnership no longer writes this report")
    latest = Report.objects.for_actor(actor).filter(
        kind=report.kind, period_start=report.period_start,
        period_end=report.period_end).aggregate(n=Max("revision"))["n"] or report.revision
    new = _new(actor, report.kind, report.period_start, report.period_end,
               revision=latest + 1, corrects=report)
    audit_record(action="report.new_version", actor=actor, obj=new)
    return new
