"""Cases through the API: the list, the case (audited, need-to-know) with what its page
shows, and its changes (cases/api_changes.py). The same fetch-and-authorise helpers and
permissions as the pages. No `from __future__ import annotations` here: django-ninja reads
the annotations at import time through the permission wrapper."""

from collections.abc import Callable
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from macehub.access.actor import Actor
from macehub.api.core import actor_of, permission
from macehub.audit.services import audit_shown, with_child
from macehub.cases import services
from macehub.cases.forms import CaseFilterForm
from macehub.cases.models import Case, ChronologyEntry
from macehub.cases.queries import CASE_SORTS, case_list, get_case_for
from macehub.lib.api_paging import NEXT_DESCRIPTION, page_of
from macehub.lib.listing import api_filters, ordered
from macehub.people.api import ChildOut
from macehub.rules.api import ReasonOut

router = Router(tags=["cases"])


class ChronologyOut(Schema):
    at: datetime
    kind: str
    summary: str


class TimelineEntryOut(Schema):
    """One entry of the case's timeline, as its page shows it."""

    at: datetime
    kind: str
    kind_label: str
    summary: str
    by: str


class ChildProfileOut(Schema):
    """What the case header shows of the child besides their name and date of birth."""

    age: int | None = Field(description="In whole years; null when the date of birth is not "
                            "known")
    age_label: str = Field(description="'15', 'about 15' or 'Not known'")
    gender: str
    gender_label: str
    ethnicity: str
    ethnicity_label: str
    ethnic_group: str = Field(description="The 2021 census heading the ethnic group falls "
                              "under: asian, black, mixed, white, other or unknown")
    area_id: int | None
    area: str
    education: str
    education_label: str
    school_or_setting: str
    social_worker: str


class EscalationFlagOut(Schema):
    to_forum: str
    to_label: str
    reason: ReasonOut


class PlanOut(Schema):
    id: int
    kind: str
    summary: str
    agreed_on: date
    review_on: date | None


class AgencyFlagOut(Schema):
    agency_id: int
    flagged_on: date


class NrmOut(Schema):
    id: int
    referred_on: date
    first_responder: str
    reasonable_grounds: str
    reasonable_grounds_on: date | None
    conclusive_grounds: str
    conclusive_grounds_on: date | None
    version: int


class MonitoringOut(Schema):
    """A case held open without MACE meetings (Kirklees §5 iii, §6 iv)."""

    reason: str
    reason_label: str
    started_at: datetime
    review_on: date | None
    discuss_with_lead_professional: bool
    version: int


class CaseOut(Schema):
    id: int
    reference: str = Field(description="The case's reference, like DUD-2026-0001")
    child: ChildOut
    status: str
    risk: str
    opened_at: datetime
    risk_since: datetime | None = None
    child_profile: ChildProfileOut | None = None
    lead_professional: str
    lead_agency_id: int | None
    exploitation_types: list[str]
    places: list[str] = Field(description="Places of exploitation (the pack's tracker places)")
    outcome: str = Field(description="The outcome, or the reason the risk came down")
    version: int
    escalation_flags: list[EscalationFlagOut]
    plans: list[PlanOut]
    agency_flags: list[AgencyFlagOut]
    nrm_referrals: list[NrmOut]
    chronology: list[ChronologyOut]
    monitoring: MonitoringOut | None


class CaseSummaryOut(Schema):
    id: int
    reference: str = Field(description="The case's reference, like DUD-2026-0001")
    child: ChildOut
    status: str
    risk: str
    opened_at: datetime
    lead_professional: str
    exploitation_types: list[str]


class CasePage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list[CaseSummaryOut]


# Apps above cases add what the case page shows of their records: meetings contributes the
# escalation flags (macehub/meetings/api.py).
EscalationFlags = Callable[[Actor, Case], list[EscalationFlagOut]]
ESCALATION_FLAGS: list[EscalationFlags] = []


def child_profile(case: Case) -> ChildProfileOut:
    child = case.child
    return ChildProfileOut(
        age=child.age_on(timezone.localdate()), age_label=child.age_label, gender=child.gender,
        gender_label=child.get_gender_display(), ethnicity=child.ethnicity,
        ethnicity_label=child.ethnicity_label,
        ethnic_group=child.ethnic_group, area_id=child.area_id,
        area=str(child.area) if child.area else "", education=child.education,
        education_label=child.get_education_display(),
        school_or_setting=child.education_setting, social_worker=child.social_worker)


def case_out(actor: Actor, case: Case) -> CaseOut:
    flags = [flag for provider in ESCALATION_FLAGS for flag in provider(actor, case)]
    return CaseOut(
        id=case.pk, reference=case.reference, child=ChildOut.from_orm(case.child),
        status=case.status, risk=case.risk,
        opened_at=case.opened_at, risk_since=getattr(case, "risk_since", None),
        child_profile=child_profile(case), lead_professional=case.lead_professional,
        lead_agency_id=case.lead_agency_id, exploitation_types=case.exploitation_types,
        places=case.places, outcome=case.outcome, version=case.version, escalation_flags=flags,
        plans=[PlanOut.from_orm(p) for p in case.plans.all()],
        agency_flags=[AgencyFlagOut.from_orm(f) for f in case.flags.all()],
        nrm_referrals=[NrmOut.from_orm(r) for r in case.nrm_referrals.all()],
        chronology=[ChronologyOut.from_orm(e) for e in case.chronology.all()],
        monitoring=_monitoring_out(case))


def _monitoring_out(case: Case) -> MonitoringOut | None:
    held = case.monitorings.filter(ended_at__isnull=True).first()
    if held is None:
        return None
    return MonitoringOut(reason=held.reason, reason_label=held.get_reason_display(),
                         started_at=held.started_at, review_on=held.review_on,
                         discuss_with_lead_professional=held.discuss_since is not None,
                         version=held.version)


@router.get("/cases", response=CasePage)
@permission("case.view")
def list_cases(request: HttpRequest, reference: str = "", status: str = "", risk: str = "",
               lead_professional: str = "", area_id: int | None = None,
               exploitation_type: str = "", sort: str = "-opened", page: int = 1,
               page_size: int = 25, cursor: str = "") -> object:
    """The cases the caller may see (a panel member: only while they need to know), with
    the case list page's filters (`reference`: all or part of one) and sort keys
    (reference, child, age, area, status, risk, opened; a
    leading "-" reverses), newest first unless `sort` says otherwise."""
    actor = actor_of(request)
    form = CaseFilterForm({f"filter-{name}": value for name, value in {
        "reference": reference, "status": status, "risk": risk,
        "lead_professional": lead_professional,
        "area": area_id or "", "exploitation_type": exploitation_type}.items()},
        pack=actor.partnership.policy, partnership=actor.partnership)
    filters = api_filters(form)
    result = page_of(ordered(case_list(actor, filters), CASE_SORTS, sort), page=page,
                     page_size=page_size, cursor=cursor)
    audit_shown(action="case.list", actor=actor, records=with_child(result["items"]),
                purpose="case list", request=request)
    return result


@router.get("/cases/{case_id}", response=CaseOut,
            operation_id="macehub_api_front_door_read_case")
@permission("case.view")
def read_case(request: HttpRequest, case_id: int) -> CaseOut:
    """The case as its page shows it, with its escalation flags (each with its rule and
    source). Audited as a read of the child's record."""
    actor = actor_of(request)
    return case_out(actor, get_case_for(actor, case_id))


@router.get("/cases/{case_id}/timeline", response=list[TimelineEntryOut])
@permission("case.view")
def case_timeline(request: HttpRequest, case_id: int, kind: str = "") -> object:
    """Everything that happened on the case, latest first, as its Timeline page shows it;
    `kind` keeps one kind of entry (concern, screening, status, risk, plan, nrm, flag,
    note)."""
    actor = actor_of(request)
    case = get_case_for(actor, case_id)
    entries = case.chronology.select_related("by").order_by("-at", "-pk")
    if kind:
        entries = entries.filter(kind=kind)
    return [TimelineEntryOut(at=e.at, kind=e.kind, kind_label=ChronologyEntry.Kind(e.kind).label
                             if e.kind in ChronologyEntry.Kind.values else e.kind,
                             summary=e.summary, by=str(e.by) if e.by else "")
            for e in entries]


class CaseChangeIn(Schema):
    """The details to change; a field left out stays as it is."""

    lead_professional: str | None = Field(None, max_length=200)
    lead_agency_id: int | None = Field(None, description="null: no lead agency")
    exploitation_types: list[str] | None = None
    places: list[str] | None = Field(None, description="Keys of the pack's tracker places")
    outcome: str | None = Field(None, max_length=1000)
    version: int = Field(description="The case's version you last read")


# On this router, with the case's read: one path answers GET and PATCH.
@router.patch("/cases/{case_id}", response=CaseOut)
@permission("case.manage")
def change_case(request: HttpRequest, case_id: int, payload: CaseChangeIn) -> CaseOut:
    """Change some of the case's details, as the case details page does; the fields left
    out stay as they are. 409 when `version` is not the case's version (read it again)."""
    actor = actor_of(request)
    case = get_case_for(actor, case_id, purpose="change")
    given = payload.dict(exclude_unset=True)
    agency = case.lead_agency
    if "lead_agency_id" in given:
        agency = None if given["lead_agency_id"] is None else \
            actor.partnership.agencies.filter(pk=given["lead_agency_id"]).first()
        if given["lead_agency_id"] is not None and agency is None:
            raise ValidationError({"lead_agency_id": "Choose an agency of this partnership"})
    return case_out(actor, services.case_update(
        actor=actor, case=case, version=payload.version, lead_agency=agency,
        lead_professional=given.get("lead_professional") or "" if "lead_professional" in given
        else case.lead_professional,
        exploitation_types=given.get("exploitation_types") or [] if "exploitation_types" in given
        else case.exploitation_types,
        places=given.get("places"), outcome=given.get("outcome")))
