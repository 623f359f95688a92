"""Missing children through the API: the police notification batch import (the same
importer as the CSV page) and the oversight figures, as the page shows them. No `from
__future__ import annotations` here: django-ninja reads the annotations at import time."""


from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.api.core import actor_of, permission
from macehub.audit.services import audit_record
from macehub.missing.figures import missing_figures
from macehub.missing.importer import ImportTooLarge, halted, import_rows, rows_with_problems
from macehub.missing.models import MissingEpisode

router = Router(tags=["missing"])


class NotificationIn(Schema):
    force: str = Field(max_length=100)
    police_reference: str = Field(max_length=50)
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    date_of_birth: str = Field(description="YYYY-MM-DD, or empty when not known")
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


class ProblemRow(Schema):
    row: int = Field(description="The row as numbered in the file or batch; 1 with no "
                     "columns is the file's first line")
    fields: list[str] = Field(description="The columns with a problem")
    reasons: list[str] = Field(description="Every problem of the row, as 'column: reason'")


def problem_rows(errors: list[dict[str, Any]]) -> list[ProblemRow]:
    return [ProblemRow(row=r["row"], fields=r["fields"], reasons=r["reasons"])
            for r in rows_with_problems(errors)]


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
    problem_rows: list[ProblemRow] = Field(description="The errors one line per row, "
                                           "as the import page lists them")
    stopped: str = Field("", description="Why the import stopped without importing "
                         "anything, or what the error list leaves off; empty otherwise")
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
    try:
        run = import_rows(actor=actor, via="api", first_row=1,
                          rows=[n.dict() for n in payload.notifications])
    except ImportTooLarge as error:
        raise ValidationError({"notifications": str(error)}) from None
    refused = {e["row"] for e in run.errors}
    keys = {(n.force.strip(), n.police_reference.strip()) for n in payload.notifications}
    ids = dict(((e.force, e.police_reference), e.pk) for e in MissingEpisode.objects
               .for_actor(actor).filter(police_reference__in={k[1] for k in keys}))
    episodes = [ImportedOut(row=row, episode_id=ids[key], police_reference=key[1])
                for row, n in enumerate(payload.notifications, start=1)
                if row not in refused
                and (key := (n.force.strip(), n.police_reference.strip())) in ids]
    return Status(200, BatchOut(import_id=run.pk, rows=run.rows, created=run.created,
                                updated=run.updated, unchanged=run.unchanged,
                                queued=run.queued, fired=run.fired,
                                errors=[RowError(**e) for e in run.errors],
                                problem_rows=problem_rows(run.errors),
                                stopped=run.stopped,
                                episodes=[] if halted(run) else episodes))


class FigureRow(Schema):
    label: str
    # None where the count is a small number suppressed (SECURITY S20): `suppressed` says so.
    count: int | None
    suppressed: bool = False


class FigureTable(Schema):
    title: str
    rows: list[FigureRow]


class FiguresOut(Schema):
    start: date
    end: date
    children: int | None
    episodes: int | None
    tables: list[FigureTable]
    # Counts from 1 to one less than this are suppressed (None); 0 when none are.
    suppressed_below: int = 0


@router.get("/missing/figures", response=FiguresOut)
@permission("missing.figures")
def read_figures(request: HttpRequest, start: date, end: date) -> FiguresOut:
    """The missing figures for a period, as the figures page shows them (counts only, no
    names). Audited with the number of episodes counted."""
    if end < start:
        raise ValidationError({"end": "The end comes after the start"})
    actor = actor_of(request)
    result = missing_figures(actor, start, end)
    audit_record(action="missing.figures", actor=actor, count=result.counted)
    return FiguresOut(start=result.start, end=result.end, children=result.children,
                      episodes=result.episodes,
                      tables=[FigureTable(title=t.title, rows=[
                          FigureRow(label=label, count=count, suppressed=count is None)
                          for label, count in t.rows])
                          for t in result.tables],
                      suppressed_below=result.suppressed_below)
