"""The MACE tracker through the API, as the pages show it (Essex 000 §6.3): the list with
the pack's columns, its spreadsheet, and importing a tracker kept in a spreadsheet (upload,
map the columns, import). No `from __future__ import annotations`: django-ninja reads the
annotations at import time."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.api.core import actor_of, permission
from macehub.audit.services import audit_shown, with_child
from macehub.lib.api_paging import NEXT_DESCRIPTION, page_of
from macehub.lib.marking import LEVEL
from macehub.oversight import importing, tracker
from macehub.oversight.exports_tracker import tracker_xlsx
from macehub.oversight.models import TrackerImport

router = Router(tags=["MACE tracker"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class TrackerColumnOut(Schema):
    key: str
    heading: str


class TrackerRowOut(Schema):
    case_id: int
    case_reference: str
    cells: list[str] = Field(description="One per column, as people read them")


class TrackerPage(Schema):
    columns: list[TrackerColumnOut]
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list[TrackerRowOut]


def _filters(request: HttpRequest, status: str, risk: str, area_id: int | None,
             exploitation_type: str) -> tracker.Filters:
    actor = actor_of(request)
    if status not in tracker.STATUSES:
        raise ValidationError({"status": "Choose open, closed or all"})
    if risk and risk not in ("at_risk", "medium", "high"):
        raise ValidationError({"risk": "Choose at_risk, medium or high"})
    if exploitation_type and exploitation_type not in actor.partnership.policy.exploitation_types:
        raise ValidationError({"exploitation_type": "Choose a type of exploitation from the "
                                                    "partnership's policy pack"})
    if area_id is not None and not actor.partnership.areas.filter(pk=area_id).exists():
        raise ValidationError({"area_id": "Choose an area of this partnership"})
    return tracker.Filters(status=status, risk=risk, area_id=area_id,
                           exploitation_type=exploitation_type)


@router.get("/tracker", response=TrackerPage, operation_id="macehub_oversight_tracker")
@permission("tracker.view")
def read_tracker(request: HttpRequest, status: str = "open", risk: str = "",
                 area_id: int | None = None, exploitation_type: str = "", page: int = 1,
                 page_size: int = 25, cursor: str = "") -> object:
    """The cases open to MACE (status=closed or all for the others), oldest opened first,
    with the columns the partnership's pack lists. Every case and child shown is audited."""
    actor = actor_of(request)
    cases = tracker.tracker_cases(actor, _filters(request, status, risk, area_id,
                                                  exploitation_type))
    found = page_of(cases, page=page, page_size=page_size, cursor=cursor)
    audit_shown(action="tracker.view", actor=actor, records=with_child(found["items"]),
                purpose="MACE tracker (API)", request=request)
    found["items"] = [TrackerRowOut(case_id=case.pk, case_reference=case.reference,
                                    cells=cells)
                      for case, cells in tracker.rows(actor, found["items"])]
    found["columns"] = [TrackerColumnOut(key=k, heading=h) for k, h in tracker.columns(actor)]
    return found


@router.get("/tracker/xlsx", response={200: None}, operation_id="macehub_oversight_tracker_xlsx",
            openapi_extra={"responses": {"200": {
                "description": "The tracker as a spreadsheet, marked OFFICIAL-SENSITIVE",
                "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}}}}})
@permission("tracker.view")
def download_tracker(request: HttpRequest, status: str = "open", risk: str = "",
                     area_id: int | None = None, exploitation_type: str = "") -> HttpResponse:
    """The tracker as the page's spreadsheet: every case matching the filters."""
    actor = actor_of(request)
    filters = _filters(request, status, risk, area_id, exploitation_type)
    cases = list(tracker.tracker_cases(actor, filters))
    audit_shown(action="tracker.export", actor=actor, records=with_child(cases),
                purpose="MACE tracker XLSX export (API)", request=request)
    response = HttpResponse(tracker_xlsx(actor, cases, tracker.STATUSES[status]),
                            content_type=XLSX)
    response["Content-Disposition"] = \
        f'attachment; filename="mace-tracker-{status}-OFFICIAL-SENSITIVE.xlsx"'
    response["X-Protective-Marking"] = LEVEL
    return response


class ImportErrorOut(Schema):
    line: int
    field: str
    reason: str


class ImportOut(Schema):
    id: int
    status: str = Field(description="uploaded (waiting for its columns) or imported")
    uploaded_at: datetime
    imported_at: datetime | None
    headings: list[str]
    preview: list[list[str]] = Field(description="The first rows, as read")
    rows: int
    mapping: dict[str, str] = Field(description="Column number (from 0) → field")
    fields: dict[str, str] = Field(description="The fields a column can fill, with labels")
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    not_imported: int = 0
    errors: list[ImportErrorOut] = []
    version: int


class MappingIn(Schema):
    mapping: dict[str, str] = Field(description="Column number (from 0) → field; columns "
                                    "left out are not imported")


def _out(upload: TrackerImport) -> ImportOut:
    result = upload.result or {}
    return ImportOut(
        id=upload.pk, status=upload.status, uploaded_at=upload.uploaded_at,
        imported_at=upload.imported_at, headings=upload.headings,
        preview=[r["cells"] for r in upload.rows[:5]], rows=len(upload.rows),
        mapping=upload.mapping, fields=importing.FIELDS, version=upload.version,
        errors=[ImportErrorOut(**e) for e in result.get("errors", [])],
        **{k: result.get(k, 0) for k in ("created", "updated", "unchanged", "not_imported")})


UPLOAD_BODY = {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"], "properties": {"file": {
        "type": "string", "format": "binary",
        "description": "The tracker: an Excel workbook (.xlsx) or a CSV file"}}}}}}


@router.post("/tracker/imports", response={201: ImportOut},
             operation_id="macehub_oversight_tracker_upload",
             openapi_extra={"requestBody": UPLOAD_BODY})
@permission("tracker.import")
def upload_tracker(request: HttpRequest) -> Status[object]:
    """Upload a tracker (.xlsx, or CSV in UTF-8 or Windows-1252) as the multipart field
    `file`. Its columns are matched to fields from their headings; nothing is imported
    until the mapping is confirmed. A file with merged cells, formulas, another encoding or
    too many rows is refused (422) and changes nothing."""
    # Read here rather than as a parameter, so the permission is checked before the body.
    file = request.FILES.get("file")
    if file is None:
        raise ValidationError({"file": "Upload the tracker as the multipart field 'file'"})
    upload = importing.tracker_import_upload(actor=actor_of(request), name=file.name or "",
                                             data=file.read())
    return Status(201, _out(upload))


@router.get("/tracker/imports/{tracker_import_id}", response=ImportOut,
            operation_id="macehub_oversight_tracker_import")
@permission("tracker.import")
def read_import(request: HttpRequest, tracker_import_id: int) -> ImportOut:
    return _out(TrackerImport.objects.get_for(actor_of(request), tracker_import_id))


@router.post("/tracker/imports/{tracker_import_id}/import", response=ImportOut,
             operation_id="macehub_oversight_tracker_import_run")
@permission("tracker.import")
def run_import(request: HttpRequest, tracker_import_id: int, payload: MappingIn) -> ImportOut:
    """Import with this mapping: each bad row is listed and changes nothing; importing the
    same rows again changes nothing."""
    actor = actor_of(request)
    upload = TrackerImport.objects.get_for(actor, tracker_import_id)
    return _out(importing.tracker_import_run(actor=actor, upload=upload,
                                             mapping=payload.mapping))
