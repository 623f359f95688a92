"""A location's status history: each promotion to hotspot, with the held meeting's
recorded decision that made it (Essex's hotspot tracker, kept at MACE 2; Dudley's CEOG).
The location keeps its current status; these rows keep how it got there, never changed.

Imported by models.py, so Django finds this model with the app's others."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from macehub.access.scoped import Scoped
from macehub.intelligence.models import LocationStatus


class StatusChange(Scoped):
    read_action = "location.view"
    partnership_from = "location"
    location = models.ForeignKey("intelligence.Location", on_delete=models.PROTECT,
                                 related_name="status_changes")
    was = models.CharField(max_length=20, choices=LocationStatus.choices)
    now = models.CharField(max_length=20, choices=LocationStatus.choices)
    decision = models.ForeignKey("meetings.Decision", on_delete=models.PROTECT,
                                 related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                           related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-pk"]
