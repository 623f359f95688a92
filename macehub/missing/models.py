"""Missing children: episodes notified by the police, return interviews, the triggers the
pack sets on them, and police notification imports. DOMAIN.md "Missing children"."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from macehub.access.scoped import Scoped
from macehub.partnerships.models import Area
from macehub.people.birth import details_label
from macehub.people.models import Child


class MissingFrom(models.TextChoices):
    HOME = "home", "Home"
    CARE_PLACEMENT = "care_placement", "Care placement"
    EDUCATION = "education", "Education"
    OTHER = "other", "Other"


class LookedAfter(models.TextChoices):
    """Thurrock RMM (002 §2.2) covers children placed into the area by other authorities
    and children placed out of the area: the responsible authority is recorded."""

    NO = "no", "Not looked after"
    THIS_AUTHORITY = "looked_after", "Looked after by this authority, placed here"
    PLACED_INTO_AREA = "placed_into_area", "Placed here by another authority"
    PLACED_OUT_OF_AREA = "placed_out_of_area", "Placed out of the area by this authority"


class Harm(models.TextChoices):
    """Information in an episode that the child may have suffered harm: Essex §4 sends
    any such episode to automatic triage."""

    INJURY = "injury", "Injury"
    OLDER_ADULTS = "older_adults", "Found with older adults"
    OUT_OF_AREA = "out_of_area", "Found out of area"
    DRUGS_OR_CASH = "drugs_or_cash", "Found with drugs or cash"
    SEXUAL_HARM = "sexual_harm", "Sexual harm"
    ARRESTED = "arrested", "Arrested"


GRADE_LABELS = {"absent": "Absent", "no_apparent_risk": "No apparent risk", "low": "Low",
                "standard": "Standard", "medium": "Medium", "high": "High"}


class MissingEpisode(Scoped):
    # Null while the notification waits in the coordinator's match queue.
    read_action = "missing_episode.view"
    child = models.ForeignKey(Child, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="missing_episodes")
    child_details = models.JSONField(default=dict, help_text="The child as notified")

    @property
    def born_label(self) -> str:
        """The date of birth as notified: '15 March 2011' or 'Not known'."""
        return details_label(self.child_details, timezone.localdate())
    force = models.CharField("Police force", max_length=100)
    police_reference = models.CharField(max_length=50)
    reported_at = models.DateTimeField("Reported missing")
    returned_at = models.DateTimeField("Found or returned", null=True, blank=True)
    missing_from = models.CharField(max_length=20, choices=MissingFrom.choices)
    missing_from_address = models.CharField(max_length=300, blank=True)
    found_location = models.CharField("Where found or located", max_length=300, blank=True)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, null=True, blank=True)
    risk_grade = models.CharField("Police risk grade", max_length=20)
    circumstances = models.TextField(blank=True)
    harm_indicators = models.JSONField(default=list, blank=True)
    reported_by = models.CharField(max_length=200, blank=True)
    looked_after = models.CharField(max_length=20, choices=LookedAfter.choices,
                                    default=LookedAfter.NO)
    responsible_authority = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-reported_at", "-pk"]
        constraints = [models.UniqueConstraint(
            fields=["partnership", "force", "police_reference"],
            name="missing_episode_unique_reference")]
        indexes = [models.Index(fields=["partnership", "reported_at"]),
                   models.Index(fields=["partnership", "child", "reported_at"]),
                   # The missing meetings' lists: episodes returned in a period, and
                   # episodes still open (macehub.missing.queries.meeting_list).
                   models.Index(fields=["partnership", "returned_at"],
                                name="missing_ep_returned"),
                   models.Index(fields=["partnership", "reported_at"],
                                condition=models.Q(returned_at__isnull=True),
                                name="missing_ep_open")]

    def __str__(self) -> str:
        return f"{self.force} {self.police_reference}"

    @property
    def harm_indicator_labels(self) -> list[str]:
        """The harm indicators as people read them ("Found with older adults")."""
        labels = dict(Harm.choices)
        return [str(labels.get(code, code.replace("_", " "))) for code in self.harm_indicators]

    @property
    def duration_hours(self) -> float | None:
        if self.returned_at is None:
            return None
        return round((self.returned_at - self.reported_at).total_seconds() / 3600, 1)

    def get_risk_grade_display(self) -> str:
        return GRADE_LABELS.get(self.risk_grade, self.risk_grade)


class EpisodeChange(Scoped):
    """History of an episode: what changed, when, by whom and through which route."""

    partnership_from = "episode"
    episode = models.ForeignKey(MissingEpisode, on_delete=models.CASCADE,
                                related_name="changes")
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True)
    via = models.CharField(max_length=20)  # page, import, api, match
    changes = models.JSONField(default=dict)  # field -> [before, after]

    class Meta:
        ordering = ["at", "pk"]


class ReturnInterview(Scoped):
    """A return interview ("Missing Chat", Essex §4.1) with the child, or a parental one."""

    class Kind(models.TextChoices):
        CHILD = "child", "Child"
        PARENT = "parent", "Parent or carer"

    class Status(models.TextChoices):
        OFFERED = "offered", "Offered"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        COMPLETED = "completed", "Completed"

    read_action = "return_interview.view"
    child = models.ForeignKey(Child, on_delete=models.PROTECT,
                              related_name="return_interviews")
    episodes = models.ManyToManyField(MissingEpisode, related_name="interviews")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CHILD)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OFFERED)
    offered_on = models.DateField()
    offered_by = models.CharField(max_length=200)
    responded_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    conducted_by = models.CharField(max_length=200, blank=True)
    push_factors = models.JSONField(default=list, blank=True)
    pull_factors = models.JSONField(default=list, blank=True)
    factors_other = models.TextField("Other push or pull factors", blank=True)
    disclosures = models.TextField(blank=True)
    outcome = models.TextField(blank=True)
    synopsis = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-offered_on", "-pk"]


class SynopsisShare(Scoped):
    """The interview synopsis shared with an agency (Essex §4.1: police and social care)."""

    partnership_from = "interview"
    interview = models.ForeignKey(ReturnInterview, on_delete=models.PROTECT,
                                  related_name="shares")
    agency_type = models.CharField(max_length=40)
    agency_name = models.CharField(max_length=200, blank=True)
    shared_at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)


class TriggerFiring(Scoped):
    """A pack trigger met by a child's episodes, with the rule and its source. One per
    (rule, anchor episode): the episode that completed the count, or the harmful one."""

    class Status(models.TextChoices):
        OPEN = "open", "To do"
        DONE = "done", "Done"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="missing_triggers")
    rule_key = models.CharField(max_length=50)
    anchor = models.ForeignKey(MissingEpisode, on_delete=models.PROTECT,
                               related_name="firings")
    episode_ids = models.JSONField(default=list)
    action = models.CharField(max_length=20)  # triage, nominate, discuss
    forum = models.CharField(max_length=50, blank=True)
    set_risk = models.CharField(max_length=10, blank=True)
    explanation = models.CharField(max_length=500)
    source = models.CharField(max_length=300)
    fired_at = models.DateTimeField(help_text="When the anchor episode was reported")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    handled_note = models.TextField(blank=True)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-fired_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["rule_key", "anchor"],
                                               name="trigger_firing_unique")]
        indexes = [models.Index(fields=["partnership", "status", "fired_at"])]


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Importing"
    DONE = "done", "Finished"
    FAILED = "failed", "Could not finish"


class ImportRun(Scoped):
    """One police notification import: its progress, its counts and its row-level error
    report. An import from the page runs in the background worker: `pending` holds the
    rows until it finishes, and `handled` counts the file's rows dealt with so far."""

    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True)
    via = models.CharField(max_length=20)
    started_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=ImportStatus.choices,
                              default=ImportStatus.DONE)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Rows in the file; `handled` of them dealt with (imported, unchanged or refused).
    rows = models.PositiveIntegerField(default=0)
    handled = models.PositiveIntegerField(default=0)
    # {"first_row": n, "rows": [{column: value}]} while waiting for the worker; then {}.
    pending = models.JSONField(default=dict, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    queued = models.PositiveIntegerField(default=0)
    fired = models.PositiveIntegerField(default=0)
    # [{"row": n, "field": f, "reason": r}], at most MISSING_IMPORT_MAX_ERRORS of them.
    errors = models.JSONField(default=list)
    # Why the import stopped before importing anything, or what the error list leaves off.
    stopped = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-started_at", "-pk"]

    @property
    def via_label(self) -> str:
        return VIA_LABELS.get(self.via, "Other")

    @property
    def problem_rows(self) -> int:
        """Rows of the file with at least one problem (a row's problems counted once)."""
        return len({e["row"] for e in self.errors if e.get("row")})


# How an import reached the product, in words.
VIA_LABELS = {"page": "Upload on the import page", "api": "Through the API",
              "command": "Command on the server"}
