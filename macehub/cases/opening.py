"""How a screening outcome opens a case (registered with concerns at start-up): an outcome
that goes to a MACE forum opens or reopens the child's case; the pack's statutory outcome
(Kirklees: managed through CP / CLA, 004 §5 iii) opens it monitored, without meetings."""

from __future__ import annotations

from datetime import datetime

from macehub.access.actor import Actor
from macehub.cases.models import Case
from macehub.cases.monitoring import case_open_monitored
from macehub.cases.services import case_open_or_reopen, chronology_add
from macehub.concerns.models import Concern


def open_for_screening(*, actor: Actor, concern: Concern, risk: str, outcome: str,
                       outcome_label: str, forum: str | None) -> Case | None:
    pack = actor.partnership.policy
    if forum is not None and pack.forum(forum).kind == "mace":
        return case_open_or_reopen(actor=actor, concern=concern, risk=risk)
    if pack.monitoring is not None and outcome == pack.monitoring.statutory_outcome:
        return case_open_monitored(actor=actor, concern=concern, risk=risk,
                                   why=f"{outcome_label} (concern {concern.reference})")
    return None


def note_screening(*, case: Case, actor: Actor, at: datetime, summary: str) -> None:
    chronology_add(case=case, kind="screening", by=actor.user, at=at, summary=summary)
