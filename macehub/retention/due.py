"""Which records are past their retention period, for one partnership, as its scheduled
job (a system actor) sees them. Reads only: nothing here changes a record.

A legal hold on a child, or on any of the child's cases, keeps the child's whole record:
none of it is ever found due. A record already anonymised is not found again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from django.db.models import Max
from django.utils import timezone

from macehub.audit.models import AuditEvent
from macehub.cases.models import Case
from macehub.concerns.models import Concern
from macehub.meetings.models import Meeting
from macehub.missing.models import MissingEpisode
from macehub.people.birth import latest_born
from macehub.people.models import Child
from macehub.retention.models import LegalHold, RetentionItem

if TYPE_CHECKING:
    from macehub.access.actor import Actor

CHILD, CONCERN, EPISODE = "people.child", "concerns.concern", "missing.missingepisode"
STILL_OPEN = (Case.Status.OPEN, Case.Status.MONITORED, Case.Status.DORMANT)


@dataclass(frozen=True)
class Due:
    record_type: str
    model_label: str
    record_id: int
    due_on: date
    action: str


def held_children(actor: Actor) -> set[int]:
    """Children whose record is under a legal hold, directly or through one of their cases."""
    holds = (LegalHold.objects.for_bookkeeping(actor, why="legal holds stop retention")
             .filter(lifted_at__isnull=True).values_list("child_id", "case__child_id"))
    return {child for pair in holds for child in pair if child is not None}


def _done(actor: Actor) -> set[tuple[str, int]]:
    done = (RetentionItem.objects.for_bookkeeping(actor, why="records already handled")
            .filter(outcome="done").values_list("model_label", "record_id"))
    return set(done)


def _day(moment: object) -> date | None:
    return timezone.localdate(moment) if moment is not None else None  # type: ignore[arg-type]


def find_due(actor: Actor, today: date | None = None) -> list[Due]:
    """Every record of the actor's partnership past retention on `today`, not held and
    not already handled, with the action its rule prescribes."""
    today = today or timezone.localdate()
    pack = actor.partnership.policy
    held, done = held_children(actor), _done(actor)
    found: list[Due] = []

    def add(record_type: str, label: str, pk: int, due: date | None) -> None:
        if due is not None and due <= today and (label, pk) not in done:
            found.append(Due(record_type, label, pk, due,
                             pack.retention_rule(record_type).action))

    rule = pack.retention_rule("concern_not_progressed")
    concerns = (Concern.objects.for_actor(actor)
                .exclude(status=Concern.Status.AWAITING_SCREENING)
                .exclude(screening__case__isnull=False)
                .exclude(child__cases__isnull=False)
                .values_list("pk", "submitted_at", "child_id", "child__date_of_birth",
                             "child__date_of_birth_precision"))
    for pk, submitted, child_id, born, precision in concerns:
        if child_id not in held:
            add("concern_not_progressed", CONCERN, pk,
                rule.due_on(since=_day(submitted), born=latest_born(born, precision)))

    rule = pack.retention_rule("closed_case")
    closed = (Child.objects.for_actor(actor).filter(cases__isnull=False)
              .exclude(cases__status__in=STILL_OPEN)
              .annotate(last=Max("cases__chronology__at"), opened=Max("cases__opened_at"))
              .values_list("pk", "date_of_birth", "date_of_birth_precision", "last", "opened"))
    for pk, born, precision, last, opened in closed:
        if pk not in held:
            add("closed_case", CHILD, pk, rule.due_on(since=_day(last or opened),
                                                      born=latest_born(born, precision)))

    rule = pack.retention_rule("missing_episode")
    no_case = (Child.objects.for_actor(actor)
               .filter(cases__isnull=True, missing_episodes__isnull=False)
               .annotate(last=Max("missing_episodes__reported_at"))
               .values_list("pk", "date_of_birth", "date_of_birth_precision", "last"))
    for pk, born, precision, last in no_case:
        if pk not in held:
            add("missing_episode", CHILD, pk,
                rule.due_on(since=_day(last), born=latest_born(born, precision)))
    unmatched = (MissingEpisode.objects.for_actor(actor).filter(child__isnull=True)
                 .values_list("pk", "reported_at"))
    for pk, reported in unmatched:
        add("missing_episode", EPISODE, pk, rule.due_on(since=_day(reported), born=None))
    return sorted(found, key=lambda d: (d.record_type, d.model_label, d.record_id))


def reported(actor: Actor, today: date | None = None) -> dict[str, int]:
    """Records the product never changes (minutes and decisions, the append-only access
    log) past their period: counted for the data protection officer."""
    today = today or timezone.localdate()
    pack = actor.partnership.policy
    counts = {}
    for record_type in ("meeting_records", "audit_events"):
        kept_for = pack.retention_rule(record_type).kept_for
        if kept_for is None:
            continue
        cutoff = timezone.make_aware(datetime.combine(kept_for.before(today, holidays=()),
                                                      time.min))
        if record_type == "meeting_records":
            counts[record_type] = (Meeting.objects.for_actor(actor)
                                   .filter(starts_at__lt=cutoff).count())
        else:
            counts[record_type] = AuditEvent.objects.filter(
                partnership_id=actor.partnership.pk, at__lt=cutoff).count()
    return counts
