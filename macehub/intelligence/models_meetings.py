"""Intelligence taken to meetings: a linked-children proposal the coordinator accepted or
declined (so it is not proposed again for the same children), and the intelligence records
on a meeting's agenda item (which open them to the meeting's panel inside its window).

Imported by models.py, so Django finds these models with the app's others."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from macehub.access.scoped import Scoped


class ProposalDecision(Scoped):
    """What the coordinator did with a proposal: the rule that proposed it (a policy pack
    rule key), the children it was about (`children`, ids joined by commas, sorted), and
    the agenda item it became."""

    class Status(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    read_action = "proposal.view"
    rule = models.CharField(max_length=100)
    children = models.CharField(max_length=500)
    status = models.CharField(max_length=10, choices=Status.choices)
    reason = models.CharField(max_length=300, blank=True)
    item = models.ForeignKey("meetings.AgendaItem", on_delete=models.PROTECT, null=True,
                             blank=True, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                           related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["partnership", "rule", "children"],
                                               name="intelligence_proposal_decided_once")]


class AgendaRecord(Scoped):
    """An intelligence record on a meeting's agenda item."""

    partnership_from = "item"
    item = models.ForeignKey("meetings.AgendaItem", on_delete=models.PROTECT,
                             related_name="+")
    record_kind = models.CharField(max_length=20)
    record_id = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["partnership", "record_kind", "record_id"])]
