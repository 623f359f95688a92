"""What other apps add to the case pages. Apps above cases register from their
`AppConfig.ready()`, so cases imports none of them:

- facts for the summary header every case page shows (meetings: the next meeting, the next
  review, whether the case has been discussed, and its escalation flags);
- the case's sub-pages (meetings: meetings and decisions, actions; missing: the child's
  missing episodes), each shown in the sub-navigation to those whose role may open it. A
  sub-page appears once the app that owns its records registers it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from macehub.access.actor import Actor
from macehub.cases.models import Case

# Each returns template context for the case header; "discussed" (bool), when given, says
# whether the case has been discussed at a held meeting.
CaseFacts = Callable[[Actor, Case], dict[str, Any]]
_FACTS: dict[str, CaseFacts] = {}


@dataclass(frozen=True)
class CaseTab:
    """A case sub-page: its label, its URL name (taking the case's `pk`), the permission
    its view requires, and its place in the sub-navigation."""

    label: str
    url_name: str
    permission: str
    order: int


_TABS: dict[str, CaseTab] = {}


def register_case_facts(facts: CaseFacts) -> CaseFacts:
    _FACTS[f"{facts.__module__}.{facts.__qualname__}"] = facts
    return facts


def case_facts(actor: Actor, case: Case) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for facts in _FACTS.values():
        context.update(facts(actor, case))
    return context


def register_case_tab(tab: CaseTab) -> CaseTab:
    _TABS[tab.url_name] = tab
    return tab


def case_tabs(actor: Actor) -> list[CaseTab]:
    """The sub-pages the actor's role may open, in order."""
    return sorted((t for t in _TABS.values() if actor.has(t.permission)),
                  key=lambda t: t.order)


register_case_tab(CaseTab("Summary", "cases:detail", "case.view", 10))
register_case_tab(CaseTab("Timeline", "cases:timeline", "case.view", 20))
register_case_tab(CaseTab("Plans", "cases:plans", "case.view", 30))
