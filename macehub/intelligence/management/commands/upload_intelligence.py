"""Upload a batch of intelligence records and links from a JSON file, as the API's
POST /intelligence/uploads takes it (docs/api.md). Safe to run again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from pydantic import ValidationError as Invalid

from macehub.access.actor import actor_for
from macehub.accounts.models import User
from macehub.intelligence.api_upload import UploadIn
from macehub.intelligence.upload import upload_batch
from macehub.partnerships.models import Partnership


class Command(BaseCommand):
    help = "Upload intelligence records and links from a JSON file. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--partnership", required=True, help="partnership slug")
        parser.add_argument("--as", dest="username", required=True,
                            help="the hub coordinator or chair the upload is recorded as")
        parser.add_argument("--pause", type=float, default=0.0,
                            help="seconds to wait after each row (for testing)")

    def handle(self, *args: Any, file: str, partnership: str, username: str, pause: float,
               **options: Any) -> None:
        place = Partnership.objects.filter(slug=partnership).first()
        user = User.objects.filter(username=username).first()
        actor = actor_for(user, place.pk) if place and user else None
        if actor is None:
            raise CommandError("No such partnership, or that user holds no role there.")
        try:
            batch = UploadIn.model_validate_json(Path(file).read_text())
            result = upload_batch(
                actor=actor, source=batch.source, via="command", pause=pause,
                entities=[r.dict() for r in batch.entities],
                links=[r.dict(exclude_unset=True) for r in batch.links])
        except (Invalid, ValidationError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(json.dumps({
            "created": result.count("created"), "existing": result.count("existing"),
            "refused": result.count("refused"), "errors": result.errors}))
