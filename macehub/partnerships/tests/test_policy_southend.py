"""Southend's rules as policies/southend.toml encodes them, one test per rule in
DOMAIN.md's policy table. Source: 002_9a4b0e25966471c4.txt (SET protocol) §2.3 and §3."""

from __future__ import annotations

import pytest

from macehub.partnerships.policy import PolicyPack, load_pack


@pytest.fixture(scope="module")
def southend() -> PolicyPack:
    return load_pack("southend")


def test_southend_forums_censor_fortnightly_task_force_monthly_mase_six_weekly(
    southend: PolicyPack,
) -> None:
    # 002 §2.3: Operation Censor fortnightly; Task Force monthly; MASE every 6 weeks
    assert southend.forum("operation_censor").cadence.display_value() == "fortnightly"
    assert southend.forum("gangs_task_force").cadence.display_value() == "monthly"
    assert southend.forum("mase").cadence.display_value() == "every 6 weeks"


def test_southend_operation_censor_manages_the_cce_county_lines_cohort(
    southend: PolicyPack,
) -> None:
    # 002 §2.3 Operation Censor: child criminal exploitation and county lines
    entry = southend.forum("operation_censor").entry
    assert entry is not None and entry.exploitation_types == ["cce", "county_lines"]


def test_southend_task_force_is_police_led_co_chaired_and_includes_adults(
    southend: PolicyPack,
) -> None:
    # 002 §2.3: "Police-led ... co-chaired by Police Inspector and Head of Children's Services"
    forum = southend.forum("gangs_task_force")
    assert forum.kind == "perpetrator_forum" and forum.includes_adults
    assert forum.chair is not None and forum.chair.agency == "police"
    assert forum.chair.vice_chair_agency == "childrens_social_care"


def test_southend_mase_core_membership_la_police_health(southend: PolicyPack) -> None:
    # 002 §2.3 MASE: "core membership including the LA, Police and Health"
    panel = southend.forum("mase").panels["core"]
    assert set(panel.agencies) == {"childrens_social_care", "police", "health"}


def test_southend_silent_rules_are_marked_defaults(southend: PolicyPack) -> None:
    # 002 says nothing of deadlines, escalation or missing triggers: defaults, marked
    for path in ("first_meeting", "escalation", "missing.triggers", "consent", "closure"):
        assert southend.explain_rule(path).reason.default, path


def test_southend_shares_across_set(southend: PolicyPack) -> None:
    # 002 §Operating Protocol, §3: SET single points of contact and the strategic group
    assert sorted(southend.sharing.partners) == ["essex", "thurrock"]
    assert southend.sharing.strategic_group == "SET CSE Strategic Group"
