"""From what people name to the records: candidates waiting to be confirmed as a new
record or an existing one, each judgement a coordinator makes about a likely match, and
merges of two records of the same kind (undoable: what a merge moved is kept with it).

Imported by models.py, so Django finds these models with the app's others."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from macehub.access.scoped import Scoped
from macehub.intelligence.choices import SourceKind


class CandidateKind(models.TextChoices):
    """What a candidate may become: the kinds a referrer can name on a concern."""

    PERSON = "person", "Person"
    LOCATION = "location", "Place"
    VEHICLE = "vehicle", "Vehicle"
    PHONE = "phone", "Phone number"
    ACCOUNT = "account", "Online account"


# A concern's mention kinds (macehub/concerns/models.py: Mention.Kind) as candidate kinds.
FROM_MENTION = {"person": "person", "place": "location", "vehicle": "vehicle",
                "phone": "phone", "online_account": "account"}


class Outcome(models.TextChoices):
    PENDING = "pending", "To confirm"
    NEW = "new", "Confirmed as a new record"
    EXISTING = "existing", "Confirmed as an existing record"


class Candidate(Scoped):
    """Someone or something named — on a concern by its referrer, or by a coordinator at
    screening or a meeting — that may be a new intelligence record or one already kept.
    Nothing becomes a record until a coordinator confirms which."""

    read_action = "candidate.view"
    kind = models.CharField(max_length=20, choices=CandidateKind.choices)
    value = models.CharField("What was named", max_length=300)
    details = models.CharField(max_length=500, blank=True)
    # A concern deleted under the retention rules leaves its candidates without it.
    mention = models.OneToOneField("concerns.Mention", on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    concern = models.ForeignKey("concerns.Concern", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+")
    source_kind = models.CharField("Where it was named", max_length=30,
                                   choices=SourceKind.choices)
    source_detail = models.CharField(max_length=300, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    added_at = models.DateTimeField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices,
                               default=Outcome.PENDING)
    record_kind = models.CharField(max_length=20, blank=True)
    record_id = models.PositiveBigIntegerField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["added_at", "pk"]
        indexes = [models.Index(fields=["partnership", "outcome"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class Verdict(models.TextChoices):
    SAME = "same", "The same"
    DIFFERENT = "different", "Different"
    NOT_SURE = "not_sure", "Not sure"


class Judgement(Scoped):
    """A coordinator's view of whether a candidate is an existing record, kept with who
    made it and when; a later judgement of the same pair is added, never overwritten."""

    partnership_from = "candidate"
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT,
                                  related_name="judgements")
    record_kind = models.CharField(max_length=20)
    record_id = models.PositiveBigIntegerField()
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    reasons = models.CharField("Reasons shown", max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                           related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-pk"]


class Merge(Scoped):
    """Two records of the same kind found to be one: `merged` is folded into `kept`. The
    merged record is kept unchanged (and left out of lists); what the merge moved is
    listed in `moved` — the links whose end was re-pointed (`[link id, "a" or "b"]`), the
    aliases moved and the alias added from the merged record's name — so that undoing it
    puts every one back as it was."""

    read_action = "merge.view"
    kind = models.CharField(max_length=20)
    kept_id = models.PositiveBigIntegerField()
    merged_id = models.PositiveBigIntegerField()
    reason = models.CharField(max_length=300, blank=True)
    moved = models.JSONField(default=dict)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                           related_name="+")
    at = models.DateTimeField()
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    undone_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-at", "-pk"]
        # A record is merged into one other at a time: a second merge of the same record,
        # even one racing the first, is refused by the database.
        constraints = [models.UniqueConstraint(
            fields=["partnership", "kind", "merged_id"],
            condition=models.Q(undone_at__isnull=True),
            name="intelligence_merged_once")]
        indexes = [models.Index(fields=["partnership", "kind", "kept_id"])]
