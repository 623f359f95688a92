"""Scheduled job: evaluate every partnership's missing triggers over all episodes, so a
pack change or a missed evaluation is caught. Gives the same result as evaluation on
record or import (macehub.missing.triggers). Run it hourly (docs/deployment.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from macehub.accounts.system import system_actor
from macehub.missing.models import MissingEpisode
from macehub.missing.triggers import evaluate
from macehub.partnerships.models import Partnership

BATCH = 1000


class Command(BaseCommand):
    help = "Evaluate the missing-episode triggers of each partnership's policy pack."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--partnership", help="only this partnership (slug)")

    def handle(self, *args: Any, partnership: str | None = None, **options: Any) -> None:
        partnerships = Partnership.objects.filter(is_active=True)
        if partnership:
            partnerships = partnerships.filter(slug=partnership)
        for p in partnerships:
            actor = system_actor(p, "missing triggers")
            ids = list(MissingEpisode.objects.for_actor(actor).filter(child__isnull=False)
                       .values_list("child_id", flat=True).distinct().order_by("child_id"))
            new = 0
            for start in range(0, len(ids), BATCH):
                with transaction.atomic():
                    new += len(evaluate(actor, ids[start:start + BATCH]))
            self.stdout.write(f"{p.slug}: {len(ids)} children, {new} new trigger(s)")
