"""Mounts every app's router on the one API object (macehub/api/core.py)."""

from __future__ import annotations

from macehub.accounts.api import router as accounts
from macehub.api.core import api
from macehub.cases.api import router as cases
from macehub.concerns.api import router as concerns
from macehub.meetings.api import router as meetings
from macehub.meetings.api_minutes import router as meeting_conduct
from macehub.missing.api import router as missing
from macehub.people.api import router as people
from macehub.rules.api import router as due

ROUTERS = [accounts, people, concerns, cases, due, meetings, meeting_conduct, missing]

for router in ROUTERS:
    api.add_router("/", router)

__all__ = ["api"]
