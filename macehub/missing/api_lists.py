"""A missing meeting's list through the API, as the missing meetings page shows it: for the
forum's period ending on a day, the episodes still open, those found or returned in it,
the return interviews outstanding, the triggers fired and the cases the forum also takes.
Every part is paged with its count; nothing is cut. Each row holds what the list shows,
never the episode's record: panel members read the list (macehub/missing/reach.py). No
`from __future__ import annotations` here: django-ninja reads the annotations at import
time."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from macehub.access.actor import Actor
from macehub.api.core import actor_of, permission
from macehub.cases.intake import intake_caption, intake_cases
from macehub.lib.api_paging import page_of
from macehub.missing.forms import meeting_choices
from macehub.missing.models import MissingEpisode
from macehub.missing.queries import closed_list, list_is_open, meeting_list

router = Router(tags=["missing"])


class ListedEpisodeOut(Schema):
    """A row of a missing meeting's list: what the list shows, not the episode record."""
    id: int
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
    fired_at: datetime

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


class EpisodeRows(Schema):
    count: int = Field(description="How many in all: `items` is one page of them")
    page: int
    page_size: int
    items: list[ListedEpisodeOut]


class TriggerRows(Schema):
    count: int
    page: int
    page_size: int
    items: list[ListedTriggerOut]


class MeetingListOut(Schema):
    forum: str
    label: str
    start: datetime
    end: datetime
    total: int
    open: EpisodeRows = Field(description="Still missing at the period's end")
    returned: EpisodeRows = Field(description="Found or returned in the period")
    outstanding: EpisodeRows = Field(description="Return interviews outstanding")
    firings: TriggerRows = Field(description="Triggers fired in the period")
    intake_caption: str = Field(description="Whom the meeting also takes, in words")
    intake: list[IntakeOut] = Field(description="Open cases the meeting also takes (the "
                                    "pack's intake), those the caller reaches")


def _intake(actor: Actor, forum: str) -> dict[str, object]:
    """Whom the meeting also takes; none where the list belongs to no forum of the pack."""
    if forum not in actor.partnership.policy.forums:
        return {"intake_caption": "", "intake": []}
    return {"intake_caption": intake_caption(actor, forum),
            "intake": intake_cases(actor, forum)}


@router.get("/missing/meeting-list", response=MeetingListOut)
@permission("missing.lists")
def read_meeting_list(request: HttpRequest, forum: str = "", on: date | None = None,
                      page: int = 1, page_size: int = 25) -> object:
    """`forum` is one of the pack's missing meetings (the first when omitted); `on` the
    period's last day (today when omitted). `page` and `page_size` page every part.
    Panel members see the lists of meetings whose papers are still open. Audited as the
    page is, with the number of episodes."""
    actor = actor_of(request)
    choices = dict(meeting_choices(actor.partnership.policy))
    forum = forum or next(iter(choices))
    if forum not in choices:
        raise ValidationError({"forum": "Choose one of the partnership's missing meetings"})
    day = on or timezone.localdate()
    if not list_is_open(actor, day):
        raise ValidationError({"on": closed_list(actor)})
    listing = meeting_list(actor, forum, day)
    return {"forum": forum, "label": choices[forum], "start": listing.start,
            "end": listing.end, "total": listing.total,
            "open": page_of(listing.open, page=page, page_size=page_size),
            "returned": page_of(listing.returned, page=page, page_size=page_size),
            "outstanding": page_of(listing.outstanding, page=page, page_size=page_size),
            "firings": page_of(listing.firings, page=page, page_size=page_size),
            **_intake(actor, forum)}
