"""Return interviews through the API, one operation per page action: the offer, the
child's answer, the interview itself, sharing its synopsis, and reading it (audited). The
same services and permissions as the interview pages. No `from __future__ import
annotations` here: django-ninja reads the annotations at import time."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.api.core import actor_of, permission
from macehub.missing import interviews
from macehub.missing.models import ReturnInterview
from macehub.missing.queries import get_episode_for, get_interview_for

router = Router(tags=["missing"])


class OfferIn(Schema):
    episode_ids: list[int] = Field(description="The child's episodes the offer covers")
    offered_on: date
    offered_by: str = Field(max_length=200)
    kind: str = Field("child", description="child or parent")


class AnswerIn(Schema):
    accepted: bool
    responded_on: date
    version: int = Field(description="The interview's version you last read")


class InterviewIn(Schema):
    completed_on: date
    conducted_by: str = Field(max_length=200)
    push_factors: list[str] = []
    pull_factors: list[str] = []
    factors_other: str = Field("", max_length=5000)
    disclosures: str = Field("", max_length=10000)
    outcome: str = Field("", max_length=5000)
    synopsis: str = Field(max_length=10000)
    version: int


class ShareOut(Schema):
    agency_type: str
    agency_name: str
    shared_at: datetime


class InterviewOut(Schema):
    id: int
    child_id: int
    episode_ids: list[int]
    kind: str
    status: str
    offered_on: date
    offered_by: str
    responded_on: date | None
    completed_on: date | None
    conducted_by: str
    push_factors: list[str]
    pull_factors: list[str]
    synopsis: str
    shares: list[ShareOut]
    version: int

    @staticmethod
    def resolve_episode_ids(obj: ReturnInterview) -> list[int]:
        return list(obj.episodes.values_list("pk", flat=True))

    @staticmethod
    def resolve_shares(obj: ReturnInterview) -> list[object]:
        return list(obj.shares.all())


@router.post("/missing/episodes/{episode_id}/interviews", response={201: InterviewOut})
@permission("missing.record")
def offer_interview(request: HttpRequest, episode_id: int, payload: OfferIn) -> Status[object]:
    """Record the offer of a return interview covering some of the child's episodes."""
    actor = actor_of(request)
    episode = get_episode_for(actor, episode_id, purpose="offer return interview")
    if episode.child is None:
        raise ValidationError("Match the notification to a child first.")
    chosen = list(episode.child.missing_episodes.filter(pk__in=payload.episode_ids))
    if len(chosen) != len(set(payload.episode_ids)):
        raise ValidationError({"episode_ids": "Choose episodes of this child"})
    return Status(201, interviews.interview_offer(
        actor=actor, child=episode.child, episodes=chosen, kind=payload.kind,
        offered_on=payload.offered_on, offered_by=payload.offered_by))


@router.get("/missing/interviews/{interview_id}", response=InterviewOut)
@permission("missing.view")
def read_interview(request: HttpRequest, interview_id: int) -> object:
    return get_interview_for(actor_of(request), interview_id)


@router.post("/missing/interviews/{interview_id}/answer", response=InterviewOut)
@permission("missing.record")
def answer_offer(request: HttpRequest, interview_id: int, payload: AnswerIn) -> object:
    """Voluntary: the child accepts or declines."""
    actor = actor_of(request)
    interview = get_interview_for(actor, interview_id, purpose="change")
    return interviews.interview_respond(actor=actor, interview=interview, **payload.dict())


@router.post("/missing/interviews/{interview_id}/complete", response=InterviewOut)
@permission("missing.record")
def complete_interview(request: HttpRequest, interview_id: int,
                       payload: InterviewIn) -> object:
    actor = actor_of(request)
    interview = get_interview_for(actor, interview_id, purpose="change")
    return interviews.interview_complete(actor=actor, interview=interview, **payload.dict())


@router.post("/missing/interviews/{interview_id}/share", response=InterviewOut)
@permission("missing.record")
def share_synopsis(request: HttpRequest, interview_id: int) -> object:
    """Share the synopsis with the agencies the pack names, and add it to the chronology."""
    actor = actor_of(request)
    interview = get_interview_for(actor, interview_id, purpose="share synopsis")
    interviews.interview_share_synopsis(actor=actor, interview=interview)
    interview.refresh_from_db()
    return interview
