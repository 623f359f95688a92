"""Missing children through the API: the police notification batch import (the same
importer as the CSV page), a missing meeting's list and the oversight figures, as the
pages show them. No `from __future__ import annotations` here: django-ninja reads the
annotations at import time."""


from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.access.actor import Actor
from macehub.api.core import actor_of, permission
from macehub.api.paging import page_of
from macehub.audit.services import audit_record
from macehub.cases.intake import intake_caption, intake_cases
from macehub.missing.figures import missing_figures
from macehub.missing.forms import meeting_choices
from macehub.missing.importer import import_rows
from macehub.missing.models import MissingEpisode
from macehub.missing.queries import closed_list, list_is_open, meeting_list

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
                                episodes=episodes))


class ListedEpisodeOut(Schema):
    """A row of a missing meeting's list: what the list shows, not the episode record."""
    child: str = Field(description="The child's name (as notified, while not yet matched)")
    police_reference: str
    reported_at: datetime
    returned_at: datetime | None
    risk_grade: str
    looked_after: str
    responsible_authority: str

    @staticmethod
    def resolve_child(obj: MissingEpisode) -> str:
        if obj.child is not None:
            return str(obj.child)
        d = obj.child_details
        return f"{d.get('first_name', '')} {d.get('last_name', '')} (not yet matched)"

    @staticmethod
    def resolve_risk_grade(obj: MissingEpisode) -> str:
        return obj.get_risk_grade_display()

    @staticmethod
    def resolve_looked_after(obj: MissingEpisode) -> str:
        return obj.get_looked_after_display()  # type: ignore[attr-defined,no-any-return]


class ListedTriggerOut(Schema):
    child: str
    explanation: str
    source: str

    @staticmethod
    def resolve_child(obj: object) -> str:
        return str(obj.child)  # type: ignore[attr-defined]


class IntakeOut(Schema):
    child: str
    why: str
    source: str

    @staticmethod
    def resolve_child(obj: object) -> str:
        return str(obj.case.child)  # type: ignore[attr-defined]


class EpisodeSection(Schema):
    count: int = Field(description="How many in all: `items` is one page of them")
    items: list[ListedEpisodeOut]


class TriggerSection(Schema):
    count: int
    items: list[ListedTriggerOut]


class MeetingListOut(Schema):
    forum: str
    label: str
    start: datetime
    end: datetime
    page: int
    page_size: int
    still_missing: EpisodeSection = Field(description="Still missing at the period's end")
    returned: EpisodeSection = Field(description="Found or returned in the period")
    outstanding: EpisodeSection = Field(description="Return interviews outstanding")
    firings: TriggerSection = Field(description="Triggers fired in the period")
    intake_caption: str = Field(description="Whom the meeting also takes, in words")
    intake: list[IntakeOut] = Field(description="Open cases the meeting also takes (the "
                                    "pack's intake), those the caller reaches")


class FigureRow(Schema):
    label: str
    count: int


class FigureTable(Schema):
    title: str
    rows: list[FigureRow]


class FiguresOut(Schema):
    start: date
    end: date
    children: int
    episodes: int
    tables: list[FigureTable]


def _intake(actor: Actor, forum: str) -> dict[str, object]:
    """Whom the meeting also takes; none where the list belongs to no forum of the pack."""
    if forum not in actor.partnership.policy.forums:
        return {"intake_caption": "", "intake": []}
    return {"intake_caption": intake_caption(actor, forum),
            "intake": intake_cases(actor, forum)}


@router.get("/missing/lists", response=MeetingListOut)
@permission("missing.lists")
def read_meeting_list(request: HttpRequest, forum: str = "", on: date | None = None,
                      page: int = 1, page_size: int = 25) -> object:
    """A missing meeting's list for the period ending on `on` (today by default), as the
    page shows it: each section with its count, a page at a time (the same page of each).
    Panel members see the lists of meetings whose papers are still open."""
    actor = actor_of(request)
    choices = dict(meeting_choices(actor.partnership.policy))
    forum = forum or next(iter(choices))
    if forum not in choices:
        raise ValidationError({"forum": "Choose one of the partnership's missing meetings"})
    day = on or timezone.localdate()
    if not list_is_open(actor, day):
        raise ValidationError({"on": closed_list(actor)})
    listing = meeting_list(actor, forum, day)

    def section(rows: object, count: int | None = None) -> dict[str, object]:
        one = page_of(rows, page=page, page_size=page_size)  # type: ignore[arg-type]
        return {"count": one["count"] if count is None else count, "items": one["items"]}

    return {"forum": forum, "label": choices[forum], "start": listing.start,
            "end": listing.end, "page": page, "page_size": page_size,
            "still_missing": section(listing.open, listing.open_count),
            "returned": section(listing.returned, listing.returned_count),
            "outstanding": section(listing.outstanding), "firings": section(listing.firings),
            **_intake(actor, forum)}


@router.get("/missing/figures", response=FiguresOut)
@permission("missing.figures")
def read_figures(request: HttpRequest, start: date, end: date) -> FiguresOut:
    """The missing figures for a period, as the figures page shows them (counts only, no
    names). Audited with the number of episodes counted."""
    if end < start:
        raise ValidationError({"end": "The end comes after the start"})
    actor = actor_of(request)
    result = missing_figures(actor, start, end)
    audit_record(action="missing.figures", actor=actor, count=result.episodes)
    return FiguresOut(start=result.start, end=result.end, children=result.children,
                      episodes=result.episodes,
                      tables=[FigureTable(title=t.title, rows=[
                          FigureRow(label=label, count=count) for label, count in t.rows])
                          for t in result.tables])
