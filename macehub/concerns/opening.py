"""Where a screening leads beyond the concern: the cases app registers, from its
`AppConfig.ready()`, how a screening outcome opens (or reopens) a child's case and how the
screening is noted in the case's chronology, so concerns imports nothing above it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from macehub.access.actor import Actor

# open(actor=, concern=, risk=, outcome=, outcome_label=, forum=) -> the case, or None
CaseOpener = Callable[..., Any]
# note(case=, actor=, at=, summary=) -> None
CaseNote = Callable[..., None]
_REGISTERED: dict[str, Callable[..., Any]] = {}


def register_case_opening(*, opener: CaseOpener, note: CaseNote) -> None:
    _REGISTERED.update(opener=opener, note=note)


def _registered(name: str) -> Callable[..., Any]:
    if name not in _REGISTERED:
        raise ImproperlyConfigured("the cases app registers how a screening opens a case")
    return _REGISTERED[name]


def case_for_screening(*, actor: Actor, concern: Any, risk: str, outcome: str,
                       outcome_label: str, forum: str | None) -> Any:
    """The case a screening outcome opens or reopens, or None (the outcome opens none)."""
    return _registered("opener")(actor=actor, concern=concern, risk=risk, outcome=outcome,
                                 outcome_label=outcome_label, forum=forum)


def note_screening(*, case: Any, actor: Actor, at: datetime, summary: str) -> None:
    _registered("note")(case=case, actor=actor, at=at, summary=summary)
