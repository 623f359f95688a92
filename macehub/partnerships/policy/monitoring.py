"""Cases held open to the MACE process without meetings (Kirklees): a child managed
effectively through child protection or looked-after processes stays monitored through
the coordination process (004 §5 iii); a case the meeting steps down stays open, and a rise
in risk goes back through the child's lead professional (004 §6 iv)."""

from __future__ import annotations

from macehub.partnerships.policy.interval import Interval
from macehub.partnerships.policy.values import Names, OutcomeKey, Rule, Sourced


class Monitoring(Sourced):
    """`step_down_stays_open`: a step-down decision removes meeting oversight but keeps
    the case open, monitored (otherwise it closes the case). `statutory_outcome`: the
    screening outcome that opens a monitored case. `review_every`: how often a monitored
    case from that outcome is reviewed by the coordinator."""

    step_down_stays_open: bool = False
    statutory_outcome: OutcomeKey | None = None
    review_every: Rule[Interval] | None = None

    def summary(self, names: Names) -> str:
        parts = []
        if self.step_down_stays_open:
            parts.append("a stepped-down case stays open to the MACE process, monitored; a "
                         "rise in risk is discussed with the child's lead professional")
        if self.statutory_outcome:
            parts.append("a child managed through child protection or looked-after "
                         "processes stays monitored")
        return "; ".join(parts) or "no case is monitored without meetings"

    def display_value(self) -> str:
        return "yes" if self.step_down_stays_open or self.statutory_outcome else "no"
