"""A missing meeting's list through the API, as the missing meetings page shows it: for the
forum's period ending on a day, the episodes still open, those found or returned in it,
the return interviews outstanding and the triggers fired. Every part is paged with its
count; nothing is cut. No `from __future__ import annotations` here: django-ninja reads
the annotations at import time."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from macehub.api.core import actor_of, permission
from macehub.api.paging import page_of
from macehub.missing.api_episodes import EpisodePage, FiringPage
from macehub.missing.forms import meeting_choices
from macehub.missing.queries import meeting_list

router = Router(tags=["missing"])


class MeetingListOut(Schema):
    forum: str
    start: datetime
    end: datetime
    total: int
    open: EpisodePage
    returned: EpisodePage
    outstanding: EpisodePage
    firings: FiringPage


@router.get("/missing/meeting-list", response=MeetingListOut)
@permission("missing.lists")
def read_meeting_list(request: HttpRequest, forum: str = "", on: date | None = None,
                      page: int = 1, page_size: int = 25) -> MeetingListOut:
    """`forum` is one of the pack's missing meetings (the first when omitted); `on` the
    period's last day (today when omitted). `page` and `page_size` page every part.
    Audited as the page is, with the number of episodes."""
    actor = actor_of(request)
    choices = [key for key, _ in meeting_choices(actor.partnership.policy)]
    forum = forum or choices[0]
    if forum not in choices:
        raise ValidationError({"forum": "Choose one of the partnership's missing meetings"})
    listing = meeting_list(actor, forum, on or timezone.localdate())
    return MeetingListOut(
        forum=listing.forum, start=listing.start, end=listing.end, total=listing.total,
        open=EpisodePage(**page_of(listing.open, page=page, page_size=page_size)),
        returned=EpisodePage(**page_of(listing.returned, page=page, page_size=page_size)),
        outstanding=EpisodePage(**page_of(listing.outstanding, page=page,
                                          page_size=page_size)),
        firings=FiringPage(**page_of(listing.firings, page=page, page_size=page_size)))
