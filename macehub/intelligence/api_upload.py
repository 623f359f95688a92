"""Uploading a batch of intelligence records and links from another system, each row with
the system's reference (macehub.intelligence.upload). No `from __future__ import
annotations` here: django-ninja reads the annotations at import time."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from macehub.api.core import actor_of, permission
from macehub.intelligence import api_schemas as s
from macehub.intelligence.upload import MAX_ROWS, upload_batch

router = Router(tags=["intelligence"])


class EntityRow(Schema):
    ref: str = Field(max_length=100, description="The sending system's reference for the "
                     "record: sent again, the row creates nothing new")
    kind: str = Field(description="person, vehicle, phone, account, location or group")
    fields: dict[str, Any] = Field(description="The record's fields, as creating one of its "
                                   "kind takes them (POST /intelligence/people, …)")


class LinkRow(s.Grade):
    ref: str = Field(max_length=100, description="The sending system's reference for the "
                     "link")
    a_ref: str = Field("", description="One end: the reference of a record from the same "
                       "source (this batch's or an earlier one's) …")
    a_kind: str = Field("", description="… or its kind (" + s.CODES["end"] + ") and id")
    a_id: int | None = None
    b_ref: str = Field("", description="The other end, the same way")
    b_kind: str = ""
    b_id: int | None = None


class UploadIn(Schema):
    source: str = Field(max_length=100, description="The sending system's name: references "
                        "are its own, kept per partnership")
    entities: list[EntityRow] = Field([], max_length=MAX_ROWS)
    links: list[LinkRow] = Field([], max_length=MAX_ROWS)


class RowOut(Schema):
    section: str = Field(description="entities or links")
    row: int = Field(description="The row's place in its list, from 1")
    ref: str
    outcome: str = Field(description="created, existing (sent before: nothing changed) or "
                         "refused (see errors; nothing of the row was saved)")
    kind: str = Field(description="The kind of record, or link")
    record_id: int | None


class UploadError(Schema):
    section: str
    row: int
    ref: str
    field: str = Field(description="The field with the problem; empty for the whole row")
    reason: str


class UploadOut(Schema):
    created: int
    existing: int
    refused: int
    rows: list[RowOut]
    errors: list[UploadError]


@router.post("/intelligence/uploads", response={200: UploadOut},
             operation_id="macehub_intelligence_upload")
@permission("intelligence.manage")
def upload(request: HttpRequest, payload: UploadIn) -> Any:
    """Upload records and the links between them. Idempotent on (source, ref): a row sent
    before is `existing` and changes nothing. Each row is checked as its single create
    is; a row with a problem changes nothing and is listed in `errors` with its field,
    and the other rows go in. A link's end in another partnership is not found."""
    result = upload_batch(
        actor=actor_of(request), source=payload.source, via="api",
        entities=[r.dict() for r in payload.entities],
        links=[r.dict(exclude_unset=True) for r in payload.links])
    return UploadOut(created=result.count("created"), existing=result.count("existing"),
                     refused=result.count("refused"),
                     rows=[RowOut(section=r.section, row=r.row, ref=r.ref, outcome=r.outcome,
                                  kind=r.kind, record_id=r.record_id) for r in result.rows],
                     errors=[UploadError(**e) for e in result.errors])


__all__ = ["router"]
