"""Missing episodes through the API, one operation per page action: the episode list,
recording an episode for a child, changing one, matching a queued notification to a
child, and the triggers to triage. The same services, fetch-and-authorise helpers and
permissions as the pages. No `from __future__ import annotations` here: django-ninja
reads the annotations at import time."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.access.actor import Actor
from macehub.api.core import actor_of, permission
from macehub.lib.api_paging import NEXT_DESCRIPTION, page_of
from macehub.lib.listing import api_filters, ordered
from macehub.missing import services
from macehub.missing.api import EpisodeOut
from macehub.missing.episode_list import EPISODE_SORTS, EpisodeFilterForm, episode_list
from macehub.missing.models import TriggerFiring
from macehub.missing.queries import get_episode_for, get_firing_for
from macehub.people.models import Child
from macehub.people.queries import get_child_for

router = Router(tags=["missing"])


class EpisodePage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list[EpisodeOut]


class EpisodeIn(Schema):
    force: str = Field(max_length=100)
    police_reference: str = Field(max_length=50)
    reported_at: datetime
    returned_at: datetime | None = None
    missing_from: str = Field(description="home, care_placement, education or other")
    missing_from_address: str = Field("", max_length=300)
    found_location: str = Field("", max_length=300)
    area_id: int | None = None
    risk_grade: str = Field(description="one of the partnership's police risk grades")
    circumstances: str = Field("", max_length=10000)
    harm_indicators: list[str] = []
    reported_by: str = Field("", max_length=200)
    looked_after: str = "no"
    responsible_authority: str = Field("", max_length=200)


class EpisodeChangeIn(EpisodeIn):
    version: int = Field(description="The episode's version you last read")


class MatchIn(Schema):
    child_id: int | None = Field(None, description="The matching child; omit with "
                                 "confirm_new=true for a new child")
    confirm_new: bool = False


class FiringOut(Schema):
    id: int
    child_id: int
    rule_key: str
    anchor_id: int | None
    episode_ids: list[int]
    action: str
    forum: str
    set_risk: str
    explanation: str
    source: str
    fired_at: datetime
    case_id: int | None
    status: str


class FiringPage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list[FiringOut]


class HandleIn(Schema):
    note: str = Field(max_length=5000, description="What was done or decided")


def _fields(actor: Actor, payload: EpisodeIn) -> dict[str, object]:
    data = payload.dict()
    area_id = data.pop("area_id")
    area = None
    if area_id is not None:
        area = actor.partnership.areas.filter(pk=area_id).first()
        if area is None:
            raise ValidationError({"area_id": "Select an area"})
    return {**data, "area": area}


@router.get("/missing/episodes", response=EpisodePage)
@permission("missing.view")
def list_episodes(request: HttpRequest, child_id: int | None = None,
                  still_missing: bool = False, unmatched: bool = False, show: str = "",
                  area_id: int | None = None, reference: str = "", sort: str = "-reported",
                  page: int = 1, page_size: int = 25, cursor: str = "") -> object:
    """Episodes, latest reported first, as the missing page lists them, with its filters:
    `show` (still_missing, returned or unmatched), area, part of a police reference; also
    by child, and `still_missing`/`unmatched` as flags. Sort keys: reported, returned,
    child, area (a leading "-" reverses)."""
    actor = actor_of(request)
    filters = api_filters(EpisodeFilterForm(
        {"show": show, "area": area_id or "", "reference": reference}, actor=actor))
    episodes = episode_list(actor, filters)
    if child_id is not None:
        episodes = episodes.filter(child_id=child_id)
    if still_missing:
        episodes = episodes.filter(returned_at__isnull=True)
    if unmatched:
        episodes = episodes.filter(child__isnull=True)
    return page_of(ordered(episodes, EPISODE_SORTS, sort), page=page, page_size=page_size,
                   cursor=cursor)


@router.post("/missing/children/{child_id}/episodes", response={201: EpisodeOut})
@permission("missing.record")
def record_episode(request: HttpRequest, child_id: int, payload: EpisodeIn) -> Status[object]:
    actor = actor_of(request)
    child = get_child_for(actor, child_id, purpose="record missing episode")
    return Status(201, services.episode_record(actor=actor, child=child, via="api",
                                               **_fields(actor, payload)))


@router.get("/missing/episodes/{episode_id}", response=EpisodeOut,
            operation_id="macehub_api_missing_read_episode")
@permission("missing.view")
def read_episode(request: HttpRequest, episode_id: int) -> object:
    return get_episode_for(actor_of(request), episode_id)


@router.put("/missing/episodes/{episode_id}", response=EpisodeOut)
@permission("missing.record")
def update_episode(request: HttpRequest, episode_id: int, payload: EpisodeChangeIn) -> object:
    actor = actor_of(request)
    episode = get_episode_for(actor, episode_id, purpose="change")
    fields = _fields(actor, payload)
    fields.pop("version")
    return services.episode_update(actor=actor, episode=episode, version=payload.version,
                                   via="api", **fields)


@router.post("/missing/episodes/{episode_id}/match", response=EpisodeOut)
@permission("missing.record")
def match_episode(request: HttpRequest, episode_id: int, payload: MatchIn) -> object:
    """Link a queued notification to the child chosen, or to a new record once the caller
    confirms it is a new child (likely matches answer 422 with the reason)."""
    actor = actor_of(request)
    episode = get_episode_for(actor, episode_id, purpose="match")
    child = None
    if payload.child_id is not None:
        child = Child.objects.for_actor(actor).filter(pk=payload.child_id).first()
        if child is None:
            raise ValidationError({"child_id": "There is no child with that record number."})
    services.episode_match(actor=actor, episode=episode, child=child,
                           confirm_new=payload.confirm_new)
    episode.refresh_from_db()
    return episode


@router.get("/missing/triggers", response=FiringPage)
@permission("missing.view")
def list_triggers(request: HttpRequest, status: str = "open", page: int = 1,
                  page_size: int = 25, cursor: str = "") -> object:
    """The triggers fired by the pack's missing rules, each with its rule and source."""
    actor = actor_of(request)
    firings = TriggerFiring.objects.for_actor(actor).filter(status=status)
    return page_of(firings.order_by("fired_at", "pk"), page=page, page_size=page_size,
                   cursor=cursor)


@router.post("/missing/triggers/{firing_id}/handled", response=FiringOut)
@permission("missing.record")
def handle_trigger(request: HttpRequest, firing_id: int, payload: HandleIn) -> object:
    actor = actor_of(request)
    return services.firing_handle(actor=actor, firing=get_firing_for(actor, firing_id),
                                  note=payload.note)
