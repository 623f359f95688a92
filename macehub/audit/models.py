"""The audit trail (SECURITY S9): who did what to which record, when and why — never
the content. Rows are only ever added; PostgreSQL refuses UPDATE and DELETE by trigger."""

from __future__ import annotations

from typing import Any

from django.db import models


class AppendOnlyError(Exception):
    pass


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    class Outcome(models.TextChoices):
        OK = "ok", "Done"
        DENIED = "denied", "Refused"
        FAILED = "failed", "Failed"

    at = models.DateTimeField(db_index=True)
    # Plain ids, not foreign keys: the trail must outlive what it points at.
    user_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    username = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=30, blank=True)
    agency_id = models.BigIntegerField(null=True, blank=True)
    agency_name = models.CharField(max_length=200, blank=True)
    partnership_id = models.BigIntegerField(null=True, blank=True)
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    purpose = models.CharField(max_length=300, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.OK)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    count = models.PositiveIntegerField(
        null=True, blank=True, help_text="For searches and exports: how many records."
    )

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["partnership_id", "at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events cannot be deleted.")
