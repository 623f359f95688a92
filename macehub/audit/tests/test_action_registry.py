"""Every audit action is registered with the label people read (like the permission
registry): the code's literal actions are all registered, an unregistered action cannot be
recorded, and the access log shows labels, never codes."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from macehub.audit.actions import ACTIONS, action_label
from macehub.audit.services import audit_record

ROOT = Path(__file__).resolve().parents[2]  # macehub/
RECORDERS = {"audit_record", "audit_record_many", "audit_reads", "audit_auth"}


def literal_actions() -> dict[str, str]:
    """Every literal `action=` given to an audit call (both arms of a conditional too), and
    every model's `read_action`, with where it is written."""
    found: dict[str, str] = {}
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            values: list[ast.expr] = []
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else \
                    getattr(node.func, "attr", "")
                if name in RECORDERS:
                    values = [k.value for k in node.keywords if k.arg == "action"]
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and t.id == "read_action" for t in targets) \
                        and node.value is not None:
                    values = [node.value]
            for value in values:
                arms = [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]
                for arm in arms:
                    if isinstance(arm, ast.Constant) and isinstance(arm.value, str) and arm.value:
                        found[arm.value] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def test_every_literal_audit_action_is_registered_with_a_label() -> None:
    found = literal_actions()
    assert {"auth.sign_in", "case.view", "agency.create", "user.disable"} <= set(found)
    missing = {code: where for code, where in found.items() if code not in ACTIONS}
    assert not missing, f"register these in macehub/audit/actions.py: {missing}"
    assert all(label and label != code for code, label in ACTIONS.items())


def test_the_actions_built_from_a_status_or_kind_are_registered() -> None:
    # case.<status>, decision.<kind> and return_interview.<answer> are built at run time.
    from macehub.cases.models import Case
    from macehub.meetings.models import Decision

    codes = [f"case.{s}" for s in Case.Status.values] + \
        [f"decision.{k}" for k in Decision.Kind.values] + \
        ["return_interview.accepted", "return_interview.declined"]
    assert [c for c in codes if c not in ACTIONS] == []


@pytest.mark.django_db
def test_an_unregistered_action_cannot_be_recorded() -> None:
    with pytest.raises(ValueError, match="not registered"):
        audit_record(action="case.peeked_at")


@pytest.mark.django_db
def test_the_access_log_shows_the_actions_label_not_its_code(
        dudley: Any, client_as: Any, personas: dict[str, Any]) -> None:
    from django.urls import reverse

    audit_record(action="missing.figures_export", user=personas["hub_coordinator"],
                 partnership_id=dudley.pk)
    page = client_as(personas["auditor"]).get(reverse("audit:log")).content.decode()
    table = page.split("<table", 1)[1]
    assert action_label("missing.figures_export") in table
    assert "missing.figures_export" not in table
