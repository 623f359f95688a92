"""Dudley's rules as policies/dudley.toml encodes them, one test per rule in DOMAIN.md's
policy table. Source: 003_b0ed44f03d8dc5c7.txt (Dudley MACE and CEOG ToR, July 2021)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from macehub.partnerships.policy import PolicyPack, load_pack


@pytest.fixture(scope="module")
def dudley() -> PolicyPack:
    return load_pack("dudley")


def test_dudley_medium_and_high_risk_go_to_mace(dudley: PolicyPack) -> None:
    # 003 §Introduction: "Young people at medium or high risk ... referred to a MACE meeting"
    entry = dudley.forum("mace").entry
    assert entry is not None and entry.risk_levels == ["medium", "high"]
    assert dudley.screening.outcomes["mace_meeting"].risk_levels == ["medium", "high"]


def test_dudley_forums(dudley: PolicyPack) -> None:
    # 003 §Introduction, §MACE, §CEOG: daily missing, weekly triage, MACE, CEOG, complex strategy
    assert dudley.forum("daily_missing").cadence.display_value() == "daily"
    assert dudley.forum("triage").cadence.display_value() == "weekly"
    assert dudley.forum("ceog").cadence.display_value() == "monthly"
    assert [f.key for f in dudley.forums_of_kind("complex_strategy")] == ["complex_strategy"]
    assert dudley.forum("complex_strategy").label.startswith("Complex strategy meeting")


def test_dudley_perpetrator_forum_is_labelled_ceog(dudley: PolicyPack) -> None:
    # 003 §CEOG Purpose: the perpetrator/location forum is the CEOG
    [forum] = dudley.forums_of_kind("perpetrator_forum")
    assert forum.label.startswith("CEOG")


def test_dudley_first_mace_due_within_two_weeks_of_referral(dudley: PolicyPack) -> None:
    # 003 §MACE Purpose: "The first MACE meeting should be held within 2 weeks of the referral"
    assert dudley.first_meeting_deadline() == timedelta(weeks=2)
    assert dudley.first_meeting.from_event == "referral"
    assert dudley.first_meeting.forum == "mace"


def test_dudley_high_risk_review_every_four_weeks(dudley: PolicyPack) -> None:
    # 003 §MACE Review & Reporting: reviews 4 weeks after for HIGH risk
    assert dudley.review_interval("mace", "high") == timedelta(weeks=4)
    rule = dudley.explain_rule("forums.mace.review_interval.high")
    assert rule.reason.source.startswith("Dudley MACE and CEOG Terms of Reference (July 2021), ")
    assert rule.reason.rule == "MACE meeting: review a high-risk child every 4 weeks."


def test_dudley_medium_risk_review_every_six_weeks(dudley: PolicyPack) -> None:
    # 003 §MACE Review & Reporting: 6 weeks for medium risk
    assert dudley.review_interval("mace", "medium") == timedelta(weeks=6)
    assert dudley.review_interval("mace", "at_risk") is None


def test_dudley_chair_escalates_high_risk_to_ceog_after_three_meetings(
    dudley: PolicyPack,
) -> None:
    # 003 §MACE Review & Reporting: not reduced after 3 MACE meetings → CEOG, by the chair
    rule = dudley.escalation.rules["high_risk_not_reducing"]
    assert (rule.from_forum, rule.to_forum) == ("mace", "ceog")
    assert (rule.risk_level, rule.after_meetings, rule.decided_by) == ("high", 3, "chair")


def test_dudley_linked_victims_perpetrators_and_locations_escalate_to_ceog(
    dudley: PolicyPack,
) -> None:
    # 003 §CEOG Agenda: linked series of victims; a linked perpetrator or location
    subjects = {r.subject for r in dudley.escalations_from("mace") if r.to_forum == "ceog"}
    assert subjects == {"child", "linked_children", "person_of_interest", "location"}


def test_dudley_ceog_recommends_complex_strategy_for_multi_victim_multi_suspect(
    dudley: PolicyPack,
) -> None:
    # 003 §CEOG Scope: Complex Strategy Meeting or SMG for multi-victim, multi-suspect cases
    [rule] = dudley.escalations_from("ceog")
    assert (rule.to_forum, rule.action) == ("complex_strategy", "recommend")


def test_dudley_every_missing_episode_goes_to_the_daily_missing_meeting(
    dudley: PolicyPack,
) -> None:
    # 003 §Introduction: a daily missing meeting in the MASH
    [trigger] = dudley.missing_triggers()
    assert trigger.every_episode and trigger.forum == "daily_missing"
    assert trigger.fires(1)


def test_dudley_mace_chaired_by_the_exploitation_coordinator(dudley: PolicyPack) -> None:
    # 003 §MACE Membership & Attendance: "Children Services Exploitation co-ordinator – CHAIR"
    chair = dudley.forum("mace").chair
    assert chair is not None and "exploitation co-ordinator" in chair.chair
    assert chair.agency == "childrens_social_care"


def test_dudley_panel_list(dudley: PolicyPack) -> None:
    # 003 §MACE Membership & Attendance
    agencies = set(dudley.forum("mace").panels["core"].agencies)
    assert {"childrens_social_care", "police", "youth_offending", "health"} <= agencies


def test_dudley_written_updates_before_review(dudley: PolicyPack) -> None:
    # 003 §MACE Review & Reporting: short written updates prior to the meeting (no lead time)
    updates = dudley.forum("mace").updates
    assert updates is not None and updates.written
    assert dudley.update_lead_time("mace") is None


def test_dudley_lowered_to_at_risk_is_discharged(dudley: PolicyPack) -> None:
    # 003 §MACE Review & Reporting: "If the risk is lowered to 'at risk' (low) ... discharged"
    assert dudley.closure.discharge_at == "at_risk"
    assert dudley.closure.requires_review_meeting


def test_dudley_ceog_monthly_one_week_before_police_tasking(dudley: PolicyPack) -> None:
    # 003 §CEOG Frequency: once a month, where possible 1 week before police tasking
    item = dudley.oversight.items["ceog_before_police_tasking"]
    assert item.lead_time is not None and item.forum == "ceog"
    assert item.lead_time.before(date(2025, 7, 14), holidays=()) == date(2025, 7, 7)


def test_dudley_ceog_agenda_agreed_one_week_before(dudley: PolicyPack) -> None:
    # 003 §CEOG Agenda: the chair meets the Hub 1 week before to agree the agenda
    lead = dudley.agenda_lead_time("ceog")
    assert lead is not None and lead.as_timedelta() == timedelta(weeks=1)


def test_dudley_exploitation_dashboard(dudley: PolicyPack) -> None:
    # 003 §MACE Review & Reporting: reported via an exploitation Dashboard
    assert dudley.oversight.items["dashboard"].to == "Child Exploitation subgroup"


def test_dudley_ceog_removal_records_reason_and_actions(dudley: PolicyPack) -> None:
    # 003 §CEOG Agenda: removal, its reason and actions completed are documented
    removal = dudley.forum("ceog").removal
    assert removal is not None and removal.reason_required and removal.actions_recorded


def test_dudley_upper_age_is_a_marked_default(dudley: PolicyPack) -> None:
    # 003 is silent on an upper age: the pack says so
    assert dudley.in_age_scope(17) and not dudley.in_age_scope(18)
    assert dudley.explain_rule("partnership.age_scope").reason.default
