"""A meeting's agenda through the API: build it from what is due, add, move and drop
items, publish it, and read it. The same services and permissions as the agenda page.
No `from __future__ import annotations` here: django-ninja reads the annotations at
import time."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.api.core import actor_of, permission
from macehub.meetings import services
from macehub.meetings.api import papers
from macehub.meetings.api_schemas import (
    ConditionOut,
    ItemOut,
    PublishedOut,
    PublishIn,
    VersionIn,
)
from macehub.meetings.conditions import questions
from macehub.meetings.models import AgendaItem, Meeting
from macehub.meetings.queries import get_meeting_for

router = Router(tags=["meetings"])


class ItemIn(Schema):
    title: str = Field(max_length=300)
    kind: str = Field(description="The kind of item (for example 'other' or 'theme')")
    minutes: int | None = Field(None, ge=1, le=480)
    position: int | None = Field(None, ge=1, description="The item's number on the agenda: "
                                 "the items from there move down; the end when not given. "
                                 "Every item's start time is recalculated")
    version: int = Field(description="The meeting's version you last read")


class MoveIn(Schema):
    up: bool = Field(description="true moves the item up one place; false down")
    version: int


def _item(meeting: Meeting, item_id: int) -> AgendaItem:
    item = meeting.items.filter(pk=item_id).first()
    if item is None:
        raise ValidationError({"item": "That item is not on this agenda."})
    return item


@router.post("/meetings/{meeting_id}/agenda/build", response=list[ItemOut],
             operation_id="macehub_api_meetings_build_agenda")
@permission("meeting.manage")
def build_agenda(request: HttpRequest, meeting_id: int, payload: VersionIn) -> object:
    """Add the suggested items (nominations, reviews due, escalated cases, the previous
    action log) that are not on the agenda yet; returns the items added."""
    actor = actor_of(request)
    meeting = get_meeting_for(actor, meeting_id)
    return services.agenda_build(actor=actor, meeting=meeting, version=payload.version)


@router.get("/meetings/{meeting_id}/agenda", response=list[ItemOut],
             operation_id="macehub_api_meetings_read_agenda")
@permission("meeting.view")
def read_agenda(request: HttpRequest, meeting_id: int) -> object:
    actor = actor_of(request)
    meeting = papers(actor, get_meeting_for(actor, meeting_id))
    return list(meeting.items.filter(removed_at__isnull=True))


@router.post("/meetings/{meeting_id}/agenda/publish", response=PublishedOut,
             operation_id="macehub_api_meetings_publish_agenda")
@permission("meeting.manage")
def publish_agenda(request: HttpRequest, meeting_id: int, payload: PublishIn) -> object:
    """Publish the agenda; invitations go to the pack's panel, the chair and key workers.
    A panel invited only on a condition the records cannot answer needs a yes or no in
    `conditions`, per case or for the whole meeting."""
    actor = actor_of(request)
    meeting = get_meeting_for(actor, meeting_id)
    answers = {(c.panel, c.case_id): c.answer for c in payload.conditions}
    invited = services.agenda_publish(actor=actor, meeting=meeting, version=payload.version,
                                      conditions=answers)
    meeting.refresh_from_db()
    return {"meeting": meeting, "invited": invited}


@router.get("/meetings/{meeting_id}/agenda/conditions", response=list[ConditionOut],
            operation_id="macehub_api_meetings_list_publish_conditions")
@permission("meeting.manage")
def list_publish_conditions(request: HttpRequest, meeting_id: int) -> list[ConditionOut]:
    """The questions publishing asks: each panel invited only on a condition, for each
    case on the agenda it would apply to (Essex MACE 1: 'if child known to service')."""
    meeting = get_meeting_for(actor_of(request), meeting_id)
    return [ConditionOut(panel=q.panel, label=q.label, condition=q.condition, source=q.source,
                         case_id=q.case_id, item_id=q.item.pk, question=q.text)
            for q in questions(meeting)]


@router.post("/meetings/{meeting_id}/agenda/items", response={201: ItemOut})
@permission("meeting.manage")
def add_agenda_item(request: HttpRequest, meeting_id: int, payload: ItemIn) -> Status[object]:
    actor = actor_of(request)
    meeting = get_meeting_for(actor, meeting_id)
    return Status(201, services.agenda_item_add(actor=actor, meeting=meeting, **payload.dict()))


@router.post("/meetings/{meeting_id}/agenda/items/{item_id}/move", response=list[ItemOut])
@permission("meeting.manage")
def move_agenda_item(request: HttpRequest, meeting_id: int, item_id: int,
                     payload: MoveIn) -> object:
    """Move an item up or down one place; returns the agenda in its new order."""
    actor = actor_of(request)
    meeting = get_meeting_for(actor, meeting_id)
    services.agenda_item_move(actor=actor, meeting=meeting, item=_item(meeting, item_id),
                              up=payload.up, version=payload.version)
    return list(meeting.items.filter(removed_at__isnull=True))


@router.post("/meetings/{meeting_id}/agenda/items/{item_id}/drop", response=list[ItemOut])
@permission("meeting.manage")
def drop_agenda_item(request: HttpRequest, meeting_id: int, item_id: int,
                     payload: VersionIn) -> object:
    """Take an item off the agenda before the meeting; returns the agenda."""
    actor = actor_of(request)
    meeting = get_meeting_for(actor, meeting_id)
    services.agenda_item_drop(actor=actor, meeting=meeting, item=_item(meeting, item_id),
                              version=payload.version)
    return list(meeting.items.filter(removed_at__isnull=True))
