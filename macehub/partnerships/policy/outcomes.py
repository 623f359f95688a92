"""Outcomes a forum's meeting may agree for a child, as the partnership's document lists
them (Dudley §MACE Outcomes: refer for support services; recommend an Early Help referral).

The product's own decisions (risk, plan, NRM, escalation, closure) stay decision kinds;
these are the partnership's further outcomes, recorded as an "outcome agreed" decision."""

from __future__ import annotations

from macehub.partnerships.policy.values import Keyed, Names, Text


class MeetingOutcome(Keyed):
    label: Text

    def summary(self, names: Names) -> str:
        return f"a meeting may agree the outcome '{self.label}'"

    def display_value(self) -> str:
        return self.label
