"""Each partnership's reports, as its policy pack lists them from its source document: the
title, period, recipients, narrative sections, whether the report circulates beyond the
partnership (then small numbers are suppressed) and the chair's reminder. Where the source
is silent the pack says so and its choice is marked as a default."""

from __future__ import annotations

import pytest

from macehub.partnerships.policy import load_pack


def _report(pack: str, key: str):  # type: ignore[no-untyped-def]
    return load_pack(pack).oversight.reports[key]


def test_essex_mace_chairs_report_twice_a_year_to_the_sub_committee() -> None:
    # Essex Child Exploitation and Missing Arrangements §6.2: "the Chairs for each quadrant
    # are required to submit a report twice a year"; §6.3: the reports also include
    # disruption, prevention, gaps in service provision and areas of vulnerability/risk.
    report = _report("essex", "chair_report")
    assert report.period.value == "half_year" and not report.period.default
    assert report.recipients.value == ["ESCB Child Exploitation & Missing Sub-Committee"]
    assert {"Disruption activities", "Prevention activities",
            "Identified gaps in service provision",
            "Areas of vulnerability and risk for strategic consideration"} <= set(
        report.sections.value)
    assert "section 6.2" in report.period.cited


def test_essex_bi_annual_trend_report_and_yearly_board_report() -> None:
    # Essex Arrangements §6.3: the Bi-Annual report "provides trend data twice a year";
    # §5: the Sub-Committee "provides a minimum of yearly reporting to the Board".
    assert _report("essex", "trend_report").period.value == "half_year"
    board = _report("essex", "board_report")
    assert board.period.value == "year" and board.recipients.value == ["ESCB Executive Board"]
    assert board.external.value and board.external.default  # source silent: marked default


def test_kirklees_chairs_quarterly_report_to_the_operational_group() -> None:
    # Kirklees MACE Process §8 v: "A Chair's quarterly report will be prepared for KSCP
    # Exploitation Operational group ... areas of activity, areas of challenge, themes /
    # trends and examples of good practice".
    report = _report("kirklees", "chair_quarterly_report")
    assert report.period.value == "quarter" and not report.period.default
    assert report.recipients.value == ["KSCP Exploitation Operational group"]
    assert report.sections.value == ["Areas of activity", "Areas of challenge",
                                     "Themes and trends", "Examples of good practice"]
    assert "section 8 v" in report.cited


def test_kirklees_coordinator_reports_to_senior_managers_and_the_kscp() -> None:
    # Kirklees MACE Process §6 vi: "Preparation of reports for Senior Managers / KSCP"; the
    # source gives no frequency, so the quarter is a marked default.
    report = _report("kirklees", "coordinator_report")
    assert report.recipients.value == ["Senior managers", "KSCP"]
    assert report.period.default and report.period.cited.startswith("Partnership default")


def test_dudley_mace_chair_reports_patterns_and_trends_to_ceog_and_ceog_chair_reports() -> None:
    # Dudley MACE and CEOG ToR §MACE Review & Reporting: "The MACE chair will attend the
    # CEOG meeting to ... report on patterns and trends"; §CEOG Accountability & Reporting:
    # the CEOG chair reports on activity to the DSPP Exploitation – Children subgroup.
    mace = _report("dudley", "mace_chair_report")
    assert mace.recipients.value == ["CEOG"] and "Patterns and trends of exploitation" in \
        mace.sections.value
    assert mace.period.default  # silent: monthly, as CEOG meets (§CEOG Frequency)
    assert _report("dudley", "ceog_chair_report").recipients.value == [
        "DSPP Exploitation – Children subgroup"]


def test_wolverhampton_picture_of_victims_offenders_and_locations() -> None:
    # Wolverhampton MACE ToR §Accountability: "an up-to date picture of victims, offenders
    # and locations will be regularly presented to CEMOG and the Exploitation Priority
    # Group" ("regularly": the quarter is a marked default).
    report = _report("wolverhampton", "picture_of_exploitation")
    assert report.sections.value == ["Victims", "Offenders", "Locations"]
    assert report.recipients.value == ["CEMOG", "Exploitation Priority Group"]
    assert report.period.default


@pytest.mark.parametrize(("pack", "section"), [("thurrock", "2.2"), ("southend", "2.3")])
def test_set_governance_report_goes_beyond_the_partnership_so_is_suppressed(
        pack: str, section: str) -> None:
    # SET Cross-Border Information-Sharing Protocol §2.2 (Thurrock) and §2.3 (Southend): the
    # forums are governed by the safeguarding children partnership, the Community Safety
    # Partnership and the Violence and Vulnerability Board.
    report = _report(pack, "governance_report")
    assert len(report.recipients.value) == 3
    assert "Community Safety Partnership" in report.recipients.value
    assert report.external.value and not report.external.default
    assert f"section {section}" in report.external.cited


@pytest.mark.parametrize("pack", ["dudley", "essex", "kirklees", "southend", "thurrock",
                                  "wolverhampton"])
def test_every_report_reminds_the_chair_before_it_is_due_with_the_default_marked(
        pack: str) -> None:
    loaded = load_pack(pack)
    assert loaded.oversight.reports
    for report in loaded.oversight.reports.values():
        assert report.remind_before.value == 14 and report.remind_before.default
        assert report.due_within.default
    # The threshold is the pack's one for figures (default 5, marked as such).
    assert loaded.missing.figures_suppress_below.value == 5


def test_kirklees_terms_of_reference_and_membership_are_reviewed_yearly() -> None:
    # Kirklees MACE Process §8 v: "The terms of reference will be reviewed annually";
    # §8 iii: "Membership shall be reviewed on an annual basis".
    items = load_pack("kirklees").oversight.items
    for key, section in (("tor_review", "8 v"), ("membership_review", "8 iii")):
        assert f"section {section}" in items[key].cited
        assert items[key].due_on is not None and items[key].due_on.default
