"""Show the worker's schedule, after making it match macehub.jobs.schedule.JOBS."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from macehub.jobs.schedule import JOBS, sync_schedule

EVERY = {"H": "every hour", "D": "every day"}


class Command(BaseCommand):
    help = "Bring the scheduled jobs up to date and list them with their next run."

    def handle(self, *args: Any, **options: Any) -> None:
        for job, found in zip(JOBS, sync_schedule(), strict=True):
            due = timezone.localtime(found.next_run) if found.next_run else None
            when = f"{due:%Y-%m-%d %H:%M %Z}" if due else "not due"
            scope = "each partnership" if job.per_partnership else "the service"
            self.stdout.write(f"{job.title}: manage.py {job.command}, {EVERY[job.every]} "
                              f"for {scope}; next {when}")
