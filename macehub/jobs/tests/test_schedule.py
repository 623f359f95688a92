"""The scheduled jobs are defined in code (macehub.jobs.schedule) and written into the
worker's schedule by `migrate`; each job for partnerships runs once per active partnership
(ADR 0009: a scheduled job acts as one partnership's system actor). Daily jobs keep their
UK local time across the clock changes."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError
from django_q.models import Schedule

from macehub.jobs import schedule as jobs
from macehub.jobs.schedule import DAILY, JOBS, TASK, Job, first_run, sync_schedule
from macehub.jobs.tasks import JobFailed, run_job
from macehub.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db
REMINDERS = next(j for j in JOBS if j.command == "send_meeting_reminders")


def test_migrate_writes_every_job_of_the_code_into_the_workers_schedule() -> None:
    # The test database was migrated: the schedule is there without anyone setting it.
    found = {s.name: s for s in Schedule.objects.filter(func=TASK)}
    assert set(found) == {j.title for j in JOBS}
    assert found["Missing triggers"].schedule_type == Schedule.HOURLY
    assert found["Meeting reminders"].args == repr(("send_meeting_reminders", True, ((),)))
    assert found["Retention"].args == repr(("retention", True, (("--apply",), ("--propose",))))
    assert {j.command for j in JOBS} >= {"evaluate_missing_triggers", "send_meeting_reminders",
                                          "retention"}


def test_syncing_again_keeps_each_jobs_next_run_and_drops_a_job_no_longer_in_the_code(
        monkeypatch: pytest.MonkeyPatch) -> None:
    before = {s.name: s.next_run for s in sync_schedule()}
    Schedule.objects.create(func=TASK, name="Old job",
                            args=repr(("clearsessions", False, ((),))))
    assert {s.name: s.next_run for s in sync_schedule(
        datetime(2030, 1, 1, tzinfo=UTC))} == before
    assert not Schedule.objects.filter(name="Old job").exists()
    monkeypatch.setattr(jobs, "JOBS", (*JOBS[:1], Job("Meeting reminders",
                        "send_meeting_reminders", DAILY, at=time(8, 30))))
    moved = Schedule.objects.get(name="Meeting reminders", func=TASK)
    sync_schedule(datetime(2026, 6, 1, 12, tzinfo=UTC))
    moved.refresh_from_db()
    assert moved.next_run == datetime(2026, 6, 2, 7, 30, tzinfo=UTC)  # 08:30 BST
    assert Schedule.objects.filter(func=TASK).count() == 2  # the others left the code


def test_a_daily_job_runs_at_its_uk_time_in_winter_in_summer_and_on_the_change_days() -> None:
    assert first_run(REMINDERS, datetime(2026, 1, 10, 12, tzinfo=UTC)) == datetime(
        2026, 1, 11, 7, tzinfo=UTC)
    assert first_run(REMINDERS, datetime(2026, 7, 10, 5, tzinfo=UTC)) == datetime(
        2026, 7, 10, 6, tzinfo=UTC)
    # Clocks go forward at 01:00 UTC on 29 March 2026: 07:00 that day is 06:00 UTC.
    assert first_run(REMINDERS, datetime(2026, 3, 28, 8, tzinfo=UTC)) == datetime(
        2026, 3, 29, 6, tzinfo=UTC)
    # 29 February 2028 is a day like any other.
    assert first_run(REMINDERS, datetime(2028, 2, 28, 9, tzinfo=UTC)) == datetime(
        2028, 2, 29, 7, tzinfo=UTC)
    # The worker's own step from one run to the next keeps 07:00 across both changes.
    step = Schedule(schedule_type=DAILY, next_run=datetime(2026, 3, 28, 7, tzinfo=UTC))
    assert step.calculate_next_run() == datetime(2026, 3, 29, 6, tzinfo=UTC)
    step = Schedule(schedule_type=DAILY, next_run=datetime(2026, 10, 24, 6, tzinfo=UTC))
    assert step.calculate_next_run() == datetime(2026, 10, 25, 7, tzinfo=UTC)


def test_every_job_for_partnerships_takes_one_partnership() -> None:
    for job in JOBS:
        command = load_command_class(_app_of(job.command), job.command)
        parser = command.create_parser("manage.py", job.command)
        for step in job.steps:
            options = parser.parse_args([*step, *(["--partnership", "dudley"]
                                                  if job.per_partnership else [])])
            assert not job.per_partnership or options.partnership == "dudley"


def _app_of(command: str) -> str:
    from django.core.management import get_commands

    return get_commands()[command]


def test_a_job_runs_once_for_each_active_partnership_and_one_failure_stops_no_other(
        monkeypatch: pytest.MonkeyPatch) -> None:
    for slug in ("dudley", "essex", "thurrock"):
        PartnershipFactory(slug=slug)
    PartnershipFactory(slug="southend", is_active=False)
    calls: list[str] = []

    def fake(command: str, *args: str, **options: Any) -> None:
        calls.append(f"{options['partnership']} {' '.join(args)}")
        if options["partnership"] == "essex":
            raise CommandError("broken pack")

    monkeypatch.setattr("macehub.jobs.tasks.call_command", fake)
    with pytest.raises(JobFailed, match="retention failed for essex"):
        run_job("retention", True, (("--apply",), ("--propose",)))
    # Essex's apply failed, so its proposal is skipped; the others run both, in order.
    assert calls == ["dudley --apply", "dudley --propose", "essex --apply",
                     "thurrock --apply", "thurrock --propose"]


def test_the_schedule_command_lists_each_job_with_its_next_run() -> None:
    from io import StringIO

    out = StringIO()
    call_command("schedule", stdout=out)
    assert "Meeting reminders: manage.py send_meeting_reminders, every day for each " \
           "partnership; next" in out.getvalue()
    assert ":00 " in out.getvalue()
