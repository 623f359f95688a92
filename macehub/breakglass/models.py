"""Break-glass (SECURITY S10): a record opened beyond the opener's normal reach, with the
reason they gave, for the pack's period, until an auditor signs it off."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from macehub.access.scoped import Scoped


class BreakGlass(Scoped):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+")
    # The record opened, by type and id ("cases.Case", 12): the grant adds exactly this one.
    model_label = models.CharField(max_length=60)
    record_id = models.PositiveBigIntegerField()
    reason = models.TextField()
    started_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["partnership", "user", "model_label", "expires_at"]),
                   models.Index(fields=["partnership", "reviewed_at"])]

    def __str__(self) -> str:
        return f"Break-glass {self.pk}"

    @property
    def purpose(self) -> str:
        """The purpose every read through this break-glass is audited with."""
        return f"break-glass {self.pk}"
