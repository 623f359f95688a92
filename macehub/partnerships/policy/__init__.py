"""Policy packs: each partnership's rules as typed, sourced data (`policies/<key>.toml`).

    from macehub.partnerships.policy import load_pack
    pack = load_pack("dudley")
    pack.review_interval("mace", "high")   # timedelta(days=28)
    pack.explain_rule("forums.mace.review_interval.high").source

Pure Python: importing this package imports no Django models.
"""

from macehub.partnerships.policy.errors import PolicyError
from macehub.partnerships.policy.explain import ExplainedRule
from macehub.partnerships.policy.forums import Forum, Panel
from macehub.partnerships.policy.interval import Interval
from macehub.partnerships.policy.loader import (
    clear_cache,
    load_all,
    load_pack,
    pack_keys,
    policy_dir,
    validate_data,
    validate_file,
)
from macehub.partnerships.policy.missing import MissingTrigger
from macehub.partnerships.policy.rules import EscalationRule
from macehub.partnerships.policy.schema import PolicyPack
from macehub.partnerships.policy.values import RISK_ORDER, Rule, Sourced

__all__ = [
    "RISK_ORDER",
    "EscalationRule",
    "ExplainedRule",
    "Forum",
    "Interval",
    "MissingTrigger",
    "Panel",
    "PolicyError",
    "PolicyPack",
    "Rule",
    "Sourced",
    "clear_cache",
    "load_all",
    "load_pack",
    "pack_keys",
    "policy_dir",
    "validate_data",
    "validate_file",
]
