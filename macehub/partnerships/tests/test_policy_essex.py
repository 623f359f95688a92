"""Essex's rules as policies/essex.toml encodes them, one test per rule in DOMAIN.md's
policy table. Source: 000_68bb681c4736f6ba.txt (Essex Child Exploitation & Missing
arrangements); quadrants and sharing from 002_9a4b0e25966471c4.txt (SET protocol)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from macehub.partnerships.policy import PolicyPack, load_pack


@pytest.fixture(scope="module")
def essex() -> PolicyPack:
    return load_pack("essex")


def test_essex_mace_1_is_for_high_risk_of_exploitation_or_missing(essex: PolicyPack) -> None:
    # 000 §6.1: MACE 1 oversees plans of children assessed as high risk
    entry = essex.forum("mace_1").entry
    assert entry is not None and entry.risk_levels == ["high"]


def test_essex_forums_ric_mace_1_monthly_mace_2_quarterly_per_quadrant(essex: PolicyPack) -> None:
    # 000 §6.1 (RIC meeting), §6.5 (MACE 1 monthly, MACE 2 quarterly, four quadrants)
    assert essex.forum("ric_meeting").cadence.on_demand
    assert essex.forum("mace_1").cadence.display_value() == "monthly"
    assert essex.forum("mace_2").cadence.display_value() == "quarterly"
    assert essex.forum("mace_2").kind == "location_forum"
    assert essex.forum("mace_1").per_area == essex.forum("mace_2").per_area == "quadrant"
    assert sorted(a.name for a in essex.areas.values()) == [
        "Mid Quadrant",
        "North Quadrant",
        "South Quadrant",
        "West Quadrant",
    ]


def test_essex_first_mace_1_follows_the_ric_meeting(essex: PolicyPack) -> None:
    # 000 §6.1: after the RIC meeting agrees the high-risk threshold, referral to MACE 1
    assert essex.first_meeting.after_forum == "ric_meeting"
    assert essex.first_meeting.forum == "mace_1"
    assert essex.first_meeting_deadline() is None


def test_essex_review_every_three_months_until_risk_reduces(essex: PolicyPack) -> None:
    # 000 §6.1: "returned for discussion in three-monthly intervals and until the risk reduces"
    rule = essex.review_interval_rule("mace_1", "high")
    assert rule is not None and str(rule.value) == "3 months"
    assert rule.value.after(date(2025, 1, 15), holidays=()) == date(2025, 4, 15)
    assert essex.review_interval("mace_1", "high") == timedelta(days=91)


def test_essex_missing_triage_at_three_episodes_in_90_days(essex: PolicyPack) -> None:
    # 000 §4: "Automatic triage ... where there have been 3 missing episodes in 90 days"
    trigger = essex.missing.triggers.rules["three_in_90_days"]
    assert (trigger.episodes, trigger.action) == (3, "triage")
    assert trigger.within is not None and trigger.within.as_timedelta() == timedelta(days=90)
    assert trigger.fires(3) and not trigger.fires(2)


def test_essex_missing_triage_when_harm_is_indicated(essex: PolicyPack) -> None:
    # 000 §4: automatic triage where an episode indicates the child may have suffered harm
    trigger = essex.missing.triggers.rules["harm_indicated"]
    assert trigger.action == "triage"
    assert trigger.fires(1, harm=True) and not trigger.fires(5)


def test_essex_three_episodes_in_four_weeks_is_high_risk_and_mace_1(essex: PolicyPack) -> None:
    # 000 §6.1: "assessed as high risk if they have three missing episodes in a four week period"
    trigger = essex.missing.triggers.rules["three_in_four_weeks"]
    assert trigger.within is not None and trigger.within.as_timedelta() == timedelta(days=28)
    assert (trigger.episodes, trigger.set_risk) == (3, "high")
    assert (trigger.action, trigger.forum) == ("nominate", "mace_1")


def test_essex_return_interviews_offered_ages_10_to_17(essex: PolicyPack) -> None:
    # 000 §4.1: Missing Chats offered to all children aged 10-17 returning from missing
    assert essex.missing.return_interview.label == "Missing Chat"
    assert not essex.offers_return_interview(9)
    assert essex.offers_return_interview(10) and essex.offers_return_interview(17)
    assert not essex.offers_return_interview(18)


def test_essex_return_interview_time_limit_is_a_marked_default(essex: PolicyPack) -> None:
    # 000 is silent on a time limit: 72 hours from DfE statutory guidance, marked default
    rule = essex.explain_rule("missing.return_interview.time_limit")
    assert rule.reason.default and rule.value == "72 hours"


def test_essex_missing_children_graded_medium_or_high_never_absent(essex: PolicyPack) -> None:
    # 000 §2: never ABSENT, never 'standard': medium or high risk only
    grades = essex.missing.police_risk_grades.value
    assert grades == ["medium", "high"]
    assert "absent" not in grades and "standard" not in grades


def test_essex_adult_social_care_invited_from_the_17th_birthday(essex: PolicyPack) -> None:
    # 000 §6.4: "MACE 1: From child's 17th birthday — Adult Social Care"
    mace_1 = essex.forum("mace_1")
    at_16 = {p.key for p in mace_1.panels_for(age=16)}
    at_17 = {p.key for p in mace_1.panels_for(age=17)}
    assert "adult_social_care" not in at_16 and "adult_social_care" in at_17


def test_essex_mace_1_agenda_one_month_before(essex: PolicyPack) -> None:
    # 000 §6.5: MACE 1 agenda "circulated one month prior to the meeting"
    lead = essex.agenda_lead_time("mace_1")
    assert lead is not None and lead.before(date(2025, 3, 31), holidays=()) == date(2025, 2, 28)


def test_essex_updates_48_hours_before_mace_1(essex: PolicyPack) -> None:
    # 000 Appendix 3: templates to the chair "at least 48 hours before the meeting"
    lead = essex.update_lead_time("mace_1")
    assert lead is not None and lead.as_timedelta() == timedelta(hours=48)


def test_essex_mace_2_agenda_two_weeks_and_updates_one_month_before(essex: PolicyPack) -> None:
    # 000 §6.5: MACE 2 agenda two weeks prior; updates on actions/hotspots one month prior
    agenda, updates = essex.agenda_lead_time("mace_2"), essex.update_lead_time("mace_2")
    assert agenda is not None and str(agenda) == "2 weeks"
    assert updates is not None and str(updates) == "1 month"
    mace_2_agenda = essex.forum("mace_2").agenda
    assert mace_2_agenda is not None and len(mace_2_agenda.standard_items) == 10


def test_essex_mace_2_action_plan_belongs_to_the_forum_and_quadrant(essex: PolicyPack) -> None:
    # 000 §6.3, §6.5: an action plan "for each MACE 2", not a child's; the MACE 1 plan is
    # the child's (§6.1)
    assert essex.plans.types["mace_2_action_plan"].belongs_to == "forum_area"
    assert essex.plans.types["mace_1_plan"].belongs_to == "case"
    updates = essex.forum("mace_2").updates
    assert updates is not None and updates.on == "their actions and hotspots"


def test_essex_information_sharing_statement_is_in_the_pack(essex: PolicyPack) -> None:
    # 000 §6.7 and Appendix 3: the statement is embedded in every agenda
    statement = essex.meetings.information_sharing_statement
    assert statement is not None and "Whole Essex Information Sharing Framework" in \
        statement.value and "Appendix 3" in statement.source


def test_essex_closure_when_risk_reduces(essex: PolicyPack) -> None:
    # 000 §6.1: heard "until the risk reduces" below high; the chair decides the discharge
    assert essex.closure.eligible_below == "high"
    assert essex.closure.discharge_at is None and essex.closure.decided_by == "chair"


def test_essex_chairs_report_twice_a_year(essex: PolicyPack) -> None:
    # 000 §6.2: "the Chairs for each quadrant are required to submit a report twice a year"
    every = essex.oversight.items["chair_reports"].every
    assert every is not None and every.as_cadence() == "twice a year"


def test_essex_trackers_bi_annual_report_and_hotspot_tracker(essex: PolicyPack) -> None:
    # 000 §6.3, §6.5: MACE trackers, Bi-Annual report, hotspot tracker at each MACE 2
    assert {"mace_trackers", "bi_annual_report", "hotspot_tracker"} <= set(essex.oversight.items)
    assert essex.oversight.items["hotspot_tracker"].forum == "mace_2"


def test_essex_mace_1_locations_go_to_mace_2(essex: PolicyPack) -> None:
    # 000 Appendix 4 item 5: "MACE 1 locations" on the MACE 2 agenda
    [rule] = essex.escalations_from("mace_1")
    assert (rule.subject, rule.to_forum) == ("location", "mace_2")


def test_essex_shares_across_set(essex: PolicyPack) -> None:
    # 002 §Operating Protocol, §3: Southend and Thurrock; SET CSE Strategic Group
    assert sorted(essex.sharing.partners) == ["southend", "thurrock"]
    assert essex.sharing.strategic_group == "SET CSE Strategic Group"
