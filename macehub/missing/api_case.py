"""A case's Missing page through the API: the child's episodes and return interviews,
behind the case's own gate and `missing.view`. No `from __future__ import annotations`
here: django-ninja reads the annotations at import time."""

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema

from macehub.api.core import actor_of, permission
from macehub.cases.queries import get_case_for
from macehub.missing.api import EpisodeOut
from macehub.missing.views_case import child_missing

router = Router(tags=["missing"])


class CaseInterviewOut(Schema):
    id: int
    kind: str
    status: str
    offered_on: date
    offered_by: str


class CaseMissingOut(Schema):
    episodes: list[EpisodeOut]
    interviews: list[CaseInterviewOut]


@router.get("/cases/{case_id}/missing", response=CaseMissingOut)
@permission("missing.view")
def case_missing(request: HttpRequest, case_id: int) -> CaseMissingOut:
    """The case's child's missing episodes and return interviews, latest first, as the
    case's Missing page shows them."""
    actor = actor_of(request)
    episodes, interviews = child_missing(actor, get_case_for(actor, case_id), request)
    return CaseMissingOut(episodes=[EpisodeOut.from_orm(e) for e in episodes],
                          interviews=[CaseInterviewOut.from_orm(i) for i in interviews])
