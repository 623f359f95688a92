"""Kirklees' rules as policies/kirklees.toml encodes them, one test per rule in DOMAIN.md's
policy table. Source: 004_7ed1d103d325de67.txt (Kirklees MACE process, Annex A)."""

from __future__ import annotations

from datetime import date

import pytest

from macehub.partnerships.policy import PolicyPack, load_pack


@pytest.fixture(scope="module")
def kirklees() -> PolicyPack:
    return load_pack("kirklees")


def test_kirklees_mace_for_significant_concern_needing_coordination(kirklees: PolicyPack) -> None:
    # 004 §5 iii: "significant concern and multi-agency coordination required" → MACE
    entry = kirklees.forum("mace").entry
    assert entry is not None and entry.description is not None
    assert "multi-agency coordination" in entry.description


def test_kirklees_forums(kirklees: PolicyPack) -> None:
    # 004 Annex A (daily MACE briefing/screening), §6 (MACE), §6 v (specific case meeting)
    assert kirklees.forum("daily_screening").cadence.display_value() == "daily"
    assert kirklees.forum("mace").kind == "mace"
    assert kirklees.forum("specific_case_meeting").cadence.on_demand


def test_kirklees_first_meeting_scheduled_by_demand_initially_four_weekly(
    kirklees: PolicyPack,
) -> None:
    # 004 §6 iii: frequency "determined by demand. Initially ... every four weeks"
    assert kirklees.first_meeting_deadline() is None
    assert str(kirklees.forum("mace").cadence.every) == "4 weeks"


def test_kirklees_review_date_set_at_each_meeting(kirklees: PolicyPack) -> None:
    # 004 §6 i: "A MACE meeting action plan review date will be identified"
    review = kirklees.forum("mace").review_interval
    assert review is not None and review.set_at_meeting is not None
    assert review.set_at_meeting.value is True
    assert kirklees.review_interval("mace", "high") is None


def test_kirklees_escalation_to_a_specific_case_meeting(kirklees: PolicyPack) -> None:
    # 004 §6 v: highly complex or urgent cases get a specific case meeting
    [rule] = kirklees.escalations_from("mace")
    assert (rule.to_forum, rule.action) == ("specific_case_meeting", "convene")


def test_kirklees_quorum_is_childrens_social_care_health_and_police(kirklees: PolicyPack) -> None:
    # 004 §8 v: "Minimum attendance ... Children's Social Care, Health and West Yorkshire Police"
    quorum = kirklees.forum("mace").quorum
    assert quorum is not None
    assert set(quorum.agencies) == {"childrens_social_care", "health", "police"}


def test_kirklees_referrer_feedback_is_recorded_with_no_timescale(kirklees: PolicyPack) -> None:
    # 004 §5 ii: "Outcomes and advice / feedback to referrer will be recorded" - no timescale.
    rule = kirklees.screening.feedback_to_referrer
    assert rule is not None and rule.recorded and rule.within is None
    assert "§5 ii" in rule.source and not rule.default
    explained = kirklees.explain_rule("screening.feedback_to_referrer")
    assert "recorded" in explained.reason.rule and "2 working days" not in explained.reason.rule


def test_kirklees_feedback_to_professionals_within_two_working_days_of_a_meeting(
    kirklees: PolicyPack,
) -> None:
    # 004 §8 iv: agency representatives "provide feedback to relevant professionals /services
    # within 2 working days" - after the MACE meeting, a rule of its own.
    within = kirklees.feedback_within("mace")
    assert within is not None and str(within) == "2 working days"
    friday = date(2025, 6, 6)
    assert within.after(friday, holidays=()) == date(2025, 6, 10)
    explained = kirklees.explain_rule("forums.mace.feedback")
    assert "section 8 iv" in explained.reason.source and "professionals" in explained.reason.rule


def test_kirklees_closure_only_after_review_and_held_dormant(kirklees: PolicyPack) -> None:
    # 004 §6 i: closure only once a review meeting is satisfied; held dormant
    assert kirklees.closure.requires_review_meeting
    assert kirklees.closure.hold_dormant
    assert len(kirklees.closure.review_questions) == 3


def test_kirklees_chair_quarterly_report_and_annual_tor_review(kirklees: PolicyPack) -> None:
    # 004 §8 v: Chair's quarterly report; terms of reference reviewed annually
    items = kirklees.oversight.items
    assert items["chair_quarterly_report"].every is not None
    assert items["chair_quarterly_report"].every.as_cadence() == "quarterly"
    assert items["tor_review"].every is not None
    assert items["tor_review"].every.as_cadence() == "annually"


def test_kirklees_no_further_action_is_not_an_outcome(kirklees: PolicyPack) -> None:
    # 004 §5 ii: "the term 'No further Action' will not be considered as an option"
    assert not kirklees.outcome_allowed("no_further_action")
    assert "no_further_action" not in kirklees.screening.outcomes
    assert kirklees.screening.no_further_action.allowed is False


def test_kirklees_minimum_outcome_is_signposting_or_advice(kirklees: PolicyPack) -> None:
    # 004 §5 ii: minimum outcome signposting and/or advice; feedback to referrer recorded
    nfa = kirklees.screening.no_further_action
    assert nfa.minimum_outcome == "signposting_advice"
    assert nfa.feedback_recorded
    assert kirklees.outcome_allowed("signposting_advice")


def test_kirklees_screening_outcomes(kirklees: PolicyPack) -> None:
    # 004 §5 iii: MACE meeting; single agency; managed through CP/CLA processes
    assert set(kirklees.screening.outcomes) == {
        "mace_meeting",
        "single_agency",
        "existing_cp_process",
        "signposting_advice",
    }


def test_kirklees_consent_not_required_for_child_protection(kirklees: PolicyPack) -> None:
    # 004 Annex A: "Check Consent (Not required if CP)"; neither → "Record and Finalise"
    consent = kirklees.consent
    assert consent.check and consent.not_required_for == ["child_protection"]
    assert consent.without_consent == "record_and_finalise"


def test_kirklees_new_nominations_in_the_morning_reviews_in_the_afternoon(
    kirklees: PolicyPack,
) -> None:
    # 004 §6 iii: "new nominations in the morning and review existing cases in the afternoon"
    agenda = kirklees.forum("mace").agenda
    assert agenda is not None and agenda.new_nominations_first


def test_kirklees_hub_coordinator_is_called_the_mace_coordinator(kirklees: PolicyPack) -> None:
    # 004 §6 vi: coordination sits with the identified worker in Risk and Vulnerabilities
    assert kirklees.role_label("hub_coordinator", "Hub coordinator").startswith("MACE coordinator")
