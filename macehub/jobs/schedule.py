"""Every scheduled job, defined here and nowhere else. `migrate` (and `manage.py
schedule`) writes this list into the worker's schedule table, so the schedule is never set
by hand and a job removed here stops running. The worker (`manage.py qcluster`) starts each
job when it is due; a daily job runs at its UK local time of day in summer and in winter
alike. A job for partnerships runs once for each active partnership, as that
partnership's system actor (macehub.accounts.system), so one partnership's failure stops
no other's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone
from django_q.models import Schedule

TASK = "macehub.jobs.tasks.run_job"
HOURLY, DAILY = Schedule.HOURLY, Schedule.DAILY


@dataclass(frozen=True)
class Job:
    title: str
    command: str
    every: str  # HOURLY or DAILY
    at: time | None = None  # UK local time of day, for a daily job
    per_partnership: bool = True
    # The command's runs, in order, each with these options (for each partnership).
    steps: tuple[tuple[str, ...], ...] = ((),)


JOBS: tuple[Job, ...] = (
    # Catches a pack change or a missed evaluation (macehub.missing.triggers).
    Job("Missing triggers", "evaluate_missing_triggers", HOURLY),
    # Agency updates due within two days, and overdue actions (macehub.meetings.reminders).
    Job("Meeting reminders", "send_meeting_reminders", DAILY, at=time(7, 0)),
    # Applies the lists a partnership admin approved, then lists what is newly due
    # (macehub.retention; docs/dpo/retention.md).
    Job("Retention", "retention", DAILY, at=time(2, 0),
        steps=(("--apply",), ("--propose",))),
    # Each case's due items stored again from the rules: catches a change of policy pack
    # and anything saved without its signals (macehub.cases.due_store).
    Job("Due list", "due_entries", DAILY, at=time(1, 0), steps=(("refresh",),)),
    Job("Expired sessions", "clearsessions", DAILY, at=time(3, 0), per_partnership=False),
    # Meeting papers prepared as PDF, past PAPER_PACK_HOURS (macehub.meetings.packs).
    Job("Expired meeting papers", "expire_paper_packs", HOURLY, per_partnership=False),
    # Answers kept for API writes, past IDEMPOTENCY_KEY_HOURS (macehub.accounts.idempotency).
    Job("Expired idempotency keys", "expire_idempotency_keys", HOURLY, per_partnership=False),
)


def first_run(job: Job, now: datetime) -> datetime:
    """The first time a newly scheduled job is due after `now`."""
    if job.every == HOURLY:
        return now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    assert job.at is not None, f"A daily job needs its time of day: {job.title}"
    zone = timezone.get_current_timezone()
    day = now.astimezone(zone).date()
    due = datetime.combine(day, job.at, tzinfo=zone)
    if due <= now:
        due = datetime.combine(day + timedelta(days=1), job.at, tzinfo=zone)
    return due


def _unchanged(found: Schedule, job: Job, args: str) -> bool:
    if found.args != args or found.schedule_type != job.every or found.next_run is None:
        return False
    local = found.next_run.astimezone(timezone.get_current_timezone())
    return job.at is None or local.time() == job.at


def sync_schedule(now: datetime | None = None) -> list[Schedule]:
    """Make the worker's schedule match JOBS; a job already scheduled keeps its next run."""
    now = now or timezone.now()
    kept: list[Schedule] = []
    for job in JOBS:
        args = repr((job.command, job.per_partnership, job.steps))
        found = Schedule.objects.filter(func=TASK, name=job.title).first()
        if found is None or not _unchanged(found, job, args):
            found = found or Schedule(func=TASK, name=job.title)
            found.args, found.schedule_type = args, job.every
            found.next_run, found.repeats = first_run(job, now), -1
            found.save()
        kept.append(found)
    Schedule.objects.filter(func=TASK).exclude(pk__in=[s.pk for s in kept]).delete()
    return kept
