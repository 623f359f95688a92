"""Chairs' and board reports through the API, through the same services as the pages:
list and generate, read (figures as the caller sees them), write the narrative (409 when
stale), sign off, make a new version, and the PDF and spreadsheet. No `from __future__
import annotations`: django-ninja reads the annotations at import time."""

from datetime import date, datetime

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.api.core import actor_of, permission
from macehub.audit.services import audit_record
from macehub.lib.api_paging import NEXT_DESCRIPTION, page_of
from macehub.lib.marking import LEVEL
from macehub.oversight import services_report as services
from macehub.oversight.models import Report
from macehub.oversight.report_outputs import file_name, report_pdf, report_xlsx
from macehub.oversight.views import XLSX

router = Router(tags=["reports"])


class ReportOut(Schema):
    id: int
    kind: str = Field(description="A report key of the partnership's policy pack")
    title: str
    period_start: date
    period_end: date
    version_number: int = Field(alias="revision", description="1, then 2… for corrections")
    corrects_id: int | None = Field(description="The version this one corrects")
    external: bool = Field(description="Circulates beyond the partnership")
    status: str = Field(description="draft or signed_off")
    generated_at: datetime
    signed_off_at: datetime | None
    version: int = Field(description="For the next change: a stale one answers 409")


class ReportPage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list[ReportOut]


class Row(Schema):
    label: str
    count: int | None = Field(description="None where suppressed as a small number")


class TableOut(Schema):
    title: str
    rows: list[Row]


class Section(Schema):
    title: str
    text: str


class ReportDetail(ReportOut):
    counts_hidden_below: int | None = Field(description="Counts from 1 below this are None "
                                            "(with any that would give one away); None when "
                                            "nothing is suppressed for the caller")
    tables: list[TableOut] = Field(description="The figures as counted at generation")
    narrative: list[Section]


class GenerateIn(Schema):
    kind: str = Field(max_length=50)
    start: date
    end: date


class NarrativeIn(Schema):
    version: int
    texts: list[str] = Field(description="One text per section of the report, in order")


class VersionIn(Schema):
    version: int


def _detail(request: HttpRequest, report: Report) -> Report:
    """The report with its figures as the caller sees them."""
    actor = actor_of(request)
    report.counts_hidden_below = (  # type: ignore[attr-defined]
        report.suppressed_below if services.is_suppressed(actor, report) else None)
    report.tables = [  # type: ignore[attr-defined]
        {"title": t.title, "rows": [{"label": label, "count": n} for label, n in t.rows]}
        for t in services.shown_tables(actor, report)]
    return report


@router.get("/reports", response=ReportPage, operation_id="macehub_oversight_reports")
@permission("report.view")
def list_reports(request: HttpRequest, page: int = 1, page_size: int = 25,
                 cursor: str = "") -> object:
    return page_of(Report.objects.for_actor(actor_of(request)), page=page,
                   page_size=page_size, cursor=cursor)


@router.post("/reports", response={201: ReportDetail},
             operation_id="macehub_oversight_report_generate")
@permission("report.write")
def generate(request: HttpRequest, payload: GenerateIn) -> object:
    """Generate a report of a kind for a period: its figures are counted now and kept."""
    report = services.report_generate(actor=actor_of(request), kind=payload.kind,
                                      start=payload.start, end=payload.end)
    return Status(201, _detail(request, report))


@router.get("/reports/{report_id}", response=ReportDetail,
            operation_id="macehub_oversight_report")
@permission("report.view")
def read_report(request: HttpRequest, report_id: int) -> object:
    actor = actor_of(request)
    report = Report.objects.get_for(actor, report_id)
    audit_record(action="report.view", actor=actor, obj=report, request=request)
    return _detail(request, report)


@router.patch("/reports/{report_id}/narrative", response=ReportDetail,
              operation_id="macehub_oversight_report_narrate")
@permission("report.write")
def narrate(request: HttpRequest, report_id: int, payload: NarrativeIn) -> object:
    """Write a draft's narrative; a stale version answers 409, a signed-off report 422."""
    actor = actor_of(request)
    report = services.report_narrate(actor=actor, report=Report.objects.get_for(actor, report_id),
                                     version=payload.version, texts=payload.texts)
    return _detail(request, report)


@router.post("/reports/{report_id}/sign-off", response=ReportDetail,
             operation_id="macehub_oversight_report_sign_off")
@permission("report.write")
def sign_off(request: HttpRequest, report_id: int, payload: VersionIn) -> object:
    """Sign the report off: from then on it is never changed."""
    actor = actor_of(request)
    report = services.report_sign_off(actor=actor,
                                      report=Report.objects.get_for(actor, report_id),
                                      version=payload.version)
    return _detail(request, report)


@router.post("/reports/{report_id}/versions", response={201: ReportDetail},
             operation_id="macehub_oversight_report_new_version")
@permission("report.write")
def new_version(request: HttpRequest, report_id: int) -> object:
    """Correct a signed-off report: a new draft version with its narrative copied."""
    actor = actor_of(request)
    report = services.report_new_version(actor=actor,
                                         report=Report.objects.get_for(actor, report_id))
    return Status(201, _detail(request, report))


def _file(request: HttpRequest, report_id: int, kind: str) -> HttpResponse:
    actor = actor_of(request)
    report = Report.objects.get_for(actor, report_id)
    body, content_type = ((report_pdf(actor, report), "application/pdf") if kind == "pdf"
                          else (report_xlsx(actor, report), XLSX))
    audit_record(action="report.export", actor=actor, obj=report, request=request,
                 purpose=f"{kind.upper()} download (API)")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name(report, kind)}"'
    response["X-Protective-Marking"] = LEVEL
    return response


def _binary(description: str, content_type: str) -> dict[str, object]:
    return {"responses": {"200": {"description": description, "content": {
        content_type: {"schema": {"type": "string", "format": "binary"}}}}}}


@router.get("/reports/{report_id}/pdf", response={200: None},
            operation_id="macehub_oversight_report_pdf",
            openapi_extra=_binary("The report as PDF, marked OFFICIAL-SENSITIVE on every page",
                                  "application/pdf"))
@permission("report.view")
def download_pdf(request: HttpRequest, report_id: int) -> HttpResponse:
    return _file(request, report_id, "pdf")


@router.get("/reports/{report_id}/xlsx", response={200: None},
            operation_id="macehub_oversight_report_xlsx",
            openapi_extra=_binary("The report as a spreadsheet, marked OFFICIAL-SENSITIVE",
                                  XLSX))
@permission("report.view")
def download_xlsx(request: HttpRequest, report_id: int) -> HttpResponse:
    return _file(request, report_id, "xlsx")
