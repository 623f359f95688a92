"""The task the schedule starts (macehub.jobs.schedule): a management command, once for
each active partnership or once for the whole service."""

from __future__ import annotations

import io
import logging

from django.core.management import call_command

from macehub.partnerships.models import Partnership

logger = logging.getLogger(__name__)


class JobFailed(RuntimeError):
    """A scheduled job failed for one or more partnerships (each is in the log)."""


def run_job(command: str, per_partnership: bool = True,
            steps: tuple[tuple[str, ...], ...] = ((),)) -> str:
    """Run `command` once with each step's options, in order. For partnerships, each
    active one in turn with `--partnership`: the command acts as that partnership's system
    actor, and a failure in one (which skips its later steps) is logged and does not stop
    the others; the task then fails naming them."""
    if not per_partnership:
        for step in steps:
            call_command(command, *step, stdout=io.StringIO())
        return f"{command}: done"
    slugs = list(Partnership.objects.filter(is_active=True).order_by("slug")
                 .values_list("slug", flat=True))
    failed = []
    for slug in slugs:
        try:
            for step in steps:
                call_command(command, *step, partnership=slug, stdout=io.StringIO())
        except Exception:
            logger.exception("Scheduled job %s failed for partnership %s", command, slug)
            failed.append(slug)
    if failed:
        raise JobFailed(f"{command} failed for {', '.join(failed)}")
    return f"{command}: {len(slugs)} partnership(s)"
