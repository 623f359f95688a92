"""The policy-pack schema refuses malformed packs with messages that name the file, the
field and the problem. Each test breaks one thing in a copy of a real pack (Dudley's)."""

from __future__ import annotations

import copy
import os
import tomllib
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from macehub.partnerships.policy import (
    Interval,
    PolicyError,
    clear_cache,
    load_all,
    load_pack,
    pack_keys,
    validate_data,
    validate_file,
)
from macehub.partnerships.policy.loader import DEFAULT_POLICY_DIR

DUDLEY = DEFAULT_POLICY_DIR / "dudley.toml"
ORIGIN = "policies/dudley.toml"


def dudley_data() -> dict[str, Any]:
    with DUDLEY.open("rb") as handle:
        return tomllib.load(handle)


def refused(change: Callable[[dict[str, Any]], object]) -> str:
    data = copy.deepcopy(dudley_data())
    change(data)
    with pytest.raises(PolicyError) as caught:
        validate_data(data, origin=ORIGIN)
    return str(caught.value)


def test_the_unbroken_pack_is_valid() -> None:
    assert validate_data(dudley_data(), origin=ORIGIN).key == "dudley"


def test_missing_field_is_refused() -> None:
    message = refused(lambda d: d["forums"]["mace"].pop("cadence"))
    assert message == f"{ORIGIN}: forums.mace.cadence: required field is missing"


def test_missing_section_is_refused() -> None:
    message = refused(lambda d: d.pop("escalation"))
    assert message == f"{ORIGIN}: escalation: required field is missing"


def test_wrong_type_is_refused() -> None:
    message = refused(lambda d: d["partnership"]["age_scope"].update(max_age="17"))
    assert message.startswith(f"{ORIGIN}: partnership.age_scope.max_age: wrong type")


def test_interval_without_a_unit_is_refused() -> None:
    message = refused(lambda d: d["forums"]["mace"]["review_interval"]["high"].update(value=4))
    assert "forums.mace.review_interval.high: give the unit too" in message


@pytest.mark.parametrize("value", ["-4 weeks", "0 weeks"])
def test_negative_or_zero_interval_is_refused(value: str) -> None:
    message = refused(lambda d: d["forums"]["mace"]["review_interval"]["high"].update(value=value))
    expected = f"{ORIGIN}: forums.mace.review_interval.high: must be a positive interval"
    assert message == expected


def test_unparseable_interval_is_refused() -> None:
    message = refused(lambda d: d["first_meeting"].update(within="soon"))
    assert "first_meeting.within: 'soon' is not an interval" in message


def test_unknown_forum_in_escalation_is_refused() -> None:
    rule = "high_risk_not_reducing"
    message = refused(lambda d: d["escalation"]["rules"][rule].update(to_forum="ceogg"))
    assert f"{ORIGIN}: escalation.rules.{rule}.to_forum: unknown forum 'ceogg'" in message


def test_unknown_forum_in_missing_trigger_is_refused() -> None:
    trigger = "every_episode"
    message = refused(lambda d: d["missing"]["triggers"]["rules"][trigger].update(forum="rmm"))
    assert f"missing.triggers.rules.{trigger}.forum: unknown forum 'rmm'" in message


def test_unknown_exploitation_type_in_a_panel_is_refused() -> None:
    message = refused(
        lambda d: d["forums"]["mace"]["panels"]["core"].update(exploitation_types=["fraud"])
    )
    expected = "forums.mace.panels.core.exploitation_types: unknown exploitation type 'fraud'"
    assert expected in message


def test_thresholds_out_of_order_are_refused() -> None:
    message = refused(lambda d: d["screening"]["tool"]["thresholds"].update(medium=20))
    assert f"{ORIGIN}: screening.tool.thresholds: thresholds out of order" in message


def test_unreachable_high_threshold_is_refused() -> None:
    message = refused(lambda d: d["screening"]["tool"]["thresholds"].update(high=500))
    assert "screening.tool: thresholds.high (500) is unreachable" in message


def test_inverted_age_range_is_refused() -> None:
    message = refused(lambda d: d["partnership"]["age_scope"].update(min_age=20))
    assert "partnership.age_scope: age range inverted: min_age 20 is above max_age 17" in message


def test_no_further_action_listed_where_forbidden_is_refused() -> None:
    def forbid(data: dict[str, Any]) -> None:
        data["screening"]["no_further_action"] = {"allowed": False, "source": "dudley_tor §1"}

    message = refused(forbid)  # Dudley lists no_further_action among its outcomes
    assert f"{ORIGIN}: screening.outcomes.no_further_action: listed as an outcome" in message


def test_unknown_field_is_refused() -> None:
    message = refused(lambda d: d["forums"]["mace"].update(colour="red"))
    assert "forums.mace.colour: unknown field" in message


def test_unknown_forum_kind_is_refused() -> None:
    message = refused(lambda d: d["forums"]["mace"].update(kind="meeting"))
    assert "forums.mace.kind: unknown value 'meeting'" in message


def test_a_default_must_say_so_in_its_source() -> None:
    message = refused(lambda d: d["partnership"]["age_scope"].update(default=False))
    assert "partnership.age_scope: source starts with 'default' but default is not" in message


def test_an_empty_section_must_be_declared_silent() -> None:
    message = refused(lambda d: d["escalation"].update(rules={}))
    assert "escalation: no rules listed" in message


def test_every_problem_is_reported_at_once() -> None:
    def two_faults(data: dict[str, Any]) -> None:
        data["forums"]["mace"].pop("label")
        data["forums"]["ceog"].pop("kind")

    lines = refused(two_faults).splitlines()
    assert lines == [
        f"{ORIGIN}: forums.mace.label: required field is missing",
        f"{ORIGIN}: forums.ceog.kind: required field is missing",
    ]


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("schema_version = \n")
    with pytest.raises(PolicyError, match=r"broken\.toml: not valid TOML"):
        validate_file(broken)


def test_load_pack_refuses_an_unknown_or_unsafe_name() -> None:
    with pytest.raises(PolicyError, match="no policy pack 'atlantis'"):
        load_pack("atlantis")
    with pytest.raises(PolicyError, match="no policy pack"):
        load_pack("../policies/dudley")


def test_load_pack_reads_the_configured_directory_and_rereads_edits(
    tmp_path: Path, settings: Any
) -> None:
    settings.POLICY_DIR = tmp_path
    clear_cache()
    text = DUDLEY.read_text()
    (tmp_path / "dudley.toml").write_text(text)
    assert pack_keys() == ["dudley"]
    assert load_pack("dudley") is load_pack("dudley")  # cached
    (tmp_path / "dudley.toml").write_text(text.replace('within = "2 weeks"', 'within = "3 weeks"'))
    os.utime(tmp_path / "dudley.toml", ns=(1, 1))  # a new mtime, however fast the test runs
    assert load_pack("dudley").first_meeting_deadline() == timedelta(weeks=3)
    clear_cache()


def test_load_pack_refuses_a_key_that_does_not_match_the_file(
    tmp_path: Path, settings: Any
) -> None:
    settings.POLICY_DIR = tmp_path
    (tmp_path / "dudly.toml").write_text(DUDLEY.read_text())
    with pytest.raises(PolicyError, match="partnership.key: is 'dudley' but the file is dudly"):
        load_pack("dudly")
    clear_cache()


def test_load_all_reports_an_unknown_sharing_partner(tmp_path: Path, settings: Any) -> None:
    settings.POLICY_DIR = tmp_path
    text = (DEFAULT_POLICY_DIR / "essex.toml").read_text()
    (tmp_path / "essex.toml").write_text(text)
    with pytest.raises(PolicyError, match="essex.toml: sharing.partners: no pack 'southend'"):
        load_all()
    clear_cache()


def test_all_six_packs_load() -> None:
    keys = {"dudley", "essex", "kirklees", "southend", "thurrock", "wolverhampton"}
    assert set(load_all()) == keys


def test_a_default_reads_as_the_partnerships_default_and_says_why() -> None:
    explained = load_pack("essex").explain_rule("missing.return_interview.time_limit")
    assert explained.reason.default
    assert explained.reason.source == "Partnership default (the document does not say)"
    assert explained.why_default.startswith("Source silent; DfE statutory guidance")


@pytest.mark.parametrize(
    ("text", "shown", "days"),
    [
        ("daily", "1 day", 1),
        ("weekly", "1 week", 7),
        ("fortnightly", "2 weeks", 14),
        ("6-weekly", "6 weeks", 42),
        ("4-6 weeks", "4–6 weeks", 42),
        ("quarterly", "3 months", 91),
        ("90 days", "90 days", 90),
        ("48 hours", "48 hours", 2),
    ],
)
def test_interval_words(text: str, shown: str, days: int) -> None:
    interval = Interval.model_validate(text)
    assert str(interval) == shown
    assert interval.as_timedelta() == timedelta(days=days)


def test_bi_monthly_is_refused_as_ambiguous() -> None:
    with pytest.raises(ValueError, match="ambiguous"):
        Interval.model_validate("bi-monthly")


def interval_of(text: str) -> Interval:
    return Interval.model_validate(text)


def test_calendar_months_and_working_days() -> None:
    none: set[date] = set()
    assert interval_of("3 months").after(date(2025, 11, 30), holidays=none) == date(2026, 2, 28)
    assert interval_of("1 month").before(date(2025, 3, 31), holidays=none) == date(2025, 2, 28)
    friday = date(2025, 6, 6)
    assert interval_of("2 working days").after(friday, holidays=none) == date(2025, 6, 10)
    bank_holiday = date(2025, 6, 9)
    assert interval_of("2 working days").after(friday, holidays={bank_holiday}) == date(
        2025, 6, 11
    )
    assert interval_of("48 hours").before(datetime(2025, 6, 10, 9, 0),
                                          holidays=none) == datetime(2025, 6, 8, 9, 0)


def test_every_pack_names_its_bank_holidays_and_working_days_skip_them() -> None:
    # The spring bank holiday in 2025 is Monday 26 May.
    friday = date(2025, 5, 23)
    for pack in load_all().values():
        assert pack.partnership.bank_holidays == "england_and_wales"
        assert interval_of("2 working days").after(friday, holidays=pack.holidays) == date(
            2025, 5, 28)


def test_an_interval_is_never_counted_without_a_calendar() -> None:
    # No default calendar that silently skips nothing: each caller passes pack.holidays.
    with pytest.raises(TypeError):
        interval_of("2 working days").after(date(2025, 5, 23))  # type: ignore[call-arg]
