"""Who reaches records to count them for the exploitation dashboard.

The hub and chairs already reach every record the dashboard counts (each app's own
reach). An analyst reaches them only to count them: aggregate tables with small numbers
suppressed, never a single record — every page or API operation that shows a record asks
for a permission analysts do not hold (`case.view`, `meeting.view`, `concern.screen`).

The auditor grades a quarter's sample of MACE plans (Wolverhampton (001) §Accountability)
and reads those plans alone, while the audit is being graded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from macehub.access.reach import grant
from macehub.access.roles import Role

if TYPE_CHECKING:
    from macehub.access.actor import Actor

FIGURES_ONLY = "An analyst: aggregate figures only, never a single record"

for model in ("concerns.Concern", "concerns.Screening", "cases.Case", "cases.RiskChange",
              "cases.NrmReferral", "meetings.Meeting", "meetings.AgendaItem",
              "meetings.Invitation", "meetings.Action"):
    grant(model, name=FIGURES_ONLY, roles=(Role.ANALYST,))


def _sampled(actor: Actor) -> Q:
    """The plans in a plan audit still being graded: the auditor reads those and no other."""
    from macehub.oversight.models import PlanAuditEntry

    return Q(pk__in=PlanAuditEntry.objects.for_actor(actor).filter(
        audit__status="open").values("plan_id"))


for model in ("oversight.PlanAudit", "oversight.PlanAuditEntry"):
    grant(model, name="The auditor: the partnership's plan audits", roles=(Role.AUDITOR,))
grant("cases.Plan", name="The auditor: the plans sampled in a plan audit still being graded",
      roles=(Role.AUDITOR,), rows=_sampled)
grant("oversight.TrackerImport", name="The hub and chairs: the partnership's tracker imports",
      roles=(Role.HUB_COORDINATOR, Role.CHAIR))
grant("oversight.Report", name="The hub, chairs and analysts: the partnership's reports",
      roles=(Role.HUB_COORDINATOR, Role.CHAIR, Role.ANALYST))
grant("oversight.DutyReview",
      name="The hub and chairs: the partnership's yearly reviews recorded as done",
      roles=(Role.HUB_COORDINATOR, Role.CHAIR))
