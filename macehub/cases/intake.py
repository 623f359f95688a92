"""Whom a forum's intake takes (policy pack `forums.<key>.intake`): open cases by risk and
type or being exploited now (Thurrock RMM, 002 §2.2), and the concerns received in a
period (Dudley's weekly triage, 003 §Introduction). Read through the scoped kernel, so an
actor sees only the cases and concerns they reach."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from macehub.access.actor import Actor
from macehub.cases.models import Case
from macehub.concerns.models import Concern, RiskLevel, Screening


@dataclass(frozen=True)
class Taken:
    case: Case
    why: str
    source: str


def intake_caption(actor: Actor, forum_key: str) -> str:
    """The intake in words users read: labels, never keys."""
    pack = actor.partnership.policy
    intake = pack.forum(forum_key).intake
    if intake is None:
        return ""
    parts = []
    if intake.risk_levels:
        levels = " or ".join(RiskLevel(r).label.lower() for r in intake.risk_levels)
        types = ", ".join(pack.exploitation_types[t].label for t in intake.exploitation_types
                          if t in pack.exploitation_types)
        parts.append(f"children at {levels} risk" + (f" of {types}" if types else ""))
    if intake.exploited_now:
        parts.append("children being exploited now")
    if intake.concerns_in_period:
        parts.append("concerns received since the last meeting")
    return "; ".join(parts)


def intake_cases(actor: Actor, forum_key: str) -> list[Taken]:
    """Open cases the forum takes besides its own list, each with the rule that took it."""
    pack = actor.partnership.policy
    intake = pack.forum(forum_key).intake
    if intake is None or not (intake.risk_levels or intake.exploited_now):
        return []
    open_cases = (Case.objects.for_actor(actor).filter(status=Case.Status.OPEN)
                  .select_related("child").order_by("opened_at", "pk"))
    wanted_types = set(intake.exploitation_types)
    taken: dict[int, Taken] = {}
    if intake.risk_levels:
        for case in open_cases.filter(risk__in=intake.risk_levels):
            if wanted_types and not wanted_types & set(case.exploitation_types):
                continue
            types = ", ".join(pack.exploitation_types[t].label
                              for t in case.exploitation_types if t in pack.exploitation_types)
            why = f"{RiskLevel(case.risk).label} risk" + (f" of {types}" if types else "")
            taken[case.pk] = Taken(case, why, intake.cited)
    if intake.exploited_now:
        signs = set(intake.exploited_now)
        screened = (Screening.objects.for_actor(actor)
                    .filter(case__status=Case.Status.OPEN)
                    .values_list("case_id", "indicators"))
        exploited = {case_id for case_id, found in screened if signs & set(found or [])}
        for case in open_cases.filter(pk__in=exploited):
            taken.setdefault(case.pk, Taken(case, "Being exploited now (screening)",
                                            intake.cited))
    return list(taken.values())


def intake_concerns(actor: Actor, forum_key: str, start: datetime | None,
                    end: datetime) -> list[Concern]:
    """Concerns received in [start, end) where the forum takes them (emerging concerns and
    new referrals), oldest first; with no start, those still awaiting screening. A concern
    finalised without consent is not developed."""
    intake = actor.partnership.policy.forum(forum_key).intake
    if intake is None or not intake.concerns_in_period:
        return []
    found = (Concern.objects.for_actor(actor).filter(submitted_at__lt=end)
             .exclude(status=Concern.Status.FINALISED_NO_CONSENT))
    found = found.filter(submitted_at__gte=start) if start is not None else \
        found.filter(status=Concern.Status.AWAITING_SCREENING)
    return list(found.select_related("child").order_by("submitted_at", "pk"))
