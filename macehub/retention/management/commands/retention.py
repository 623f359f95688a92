"""Scheduled job: the records past retention, per partnership (docs/dpo/retention.md).

    manage.py retention             # dry run: prints what is due; changes nothing
    manage.py retention --propose   # lists the records due for the partnership admin
    manage.py retention --apply     # deletes or anonymises what the admin approved

Runs as the partnership's system actor, through the scoped kernel. Run it daily, first
with --apply and then with --propose (docs/deployment.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from macehub.accounts.system import system_actor
from macehub.partnerships.models import Partnership
from macehub.partnerships.policy.retention import RECORD_TYPES
from macehub.retention.due import find_due, reported
from macehub.retention.services import retention_apply, retention_propose

JOB = "retention"


class Command(BaseCommand):
    help = "Find records past retention (dry run), propose them, or apply approved ones."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--partnership", help="only this partnership (slug)")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--propose", action="store_true",
                          help="list the records due for the partnership admin to approve")
        mode.add_argument("--apply", action="store_true",
                          help="delete or anonymise the records of approved lists")
        parser.add_argument("--today", type=date.fromisoformat,
                            help="the day to judge retention on (YYYY-MM-DD; default today)")

    def handle(self, *args: Any, partnership: str | None = None, propose: bool = False,
               apply: bool = False, today: date | None = None, **options: Any) -> None:
        partnerships = Partnership.objects.filter(is_active=True).order_by("slug")
        if partnership:
            partnerships = partnerships.filter(slug=partnership)
            if not partnerships.exists():
                raise CommandError(f"No active partnership {partnership!r}")
        for p in partnerships:
            actor = system_actor(p, JOB)
            if apply:
                counts = retention_apply(actor=actor, today=today)
                done = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "nothing"
                self.stdout.write(f"{p.slug}: applied approved lists: {done}")
            elif propose:
                review = retention_propose(actor=actor, today=today)
                self.stdout.write(
                    f"{p.slug}: listed {review.items.count()} record(s) for approval "
                    f"(list {review.pk})" if review else
                    f"{p.slug}: nothing new to list (none due, or a list awaits a decision)")
            else:
                self._dry_run(p.slug, actor, today)

    def _dry_run(self, slug: str, actor: Any, today: date | None) -> None:
        due = find_due(actor, today)
        self.stdout.write(f"{slug}: dry run, nothing changed; {len(due)} record(s) due")
        for d in due:
            self.stdout.write(f"  would {d.action} {d.model_label} {d.record_id} "
                              f"({d.record_type}, due {d.due_on:%Y-%m-%d})")
        for record_type, count in reported(actor, today).items():
            self.stdout.write(f"  {RECORD_TYPES[record_type]} past retention: {count} "
                              "(kept; for the data protection officer)")
