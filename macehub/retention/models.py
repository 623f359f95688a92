"""Retention (UK GDPR Art 5(1)(e)): the records past their period, proposed by the
scheduled job for the partnership admin to approve; and legal holds, which keep a child's
record whatever its period."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from macehub.access.scoped import Scoped


class RetentionReview(Scoped):
    """One proposal: the records due when the job ran. Only an approved proposal is
    applied, and only its own items."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Waiting for approval"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"
        APPLIED = "applied", "Applied"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_at = models.DateTimeField()
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        indexes = [models.Index(fields=["partnership", "status"])]

    def __str__(self) -> str:
        return f"Retention review {self.pk}"


class RetentionItem(Scoped):
    """One record in a proposal, named by type and id only (never its content)."""

    partnership_from = "review"
    review = models.ForeignKey(RetentionReview, on_delete=models.PROTECT, related_name="items")
    record_type = models.CharField(max_length=40)  # a retention record type of the pack
    model_label = models.CharField(max_length=60)  # "concerns.concern"
    record_id = models.PositiveBigIntegerField()
    due_on = models.DateField()
    action = models.CharField(max_length=10)  # delete, anonymise
    done_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, blank=True)  # done, held, not_due, gone

    class Meta:
        ordering = ["record_type", "record_id"]
        constraints = [models.UniqueConstraint(fields=["review", "model_label", "record_id"],
                                               name="retention_item_unique")]


class LegalHold(Scoped):
    """Keeps a child's whole record (and so every case of it) from retention while in
    force: never proposed, never deleted or anonymised."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+")
    reason = models.TextField()
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    placed_at = models.DateTimeField()
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-placed_at", "-pk"]
        constraints = [models.CheckConstraint(
            name="legal_hold_on_one_record",
            condition=(models.Q(child__isnull=False, case__isnull=True)
                       | models.Q(child__isnull=True, case__isnull=False)))]

    def __str__(self) -> str:
        return f"Legal hold {self.pk}"

    @property
    def subject(self) -> str:
        return f"Child {self.child_id}" if self.child_id else f"Case {self.case_id}"
