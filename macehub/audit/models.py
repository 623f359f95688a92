"""The audit trail (SECURITY S9): who did what to which record, when and why — never
the content. Rows are only ever added; PostgreSQL refuses UPDATE and DELETE by trigger."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from macehub.access.permissions import role_label


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
    # Every role the user held in the partnership, as codes between commas:
    # ",hub_coordinator,partnership_admin,". One text column rather than a JSON list so
    # that "events by a user holding role X" is the same exact-token lookup on SQLite and
    # PostgreSQL (JSON containment is PostgreSQL-only); wide enough for every role at once
    # (a test holds it to that), and a constraint keeps the delimiters that make the lookup
    # exact.
    roles = models.CharField(max_length=200, blank=True)
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
            # The changes feed reads a partnership's events in order (audit/feed.py).
            models.Index(fields=["partnership_id", "id"], name="audit_feed_order"),
        ]
        constraints = [models.CheckConstraint(
            condition=models.Q(roles="") | (models.Q(roles__startswith=",")
                                            & models.Q(roles__endswith=",")),
            name="audit_roles_delimited")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events cannot be deleted.")

    @staticmethod
    def encode_roles(codes: Iterable[str]) -> str:
        codes = sorted(set(codes))
        return f",{','.join(codes)}," if codes else ""

    @staticmethod
    def holding(code: str) -> models.Q:
        """Events by a user who held the role `code`."""
        return models.Q(roles__contains=f",{code},")

    @property
    def role_codes(self) -> list[str]:
        return [code for code in self.roles.split(",") if code]

    def role_labels(self, labels: Mapping[str, str] | None = None) -> str:
        """The roles as people read them: `labels` are a partnership's names for roles
        (its pack may rename them); a code no longer in use is shown as it was."""
        return ", ".join(sorted((labels or {}).get(code) or role_label(code)
                                for code in self.role_codes))


class AuditObjectQuerySet(models.QuerySet["AuditEventObject"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditEventObject(models.Model):
    """One record an event touched, for events about many at once (a list, an agenda, a
    PDF pack): "who saw child X" finds the list views too, by an indexed lookup that is
    the same on SQLite and PostgreSQL. Append-only like its event."""

    event = models.ForeignKey(AuditEvent, on_delete=models.PROTECT, related_name="objects_seen")
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64)

    objects = AuditObjectQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events cannot be deleted.")


def who_saw(object_type: str, object_id: str) -> models.Q:
    """Events about this record: alone, or as one of the records shown in a list."""
    return (models.Q(object_type=object_type, object_id=object_id)
            | models.Q(pk__in=AuditEventObject.objects.filter(
                object_type=object_type, object_id=object_id).values("event_id")))
