from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from macehub.accounts.system import system_actor
from macehub.cases.due_store import JOB, check, refresh
from macehub.partnerships.models import Partnership


class Command(BaseCommand):
    help = ("Check each case's stored due items against a full computation, or store them "
            "again (after a change of policy pack, say).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["check", "refresh"])
        parser.add_argument("--partnership", help="One partnership's slug (all when left out)")

    def handle(self, *args: Any, what: str, partnership: str | None, **options: Any) -> None:
        found = Partnership.objects.all()
        if partnership:
            found = found.filter(slug=partnership)
        differ = 0
        for p in found.order_by("slug"):
            if what == "refresh":
                self.stdout.write(f"{p.slug}: {refresh(p)} entries stored")
                continue
            problems = check(system_actor(p, JOB))
            differ += len(problems)
            self.stdout.write(f"{p.slug}: {'agree' if not problems else 'differ'}")
            for problem in problems[:20]:
                self.stdout.write(f"  {problem}")
        if differ:
            raise CommandError(f"{differ} stored due items differ from the computation.")
