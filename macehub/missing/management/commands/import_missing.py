"""Import a police notification CSV (docs/missing-import.md) from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from macehub.access.actor import actor_for
from macehub.accounts.models import User
from macehub.missing.importer import (
    CHUNK,
    ImportTooLarge,
    decode_csv,
    import_rows,
    read_csv,
    rows_with_problems,
)
from macehub.partnerships.models import Partnership


class Command(BaseCommand):
    help = "Import police missing notifications from a CSV file. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--partnership", required=True, help="partnership slug")
        parser.add_argument("--as", dest="username", required=True,
                            help="the hub coordinator or chair the import is recorded as")
        parser.add_argument("--chunk-size", type=int, default=CHUNK)
        parser.add_argument("--pause", type=float, default=0.0,
                            help="seconds to wait after each chunk (for testing)")

    def handle(self, *args: Any, file: str, partnership: str, username: str,
               chunk_size: int, pause: float, **options: Any) -> None:
        place = Partnership.objects.filter(slug=partnership).first()
        user = User.objects.filter(username=username).first()
        actor = actor_for(user, place.pk) if place and user else None
        if actor is None:
            raise CommandError("No such partnership, or that user holds no role there.")
        try:
            rows, errors = read_csv(decode_csv(Path(file).read_bytes()))
            run = import_rows(actor=actor, rows=rows, via="command", chunk_size=chunk_size,
                              pause=pause, errors=errors)
        except (ImportTooLarge, ValueError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(json.dumps({
            "rows": run.rows, "created": run.created, "updated": run.updated,
            "unchanged": run.unchanged, "queued": run.queued, "fired": run.fired,
            "errors": len(run.errors),
            "rows_with_problems": len(rows_with_problems(run.errors)),
            "stopped": run.stopped}))
