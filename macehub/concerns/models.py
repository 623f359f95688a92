"""Concerns (contacts, referrals, notifications), the consent check and screening."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from macehub.access.scoped import Scoped
from macehub.partnerships.models import Agency
from macehub.people.birth import details_label
from macehub.people.ethnicity import ethnicity_label
from macehub.people.models import Child, Ethnicity, Gender


class RiskLevel(models.TextChoices):
    AT_RISK = "at_risk", "At risk (low)"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class Consent(models.TextChoices):
    """Kirklees Annex A: not required under child protection; otherwise obtained,
    dispensed with (a recorded reason and who authorised it), or neither."""

    NOT_REQUIRED = "not_required", "Not required: the child is subject to child protection"
    OBTAINED = "obtained", "Consent obtained"
    DISPENSED = "dispensed", "Consent dispensed with"
    NEITHER = "neither", "Neither obtained nor dispensed with"


class Concern(Scoped):
    class Status(models.TextChoices):
        AWAITING_SCREENING = "awaiting_screening", "Awaiting screening"
        SCREENED = "screened", "Screened"
        FINALISED_NO_CONSENT = "finalised_no_consent", "Recorded, no further development"

    read_action = "concern.view"
    reference = models.CharField(max_length=20)
    status = models.CharField(max_length=30, choices=Status.choices)
    submitted_at = models.DateTimeField()
    referrer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="concerns")
    referrer_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True)
    # Immediate danger goes to 999 and child-protection procedures first: the form asks.
    immediate_danger = models.CharField(max_length=20, choices=[
        ("no", "No immediate danger"), ("reported", "Yes, and it has been reported"),
    ])
    # The child as the referrer described them; the coordinator matches a record.
    child_details = models.JSONField(default=dict)

    @property
    def born_label(self) -> str:
        """The date of birth as reported: '15 March 2011', 'March 2011', 'about 15' or
        'Not known'."""
        return details_label(self.child_details, timezone.localdate())
    child = models.ForeignKey(Child, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="concerns")
    # Asked in the referral and kept as columns: the partnership's figures count by them.
    gender = models.CharField(max_length=20, choices=Gender.choices, default=Gender.UNKNOWN)
    ethnicity = models.CharField(max_length=40, choices=Ethnicity.choices,
                                 default=Ethnicity.UNKNOWN)
    education_setting = models.CharField("School, college or setting", max_length=200,
                                         blank=True)
    what_happened = models.TextField()
    exploitation_types = models.JSONField(default=list)
    # Kirklees (004 §4, §5 i): a concern may be about missing alone, with no exploitation type.
    about_missing = models.BooleanField(default=False)
    indicators = models.JSONField(default=list)
    missing_history = models.TextField(blank=True)
    child_protection_plan = models.BooleanField(default=False)
    consent = models.CharField(max_length=20, choices=Consent.choices)
    consent_dispensed_reason = models.TextField(blank=True)
    consent_dispensed_by = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["partnership", "reference"],
                                               name="concern_unique_reference")]
        # The second for the oversight figures, which count every concern of a period.
        indexes = [models.Index(fields=["partnership", "status", "submitted_at"]),
                   models.Index(fields=["partnership", "submitted_at"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def ethnicity_label(self) -> str:
        return ethnicity_label(self.ethnicity)


class Mention(Scoped):
    """A person, place, vehicle, phone or online account named in a concern. Kept as a
    structured entry here; the intelligence records are made from these later."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        PLACE = "place", "Place"
        VEHICLE = "vehicle", "Vehicle"
        PHONE = "phone", "Phone number"
        ONLINE = "online_account", "Online account"

    partnership_from = "concern"
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="mentions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    value = models.CharField(max_length=200, help_text="Name, address, registration, number")
    details = models.CharField(max_length=500, blank=True)


class Screening(Scoped):
    partnership_from = "concern"
    concern = models.OneToOneField(Concern, on_delete=models.PROTECT, related_name="screening")
    screened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    screened_at = models.DateTimeField()
    indicators = models.JSONField(default=list)
    score = models.PositiveIntegerField()
    suggested_risk = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    risk = models.CharField(max_length=10, choices=RiskLevel.choices)
    override_reason = models.TextField(blank=True)
    outcome = models.CharField(max_length=40)
    advice_given = models.TextField(blank=True)
    feedback = models.TextField(blank=True)
    feedback_given_at = models.DateTimeField(null=True, blank=True)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="screenings")

    class Meta:
        indexes = [
            # For the oversight figures, which count every screening of a period.
            models.Index(fields=["partnership", "screened_at"]),
            # The due list's "feedback to the referrer due" (concerns/due.py): the few
            # screenings still without feedback, however many the partnership holds.
            models.Index(fields=["partnership"], condition=models.Q(feedback_given_at__isnull=True),
                         name="screening_feedback_due"),
        ]
