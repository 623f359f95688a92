"""Disruption: what the partnership does against a person of interest, a location, a
group, a vehicle, a phone number or an online account, and what came of it.

Dudley's CEOG (003 §Child Exploitation Operational Group: "Outcomes of CEOG meetings may
include") diverts perpetrators, patrols hotspots, seeks Sexual Risk Orders and Criminal
Behaviour Orders, enforces at premises and serves Child Abduction Warning Notices; Essex's
councils (000 §6.4) bring licensing and housing powers to MACE 2. Kirklees (004 §2) measures
"timely and successful perpetrator disruptions and criminal justice outcomes". The tactics
are the pack's (`[disruption] tactics`); a disruption is never deleted, and a change to it
is made from its version."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from macehub.access.scoped import Scoped
from macehub.meetings.models import Meeting
from macehub.partnerships.models import Agency


class TargetKind(models.TextChoices):
    """The intelligence records a disruption is aimed at (a child is never its target)."""

    PERSON = "person", "Person of interest"
    LOCATION = "location", "Location"
    GROUP = "group", "Group"
    VEHICLE = "vehicle", "Vehicle"
    PHONE = "phone", "Phone number"
    ACCOUNT = "account", "Online account"


class Outcome(models.TextChoices):
    NOT_YET = "not_yet", "Not known yet"
    SUCCESSFUL = "successful", "Successful: the activity was disrupted"
    NOT_SUCCESSFUL = "not_successful", "Not successful"
    CHARGED = "charged", "Criminal justice outcome: charged"
    CONVICTED = "convicted", "Criminal justice outcome: convicted"
    ORDER_GRANTED = "order_granted", "Criminal justice outcome: order granted"


# Outcomes that count as successful, and those that are criminal justice outcomes.
SUCCESSFUL = (Outcome.SUCCESSFUL, Outcome.CHARGED, Outcome.CONVICTED, Outcome.ORDER_GRANTED)
CRIMINAL_JUSTICE = (Outcome.CHARGED, Outcome.CONVICTED, Outcome.ORDER_GRANTED)


class Disruption(Scoped):
    read_action = "disruption.view"
    target_kind = models.CharField("Aimed at", max_length=20, choices=TargetKind.choices)
    target_id = models.PositiveBigIntegerField()
    tactic = models.CharField(max_length=50)  # a key of the pack's tactics
    lead_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="Meeting that agreed it")
    decided_on = models.DateField("Date agreed")
    started_on = models.DateField("Date started", null=True, blank=True)
    ended_on = models.DateField("Date ended", null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.NOT_YET)
    details = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-decided_on", "-pk"]
        indexes = [models.Index(fields=["partnership", "target_kind", "target_id"]),
                   models.Index(fields=["partnership", "decided_on"])]

    def __str__(self) -> str:
        return f"Disruption {self.pk}"

    def tactic_label(self) -> str:
        found = self.partnership.policy.disruption.tactics.value.get(self.tactic)
        return found or "A tactic no longer in the partnership's list"
