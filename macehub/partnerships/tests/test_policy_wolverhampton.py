"""Wolverhampton's rules as policies/wolverhampton.toml encodes them, one test per rule in
DOMAIN.md's policy table. Source: 001_728f9481acb1f269.txt (MACE ToR quick reference)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from macehub.partnerships.policy import PolicyPack, load_pack


@pytest.fixture(scope="module")
def wolverhampton() -> PolicyPack:
    return load_pack("wolverhampton")


def test_wolverhampton_scope_up_to_age_25(wolverhampton: PolicyPack) -> None:
    # 001 §Purpose: "children and young people up to the age of 25 years"
    assert wolverhampton.in_age_scope(17) and wolverhampton.in_age_scope(24)
    assert wolverhampton.in_age_scope(25)  # "up to" read inclusively; noted in the pack
    assert not wolverhampton.in_age_scope(26)


def test_wolverhampton_mace_for_medium_and_high_risk_of_listed_types(
    wolverhampton: PolicyPack,
) -> None:
    # 001 §Criteria: medium/high risk of CCE, county lines, MS&T, gangs, CSE
    entry = wolverhampton.forum("mace").entry
    assert entry is not None and entry.risk_levels == ["medium", "high"]
    assert {"cce", "county_lines", "modern_slavery", "gangs", "cse"} <= set(
        entry.exploitation_types
    )


def test_wolverhampton_forums(wolverhampton: PolicyPack) -> None:
    # 001: MACE, CEMOG, professionals' meeting, Exploitation Priority Group
    assert set(wolverhampton.forums) == {
        "mace",
        "cemog",
        "professionals_meeting",
        "exploitation_priority_group",
    }


def test_wolverhampton_perpetrator_forum_is_labelled_cemog(wolverhampton: PolicyPack) -> None:
    # 001 §Escalation to CEMOG
    [forum] = wolverhampton.forums_of_kind("perpetrator_forum")
    assert forum.label == "CEMOG"
    # 001 does not say how often CEMOG meets: the pack marks that as a default
    assert wolverhampton.explain_rule("forums.cemog.cadence").reason.default


def test_wolverhampton_no_first_meeting_deadline(wolverhampton: PolicyPack) -> None:
    # 001 is silent on a first-meeting deadline; the pack says so explicitly
    assert wolverhampton.first_meeting_deadline() is None
    assert wolverhampton.explain_rule("first_meeting").reason.default


def test_wolverhampton_review_every_four_to_six_weeks(wolverhampton: PolicyPack) -> None:
    # 001 §Frequency of meetings: "every 4 – 6 weeks"; due by the end of the window
    rule = wolverhampton.review_interval_rule("mace", "high")
    assert rule is not None and str(rule.value) == "4–6 weeks"
    assert rule.value.minimum_timedelta() == timedelta(weeks=4)
    assert wolverhampton.review_interval("mace", "high") == timedelta(weeks=6)
    assert wolverhampton.review_interval("mace", "medium") == timedelta(weeks=6)


def test_wolverhampton_chair_escalates_to_cemog_when_exhausted(wolverhampton: PolicyPack) -> None:
    # 001 §Escalation to CEMOG: exhausted investigation/disruption; escalated by the chair
    rule = wolverhampton.escalation.rules["exhausted"]
    assert (rule.from_forum, rule.to_forum, rule.decided_by) == ("mace", "cemog", "chair")
    assert rule.after_meetings is None


def test_wolverhampton_linked_persons_and_locations_escalate_to_cemog(
    wolverhampton: PolicyPack,
) -> None:
    # 001 §Escalation to CEMOG: persons of interest and locations where patterns link incidents
    subjects = {r.subject for r in wolverhampton.escalations_from("mace")}
    assert {"person_of_interest", "location"} <= subjects


def test_wolverhampton_professionals_meeting_when_more_than_one_young_person_is_linked(
    wolverhampton: PolicyPack,
) -> None:
    # 001 §Professionals' meeting: "more than 1 young person involved or linked to a situation"
    rule = wolverhampton.escalation.rules["linked_children"]
    assert (rule.to_forum, rule.linked_children_at_least) == ("professionals_meeting", 2)


def test_wolverhampton_panel_differs_for_cse_and_cce_modern_slavery(
    wolverhampton: PolicyPack,
) -> None:
    # 001 §Panel Members: one panel for CSE, another for CCE or modern slavery
    mace = wolverhampton.forum("mace")
    cse = {p.key for p in mace.panels_for(exploitation_types={"cse"}, meeting="initial")}
    ms = {p.key for p in mace.panels_for(exploitation_types={"modern_slavery"}, meeting="initial")}
    assert cse == {"cse"} and ms == {"cce_modern_slavery"}
    review = {p.key for p in mace.panels_for(exploitation_types={"cse"}, meeting="review")}
    assert review == {"review"}


def test_wolverhampton_written_updates_before_the_meeting(wolverhampton: PolicyPack) -> None:
    # 001 §Scope of MACE: "a short update in writing prior to the meeting"
    updates = wolverhampton.forum("mace").updates
    assert updates is not None and updates.written


def test_wolverhampton_plans_audited_quarterly(wolverhampton: PolicyPack) -> None:
    # 001 §Accountability: "MACE plans will be audited and quality assured quarterly"
    every = wolverhampton.oversight.items["plan_audit"].every
    assert every is not None and every.as_cadence() == "quarterly"


def test_wolverhampton_picture_of_victims_offenders_locations_to_cemog(
    wolverhampton: PolicyPack,
) -> None:
    # 001 §Accountability: picture presented to CEMOG and the Exploitation Priority Group
    item = wolverhampton.oversight.items["picture_of_exploitation"]
    assert item.forum == "cemog" and "Exploitation Priority Group" in (item.to or "")


def test_wolverhampton_roles_renamed(wolverhampton: PolicyPack) -> None:
    # 001 §Purpose: MACE is administered through the Partnership Exploitation and Missing Hub
    assert wolverhampton.role_label("hub_coordinator", "x") == "Exploitation and Missing Hub"
    assert wolverhampton.role_label("auditor", "Auditor") == "Auditor"
