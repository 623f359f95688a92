"""Subject access through the API, as its page does it (SECURITY S19): read the redaction
preview of one child's records, then release the export (JSON or PDF) once the preview
has been read. Both go through the page's services, so each is audited against the
child. No `from __future__ import annotations` here: django-ninja reads the annotations
at import time."""

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema

from macehub.api.core import actor_of, permission
from macehub.lib.marking import LEVEL
from macehub.sar import services

router = Router(tags=["subject access"])


class SarIn(Schema):
    child_id: int = Field(description="The child's record number")
    extra_terms: list[str] = Field([], max_length=200, description="Other names to redact: "
                                   "third parties seen in the preview")


class ReleaseIn(SarIn):
    checked: bool = Field(description="True: the preview has been read and the redactions "
                          "are complete")


class NotFound(Schema):
    """The child named in the body is not there, or not of the caller's partnership: the
    same answer for both."""

    detail: str


class PreviewOut(Schema):
    child_id: int
    proposed: list[str] = Field(description="Third-party names found, to be redacted")
    redactions: int = Field(description="How many times a name was redacted")
    bundle: dict[str, Any] = Field(description="Everything held about the child, redacted")


@router.post("/subject-requests/preview", response={200: PreviewOut, 404: NotFound})
@permission("sar.export")
def preview(request: HttpRequest, payload: SarIn) -> PreviewOut:
    """The redacted export of one child's records, to read before releasing it; 404 for
    a child not of the caller's partnership."""
    found = services.sar_prepare(actor=actor_of(request), child_id=payload.child_id,
                                 extra_terms=payload.extra_terms)
    return PreviewOut(child_id=found.child.pk, proposed=found.proposed,
                      redactions=found.redactions, bundle=found.bundle)


def _released(request: HttpRequest, payload: ReleaseIn, kind: str) -> bytes:
    if not payload.checked:
        raise ValidationError({"checked": "Confirm that you have read the redactions"})
    actor = actor_of(request)
    found = services.sar_prepare(actor=actor, child_id=payload.child_id,
                                 extra_terms=payload.extra_terms)
    return services.sar_release(actor=actor, prepared=found, kind=kind)


@router.post("/subject-requests/release", response={200: dict[str, Any], 404: NotFound})
@permission("sar.export")
def release(request: HttpRequest, payload: ReleaseIn) -> dict[str, Any]:
    """The export as released (machine-readable), with the same redactions as its
    preview. Refused (422) until `checked` says the preview has been read."""
    released: dict[str, Any] = json.loads(_released(request, payload, "json"))
    return released


@router.post("/subject-requests/release/pdf", response={200: None, 404: NotFound},
             openapi_extra={"responses": {"200": {
                 "description": "The export as PDF, marked on every page",
                 "content": {"application/pdf": {"schema": {"type": "string",
                                                            "format": "binary"}}}}}})
@permission("sar.export")
def release_pdf(request: HttpRequest, payload: ReleaseIn) -> HttpResponse:
    """The same export as PDF, marked on every page."""
    response = HttpResponse(_released(request, payload, "pdf"), content_type="application/pdf")
    name = f"subject-access-{payload.child_id}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Protective-Marking"] = LEVEL
    return response
