"""A meeting's papers as PDF through the API, as the papers page gives them: ask for a
document, read how its preparation is going, then download it (macehub.meetings.packs).
No `from __future__ import annotations` here: django-ninja reads the annotations at
import time."""

from datetime import datetime
from enum import StrEnum

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from macehub.api.core import actor_of, permission
from macehub.audit.services import audit_shown, with_child
from macehub.lib.marking import LEVEL
from macehub.lib.pdfcheck import UnmarkedPdf
from macehub.meetings import disclosure, packs
from macehub.meetings.api import papers
from macehub.meetings.models import Disclosure, Meeting, PaperPack
from macehub.meetings.queries import get_meeting_for

router = Router(tags=["meetings"])


class DocumentName(StrEnum):
    """The papers (Disclosure.Document's values)."""
    agenda = "agenda"
    minutes = "minutes"
    actions = "actions"


assert {d.value for d in DocumentName} == set(Disclosure.Document.values)


class PaperAsk(Schema):
    document: DocumentName = Field(description="agenda (the agenda pack), minutes or actions "
                                   "(the action log)")


class PaperChoice(Schema):
    document: DocumentName


class PaperPackOut(Schema):
    document: str
    document_label: str
    status: str = Field(description="queued, running, ready or failed")
    status_label: str
    requested_at: datetime
    finished_at: datetime | None
    expires_at: datetime = Field(description="After this the pack is deleted; ask again")
    pages: int
    problem: str = Field("", description="Why it could not be prepared")


def _out(pack: PaperPack) -> PaperPackOut:
    return PaperPackOut(
        document=pack.document, document_label=pack.get_document_display(),
        status=pack.status, status_label=pack.get_status_display(),
        requested_at=pack.requested_at, finished_at=pack.finished_at,
        expires_at=packs.expires_at(pack), pages=pack.pages, problem=pack.problem)


def _meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    actor = actor_of(request)
    meeting = papers(actor, get_meeting_for(actor, meeting_id))
    meeting.partnership = actor.partnership
    return meeting


@router.post("/meetings/{meeting_id}/papers", response={202: PaperPackOut},
             operation_id="macehub_meetings_papers_prepare")
@permission("meeting.view")
def prepare(request: HttpRequest, meeting_id: int, payload: PaperAsk) -> Status[PaperPackOut]:
    """Ask for one of the meeting's papers as PDF, prepared in the background with what
    the caller may see; an earlier pack of the same document is replaced."""
    meeting = _meeting(request, meeting_id)
    pack = packs.request_pack(actor=actor_of(request), meeting=meeting,
                              document=payload.document.value)
    return Status(202, _out(pack))


@router.get("/meetings/{meeting_id}/papers", response=list[PaperPackOut],
            operation_id="macehub_meetings_papers_list")
@permission("meeting.view")
def prepared(request: HttpRequest, meeting_id: int) -> list[PaperPackOut]:
    """The caller's packs of this meeting's papers that have not expired, as the papers
    page shows them."""
    actor, meeting = actor_of(request), _meeting(request, meeting_id)
    found = (packs.latest_pack(actor, meeting, value) for value in Disclosure.Document.values)
    return [_out(pack) for pack in found if pack is not None]


PDF = {"200": {"description": "The PDF, marked on every page",
               "content": {"application/pdf": {"schema": {"type": "string",
                                                          "format": "binary"}}}}}


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Protective-Marking"] = LEVEL
    return response


@router.get("/meetings/{meeting_id}/papers/pdf",
            response={200: None}, operation_id="macehub_meetings_papers_pdf",
            openapi_extra={"responses": PDF})
@permission("meeting.view")
def download(request: HttpRequest, meeting_id: int,
             query: Query[PaperChoice]) -> HttpResponse:
    """The caller's ready pack of the document; 404 when none is ready (ask for it first
    with POST /meetings/{meeting_id}/papers)."""
    actor, meeting = actor_of(request), _meeting(request, meeting_id)
    document = query.document.value
    content = packs.ready_content(actor, meeting, document)
    if content is None:
        raise Http404("No ready copy of this document: ask for it first.")
    audit_shown(action="meeting.papers", actor=actor, purpose=document, request=request,
                obj=meeting, records=[meeting, *with_child(
                    i.case for i in meeting.items.select_related("case") if i.case is not None)])
    return _pdf(content, f"meeting-{meeting.pk}-{document}.pdf")


@router.get("/meetings/{meeting_id}/disclosures/{disclosure_id}/pdf", response={200: None},
            openapi_extra={"responses": {**PDF, "503": {
                "description": "Not released: its marking could not be confirmed"}}})
@permission("disclosure.request")
def disclosure_pdf(request: HttpRequest, meeting_id: int, disclosure_id: int) -> HttpResponse:
    """The approved copy for its recipient, watermarked, as the papers page gives it: only
    to the person who asked, once the chair has approved it (403 otherwise)."""
    actor, meeting = actor_of(request), _meeting(request, meeting_id)
    found = disclosure.get_disclosure_for(actor, meeting, disclosure_id)
    found.meeting = meeting
    try:
        content = disclosure.disclosed_pdf(actor=actor, disclosure=found)
    except UnmarkedPdf:
        raise HttpError(503, "The document was not released: its protective marking could "
                        "not be confirmed on every page.") from None
    return _pdf(content, f"meeting-{meeting.pk}-{found.document}-disclosed-{found.pk}.pdf")
