"""A case's changes through the API, one operation per page action: risk, status,
details, plans, agency flags and NRM referrals. Each loads the case with the same
fetch-and-authorise helper as the page and calls the page's service. No `from __future__
import annotations` here: django-ninja reads the annotations at import time."""

from datetime import date

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.access.actor import Actor
from macehub.api.core import actor_of, permission
from macehub.cases import services
from macehub.cases.api import AgencyFlagOut, CaseOut, NrmOut, PlanOut, case_out
from macehub.cases.models import Case
from macehub.cases.monitoring import monitoring_review
from macehub.cases.queries import get_case_for
from macehub.partnerships.models import Agency

router = Router(tags=["cases"])


class RiskIn(Schema):
    risk: str
    reason: str = Field(max_length=5000)
    version: int = Field(description="The case's version you last read")


class StatusIn(Schema):
    status: str = Field(description="open, dormant or closed")
    reason: str = Field(max_length=5000)
    version: int


class CaseDetailsIn(Schema):
    lead_professional: str = Field("", max_length=200)
    lead_agency_id: int | None = None
    exploitation_types: list[str]
    places: list[str] | None = Field(
        None, description="Places of exploitation: keys of the pack's tracker places; "
        "left as they are when not given")
    outcome: str | None = Field(None, max_length=1000, description="The outcome, or the "
                                "reason the risk came down; left as it is when not given")
    version: int


class PlanIn(Schema):
    kind: str = Field(description="A plan type from the partnership's policy pack")
    summary: str = Field(max_length=10000)
    agreed_on: date
    review_on: date | None = None


class FlagIn(Schema):
    agency_id: int
    flagged_on: date


class NrmIn(Schema):
    referred_on: date
    first_responder: str = Field(max_length=200)
    reasonable_grounds: str = "pending"
    reasonable_grounds_on: date | None = None
    conclusive_grounds: str = "pending"
    conclusive_grounds_on: date | None = None
    version: int | None = Field(None, description="The referral's version, when updating")


class MonitoringReviewIn(Schema):
    back_to_mace: bool = Field(description="True: back to MACE meetings; false: stays "
                               "monitored without meetings")
    note: str = Field(max_length=5000, description="What was reviewed and decided")
    lead_professional: str = Field("", max_length=200, description="The lead professional "
                                   "consulted (needed after a rise in risk or a new concern)")
    version: int = Field(description="The case's version you last read")


def _case(request: HttpRequest, case_id: int) -> tuple[Actor, Case]:
    actor = actor_of(request)
    return actor, get_case_for(actor, case_id, purpose="change")


def _agency(actor: Actor, pk: int | None, field: str) -> Agency | None:
    if pk is None:
        return None
    agency = actor.partnership.agencies.filter(pk=pk).first()
    if agency is None:
        raise ValidationError({field: "Choose an agency of this partnership"})
    return agency


@router.post("/cases/{case_id}/risk", response=CaseOut)
@permission("case.manage")
def set_case_risk(request: HttpRequest, case_id: int, payload: RiskIn) -> CaseOut:
    actor, case = _case(request, case_id)
    return case_out(actor, services.case_set_risk(actor=actor, case=case, **payload.dict()))


@router.post("/cases/{case_id}/monitoring-review", response=CaseOut)
@permission("case.manage")
def review_monitoring(request: HttpRequest, case_id: int, payload: MonitoringReviewIn) -> CaseOut:
    """The coordinator's review of a case monitored without MACE meetings, as on the case
    page: it stays monitored, or comes back to MACE meetings."""
    actor, case = _case(request, case_id)
    return case_out(actor, monitoring_review(actor=actor, case=case, **payload.dict()))


@router.post("/cases/{case_id}/status", response=CaseOut)
@permission("case.manage")
def set_case_status(request: HttpRequest, case_id: int, payload: StatusIn) -> CaseOut:
    actor, case = _case(request, case_id)
    return case_out(actor, services.case_set_status(actor=actor, case=case, **payload.dict()))


@router.put("/cases/{case_id}/details", response=CaseOut)
@permission("case.manage")
def update_case(request: HttpRequest, case_id: int, payload: CaseDetailsIn) -> CaseOut:
    actor, case = _case(request, case_id)
    data = payload.dict()
    agency = _agency(actor, data.pop("lead_agency_id"), "lead_agency_id")
    return case_out(actor, services.case_update(actor=actor, case=case, lead_agency=agency,
                                                **data))


@router.post("/cases/{case_id}/plans", response={201: PlanOut})
@permission("case.manage")
def add_plan(request: HttpRequest, case_id: int, payload: PlanIn) -> Status[object]:
    actor, case = _case(request, case_id)
    return Status(201, services.plan_add(actor=actor, case=case, **payload.dict()))


@router.post("/cases/{case_id}/flags", response={201: AgencyFlagOut})
@permission("case.manage")
def add_agency_flag(request: HttpRequest, case_id: int, payload: FlagIn) -> Status[object]:
    """The child is flagged on an agency's own systems."""
    actor, case = _case(request, case_id)
    agency = _agency(actor, payload.agency_id, "agency_id")
    assert agency is not None
    return Status(201, services.flag_add(actor=actor, case=case, agency=agency,
                                         flagged_on=payload.flagged_on))


@router.post("/cases/{case_id}/nrm", response={201: NrmOut})
@permission("case.manage")
def add_nrm_referral(request: HttpRequest, case_id: int, payload: NrmIn) -> Status[object]:
    actor, case = _case(request, case_id)
    data = payload.dict()
    data.pop("version")
    return Status(201, services.nrm_record(actor=actor, case=case, **data))


@router.put("/cases/{case_id}/nrm/{referral_id}", response=NrmOut)
@permission("case.manage")
def update_nrm_referral(request: HttpRequest, case_id: int, referral_id: int,
                        payload: NrmIn) -> object:
    """Record the reasonable and conclusive grounds decisions as they arrive."""
    actor, case = _case(request, case_id)
    referral = case.nrm_referrals.filter(pk=referral_id).first()
    if referral is None:
        raise Http404("Not found")
    return services.nrm_record(actor=actor, case=case, referral=referral, **payload.dict())
