"""The shapes of intelligence records and links in the API. No `from __future__ import
annotations` here: django-ninja reads the annotations at import time."""

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from macehub.lib.api_paging import NEXT_DESCRIPTION

CODES = {
    "status": "active, in_custody, deceased or no_longer_of_concern",
    "location_type": "home, premises, takeaway, hotel, park, transport_hub, school or online",
    "location_status": "not_assessed, vulnerable (vulnerable location) or hotspot",
    "group_type": "ocg (organised crime group), gang, county_line, peer_group or online_group",
    "end": "person, vehicle, phone, account, location, group or child",
}


class Recorded(Schema):
    id: int
    notes: str
    version: int = Field(description="Send it back with a change: a change made from an "
                         "older version is refused (409)")
    created_at: datetime


class PersonOut(Recorded):
    name: str
    aliases: list[str]
    street_names: list[str]
    date_of_birth: date | None
    approximate_age: int | None
    height: str
    build: str
    marks: str
    description: str
    addresses: str
    status: str
    release_on: date | None
    child_id: int | None

    @staticmethod
    def resolve_aliases(obj: Any) -> list[str]:
        return [n.name for n in obj.names.all() if n.kind == "alias"]

    @staticmethod
    def resolve_street_names(obj: Any) -> list[str]:
        return [n.name for n in obj.names.all() if n.kind == "street_name"]


class PersonIn(Schema):
    name: str = Field("", max_length=200)
    aliases: list[str] = Field([], max_length=50)
    street_names: list[str] = Field([], max_length=50)
    date_of_birth: date | None = None
    approximate_age: int | None = Field(None, ge=1, le=120)
    height: str = Field("", max_length=100)
    build: str = Field("", max_length=100)
    marks: str = Field("", max_length=5000)
    description: str = Field("", max_length=5000)
    addresses: str = Field("", max_length=5000)
    status: str = Field("active", description=CODES["status"])
    release_on: date | None = None
    child_id: int | None = Field(None, description="The child this person also is")
    notes: str = Field("", max_length=10000)


class VehicleOut(Recorded):
    registration: str
    partial: bool
    make: str
    model: str
    colour: str


class VehicleIn(Schema):
    registration: str = Field(max_length=20, description="Any spacing or case: AB12 CDE")
    partial: bool = False
    make: str = Field("", max_length=100)
    model: str = Field("", max_length=100)
    colour: str = Field("", max_length=50)
    notes: str = Field("", max_length=10000)


class PhoneOut(Recorded):
    number: str = Field(description="International form: +447700900123")
    deal_line: bool
    line_name: str


class PhoneIn(Schema):
    number: str = Field(max_length=30, description="Any usual form: 07700 900123")
    deal_line: bool = False
    line_name: str = Field("", max_length=100)
    notes: str = Field("", max_length=10000)


class AccountOut(Recorded):
    platform: str
    handle: str


class AccountIn(Schema):
    platform: str = Field(max_length=100)
    handle: str = Field(max_length=200)
    notes: str = Field("", max_length=10000)


class LocationOut(Recorded):
    address: str
    postcode: str
    latitude: float | None
    longitude: float | None
    approximate: bool
    type: str
    area_id: int | None
    status: str


class LocationIn(Schema):
    address: str = Field(max_length=300)
    postcode: str = Field("", max_length=10)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    approximate: bool = False
    type: str = Field(description=CODES["location_type"])
    area_id: int | None = None
    status: str = Field("not_assessed", description=CODES["location_status"])
    notes: str = Field("", max_length=10000)


class GroupOut(Recorded):
    name: str
    type: str
    description: str


class GroupIn(Schema):
    name: str = Field(max_length=200)
    type: str = Field(description=CODES["group_type"])
    description: str = Field("", max_length=5000)
    notes: str = Field("", max_length=10000)


class Grade(Schema):
    kind: str = Field(description="associate, family, exploiter_of, seen_with, frequents, "
                      "uses or member_of")
    started_on: date | None = None
    ended_on: date | None = None
    details: str = Field("", max_length=10000)
    source_kind: str = Field(description="concern, meeting, agency_update, "
                             "police_notification or other")
    source_detail: str = Field("", max_length=300, description="Which one")
    source_evaluation: str = Field(description="1 (reliable), 2 (untested) or 3 (not "
                                   "reliable)")
    assessment: str = Field(description="A to E (3x5x2 intelligence assessment)")
    handling: str = Field(description="P (sharing permitted) or C (with conditions)")
    disclose_to: list[str] = Field([], max_length=4, description="For C: the roles the "
                                   "conditions allow: hub_coordinator, chair, analyst, "
                                   "panel_member")
    conditions: str = Field("", max_length=5000, description="For C: the conditions")


class LinkIn(Grade):
    a_kind: str = Field(description=CODES["end"])
    a_id: int
    b_kind: str = Field(description=CODES["end"])
    b_id: int


class LinkOut(Schema):
    id: int
    a_kind: str
    a_id: int
    b_kind: str
    b_id: int
    kind: str
    started_on: date | None
    ended_on: date | None
    details: str
    source_kind: str
    source_detail: str
    source_evaluation: str
    assessment: str
    handling: str
    disclose_to: list[str]
    conditions: str
    recorded_by: str
    recorded_at: datetime
    end_reason: str
    corrects_id: int | None
    superseded: bool
    version: int

    @staticmethod
    def resolve_disclose_to(obj: Any) -> list[str]:
        return list(obj.roles_allowed)

    @staticmethod
    def resolve_recorded_by(obj: Any) -> str:
        return str(obj.recorded_by.get_full_name() or obj.recorded_by)


class EndIn(Schema):
    version: int
    ended_on: date
    reason: str = Field("", max_length=300)


class CorrectIn(Schema):
    version: int
    reason: str = Field(max_length=300, description="Why the link is corrected")
    kind: str | None = None
    started_on: date | None = None
    ended_on: date | None = None
    details: str | None = Field(None, max_length=10000)
    source_kind: str | None = None
    source_detail: str | None = Field(None, max_length=300)
    source_evaluation: str | None = None
    assessment: str | None = None
    handling: str | None = None
    disclose_to: list[str] | None = Field(None, max_length=4)
    conditions: str | None = Field(None, max_length=5000)


class NotFound(Schema):
    """A record named in the body (a link's end, a person's child) that is not there or not
    within the caller's reach: the same answer for both."""

    detail: str


def page_of_schema(item: type[Schema], name: str) -> type[Schema]:
    return type(name, (Schema,), {"__annotations__": {
        "count": int, "page": int, "page_size": int, "next": str | None,
        "items": list[item]}, "next": Field(None, description=NEXT_DESCRIPTION)})  # type: ignore[valid-type]


class NetworkNodeOut(Schema):
    id: str  # kind:id, as `record` names it
    kind: str
    kind_label: str
    label: str
    hops: int


class NetworkOut(Schema):
    record: str
    hops: int
    # The hops given: fewer than asked when more would bring past 500 records, too many
    # to draw (the first hop is always given).
    reached_hops: int
    nodes: list[NetworkNodeOut]
    links: list[LinkOut]
