"""The quarterly plan audit (Wolverhampton (001) §Accountability: MACE plans audited and
quality assured quarterly; Dudley (003) §MACE Review & Reporting: MACE plans audited as
part of the year's audit work): a random, reproducible sample of a quarter's MACE plans,
each graded by the auditor against the pack's questions, ending in findings and actions."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models

from macehub.access.scoped import Scoped, ScopedManager, ScopedQuerySet
from macehub.cases.models import Plan


class PlanAudit(Scoped):
    class Status(models.TextChoices):
        OPEN = "open", "Grading"
        COMPLETE = "complete", "Complete"

    quarter_start = models.DateField(help_text="The first day of the quarter audited")
    seed = models.PositiveBigIntegerField(help_text="Drawing again with it gives the sample")
    sample_size = models.PositiveIntegerField()
    plans_in_quarter = models.PositiveIntegerField()
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    drawn_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    findings = models.TextField(blank=True)
    actions = models.TextField(blank=True, help_text="What should change, one per line")
    completed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-quarter_start", "-pk"]
        constraints = [models.UniqueConstraint(fields=["partnership", "quarter_start"],
                                               name="plan_audit_one_per_quarter")]
        indexes = [models.Index(fields=["partnership", "status"])]

    def __str__(self) -> str:
        return f"Plan audit, {quarter_label(self.quarter_start)}"

    @property
    def label(self) -> str:
        return quarter_label(self.quarter_start)


class PlanAuditEntry(Scoped):
    """One sampled plan and the auditor's grades: {question number: grade}."""

    class Grade(models.TextChoices):
        MET = "met", "Met"
        PARTLY = "partly", "Partly met"
        NOT_MET = "not_met", "Not met"

    partnership_from = "audit"
    audit = models.ForeignKey(PlanAudit, on_delete=models.PROTECT, related_name="entries")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField()
    grades = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)
    graded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    graded_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["audit", "plan"],
                                               name="plan_audit_entry_unique")]
        indexes = [models.Index(fields=["partnership", "plan"])]


def quarter_label(start: date) -> str:
    """'October to December 2026'."""
    end_month = date(start.year, start.month + 2, 1)
    return f"{start:%B} to {end_month:%B %Y}"


class TrackerImport(Scoped):
    """A MACE tracker kept in a spreadsheet, uploaded to be imported: its column headings
    and rows as read (text only), the columns mapped to fields, and what the import did
    (macehub/oversight/importing.py)."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", "Waiting for its columns to be matched"
        IMPORTED = "imported", "Imported"

    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                           related_name="+")
    uploaded_at = models.DateTimeField()
    headings = models.JSONField(default=list)
    rows = models.JSONField(default=list, help_text="Each row as text, with its line number")
    mapping = models.JSONField(default=dict, help_text="Column number → field")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UPLOADED)
    imported_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, help_text="Counts, and the rows not imported")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]


class ReportQuerySet(ScopedQuerySet["Report"]):
    """Reports in bulk: an update or delete that would touch a signed-off report is
    refused whole, as saving or deleting one is, and the statement itself leaves
    signed-off rows alone (in case one is signed off between the check and the write)."""

    def _signed_off(self) -> ReportQuerySet:
        return self.filter(status=Report.Status.SIGNED_OFF)

    def update(self, **kwargs: Any) -> int:
        self._check()
        if models.QuerySet.exists(self._signed_off()):
            raise ValueError("A signed-off report is never changed: make a new version")
        return models.QuerySet.update(self.exclude(status=Report.Status.SIGNED_OFF), **kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        self._check()
        if models.QuerySet.exists(self._signed_off()):
            raise ValueError("A signed-off report is never deleted")
        return models.QuerySet.delete(self.exclude(status=Report.Status.SIGNED_OFF))


class ReportManager(ScopedManager.from_queryset(ReportQuerySet)):  # type: ignore[misc]
    pass


class Report(Scoped):
    """A report of one of the pack's kinds (`oversight.reports`) for a period: its figures
    frozen when it was generated, the narrative the chair writes under the kind's sections,
    and its sign-off. A signed-off report is never changed or deleted: a correction is a
    new version pointing at the one it corrects, and every version stays readable."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SIGNED_OFF = "signed_off", "Signed off"

    kind = models.CharField(max_length=50, help_text="A report key from the policy pack")
    title = models.CharField(max_length=200, help_text="The kind's title when generated")
    period_start = models.DateField()
    period_end = models.DateField()
    revision = models.PositiveIntegerField(default=1, help_text="Shown as the version: 1, 2…")
    corrects = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="corrections")
    external = models.BooleanField(help_text="Circulates beyond the partnership")
    suppressed_below = models.PositiveIntegerField(default=0)
    figures = models.JSONField(default=dict, help_text="{tables: [{title, rows}]} as generated")
    narrative = models.JSONField(default=list, help_text="[{title, text}] per section")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    generated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    generated_at = models.DateTimeField()
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                      null=True, blank=True, related_name="+")
    signed_off_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = ReportManager()  # type: ignore[misc]

    class Meta:
        ordering = ["kind", "-period_start", "-revision", "-pk"]
        indexes = [models.Index(fields=["partnership", "kind", "period_start"])]

    _stored_status: str = ""

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> Report:
        report = super().from_db(db, field_names, values)
        report._stored_status = report.status
        return report

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._stored_status == self.Status.SIGNED_OFF:
            raise ValueError("A signed-off report is never changed: make a new version")
        super().save(*args, **kwargs)
        self._stored_status = self.status

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self._stored_status == self.Status.SIGNED_OFF:
            raise ValueError("A signed-off report is never deleted")
        return super().delete(*args, **kwargs)

    def __str__(self) -> str:
        return f"{self.title}, {period_label(self.period_start, self.period_end)}"

    @property
    def period(self) -> str:
        return period_label(self.period_start, self.period_end)


def period_label(start: date, end: date) -> str:
    """'1 January to 30 June 2026'; '1 December 2025 to 28 February 2026'."""
    if start.year == end.year:
        return f"{start.day} {start:%B} to {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"


class DutyReview(Scoped):
    """A yearly duty of the partnership recorded as done for one year (Kirklees MACE
    Process §8 v: the terms of reference reviewed annually; §8 iii: membership reviewed
    annually): when, by whom, and a note. It ends that year's reminder on the due list;
    the next year's falls due on the pack's day as before. Kept as recorded."""

    duty = models.CharField(max_length=50, help_text="An oversight item key of the pack")
    year = models.PositiveIntegerField(help_text="The year whose due day this review meets")
    done_on = models.DateField()
    done_by = models.CharField(max_length=200, help_text="Who carried out the review")
    note = models.TextField(blank=True, max_length=2000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-year", "duty"]
        constraints = [models.UniqueConstraint(fields=["partnership", "duty", "year"],
                                               name="duty_review_once_a_year")]

    def __str__(self) -> str:
        return f"{self.duty} {self.year}"
