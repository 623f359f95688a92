"""Who reaches records to count them for the exploitation dashboard.

The hub and chairs already reach every record the dashboard counts (each app's own
reach). An analyst reaches them only to count them: aggregate tables with small numbers
suppressed, never a single record — every page or API operation that shows a record asks
for a permission analysts do not hold (`case.view`, `meeting.view`, `concern.screen`)."""

from __future__ import annotations

from macehub.access.reach import grant
from macehub.access.roles import Role

FIGURES_ONLY = "An analyst: aggregate figures only, never a single record"

for model in ("concerns.Concern", "concerns.Screening", "cases.Case", "cases.RiskChange",
              "cases.NrmReferral", "meetings.Meeting", "meetings.AgendaItem",
              "meetings.Invitation", "meetings.Action"):
    grant(model, name=FIGURES_ONLY, roles=(Role.ANALYST,))
