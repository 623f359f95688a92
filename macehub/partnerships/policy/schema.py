"""The policy pack: one partnership's rules, typed and cross-checked at load time.

Code asks the pack (`pack.review_interval("mace", "high")`) instead of hard-coding
"4 weeks" (ARCHITECTURE principle 6). The field models live in values.py, forums.py,
missing.py, screening.py and rules.py; this module ties them together.
"""

from __future__ import annotations

from collections.abc import Container, Iterator, Mapping
from datetime import date, timedelta
from functools import cached_property
from typing import Literal

from pydantic import Field, model_validator

from macehub.lib.working_days import calendar
from macehub.partnerships.policy.citing import Document, citing_problems, sourced_paths
from macehub.partnerships.policy.disruption import Disruption
from macehub.partnerships.policy.errors import PackIssues
from macehub.partnerships.policy.explain import ExplainedRule, explain
from macehub.partnerships.policy.forums import Forum
from macehub.partnerships.policy.governance import (
    BreakGlass,
    Disagreements,
    DueList,
    Meetings,
    Oversight,
    Rag,
    Sharing,
)
from macehub.partnerships.policy.hotspots import Hotspots
from macehub.partnerships.policy.interval import Interval
from macehub.partnerships.policy.missing import Missing, MissingTrigger
from macehub.partnerships.policy.monitoring import Monitoring
from macehub.partnerships.policy.retention import Retention, RetentionRule
from macehub.partnerships.policy.rules import (
    Area,
    Closure,
    Consent,
    Escalation,
    EscalationRule,
    ExploitationType,
    FirstMeeting,
    Identity,
    Plans,
    RoleLabel,
)
from macehub.partnerships.policy.screening import Screening
from macehub.partnerships.policy.values import (
    RISK_LABELS,
    RISK_ORDER,
    Key,
    RoleKey,
    Rule,
    Sourced,
    Strict,
    Table,
)


class PolicyPack(Strict):
    schema_version: Literal[1]
    # The documents the pack cites, declared once by key: title, version, date, owner.
    # Sources cite a key and a section ("dudley_tor §MACE Purpose").
    documents: dict[Key, Document] = Field(min_length=1)
    partnership: Identity
    roles: dict[RoleKey, RoleLabel] = {}
    exploitation_types: Table[ExploitationType] = Field(min_length=1)
    areas: Table[Area] = {}
    forums: Table[Forum] = Field(min_length=1)
    first_meeting: FirstMeeting
    escalation: Escalation
    missing: Missing
    screening: Screening
    consent: Consent
    closure: Closure
    plans: Plans
    oversight: Oversight
    disruption: Disruption
    hotspots: Hotspots
    rag: Rag
    sharing: Sharing
    disagreements: Disagreements
    meetings: Meetings
    monitoring: Monitoring | None = None
    due: DueList
    break_glass: BreakGlass
    retention: Retention

    # --- cross-checks ---------------------------------------------------------------------

    @model_validator(mode="after")
    def _cite(self) -> PolicyPack:
        """Every rule learns its path and the pack's documents; a source naming a document
        the pack does not declare (or a file name) is refused, so users read titles."""
        issues: list[tuple[str, str]] = []
        for path, obj in sourced_paths(self):
            if not isinstance(obj, Sourced):
                continue
            obj.attach(path, self.documents)
            issues.extend((f"{path}.source", problem) for problem in
                          citing_problems(obj.source, obj.note, obj.default, self.documents))
        if issues:
            raise PackIssues(issues)
        return self

    @model_validator(mode="after")
    def _references(self) -> PolicyPack:
        issues: list[tuple[str, str]] = []
        known = ", ".join(self.forums)
        for path, ref in self._forum_references():
            if ref not in self.forums:
                issues.append((path, f"unknown forum {ref!r} (this pack defines: {known})"))
        for path, ref in self._type_references():
            if ref not in self.exploitation_types:
                issues.append((path, f"unknown exploitation type {ref!r}"))
        for key, forum in self.forums.items():
            for panel_key, panel in forum.panels.items():
                issues.extend((f"forums.{key}.panels.{panel_key}.with_panels",
                               f"unknown panel {ref!r}")
                              for ref in panel.with_panels if ref not in forum.panels)
            for ref in forum.intake.exploited_now if forum.intake else []:
                if ref not in self.screening.tool.indicators:
                    issues.append((f"forums.{key}.intake.exploited_now",
                                   f"unknown screening indicator {ref!r}"))
        kinds = {area.kind for area in self.areas.values()}
        for key, forum in self.forums.items():
            if forum.per_area and forum.per_area not in kinds:
                issues.append((f"forums.{key}.per_area", f"no area of kind {forum.per_area!r}"))
        screening, nfa = self.screening, self.screening.no_further_action
        if not nfa.allowed:
            # Kirklees §5 ii: "'No further Action' will not be considered as an option".
            if "no_further_action" in screening.outcomes:
                issues.append(
                    (
                        "screening.outcomes.no_further_action",
                        "listed as an outcome but screening.no_further_action.allowed is false",
                    )
                )
            if nfa.minimum_outcome == "no_further_action":
                issues.append(
                    (
                        "screening.no_further_action.minimum_outcome",
                        "cannot be no_further_action when no further action is not allowed",
                    )
                )
        if nfa.minimum_outcome and nfa.minimum_outcome not in screening.outcomes:
            issues.append(
                (
                    "screening.no_further_action.minimum_outcome",
                    f"{nfa.minimum_outcome!r} is not one of screening.outcomes",
                )
            )
        statutory = self.monitoring.statutory_outcome if self.monitoring else None
        if statutory and statutory not in self.screening.outcomes:
            issues.append(("monitoring.statutory_outcome",
                           f"{statutory!r} is not one of screening.outcomes"))
        if issues:
            raise PackIssues(issues)
        return self

    def _forum_references(self) -> Iterator[tuple[str, str]]:
        first = self.first_meeting
        for name in ("forum", "after_forum"):
            if ref := getattr(first, name):
                yield f"first_meeting.{name}", ref
        for key, rule in self.escalation.rules.items():
            if rule.from_forum:
                yield f"escalation.rules.{key}.from_forum", rule.from_forum
            yield f"escalation.rules.{key}.to_forum", rule.to_forum
        keyed: list[tuple[str, Mapping[str, object]]] = [
            ("missing.triggers.rules", self.missing.triggers.rules),
            ("screening.outcomes", self.screening.outcomes),
            ("plans.types", self.plans.types),
            ("oversight.items", self.oversight.items),
            ("rag.schemes", self.rag.schemes),
        ]
        for prefix, table in keyed:
            for key, item in table.items():
                if ref := getattr(item, "forum", None):
                    yield f"{prefix}.{key}.forum", ref
        if self.screening.forum:
            yield "screening.forum", self.screening.forum
        for ref in self.hotspots.promoted_by.value:
            yield "hotspots.promoted_by", ref

    def _type_references(self) -> Iterator[tuple[str, str]]:
        for key, forum in self.forums.items():
            if forum.entry:
                for ref in forum.entry.exploitation_types:
                    yield f"forums.{key}.entry.exploitation_types", ref
            for panel_key, panel in forum.panels.items():
                for ref in panel.exploitation_types:
                    yield f"forums.{key}.panels.{panel_key}.exploitation_types", ref
            for ref in forum.intake.exploitation_types if forum.intake else []:
                yield f"forums.{key}.intake.exploitation_types", ref

    # --- questions the rest of the product asks -------------------------------------------

    @property
    def key(self) -> str:
        return self.partnership.key

    @property
    def name(self) -> str:
        return self.partnership.name

    @property
    def holidays(self) -> Container[date]:
        """The partnership's bank holidays, for every interval counted in working days."""
        return calendar(self.partnership.bank_holidays)

    def forum(self, key: str) -> Forum:
        """The forum with this key; KeyError names the pack and the known forums."""
        try:
            return self.forums[key]
        except KeyError:
            raise KeyError(f"{self.key} has no forum {key!r} ({', '.join(self.forums)})") from None

    def forums_of_kind(self, kind: str) -> list[Forum]:
        return [forum for forum in self.forums.values() if forum.kind == kind]

    def role_label(self, role: str, default: str) -> str:
        """The pack's name for a role (e.g. Kirklees' "MACE coordinator"), else `default`."""
        for key, renamed in self.roles.items():
            if key == role:
                return renamed.label
        return default

    def review_interval_rule(self, forum_key: str, risk: str) -> Rule[Interval] | None:
        """The sourced rule behind review_interval(), for "why is this due?"."""
        if risk not in RISK_ORDER:
            raise ValueError(f"unknown risk level {risk!r}; expected one of {RISK_ORDER}")
        review = self.forum(forum_key).review_interval
        return review.for_risk(risk) if review else None

    def review_interval(self, forum_key: str, risk: str) -> timedelta | None:
        """How soon after a meeting a child at `risk` comes back to `forum_key`; None when
        the pack sets no interval (e.g. Kirklees, where each meeting sets the date).
        Month-based intervals are approximated: use the rule's Interval.after() for an
        exact calendar date."""
        rule = self.review_interval_rule(forum_key, risk)
        return rule.value.as_timedelta() if rule else None

    def first_meeting_deadline(self) -> timedelta | None:
        """Time from referral to the first meeting (Dudley: 2 weeks), or None."""
        within = self.first_meeting.within
        return within.as_timedelta() if within else None

    def in_age_scope(self, age: int) -> bool:
        scope = self.partnership.age_scope
        return (scope.min_age is None or age >= scope.min_age) and age <= scope.max_age

    @property
    def missing_alone_allowed(self) -> bool:
        """Whether a concern may be about missing alone, with no exploitation type."""
        rule = self.screening.missing_alone
        return bool(rule and rule.value)

    def outcome_allowed(self, key: str) -> bool:
        if key == "no_further_action" and not self.screening.no_further_action.allowed:
            return False
        return key in self.screening.outcomes

    def escalations_from(self, forum_key: str) -> list[EscalationRule]:
        self.forum(forum_key)
        return [r for r in self.escalation.rules.values() if r.from_forum == forum_key]

    def missing_triggers(self) -> list[MissingTrigger]:
        return list(self.missing.triggers.rules.values())

    def offers_return_interview(self, age: int) -> bool:
        return self.missing.return_interview.offered_at(age)

    def agenda_lead_time(self, forum_key: str) -> Interval | None:
        agenda = self.forum(forum_key).agenda
        return agenda.circulated_before if agenda else None

    def update_lead_time(self, forum_key: str) -> Interval | None:
        updates = self.forum(forum_key).updates
        return updates.before if updates else None

    def break_glass_lasts(self) -> Interval:
        return self.break_glass.lasts.value

    def retention_rule(self, record_type: str) -> RetentionRule:
        """How long `record_type` is kept and what happens then (docs/dpo/retention.md)."""
        return self.retention.rule(record_type)

    def access_after(self) -> Interval:
        return self.meetings.access_after.value

    def feedback_within(self, forum_key: str) -> Interval | None:
        feedback = self.forum(forum_key).feedback
        return feedback.within if feedback else None

    @cached_property
    def _explained(self) -> tuple[ExplainedRule, ...]:
        names = {key: forum.label for key, forum in self.forums.items()}
        names |= {f"type:{key}": t.label for key, t in self.exploitation_types.items()}
        names |= {f"outcome:{key}": o.label for key, o in self.screening.outcomes.items()}
        names |= {f"risk:{key}": label for key, label in RISK_LABELS.items()}
        names |= {f"panel:{key}": panel.label for forum in self.forums.values()
                  for key, panel in forum.panels.items()}
        return tuple(explain(self, names))

    def explain(self) -> list[ExplainedRule]:
        """Every rule with a sentence, its value, its source and whether it is a default."""
        return list(self._explained)

    def explain_rule(self, path: str) -> ExplainedRule:
        for rule in self._explained:
            if rule.reason.path == path:
                return rule
        raise KeyError(f"{self.key} has no rule at {path!r}")
