"""Disruption through the API: list with the page's filters, read, record against an
intelligence record, and change dates, outcome and details from a version (409 when
stale). The same services, reach and permissions as the pages. No `from __future__
import annotations` here: django-ninja reads the annotations at import time."""

from datetime import date
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.api.core import actor_of, permission
from macehub.disruption import queries, services
from macehub.disruption.forms import FilterForm
from macehub.disruption.models import Disruption, Outcome, TargetKind
from macehub.intelligence.api_schemas import NotFound
from macehub.lib.api_paging import NEXT_DESCRIPTION, page_of
from macehub.lib.listing import api_filters, ordered
from macehub.meetings.models import Meeting

router = Router(tags=["disruption"])

Kind = Literal["person", "location", "group", "vehicle", "phone", "account"]
OutcomeKey = Literal["not_yet", "successful", "not_successful", "charged", "convicted",
                     "order_granted"]


class TargetOut(Schema):
    kind: str
    kind_label: str
    id: int
    label: str = Field(description="As the reader may see it")


class DisruptionOut(Schema):
    id: int
    version: int
    target: TargetOut
    tactic: str
    tactic_label: str
    decided_on: date
    meeting_id: int | None
    lead_agency_id: int | None
    started_on: date | None
    ended_on: date | None
    outcome: str
    outcome_label: str
    details: str


class DisruptionPage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list[DisruptionOut]


class DisruptionIn(Schema):
    target_kind: Kind
    target_id: int
    tactic: str = Field(max_length=50, description="A key of the partnership's tactics "
                                                   "(GET /api/v1/partnership/policy)")
    decided_on: date
    meeting_id: int | None = None
    lead_agency_id: int | None = None
    started_on: date | None = None
    ended_on: date | None = None
    outcome: OutcomeKey = "not_yet"
    details: str = Field("", max_length=10000)


class DisruptionChangeIn(Schema):
    version: int
    started_on: date | None = None
    ended_on: date | None = None
    outcome: OutcomeKey | None = None
    details: str | None = Field(None, max_length=10000)


def _shown(request: HttpRequest, rows: list[Disruption]) -> list[dict[str, object]]:
    named = queries.targets(actor_of(request), rows)
    return [{**{f: getattr(d, f) for f in (
        "id", "version", "tactic", "decided_on", "meeting_id", "lead_agency_id",
        "started_on", "ended_on", "outcome", "details")},
        "target": {"kind": d.target_kind, "kind_label": d.get_target_kind_display(),
                   "id": d.target_id, "label": named[d.pk].label},
        "tactic_label": d.tactic_label(), "outcome_label": d.get_outcome_display()}
        for d in rows]


@router.get("/disruptions", response=DisruptionPage)
@permission("disruption.view")
def list_disruptions(request: HttpRequest, tactic: str = "", outcome: str = "",
                     target_kind: str = "", sort: str = "-agreed", page: int = 1,
                     page_size: int = 25, cursor: str = "") -> object:
    """Disruptions, filtered as the page filters them. Sort keys: agreed, started (a
    leading '-' reverses)."""
    actor = actor_of(request)
    cleaned = api_filters(FilterForm({"tactic": tactic, "outcome": outcome,
                                      "target_kind": target_kind}, actor=actor))
    rows = ordered(queries.disruption_list(actor, cleaned), queries.SORTS, sort)
    found = page_of(rows, page=page, page_size=page_size, cursor=cursor)
    return found | {"items": _shown(request, found["items"])}


@router.get("/disruptions/{disruption_id}", response=DisruptionOut)
@permission("disruption.view")
def read_disruption(request: HttpRequest, disruption_id: int) -> object:
    return _shown(request, [Disruption.objects.get_for(actor_of(request), disruption_id)])[0]


@router.post("/disruptions", response={201: DisruptionOut, 404: NotFound})
@permission("disruption.record")
def record_disruption(request: HttpRequest, payload: DisruptionIn) -> Status[object]:
    """Record a disruption against a person of interest, location, group, vehicle, phone
    or online account the caller reaches (another partnership's record is not found)."""
    actor = actor_of(request)
    data = payload.dict()
    target = services.target_of(actor, data.pop("target_kind"), data.pop("target_id"))
    meeting_id, agency_id = data.pop("meeting_id"), data.pop("lead_agency_id")
    if meeting_id is not None:
        data["meeting"] = Meeting.objects.get_for(actor, meeting_id)
    if agency_id is not None:
        data["lead_agency"] = actor.partnership.agencies.filter(pk=agency_id).first()
        if data["lead_agency"] is None:
            raise ValidationError({"lead_agency_id": "Select an agency of this partnership"})
    made = services.record(actor=actor, target=target, via="api", **data)
    return Status(201, _shown(request, [made])[0])


@router.patch("/disruptions/{disruption_id}", response=DisruptionOut)
@permission("disruption.record")
def change_disruption(request: HttpRequest, disruption_id: int,
                      payload: DisruptionChangeIn) -> object:
    """Change the dates, outcome or details sent, from the version you read; refused with
    409 if the disruption changed since."""
    actor = actor_of(request)
    disruption = Disruption.objects.get_for(actor, disruption_id, purpose="change")
    sent = payload.dict(exclude_unset=True)
    version = sent.pop("version")
    data = {name: getattr(disruption, name) for name in services.CHANGEABLE} | sent
    if data.get("outcome") is None:
        data["outcome"] = Outcome.NOT_YET
    services.change(actor=actor, disruption=disruption, version=version, via="api", **data)
    return _shown(request, [Disruption.objects.for_actor(actor).get(pk=disruption.pk)])[0]


assert set(TargetKind.values) == set(Kind.__args__)  # type: ignore[attr-defined]
assert set(Outcome.values) == set(OutcomeKey.__args__)  # type: ignore[attr-defined]

__all__ = ["router"]
