"""Every rule of a pack in words, with its source (ARCHITECTURE principle 7).

The walk follows the models in declaration order, so the output reads in the order of
the TOML file's sections; each sourced object becomes one ExplainedRule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from macehub.partnerships.policy.forums import Forum
from macehub.partnerships.policy.governance import PERIOD_LABELS
from macehub.partnerships.policy.values import Names, Rule, Sourced
from macehub.rules.reason import Reason


@dataclass(frozen=True)
class ExplainedRule:
    # The rule in a sentence ("MACE meeting: review a high-risk child every 4 weeks."), its
    # source, its dotted path as in the TOML file and whether it is a default.
    reason: Reason
    value: str  # the value in short: "4 weeks"
    note: str | None = None
    why_default: str = ""  # for a default, why the pack chose it


# Sentences for single-value rules, by the field that holds them.
_PHRASES = {
    "high": "review a high-risk child every {v}",
    "medium": "review a medium-risk child every {v}",
    "at_risk": "review an at-risk child every {v}",
    "set_at_meeting": "each meeting sets the date of the child's next review",
    "missing_alone": "a concern may be about a child going missing alone, with no type of "
    "exploitation",
    "review_every": "the coordinator reviews a monitored case every {v}",
    "time_limit": "the return interview is due within {v} of the child's return",
    "police_risk_grades": "police grade a missing child as: {v}",
    "figures_suppress_below": "analysts' missing figures hide counts below {v}",
    "push_factors": "push factors recorded in a return interview: {v}",
    "pull_factors": "pull factors recorded in a return interview: {v}",
    "columns": "the MACE tracker shows: {v}",
    "places": "the places of exploitation a case records: {v}",
    "tactics": "the disruption tactics recorded against people, places and groups: {v}",
    "timely_within": "a disruption is timely when it starts within {v} of the decision",
    "cluster_radius": "the hotspot analysis counts located records within {v} metres of "
    "each other as neighbours",
    "cluster_min_points": "a hotspot cluster needs at least {v} located records",
    "promoted_by": "a vulnerable location becomes a hotspot only by the recorded decision "
    "of a held meeting of: {v}",
    "period": "a report covers one {v}",
    "recipients": "the report goes to: {v}",
    "sections": "the report's narrative sections: {v}",
    "external": "the report circulates beyond the partnership, so small numbers are "
    "suppressed",
    "due_within": "the report is due {v} days after its period ends",
    "remind_before": "reminded {v} days before it is due",
    "due_on": "due each year on {v} (month-day)",
}


_CODE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)*\b")


def in_labels(value: str, names: Names) -> str:
    """A value with every key in it read as its label: forums, outcomes, risk levels; any
    other code as words."""

    def label(match: re.Match[str]) -> str:
        code = match[0]
        found = names.get(code) or names.get(f"outcome:{code}") or names.get(f"risk:{code}")
        return found or code.replace("_", " ")

    return _CODE.sub(label, value)


def explain(root: BaseModel, names: Names) -> list[ExplainedRule]:
    out: list[ExplainedRule] = []
    _walk(root, "", None, "", names, out)
    return out


def _walk(
    obj: Any, path: str, context: str | None, field: str, names: Names, out: list[ExplainedRule]
) -> None:
    if isinstance(obj, dict):
        for key, item in obj.items():
            _walk(item, f"{path}.{key}" if path else str(key), context, str(key), names, out)
        return
    if not isinstance(obj, BaseModel):
        return
    if isinstance(obj, Sourced) and not _is_full_collection(obj):
        out.append(_entry(obj, context, field, names))
    inner = obj.label if isinstance(obj, Forum) else context
    for name in type(obj).model_fields:
        _walk(getattr(obj, name), f"{path}.{name}" if path else name, inner, name, names, out)


def _is_full_collection(obj: Sourced) -> bool:
    # A section with rules is explained by its rules; an empty one (silent) by itself.
    return bool(obj.collection and getattr(obj, obj.collection))


def _entry(obj: Sourced, context: str | None, field: str, names: Names) -> ExplainedRule:
    if isinstance(obj, Rule):
        phrase = _PHRASES.get(field, field.replace("_", " ") + ": {v}")
        if obj.value is False:
            phrase = f"not so: {phrase}"
        value = obj.display_value()
        if field == "period":  # a report's period in words: "half-year"
            value = PERIOD_LABELS.get(value, value)
        phrase = phrase.format(v=value)
    else:
        phrase = obj.summary(names)
    sentence = f"{context}: {phrase}" if context else phrase[:1].upper() + phrase[1:]
    return ExplainedRule(
        reason=obj.reason(sentence.rstrip(".") + "."),
        value=in_labels(obj.display_value(), names),
        note=obj.noted,
        why_default=obj.why_default,
    )
