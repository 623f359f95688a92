"""Who reaches cases: the hub and chairs see every case of the partnership. Panel members
reach a case only through the meetings app's grants (macehub.meetings.reach)."""

from macehub.access.reach import grant
from macehub.access.roles import Role

HUB = (Role.HUB_COORDINATOR, Role.CHAIR)
CASE_MODELS = ("cases.Case", "cases.RiskChange", "cases.AgencyFlag", "cases.Plan",
               "cases.NrmReferral", "cases.ChronologyEntry", "cases.Monitoring",
               "cases.DueEntry")

for model in CASE_MODELS:
    grant(model, name="The hub and chairs: every case of the partnership", roles=HUB)
