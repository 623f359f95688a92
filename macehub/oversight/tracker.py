"""The MACE tracker: the cases open to MACE (or, by filter, closed) with the columns the
partnership's pack lists (Essex 000 §6.3: children discussed, type of education
establishment, model and place of exploitation, time open to MACE, outcome or reason for
reduced risk). Every cell is a label for people to read, never a code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Max, OuterRef, QuerySet, Subquery
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.cases.models import Case, ChronologyEntry

# The product's words for each column a pack may list (policy: TrackerColumn).
HEADINGS: dict[str, str] = {
    "reference": "Case reference",
    "child": "Child",
    "date_of_birth": "Date of birth",
    "ethnicity": "Ethnicity",
    "area": "Area",
    "education": "Education",
    "exploitation_types": "Model of exploitation",
    "places": "Place of exploitation",
    "risk": "Risk level",
    "status": "Status",
    "time_open": "Time open to MACE",
    "lead_agency": "Lead agency",
    "outcome": "Outcome, or reason the risk came down",
}
STATUSES = {"open": "Open to MACE", "closed": "Closed", "all": "Open and closed"}


@dataclass(frozen=True)
class Filters:
    status: str = "open"  # a key of STATUSES
    risk: str = ""
    area_id: int | None = None
    exploitation_type: str = ""


def tracker_cases(actor: Actor, filters: Filters) -> QuerySet[Case]:
    """The cases the tracker lists, oldest opened first, with what every column reads
    loaded in the same query."""
    cases = Case.objects.for_actor(actor).select_related("child", "child__area", "lead_agency")
    if filters.status == "open":
        cases = cases.exclude(status=Case.Status.CLOSED)
    elif filters.status == "closed":
        cases = cases.filter(status=Case.Status.CLOSED)
    if filters.risk:
        cases = cases.filter(risk=filters.risk)
    if filters.area_id is not None:
        cases = cases.filter(child__area_id=filters.area_id)
    if filters.exploitation_type:
        # Keys are plain identifiers, so the quoted key matches one list entry exactly.
        cases = cases.filter(exploitation_types__icontains=f'"{filters.exploitation_type}"')
    # A closed case was open until its last change of status.
    closed_at = ChronologyEntry.objects.filter(case=OuterRef("pk"), kind="status").values(
        "case").annotate(last=Max("at")).values("last")
    return cases.annotate(closed_at=Subquery(closed_at[:1])).order_by("opened_at", "pk")


def _days(n: int) -> str:
    if n < 14:
        return f"{n} day{'s' if n != 1 else ''}"
    if n < 61:
        return f"{n // 7} weeks"
    months = n * 12 // 365
    return f"{months} months" if months < 24 else f"{n // 365} years"


def time_open(case: Case, today: date | None = None) -> str:
    """How long the case has been (or was) open to MACE, in words."""
    tz = timezone.get_current_timezone()
    start = case.opened_at.astimezone(tz).date()
    end = today or timezone.localdate()
    closed_at = getattr(case, "closed_at", None)
    if case.status == Case.Status.CLOSED and closed_at is not None:
        end = closed_at.astimezone(tz).date()
    return _days(max((end - start).days, 0))


def cell(actor: Actor, case: Case, column: str, today: date | None = None,
         pack: Any = None) -> str:
    """One cell as people read it (`pack`: the partnership's, when the caller has it)."""
    pack = pack or actor.partnership.policy
    child = case.child
    if column == "reference":
        return case.reference
    if column == "child":
        return str(child)
    if column == "date_of_birth":
        return child.born_label
    if column == "ethnicity":
        return child.ethnicity_label
    if column == "area":
        return str(child.area) if child.area else "Not recorded"
    if column == "education":
        education = child.get_education_display()
        return f"{education}: {child.education_setting}" if child.education_setting else education
    if column == "exploitation_types":
        return ", ".join(pack.exploitation_types[t].label for t in case.exploitation_types
                         if t in pack.exploitation_types) or "None recorded"
    if column == "places":
        places = pack.oversight.tracker.places.value
        return ", ".join(places[p] for p in case.places if p in places) or "Not recorded"
    if column == "risk":
        return case.get_risk_display()
    if column == "status":
        return case.get_status_display()
    if column == "time_open":
        return time_open(case, today)
    if column == "lead_agency":
        return case.lead_agency.name if case.lead_agency else "Not recorded"
    if column == "outcome":
        return case.outcome or "Not recorded"
    raise ValueError(column)


def columns(actor: Actor) -> list[tuple[str, str]]:
    """The pack's columns: (key, heading)."""
    listed = actor.partnership.policy.oversight.tracker.columns.value
    return [(key, HEADINGS[key]) for key in listed]


def rows(actor: Actor, cases: Any) -> list[tuple[Case, list[str]]]:
    keys = [key for key, _ in columns(actor)]
    today, pack = timezone.localdate(), actor.partnership.policy  # once, not per cell
    return [(case, [cell(actor, case, key, today, pack) for key in keys]) for case in cases]
