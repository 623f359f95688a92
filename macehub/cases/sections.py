"""What other apps add to the case page. Apps above cases (meetings: the meetings the case
was on, its decisions, actions and escalation flags) register a section from their
`AppConfig.ready()`, so cases imports none of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from macehub.access.actor import Actor
from macehub.cases.models import Case

# Each returns template context for the case page; "discussed" (bool), when given, says
# whether the case has been discussed at a held meeting.
CaseSection = Callable[[Actor, Case], dict[str, Any]]
_SECTIONS: dict[str, CaseSection] = {}


def register_case_section(section: CaseSection) -> CaseSection:
    _SECTIONS[f"{section.__module__}.{section.__qualname__}"] = section
    return section


def case_sections(actor: Actor, case: Case) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for section in _SECTIONS.values():
        context.update(section(actor, case))
    return context
