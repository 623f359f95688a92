"""The changes feed through the API (audit/feed.py): a partner system asks for what
changed since its cursor, reads each changed record at its address, and keeps the cursor
for next time. No `from __future__ import annotations` here: django-ninja reads the
annotations at import time."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema

from macehub.api.core import actor_of, permission
from macehub.audit.actions import ACTIONS
from macehub.audit.feed import changes
from macehub.audit.services import audit_record

router = Router(tags=["changes"])
CURSOR_REFUSED = "Send the cursor a previous answer gave as next, or 0 to start."


class ChangeOut(Schema):
    at: datetime = Field(description="When the change was made")
    type: str = Field(description="The record's type: child, concern, case, meeting, …")
    id: str = Field(description="The record's id")
    change: str = Field(description="What was done, as a code (e.g. case.change)")
    change_label: str = Field(description="What was done, in words")
    removed: bool = Field(description="The record was deleted under the retention schedule")
    url: str | None = Field(description="Where to read the record as it is now")


class ChangesOut(Schema):
    items: list[ChangeOut]
    next: str = Field(description="Send as `since` to ask for what changed after these. "
                      "It moves on even when nothing you may see changed.")


@router.get("/changes", response=ChangesOut, operation_id="macehub_audit_changes")
@permission("changes.read")
def list_changes(request: HttpRequest, since: str = "0", limit: int = 100) -> object:
    """What changed in the partnership after `since`, oldest first: each change names the
    record and where to read it. Only records you may see now are listed; read each at its
    `url` for its current state. Changes show after a short settling delay (10 seconds)."""
    if not since.isascii() or not since.isdigit() or len(since) > 18:
        raise ValidationError({"since": CURSOR_REFUSED})
    if not 1 <= limit <= 500:
        raise ValidationError({"limit": "Ask for between 1 and 500 changes at a time."})
    actor = actor_of(request)
    found, cursor = changes(actor, int(since), limit)
    audit_record(action="changes.read", actor=actor, purpose="changes feed", count=len(found),
                 request=request)
    return {"next": str(cursor), "items": [ChangeOut(
        at=c.at, type=c.kind, id=c.id, change=c.change, change_label=ACTIONS[c.change],
        removed=c.removed, url=c.url) for c in found]}
