"""Building concerns in tests through the real services."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from macehub.concerns.services import concern_submit


def years_ago(years: int, days: int = 0) -> date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - timedelta(days=days)


def submit(actor: Any, **overrides: Any) -> Any:
    pack = actor.partnership.policy
    arguments: dict[str, Any] = {
        "immediate_danger": "no",
        "child_details": {"first_name": "Jordan", "last_name": "Example",
                          "date_of_birth": years_ago(14), "known_as": ["Jay"]},
        "what_happened": "Seen getting into cars with older men after school.",
        "exploitation_types": [next(iter(pack.exploitation_types))],
        "indicators": [],
        "child_protection_plan": False,
        "consent": "obtained",
    }
    arguments.update(overrides)
    return concern_submit(actor=actor, **arguments)
