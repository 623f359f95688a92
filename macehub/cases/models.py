"""The MACE case: one per period of multi-agency involvement with a child."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction

from macehub.access.scoped import Scoped
from macehub.concerns.models import RiskLevel
from macehub.partnerships.models import Agency, Area
from macehub.people.models import Child


class Case(Scoped):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        # Open to the MACE process without meetings (Kirklees §5 iii, §6 iv): see Monitoring.
        MONITORED = "monitored", "Open, monitored without MACE meetings"
        DORMANT = "dormant", "Held dormant"
        CLOSED = "closed", "Closed"

    read_action = "case.view"
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    risk = models.CharField(max_length=10, choices=RiskLevel.choices)
    opened_at = models.DateTimeField()
    referred_at = models.DateTimeField(help_text="When the concern that opened or reopened "
                                       "the case was submitted: deadlines run from here")
    lead_professional = models.CharField(max_length=200, blank=True)
    lead_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True)
    exploitation_types = models.JSONField(default=list)
    # The MACE tracker's place of exploitation (Essex 000 §6.3): keys of the pack's
    # oversight.tracker.places; and the outcome, or the reason the risk came down.
    places = models.JSONField(default=list, blank=True)
    outcome = models.CharField(max_length=1000, blank=True)
    # The row key of the spreadsheet tracker the case was imported from (its tracker
    # reference, or the child's name and date of birth): importing it again finds the case.
    tracker_key = models.CharField(max_length=300, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    # DUD-2026-0001: the partnership's code, the year the case opened (UK time) and its
    # number in that partnership and year (macehub.cases.references).
    reference = models.CharField(max_length=30, blank=True, editable=False)
    number = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["partnership", "status", "risk"]),
                   models.Index(fields=["partnership", "referred_at"]),
                   models.Index(fields=["partnership", "opened_at"]),
                   # The year's highest number is read from the index alone when a case
                   # is numbered (macehub.cases.references).
                   models.Index(fields=["partnership", "reference"], include=["number"],
                                name="case_reference_number"),
                   models.Index(fields=["partnership", "tracker_key"])]
        constraints = [models.UniqueConstraint(
            fields=["partnership", "reference"], condition=~models.Q(reference=""),
            name="case_unique_reference")]

    def __str__(self) -> str:
        return f"Case {self.reference or self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.reference:
            from macehub.cases.references import allocate

            with transaction.atomic():
                allocate(self.partnership, [self])
                super().save(*args, **kwargs)
            return
        super().save(*args, **kwargs)


class RiskChange(Scoped):
    """Risk level history: who set it, when and why. Never edited."""

    partnership_from = "case"
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="risk_changes")
    risk = models.CharField(max_length=10, choices=RiskLevel.choices)
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    reason = models.TextField()

    class Meta:
        ordering = ["at", "pk"]


class AgencyFlag(Scoped):
    """Dudley: the child is flagged on each agency's own systems."""

    partnership_from = "case"
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="flags")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT)
    flagged_on = models.DateField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "agency"], name="flag_unique")]


class Plan(Scoped):
    """A plan belongs to a child's case (Essex: the MACE 1 plan agreed at the RIC meeting),
    or to a forum and an area (Essex MACE 2: each quadrant's action plan, with the impact
    measures partner agencies report against, 000 §6.3, §6.5)."""

    partnership_from = "case"
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="plans", null=True,
                             blank=True)
    forum = models.CharField(max_length=50, blank=True,
                             help_text="For a forum's plan: a forum key from the policy pack")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+")
    kind = models.CharField(max_length=40, help_text="A plan type from the policy pack")
    summary = models.TextField()
    impact_measures = models.JSONField(default=list, blank=True,
                                       help_text="How success is measured, one per entry")
    agreed_on = models.DateField()
    review_on = models.DateField(null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["partnership", "forum", "area"])]
        constraints = [models.CheckConstraint(
            name="plan_has_a_case_or_a_forum",
            condition=(models.Q(case__isnull=False, forum="", area__isnull=True)
                       | models.Q(case__isnull=True) & ~models.Q(forum="")))]


class NrmReferral(Scoped):
    """National Referral Mechanism. A child needs no consent to be referred."""

    class Decision(models.TextChoices):
        PENDING = "pending", "Awaiting decision"
        POSITIVE = "positive", "Positive"
        NEGATIVE = "negative", "Negative"

    partnership_from = "case"
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="nrm_referrals")
    referred_on = models.DateField()
    first_responder = models.CharField(max_length=200)
    reasonable_grounds = models.CharField(max_length=10, choices=Decision.choices,
                                          default=Decision.PENDING)
    reasonable_grounds_on = models.DateField(null=True, blank=True)
    conclusive_grounds = models.CharField(max_length=10, choices=Decision.choices,
                                          default=Decision.PENDING)
    conclusive_grounds_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)


class ChronologyEntry(Scoped):
    """Everything that happened on a case, in time order. Written by the services."""

    class Kind(models.TextChoices):
        CONCERN = "concern", "Concern"
        SCREENING = "screening", "Screening"
        STATUS = "status", "Case status"
        RISK = "risk", "Risk level"
        PLAN = "plan", "Plan"
        NRM = "nrm", "NRM referral"
        FLAG = "flag", "Flag"
        NOTE = "note", "Note"

    partnership_from = "case"
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="chronology")
    at = models.DateTimeField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    summary = models.CharField(max_length=500)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["partnership", "case", "at"])]


class Monitoring(Scoped):
    """A case held open to the MACE process without meetings, its risk monitored by the
    coordinator (Kirklees): managed effectively through child protection or looked-after
    processes (004 §5 iii), or stepped down by a meeting (004 §6 iv). A rise in risk or a
    new concern waits for the discussion with the child's lead professional."""

    class Reason(models.TextChoices):
        STATUTORY = "statutory", "Managed through child protection / looked-after processes"
        STEP_DOWN = "step_down", "Stepped down from MACE meetings"

    partnership_from = "case"
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="monitorings")
    reason = models.CharField(max_length=10, choices=Reason.choices)
    started_at = models.DateTimeField()
    review_on = models.DateField(null=True, blank=True,
                                 help_text="When the coordinator next reviews the monitoring")
    discuss_since = models.DateTimeField(
        null=True, blank=True, help_text="Since when a rise in risk or a new concern waits "
        "for the discussion with the lead professional")
    ended_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["partnership", "ended_at"])]


class DueEntry(Scoped):
    """One item due on one case, kept so that the due list and the reviews-due page read a
    page of them in order rather than working out every open case's items on each view.
    Written only by macehub.cases.due_store, from the same rules that compute the items on
    demand (and checked against them); never edited by hand."""

    partnership_from = "case"
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="due_entries")
    kind = models.CharField(max_length=30)
    title = models.CharField(max_length=300)
    subject = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    due_on = models.DateField(null=True, blank=True)  # a review with no date set
    overdue_never = models.BooleanField(default=False)
    # Shown only from and until these days (a birthday's reminder), when set.
    shown_from = models.DateField(null=True, blank=True)
    shown_until = models.DateField(null=True, blank=True)
    # On the due list; a case's review or nomination is on the reviews-due page instead.
    listed = models.BooleanField(default=True)
    last_on = models.DateField(null=True, blank=True)
    reason = models.JSONField(default=dict)

    class Meta:
        ordering = ["due_on", "kind", "subject", "pk"]
        indexes = [models.Index(fields=["partnership", "listed", "due_on"])]
