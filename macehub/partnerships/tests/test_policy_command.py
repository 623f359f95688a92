"""`manage.py policy validate` and `manage.py policy explain`."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from macehub.partnerships.policy.loader import DEFAULT_POLICY_DIR

PACKS = ["dudley", "essex", "kirklees", "southend", "thurrock", "wolverhampton"]


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("policy", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_validate_all_prints_ok_for_every_pack() -> None:
    out, _ = run("validate")
    assert out.splitlines() == [f"ok {key}" for key in PACKS]


def test_validate_named_packs_and_paths() -> None:
    out, _ = run("validate", "kirklees", str(DEFAULT_POLICY_DIR / "essex.toml"))
    assert out.splitlines() == ["ok kirklees", f"ok {DEFAULT_POLICY_DIR / 'essex.toml'}"]


def test_validate_broken_file_fails_naming_file_and_field(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    text = (DEFAULT_POLICY_DIR / "dudley.toml").read_text()
    broken.write_text(text.replace('value = "4 weeks"', 'value = "-4 weeks"'))
    with pytest.raises(CommandError) as caught:
        run("validate", "dudley", str(broken))
    message = str(caught.value)
    assert "1 of 2 policy pack(s) failed validation" in message
    assert "broken.toml: forums.mace.review_interval.high: must be a positive interval" in message


def test_validate_refuses_a_source_naming_an_unknown_document(tmp_path: Path) -> None:
    text = (DEFAULT_POLICY_DIR / "dudley.toml").read_text()
    broken = tmp_path / "dudley.toml"
    broken.write_text(text.replace('source = "dudley_tor §Introduction"',
                                   'source = "dudley_minutes §Introduction"', 1))
    with pytest.raises(CommandError) as refused:
        run("validate", str(broken))
    assert ("roles.hub_coordinator.source: unknown document 'dudley_minutes' (this pack "
            "declares: essex_arrangements, wolverhampton_tor, dudley_tor)") in str(refused.value)


def test_validate_unknown_pack_fails() -> None:
    with pytest.raises(CommandError, match="no policy pack 'atlantis'"):
        run("validate", "atlantis")


def test_explain_prints_every_rule_with_its_source() -> None:
    out, _ = run("explain", "dudley")
    assert out.startswith("Dudley Safeguarding People Partnership (dudley):")
    assert "forums.mace.review_interval.high\n" in out
    assert "    MACE meeting: review a high-risk child every 4 weeks.\n" in out
    assert ("    source: Dudley MACE and CEOG Terms of Reference (July 2021), section 'MACE "
            "Purpose; MACE Review & Reporting'") in out


def test_explain_marks_defaults() -> None:
    out, _ = run("explain", "essex")
    assert "DEFAULT missing.return_interview.time_limit\n" in out
    assert "    source: Partnership default (the document does not say)\n" in out
    assert "    why: Source silent; DfE statutory guidance" in out
    assert "\nmissing.return_interview\n" in out  # the age range itself is sourced


def test_explain_of_a_broken_file_fails(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('schema_version = 1\n[partnership]\nkey = "x"\n')
    with pytest.raises(CommandError, match=r"broken\.toml: partnership\.name: required field"):
        run("explain", str(broken))
