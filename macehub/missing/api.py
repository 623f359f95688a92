"""Missing children through the API: the police notification batch import (the same
importer as the CSV page) and reading an episode. No `from __future__ import annotations`
here: django-ninja reads the annotations at import time."""


from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.api.core import actor_of, permission
from macehub.missing.importer import import_rows
from macehub.missing.models import MissingEpisode

router = Router(tags=["missing"])


class NotificationIn(Schema):
    force: str = Field(max_length=100)
    police_reference: str = Field(max_length=50)
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    date_of_birth: str = Field(description="YYYY-MM-DD")
    reported_at: str = Field(description="YYYY-MM-DD HH:MM, local time, or ISO 8601")
    returned_at: str = ""
    missing_from: str = Field(description="home, care_placement, education or other")
    missing_from_address: str = ""
    found_location: str = ""
    area: str = ""
    risk_grade: str = Field(description="one of the partnership's police risk grades")
    circumstances: str = ""
    harm_indicators: str = Field("", description="semicolon-separated: injury; older_adults;"
                                 " out_of_area; drugs_or_cash; sexual_harm; arrested")
    reported_by: str = ""
    looked_after: str = "no"
    responsible_authority: str = ""


class BatchIn(Schema):
    notifications: list[NotificationIn] = Field(max_length=10000)


class RowError(Schema):
    row: int
    field: str
    reason: str


class ImportedOut(Schema):
    row: int
    episode_id: int
    police_reference: str


class BatchOut(Schema):
    import_id: int
    rows: int
    created: int
    updated: int
    unchanged: int
    queued: int
    fired: int
    errors: list[RowError]
    episodes: list[ImportedOut] = Field(description="The episode each row without errors "
                                        "created, updated or left unchanged")


class EpisodeOut(Schema):
    id: int
    child_id: int | None
    force: str
    police_reference: str
    reported_at: datetime
    returned_at: datetime | None
    missing_from: str
    risk_grade: str
    harm_indicators: list[str]
    version: int


@router.post("/missing/notifications", response={200: BatchOut},
             operation_id="macehub_api_missing_import_notifications")
@permission("missing.import")
def import_notifications(request: HttpRequest, payload: BatchIn) -> Status[BatchOut]:
    """Import police notifications. Idempotent on (force, police_reference); rows are
    numbered from 1; a row with errors changes nothing and is listed."""
    actor = actor_of(request)
    run = import_rows(actor=actor, via="api", first_row=1,
                      rows=[n.dict() for n in payload.notifications])
    refused = {e["row"] for e in run.errors}
    keys = {(n.force.strip(), n.police_reference.strip()) for n in payload.notifications}
    ids = dict(((e.force, e.police_reference), e.pk) for e in MissingEpisode.objects.for_actor(
        actor).filter(police_reference__in={k[1] for k in keys}))
    episodes = [ImportedOut(row=row, episode_id=ids[key], police_reference=key[1])
                for row, n in enumerate(payload.notifications, start=1)
                if row not in refused
                and (key := (n.force.strip(), n.police_reference.strip())) in ids]
    return Status(200, BatchOut(import_id=run.pk, rows=run.rows, created=run.created,
                                updated=run.updated, unchanged=run.unchanged,
                                queued=run.queued, fired=run.fired,
                                errors=[RowError(**e) for e in run.errors],
                                episodes=episodes))
