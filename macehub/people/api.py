"""Children's records through the API: create (with likely matches), list, search, read
(audited), change and relate them. The same services, fetch-and-authorise helpers and
permissions as the pages. No `from __future__ import annotations` here: django-ninja
reads the annotations at import time through the permission wrapper."""

from datetime import date
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status
from pydantic import field_validator

from macehub.access.actor import Actor
from macehub.api.core import actor_of, permission
from macehub.lib.api_paging import NEXT_DESCRIPTION, page_of
from macehub.people import services
from macehub.people.birth import Birth
from macehub.people.models import Child, Relation
from macehub.people.queries import audit_reads, find_children, get_child_for
from macehub.people.search import as_date
from macehub.people.services import PossibleDuplicates, birth_given, child_create

router = Router(tags=["children"])


PRECISION = ("How much of the date of birth is known: exact (date_of_birth), month "
             "(date_of_birth names the month and year; the 1st is kept), age (approximate_age "
             "in years, as at today) or unknown (neither)")


class BirthIn(Schema):
    date_of_birth: date | None = Field(None, description="YYYY-MM-DD; for precision month, "
                                       "any day of the month; empty for age or unknown")
    date_of_birth_precision: Literal["exact", "month", "age", "unknown"] = Field(
        "exact", description=PRECISION)
    approximate_age: int | None = Field(None, ge=0, le=120, description="For precision "
                                        "age: the child's age in whole years, about")


def birth_from(data: dict[str, Any]) -> Birth:
    """The date of birth in a payload (removed from it); 422 naming the field when the part
    its precision needs is missing."""
    return birth_given(date_of_birth_precision=data.pop("date_of_birth_precision"),
                       date_of_birth=data.pop("date_of_birth"),
                       approximate_age=data.pop("approximate_age"))


class ChildIn(BirthIn):
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    known_as: list[str] = []
    address: str = Field("", max_length=300)
    postcode: str = Field("", max_length=10)
    gender: str = Field("unknown", description="female, male, non_binary or unknown")
    ethnicity: str = Field("unknown", description="One of the 2021 census's 19 detailed "
                           "ethnic groups (as asian_indian, white_roma, other_arab: the "
                           "list is in the user guide), unknown or refused (prefers not to "
                           "say)")
    education_setting: str = Field("", max_length=200, description="School, college or "
                                   "setting")
    confirm_new: bool = Field(False, description="True once the caller has seen the likely "
                              "matches and this is a new child")


class ChildOut(Schema):
    id: int
    first_name: str
    last_name: str
    known_as: list[str]
    date_of_birth: date | None = Field(description="Exact, the 1st of the month for precision "
                                       "month, derived from the age for precision age, or "
                                       "null when not known")
    date_of_birth_precision: str = Field(description="exact, month, age or unknown")
    approximate_age: int | None = Field(description="For precision age: the age today, "
                                        "counting up from the age given")
    date_of_birth_label: str = Field(description="As the pages show it: '15 March 2011', "
                                     "'March 2011', 'about 15' or 'Not known'")
    gender: str
    ethnicity: str
    education_setting: str


class MatchOut(Schema):
    child: ChildOut
    score: float
    reasons: list[str]


class ChildResult(Schema):
    created: ChildOut | None = None
    possible_matches: list[MatchOut] = []
    message: str = ""


@router.post("/children", response={201: ChildResult, 409: ChildResult},
             operation_id="macehub_api_front_door_create_or_find_child")
@permission("child.create")
def create_or_find_child(request: HttpRequest, payload: ChildIn) -> Status[ChildResult]:
    """Create a child. Likely existing records come back with 409 and their reasons; send
    again with confirm_new=true only if none of them is this child."""
    data = payload.dict()
    confirm = data.pop("confirm_new")
    birth = birth_from(data)
    try:
        child = child_create(actor=actor_of(request), confirm_new=confirm, birth=birth, **data)
    except PossibleDuplicates as found:
        return Status(409, ChildResult(message=found.messages[0], possible_matches=[
            MatchOut(child=ChildOut.from_orm(m.child), score=m.score,
                     reasons=m.reasons) for m in found.matches]))
    return Status(201, ChildResult(created=ChildOut.from_orm(child)))


class ChildDetailOut(ChildOut):
    """A child's record as its page shows it."""

    gender: str
    ethnicity: str
    ethnicity_label: str = Field(description="The heading and the category, as the page "
                                 "shows it")
    ethnic_group: str = Field(description="The 2021 census heading: asian, black, mixed, "
                              "white, other or unknown")
    address: str
    postcode: str
    area_id: int | None
    education: str
    education_setting: str
    care_status: str
    responsible_authority: str
    send: bool
    send_details: str
    social_worker: str
    lead_professional: str
    lead_agency_id: int | None
    age: int | None = Field(description="In whole years today; null when the date of birth "
                            "is not known")
    age_label: str = Field(description="'15', 'about 15' or 'Not known'")
    version: int
    relations: list["RelationOut"]
    case_ids: list[int]
    concern_ids: list[int]
    missing_episode_ids: list[int]


class RelationOut(Schema):
    child_id: int
    other_id: int
    kind: str
    note: str


class ChildPage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list[ChildOut]


class ChildChangeIn(BirthIn):
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    known_as: list[str] = []
    gender: str = "unknown"
    ethnicity: str = "unknown"
    address: str = Field("", max_length=300)
    postcode: str = Field("", max_length=10)
    education: str = "unknown"
    education_setting: str = Field("", max_length=200)
    care_status: str = "none"
    responsible_authority: str = Field("", max_length=200)
    send: bool = False
    send_details: str = Field("", max_length=300)
    social_worker: str = Field("", max_length=200)
    lead_professional: str = Field("", max_length=200)
    lead_agency_id: int | None = None
    version: int = Field(description="The record's version you last read")


class RelationIn(Schema):
    other_id: int = Field(description="The other child's record number")
    kind: str = Field(description="sibling, peer or linked")
    note: str = Field("", max_length=300)


class SearchIn(Schema):
    name: str = Field("", max_length=200, description="A surname, first or known-as name, "
                      "or several; a date here is taken as the date of birth")
    date_of_birth: date | None = Field(None, description="27/03/2012 or 2012-03-27")

    @field_validator("date_of_birth", mode="before")
    @classmethod
    def _day_month_year(cls, value: object) -> object:
        """The same forms as the page's date field (day first, or ISO)."""
        if isinstance(value, str) and value.strip():
            parsed = as_date(value)
            if parsed is None:
                raise ValueError("Date of birth must be a real date, like 27/3/2012")
            return parsed
        return value or None


class FoundOut(ChildOut):
    """A search result: the child as the results page shows it, and why it was found."""

    postcode: str
    score: int = Field(description="Higher is closer: the points of every reason added up")
    reasons: list[str] = Field(description="Why it matched, best first, e.g. \"surname "
                               "matches exactly\", \"sounds like first name\"")


ChildDetailOut.model_rebuild()


def child_out(actor: Actor, child: Child) -> ChildDetailOut:
    relations = Relation.objects.for_actor(actor).filter(Q(child=child) | Q(other=child))
    return ChildDetailOut(
        **{name: getattr(child, name) for name in ChildDetailOut.model_fields
           if name not in ("relations", "case_ids", "concern_ids", "missing_episode_ids")},
        relations=[RelationOut.from_orm(r) for r in relations],
        case_ids=list(child.cases.values_list("pk", flat=True)),
        concern_ids=list(child.concerns.values_list("pk", flat=True)),
        missing_episode_ids=list(child.missing_episodes.values_list("pk", flat=True)))


@router.get("/children", response=ChildPage)
@permission("child.search")
def list_children(request: HttpRequest, area_id: int | None = None, care_status: str = "",
                  page: int = 1, page_size: int = 25, cursor: str = "") -> object:
    """The partnership's children by name. Audited like a search: one event per record
    returned, with the count (never the filters)."""
    actor = actor_of(request)
    children = Child.objects.for_actor(actor)
    if area_id is not None:
        children = children.filter(area_id=area_id)
    if care_status:
        children = children.filter(care_status=care_status)
    result = page_of(children.order_by("last_name", "first_name", "pk"), page=page,
                     page_size=page_size, cursor=cursor)
    audit_reads(actor, result["items"], action="child.search")
    return result


@router.post("/children/search", response=list[FoundOut])
@permission("child.search")
def search(request: HttpRequest, payload: SearchIn) -> list[FoundOut]:
    """By surname, first or known-as name (spelt alike, sounding alike or nearly alike),
    and/or date of birth; best first, each with why it matched, as the page shows them.
    Sent as a POST so names and dates of birth never appear in URLs or logs. Audited as
    the search page is: one event naming every child returned."""
    if not payload.name.strip() and payload.date_of_birth is None:
        raise ValidationError("Enter a name, a date of birth, or both")
    found = find_children(actor_of(request), name=payload.name,
                          date_of_birth=payload.date_of_birth)
    return [FoundOut(**{name: getattr(hit.child, name) for name in ChildOut.model_fields},
                     postcode=hit.child.postcode, score=hit.score, reasons=hit.reasons)
            for hit in found.hits]


@router.get("/children/{child_id}", response=ChildDetailOut)
@permission("child.view")
def read_child(request: HttpRequest, child_id: int) -> ChildDetailOut:
    """The child's record, as its page shows it. Audited."""
    actor = actor_of(request)
    return child_out(actor, get_child_for(actor, child_id))


@router.put("/children/{child_id}", response=ChildDetailOut)
@permission("child.edit")
def update_child(request: HttpRequest, child_id: int, payload: ChildChangeIn) -> ChildDetailOut:
    actor = actor_of(request)
    child = get_child_for(actor, child_id, purpose="edit")
    data = payload.dict()
    birth = birth_from(data)
    agency_id = data.pop("lead_agency_id")
    agency = None
    if agency_id is not None:
        agency = actor.partnership.agencies.filter(pk=agency_id, is_active=True).first()
        if agency is None:
            raise ValidationError({"lead_agency_id": "Select an agency"})
    return child_out(actor, services.child_update(actor=actor, child=child, lead_agency=agency,
                                                  birth=birth, **data))


@router.post("/children/{child_id}/relations", response={201: RelationOut})
@permission("child.edit")
def add_relation(request: HttpRequest, child_id: int, payload: RelationIn) -> Status[object]:
    actor = actor_of(request)
    child = get_child_for(actor, child_id, purpose="add relation")
    other = Child.objects.for_actor(actor).filter(pk=payload.other_id).first()
    if other is None:
        raise ValidationError({"other_id": "There is no child with that record number."})
    return Status(201, services.relation_add(actor=actor, child=child, other=other,
                                             kind=payload.kind, note=payload.note))
