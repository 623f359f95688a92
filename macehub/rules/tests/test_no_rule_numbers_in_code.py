"""Every rule number lives in a policy pack, with its source or marked as a default
(ARCHITECTURE principle 6). Modules that apply rules (any module named `rules`, `due` or
`reminders`, and every module of `macehub/rules/`) hold no numeric timescale: no
`timedelta(14)`, `timedelta(days=14)`, `relativedelta(weeks=4)` or `hours=48`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # macehub/
RULE_MODULES = {"rules", "due", "reminders"}
UNITS = {"weeks", "days", "hours", "minutes", "seconds", "months", "years",
         "milliseconds", "microseconds"}


def rule_modules() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if "tests" not in p.parts
                  and (p.stem in RULE_MODULES or p.parent == ROOT / "rules"))


def _number(node: ast.expr) -> bool:
    if isinstance(node, ast.UnaryOp):
        node = node.operand
    return isinstance(node, ast.Constant) and isinstance(node.value, int | float) \
        and not isinstance(node.value, bool)


def timescale_literals(source: str) -> list[int]:
    """Lines where a numeric literal is given as a length of time."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else \
            node.func.attr if isinstance(node.func, ast.Attribute) else ""
        literal_args = name.endswith("delta") and any(_number(a) for a in node.args)
        literal_units = any(k.arg in UNITS and _number(k.value) for k in node.keywords)
        if literal_args or literal_units:
            lines.append(node.lineno)
    return lines


def test_the_rule_modules_are_found() -> None:
    found = {p.relative_to(ROOT).as_posix() for p in rule_modules()}
    assert {"rules/due.py", "meetings/due.py", "meetings/rules.py", "meetings/reminders.py",
            "missing/due.py", "missing/rules.py"} <= found


@pytest.mark.parametrize("path", rule_modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_numeric_timescale_in_a_rule_module(path: Path) -> None:
    lines = timescale_literals(path.read_text())
    assert not lines, f"{path.relative_to(ROOT)}: a timescale written in Python at line(s) " \
        f"{lines}: put it in the policy pack with its source, or mark it a default"


@pytest.mark.parametrize("code", [
    "timedelta(days=62)", "timedelta(62)", "datetime.timedelta(weeks=-4)",
    "relativedelta(months=3)", "shift(hours=48)", "timedelta(days=2.5)"])
def test_the_check_finds_a_written_timescale(code: str) -> None:
    assert timescale_literals(code) == [1]


@pytest.mark.parametrize("code", [
    "timedelta(days=sign)", "interval.as_timedelta()", "timedelta(minutes=slot)"])
def test_the_check_allows_a_timescale_from_the_pack(code: str) -> None:
    assert timescale_literals(code) == []
