"""The work waiting for the caller, as on their home page. No `from __future__ import
annotations`: django-ninja reads the annotations at import time."""

from datetime import date

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema

from macehub.api.core import actor_of, permission
from macehub.audit.services import audit_record
from macehub.lib.waiting import waiting_for
from macehub.missing.api import FigureRow, FigureTable
from macehub.missing.figures import Table
from macehub.oversight.figures import dashboard

router = Router(tags=["home"])


class WaitingOut(Schema):
    label: str = Field(description="What is waiting, in words")
    count: int
    url: str = Field(description="The page listing these records, filtered")
    alert: bool = Field(description="Needs attention now when the count is not zero")


@router.get("/waiting", response=list[WaitingOut], operation_id="macehub_oversight_waiting")
@permission("home.view")
def waiting(request: HttpRequest) -> object:
    """The counts of work waiting for you, each with the page that lists it. Counts follow
    need to know: each counts only what that list would show you."""
    return waiting_for(actor_of(request))


class DashboardOut(Schema):
    start: date
    end: date
    area_id: int | None = Field(description="The area counted, or null for every area")
    tables: list[FigureTable]
    outcomes: list[FigureTable] = Field(description="The outcome measures")
    # Counts from 1 to one less than this are suppressed (null); 0 when none are.
    suppressed_below: int = 0


@router.get("/dashboard", response=DashboardOut, operation_id="macehub_oversight_dashboard")
@permission("dashboard.view")
def read_dashboard(request: HttpRequest, start: date, end: date,
                   area_id: int | None = None) -> DashboardOut:
    """The exploitation dashboard for a period (and one area), as the page shows it:
    counts only, small numbers suppressed for those who see aggregates only. Audited."""
    if end < start:
        raise ValidationError({"end": "The end must be the same as or after the start"})
    actor = actor_of(request)
    area = None
    if area_id is not None:
        area = actor.partnership.areas.filter(pk=area_id).first()
        if area is None:
            raise ValidationError({"area_id": "Choose an area of this partnership"})
    result = dashboard(actor, start, end, area)
    audit_record(action="dashboard.view", actor=actor, count=result.counted)
    return DashboardOut(start=start, end=end, area_id=area_id,
                        suppressed_below=result.suppressed_below,
                        tables=_tables(result.tables), outcomes=_tables(result.outcomes))


def _tables(tables: list[Table]) -> list[FigureTable]:
    return [FigureTable(title=t.title, rows=[
        FigureRow(label=label, count=count, suppressed=count is None)
        for label, count in t.rows]) for t in tables]
