"""The caller's references of records uploaded in a batch: each reference of a source
system names one record (or link) of the partnership, so that the same batch sent again
creates nothing new, and a later batch's links can name records by reference.

Imported by models.py, so Django finds this model with the app's others."""

from __future__ import annotations

from django.db import models

from macehub.access.scoped import Scoped


class UploadedRecord(Scoped):
    """`source` is the sending system's name as the caller gives it (a police force's
    records system, an analyst's tool); `reference` its own key for the row."""

    read_action = "uploaded_record.view"
    source = models.CharField(max_length=100)
    reference = models.CharField(max_length=100)
    record_kind = models.CharField(max_length=20)  # an EndKind, or "link"
    record_id = models.PositiveBigIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(
            fields=["partnership", "source", "reference"],
            name="intelligence_uploaded_reference_once")]
