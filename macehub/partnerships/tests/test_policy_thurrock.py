"""Thurrock's rules as policies/thurrock.toml encodes them, one test per rule in
DOMAIN.md's policy table. Source: 002_9a4b0e25966471c4.txt (SET protocol) §2.2 and §3."""

from __future__ import annotations

import pytest

from macehub.partnerships.policy import PolicyPack, load_pack


@pytest.fixture(scope="module")
def thurrock() -> PolicyPack:
    return load_pack("thurrock")


def test_thurrock_forums_mace_six_weekly_rmm_weekly_tracker_grv_monthly(
    thurrock: PolicyPack,
) -> None:
    # 002 §2.2: MACE every six weeks; RMM weekly; CE tracker meetings; GRV forum each month
    assert thurrock.forum("mace").cadence.display_value() == "every 6 weeks"
    assert thurrock.forum("rmm").cadence.display_value() == "weekly"
    assert thurrock.forum("grv").cadence.display_value() == "monthly"
    # 002 does not say how often tracker meetings sit: marked as a default
    assert thurrock.explain_rule("forums.ce_tracker.cadence").reason.default


def test_thurrock_rmm_reviews_every_child_missing_that_week_and_high_risk(
    thurrock: PolicyPack,
) -> None:
    # 002 §2.2 RMM: all children reported missing during the week; high risk of CSE/CE
    [trigger] = thurrock.missing_triggers()
    assert trigger.every_episode and trigger.forum == "rmm"
    entry = thurrock.forum("rmm").entry
    assert entry is not None and entry.risk_levels == ["high"]


def test_thurrock_grv_rag_red_amber_green_blue(thurrock: PolicyPack) -> None:
    # 002 §2.2 GRV: red highest risk/most active, amber, green emerging, blue in custody
    scheme = thurrock.rag.schemes["grv"]
    assert scheme.forum == "grv"
    ordered = sorted(scheme.ratings.values(), key=lambda r: r.rank)
    assert [r.key for r in ordered] == ["red", "amber", "green", "blue"]
    assert "custody" in scheme.ratings["blue"].meaning


def test_thurrock_grv_includes_adults_and_is_led_by_youth_offending(thurrock: PolicyPack) -> None:
    # 002 §2.2 GRV: "led by the Youth Offending Service ... discusses both adults and children"
    grv = thurrock.forum("grv")
    assert grv.includes_adults and grv.chair is not None
    assert grv.chair.agency == "youth_offending"


def test_thurrock_first_meeting_and_review_follow_forum_cadence(thurrock: PolicyPack) -> None:
    # 002 is silent on first-meeting deadlines and review intervals: per forum cadence
    assert thurrock.first_meeting_deadline() is None
    assert thurrock.explain_rule("first_meeting").reason.default
    assert thurrock.review_interval("mace", "high") is None


def test_thurrock_oversight_goes_to_set_strategic_group(thurrock: PolicyPack) -> None:
    # 002 §3: patterns across SET go to the SET CSE Strategic Group
    assert thurrock.oversight.items["set_strategic"].to == "SET CSE Strategic Group"
    assert sorted(thurrock.sharing.partners) == ["essex", "southend"]
