"""A forum's intake: which children its list and suggested agenda hold beyond the reviews
its cadence brings (Thurrock's RMM also takes children at high risk of CSE/CE or being
exploited now, 002 §2.2; Dudley's weekly triage takes the emerging concerns and new
referrals, 003 §Introduction)."""

from __future__ import annotations

from macehub.partnerships.policy.values import (
    RISK_LABELS,
    Key,
    Names,
    RiskLevel,
    Sourced,
    labelled,
)


class Intake(Sourced):
    """`risk_levels` with `exploitation_types`: open cases at those levels and of those
    types (any type when none are listed). `exploited_now`: screening indicators that mean
    the child is being exploited now; an open case screened with one is taken whatever its
    level. `concerns_in_period`: every concern received since the forum last sat."""

    risk_levels: list[RiskLevel] = []
    exploitation_types: list[Key] = []
    exploited_now: list[Key] = []
    concerns_in_period: bool = False

    def summary(self, names: Names) -> str:
        parts = []
        if self.risk_levels:
            levels = " or ".join(RISK_LABELS[r] for r in self.risk_levels)
            kinds = f" of {labelled(names, 'type', self.exploitation_types)}" \
                if self.exploitation_types else ""
            parts.append(f"children at {levels} risk{kinds}")
        if self.exploited_now:
            parts.append("children being exploited now")
        if self.concerns_in_period:
            parts.append("every concern received since it last sat")
        return "also takes " + (", ".join(parts) or "nothing further")

    def display_value(self) -> str:
        return ", ".join([RISK_LABELS[r] for r in self.risk_levels]
                         + [key.replace("_", " ") for key in self.exploited_now])
