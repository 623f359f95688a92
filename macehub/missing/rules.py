"""Checks on a missing episode, shared by the pages, the API and the import, so a record
is refused for the same reasons whichever way it comes in."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils import timezone

from macehub.missing.models import GRADE_LABELS, Harm, LookedAfter, MissingFrom
from macehub.partnerships.models import Partnership

Problem = tuple[str, str]  # (field, reason)



def typed(values: list[str]) -> str:
    """Values a person types into a file or the API, quoted as literal input:
    ‘home’, ‘care_placement’."""
    return ", ".join(f"\u2018{value}\u2019" for value in values)

def grade_problem(partnership: Partnership, grade: str) -> str | None:
    """The pack's police risk grades (Essex §2: a child is never 'absent' and never
    'standard' risk, only medium or high); another grade is refused with the reason."""
    rule = partnership.policy.missing.police_risk_grades
    if grade in rule.value:
        return None
    allowed = " or ".join(GRADE_LABELS.get(g, g).lower() for g in rule.value)
    shown = GRADE_LABELS.get(grade, grade) if grade else ""
    why = f" {rule.noted}" if rule.noted else ""
    if not shown:
        return f"Select the police risk grade: {allowed}"
    return (f"'{shown}' is not a grade {partnership.policy.name} uses: a missing child is "
            f"graded {allowed}.{why} (source: {rule.cited})")


# Read once: an import checks every row against them.
_PLACES = frozenset(MissingFrom.values)
_HARMS = frozenset(Harm.values)
_LOOKED_AFTER = frozenset(LookedAfter.values)


def episode_problems(partnership: Partnership, data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    if not str(data.get("force", "")).strip():
        problems.append(("force", "Enter the police force"))
    if not str(data.get("police_reference", "")).strip():
        problems.append(("police_reference", "Enter the police reference"))
    reported, returned = data.get("reported_at"), data.get("returned_at")
    now = timezone.now()
    if not isinstance(reported, datetime):
        problems.append(("reported_at", "Enter when the child was reported missing"))
    elif reported > now:
        problems.append(("reported_at", "The report time cannot be in the future"))
    if returned is not None:
        if not isinstance(returned, datetime):
            problems.append(("returned_at", "Enter when the child was found or returned"))
        elif isinstance(reported, datetime) and returned < reported:
            problems.append(("returned_at", "The return must come after the report"))
        elif returned > now:
            problems.append(("returned_at", "The return time cannot be in the future"))
    if data.get("missing_from") not in _PLACES:
        problems.append(("missing_from", "Say where the child went missing from: "
                                         + typed(MissingFrom.values)))
    if (why := grade_problem(partnership, str(data.get("risk_grade") or ""))) is not None:
        problems.append(("risk_grade", why))
    bad = [h for h in data.get("harm_indicators") or [] if h not in _HARMS]
    if bad:
        problems.append(("harm_indicators", f"Unknown harm indicator: {typed(bad)} "
                                            f"(use {typed(Harm.values)})"))
    if data.get("looked_after", LookedAfter.NO) not in _LOOKED_AFTER:
        problems.append(("looked_after", "Use one of: " + typed(LookedAfter.values)))
    elif data.get("looked_after") in {LookedAfter.PLACED_INTO_AREA,
                                      LookedAfter.PLACED_OUT_OF_AREA} and \
            not str(data.get("responsible_authority", "")).strip():
        problems.append(("responsible_authority",
                         "Name the responsible authority for a child placed into or out of "
                         "the area"))
    return problems



def interview_due_on(pack: Any, returned_at: datetime) -> date | None:
    """The day a return interview is due after a child's return: the pack's time limit
    (default 72 hours, DfE statutory guidance 2014) from the return in UK time, or in
    working days where the pack counts them; None where the pack sets no limit."""
    rule = pack.missing.return_interview
    if not rule.offered or rule.time_limit is None:
        return None
    limit, back = rule.time_limit.value, timezone.localtime(returned_at)
    if limit.unit == "working_days":
        return limit.after(back.date(), holidays=pack.holidays)  # type: ignore[no-any-return]
    return (back + limit.as_timedelta()).date()
