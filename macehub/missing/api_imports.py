"""Police notification imports in the background through the API, as the import page runs
them: queue a batch, then read its progress and result (the import page's status). No
`from __future__ import annotations` here: django-ninja reads the annotations at import
time."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.api.core import actor_of, permission
from macehub.missing.api import BatchIn, ProblemRow, RowError, problem_rows
from macehub.missing.importer import ImportTooLarge, import_queue
from macehub.missing.models import ImportRun
from macehub.missing.queries import get_import_for

router = Router(tags=["missing"])


class ImportStatusOut(Schema):
    import_id: int
    status: str = Field(description="queued, running, done or failed")
    status_label: str
    started_at: datetime
    finished_at: datetime | None
    rows: int = Field(description="Rows in the batch")
    handled: int = Field(description="Rows dealt with so far (imported, unchanged or "
                         "refused); equal to rows when done")
    created: int
    updated: int
    unchanged: int
    queued: int
    fired: int
    errors: list[RowError]
    problem_rows: list[ProblemRow] = Field(description="The errors one line per row, "
                                           "as the import page lists them")
    stopped: str = Field("", description="Why the import stopped without importing "
                         "anything, could not finish, or what the error list leaves off")


def _status(run: ImportRun) -> ImportStatusOut:
    return ImportStatusOut(
        import_id=run.pk, status=run.status, status_label=run.get_status_display(),
        started_at=run.started_at, finished_at=run.finished_at, rows=run.rows,
        handled=run.handled, created=run.created, updated=run.updated,
        unchanged=run.unchanged, queued=run.queued, fired=run.fired,
        errors=[RowError(**e) for e in run.errors],
        problem_rows=problem_rows(run.errors),
        stopped=run.stopped)


@router.post("/missing/imports", response={202: ImportStatusOut},
             operation_id="macehub_missing_import_queue")
@permission("missing.import")
def queue_import(request: HttpRequest, payload: BatchIn) -> Status[ImportStatusOut]:
    """Queue police notifications for the background import, as the import page does;
    rows are numbered from 1. Answers at once with the import's id: read its progress
    and result from GET /missing/imports/{import_id}."""
    try:
        run = import_queue(actor=actor_of(request), via="api", first_row=1,
                           rows=[n.dict() for n in payload.notifications])
    except ImportTooLarge as error:
        raise ValidationError({"notifications": str(error)}) from None
    run.refresh_from_db()
    return Status(202, _status(run))


@router.get("/missing/imports/{import_id}", response=ImportStatusOut,
            operation_id="macehub_missing_import_status")
@permission("missing.import")
def import_status(request: HttpRequest, import_id: int) -> ImportStatusOut:
    """An import's progress and result, as its page shows them."""
    return _status(get_import_for(actor_of(request), import_id))
