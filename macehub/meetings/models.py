"""Meetings of a partnership's forums: agenda, invitations and attendance, agency updates,
minutes, decisions, dissent, actions and disclosure outside the meeting.

The forum is a key into the partnership's policy pack ("mace", "ceog", "mace_2"): its
label, cadence, panel, quorum and deadlines come from the pack, never from code."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from macehub.access.scoped import Scoped
from macehub.cases.models import Case
from macehub.concerns.models import RiskLevel
from macehub.lib.links import safe_link
from macehub.partnerships.models import Agency, Area


class Unchangeable(Scoped):
    """A record of what was decided or said: never edited or deleted. A correction is a
    new entry pointing at the one it corrects (DOMAIN "Confidentiality"; issue: decisions,
    approved minutes and dissent are immutable)."""

    unchangeable = True  # the kernel's queryset refuses bulk updates and deletes too

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValueError(f"{type(self).__name__} entries are never changed: "
                             "record a correction instead")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError(f"{type(self).__name__} entries are never deleted")


class Meeting(Scoped):
    class Status(models.TextChoices):
        DRAFT = "draft", "Agenda in preparation"
        PUBLISHED = "published", "Agenda published"
        HELD = "held", "Held: minutes in draft"
        APPROVED = "approved", "Minutes approved"
        CANCELLED = "cancelled", "Cancelled"

    forum = models.CharField(max_length=50, help_text="A forum key from the policy pack")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, null=True, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue = models.CharField(max_length=200, blank=True)
    online_link = models.URLField(blank=True)
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                              blank=True, related_name="+")
    vice_chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    inquorate_reason = models.TextField(blank=True)
    feedback_given_at = models.DateTimeField(
        null=True, blank=True, help_text="Feedback to the relevant professionals (Kirklees)")
    minutes_approved_at = models.DateTimeField(null=True, blank=True)
    minutes_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                            null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["partnership", "forum", "starts_at"])]

    def __str__(self) -> str:
        return f"Meeting {self.pk}"

    @property
    def join_link(self) -> str:
        """The online link to show or put in a calendar: https only (lib.links)."""
        return safe_link(self.online_link)

    @property
    def forum_label(self) -> str:
        """The partnership's name for the forum ("CEOG" in Dudley, "CEMOG" elsewhere)."""
        forum = self.partnership.policy.forums.get(self.forum)
        return forum.label if forum else self.forum

    @property
    def is_open_for_minutes(self) -> bool:
        return self.status in (self.Status.PUBLISHED, self.Status.HELD)


class AgendaItem(Scoped):
    class Kind(models.TextChoices):
        NOMINATION = "nomination", "New nomination"
        REVIEW = "review", "Review"
        ESCALATED = "escalated", "Escalated case"
        ACTION_LOG = "action_log", "Previous meeting's action log"
        THEME = "theme", "Theme"
        STANDARD = "standard", "Standard item"
        OTHER = "other", "Other"

    partnership_from = "meeting"
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="items")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=300)
    # The subject: a case today; persons of interest and locations join later, so an item
    # may have no case (action log, themes, standard items).
    case = models.ForeignKey(Case, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="agenda_items")
    starts_at = models.TimeField(null=True, blank=True)
    minutes = models.PositiveIntegerField(null=True, blank=True)
    lead = models.CharField(max_length=200, blank=True)
    why = models.CharField(max_length=300, blank=True, help_text="The rule that put it here")
    # Perpetrator forums (Dudley CEOG): an item leaves the agenda only by a recorded removal.
    removed_at = models.DateTimeField(null=True, blank=True)
    removal_reason = models.TextField(blank=True)
    removal_actions_completed = models.TextField(blank=True)
    # The coordinator's yes/no, at publication, for each panel invited only on a condition
    # the records cannot answer (Essex MACE 1: "if child known to service only").
    panel_answers = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["position", "pk"]


class Invitation(Scoped):
    """Someone invited to a meeting, with their response and attendance."""

    class Basis(models.TextChoices):
        CHAIR = "chair", "Chair"
        PANEL = "panel", "Panel member"
        KEY_WORKER = "key_worker", "Operational or key worker on a case"
        GUEST = "guest", "Guest for an item"

    class Attendance(models.TextChoices):
        EXPECTED = "expected", "Expected"
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"

    partnership_from = "meeting"
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                             blank=True)
    name = models.CharField(max_length=200)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True)
    basis = models.CharField(max_length=12, choices=Basis.choices)
    why = models.CharField(max_length=300, blank=True)
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, null=True, blank=True,
                             help_text="A guest invited for one item")
    invited_at = models.DateTimeField(null=True, blank=True)
    attendance = models.CharField(max_length=10, choices=Attendance.choices,
                                  default=Attendance.EXPECTED)
    deputy = models.CharField(max_length=200, blank=True,
                              help_text="Who attends in their place")
    confidentiality_agreed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["basis", "name", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "user"],
                                               condition=models.Q(user__isnull=False),
                                               name="invitation_once_per_user")]


class AgencyUpdate(Scoped):
    """An agency's short written update on one case before the meeting."""

    partnership_from = "item"
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="updates")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT)
    text = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    submitted_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "agency"],
                                               name="one_update_per_agency_item")]


class Minute(Unchangeable):
    """One entry in an item's minutes. Entries are appended, so two people minuting the
    same item at once each add theirs; nothing overwrites anything."""

    partnership_from = "item"
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="minute_entries")
    text = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField()
    corrects = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="corrections")

    class Meta:
        ordering = ["at", "pk"]


class Decision(Unchangeable):
    class Kind(models.TextChoices):
        RISK = "risk", "Risk level re-evaluated"
        PLAN = "plan", "Plan updated"
        NRM = "nrm", "NRM referral considered"
        INTELLIGENCE = "intelligence", "Intelligence recording agreed"
        NEXT_REVIEW = "next_review", "Next review date"
        ESCALATE = "escalate", "Escalate"
        NOT_ESCALATE = "not_escalate", "Not escalated"
        STEP_DOWN = "step_down", "Step down to single-agency"
        DORMANT = "dormant", "Close and hold dormant"
        DISCHARGE = "discharge", "Discharge from MACE"
        OUTCOME = "outcome", "Outcome agreed"
        OTHER = "other", "Other decision"

    partnership_from = "item"
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="decisions")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="decisions")
    kind = models.CharField(max_length=14, choices=Kind.choices)
    text = models.TextField()
    risk = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    next_review_on = models.DateField(null=True, blank=True)
    to_forum = models.CharField(max_length=50, blank=True)
    details = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField()
    corrects = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="corrections")

    class Meta:
        ordering = ["at", "pk"]


class Dissent(Unchangeable):
    """Professional dissent from a decision, recorded in the minutes."""

    partnership_from = "decision"
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="dissents")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT)
    person = models.CharField(max_length=200)
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField()


class Action(Scoped):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    partnership_from = "meeting"
    read_action = "action.view"
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions")
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="actions")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                              blank=True, related_name="+")
    owner_name = models.CharField(max_length=200)
    owner_agency = models.ForeignKey(Agency, on_delete=models.PROTECT)
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["partnership", "status", "due_on"]),
                   models.Index(fields=["partnership", "due_on"]),
                   models.Index(fields=["partnership", "owner_agency", "status"])]


class ActionUpdate(Scoped):
    partnership_from = "action"
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    text = models.TextField()
    status = models.CharField(max_length=10, choices=Action.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]


class Disclosure(Scoped):
    """Sharing a meeting's papers outside it: requested, then approved or refused by the
    chair with a reason; approved ones form the disclosure log (SECURITY S16)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Awaiting the chair"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    class Document(models.TextChoices):
        AGENDA = "agenda", "Agenda pack"
        MINUTES = "minutes", "Minutes"
        ACTIONS = "actions", "Action log"

    partnership_from = "meeting"
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="disclosures")
    document = models.CharField(max_length=10, choices=Document.choices)
    recipient = models.CharField(max_length=200)
    purpose = models.TextField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    requested_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]


class PaperPack(Scoped):
    """One of a meeting's papers (agenda pack, minutes or action log) prepared as a PDF by
    the background worker for the person who asked, as they reach its records. Only they
    download it, through the same gate as the papers page, until it expires
    (PAPER_PACK_HOURS); expired packs are deleted by the schedule."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being prepared"
        READY = "ready", "Ready to download"
        FAILED = "failed", "Could not be prepared"

    partnership_from = "meeting"
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    document = models.CharField(max_length=10, choices=Disclosure.Document.choices)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                     related_name="+")
    requested_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    finished_at = models.DateTimeField(null=True, blank=True)
    pages = models.PositiveIntegerField(default=0)
    content = models.BinaryField(null=True, blank=True, editable=False)
    problem = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["partnership", "meeting", "requested_by", "document"])]
