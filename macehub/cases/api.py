"""Cases through the API: the same fetch-and-authorise helper (audited, need-to-know) as
the pages. No `from __future__ import annotations` here: django-ninja reads the
annotations at import time through the permission wrapper."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from macehub.api.core import actor_of, permission
from macehub.cases.queries import get_case_for
from macehub.people.api import ChildOut

router = Router(tags=["cases"])


class ChronologyOut(Schema):
    at: datetime
    kind: str
    summary: str


class CaseOut(Schema):
    id: int
    child: ChildOut
    status: str
    risk: str
    opened_at: datetime
    lead_professional: str
    exploitation_types: list[str]
    chronology: list[ChronologyOut]


@router.get("/cases/{case_id}", response=CaseOut,
            operation_id="macehub_api_front_door_read_case")
@permission("case.view")
def read_case(request: HttpRequest, case_id: int) -> CaseOut:
    case = get_case_for(actor_of(request), case_id)
    return CaseOut(id=case.pk, child=ChildOut.from_orm(case.child), status=case.status,
                   risk=case.risk, opened_at=case.opened_at,
                   lead_professional=case.lead_professional,
                   exploitation_types=case.exploitation_types,
                   chronology=[ChronologyOut.from_orm(e) for e in case.chronology.all()])
