"""The pack's missing triggers with their boundary cases. Sources: Essex
000_68bb681c4736f6ba.txt §4 (triage at 3 episodes in 90 days, or harm) and §6.1 (3 in a
four-week period -> high risk, MACE 1); Dudley 003 §Introduction (daily missing meeting);
Thurrock 002 §2.2 (RMM)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from macehub.cases.models import Case
from macehub.missing.importer import import_rows
from macehub.missing.models import TriggerFiring
from macehub.missing.tests.conftest import row

pytestmark = pytest.mark.django_db


def fired(rule: str | None = None) -> list[str]:
    qs = TriggerFiring.objects.order_by("fired_at", "rule_key")
    if rule:
        qs = qs.filter(rule_key=rule)
    return [f.anchor.police_reference for f in qs]


def load(actor: Any, *rows: dict[str, str]) -> None:
    run = import_rows(actor=actor, rows=list(rows), via="test")
    assert run.errors == []


def test_essex_three_episodes_in_90_days_triggers_triage(essex_hub: Any) -> None:
    # 000 §4: "Automatic triage ... where there have been 3 missing episodes in 90 days"
    load(essex_hub, row("A", "2026-01-01 10:00", "2026-01-01 20:00"),
         row("B", "2026-02-15 10:00", "2026-02-15 20:00"),
         row("C", "2026-03-31 10:00", "2026-03-31 20:00"))  # exactly 89 days after A
    assert fired("three_in_90_days") == ["C"]
    firing = TriggerFiring.objects.get(rule_key="three_in_90_days")
    assert firing.action == "triage" and firing.status == "open"
    assert "Missing Arrangements (September 2018), section 4" in firing.source
    assert "3 missing episodes" in firing.explanation


def test_essex_episodes_exactly_90_days_apart_count_as_within_90_days(essex_hub: Any) -> None:
    load(essex_hub, row("A", "2026-01-01 10:00", "2026-01-01 11:00"),
         row("B", "2026-02-01 10:00", "2026-02-01 11:00"),
         row("C", "2026-04-01 10:00", "2026-04-01 11:00"))  # exactly 90 days after A
    assert fired("three_in_90_days") == ["C"]


def test_essex_episodes_just_over_90_days_apart_do_not_trigger(essex_hub: Any) -> None:
    load(essex_hub, row("A", "2026-01-01 10:00", "2026-01-01 11:00"),
         row("B", "2026-02-01 10:00", "2026-02-01 11:00"),
         row("C", "2026-04-01 10:01", "2026-04-01 11:00"))
    assert fired() == []


def test_essex_harm_indicated_triggers_triage(essex_hub: Any) -> None:
    # 000 §4: "Automatic triage where ... the child may have suffered harm"
    load(essex_hub, row("A", "2026-01-01 10:00", "2026-01-02 10:00",
                        harm_indicators="older_adults;drugs_or_cash"))
    assert fired("harm_indicated") == ["A"]
    assert TriggerFiring.objects.get().action == "triage"


def test_essex_three_episodes_in_four_weeks_sets_high_risk_and_nominates_to_mace_1(
        essex_hub: Any) -> None:
    # 000 §6.1: "assessed as high risk if they have three missing episodes in a four week
    # period" -> MACE 1. Exactly 28 days between the first and third counts.
    load(essex_hub, row("A", "2026-02-01 09:00", "2026-02-01 12:00"),
         row("B", "2026-02-14 09:00", "2026-02-14 12:00"),
         row("C", "2026-03-01 09:00", "2026-03-01 12:00"))
    assert fired("three_in_four_weeks") == ["C"]
    firing = TriggerFiring.objects.get(rule_key="three_in_four_weeks")
    case = Case.objects.get()
    assert firing.case == case and case.risk == "high" and case.status == "open"
    assert firing.forum == "mace_1"
    assert any("Nominated to" in e.summary for e in case.chronology.all())


def test_essex_episodes_just_over_four_weeks_apart_do_not_nominate(essex_hub: Any) -> None:
    load(essex_hub, row("A", "2026-02-01 09:00", "2026-02-01 12:00"),
         row("B", "2026-02-14 09:00", "2026-02-14 12:00"),
         row("C", "2026-03-01 09:01", "2026-03-01 12:00"))
    assert fired("three_in_four_weeks") == []
    assert fired("three_in_90_days") == ["C"]
    assert not Case.objects.exists()


def test_an_episode_spanning_midnight_is_one_episode(essex_hub: Any) -> None:
    load(essex_hub, row("A", "2026-01-10 23:30", "2026-01-11 02:00"),
         row("B", "2026-01-20 10:00", "2026-01-20 12:00"))
    assert fired() == []


def test_overlapping_episodes_count_once(essex_hub: Any) -> None:
    # One absence notified twice (the second report before the child returned).
    load(essex_hub, row("A", "2026-01-10 10:00", "2026-01-12 10:00"),
         row("B", "2026-01-11 10:00", "2026-01-11 18:00"),
         row("C", "2026-01-20 10:00", "2026-01-20 12:00"))
    assert fired() == []
    load(essex_hub, row("D", "2026-01-25 10:00", "2026-01-25 12:00"))
    assert fired("three_in_four_weeks") == ["D"]


def test_an_open_episode_counts_from_its_report(essex_hub: Any) -> None:
    load(essex_hub, row("A", "2026-01-10 10:00", "2026-01-10 12:00"),
         row("B", "2026-01-12 10:00", "2026-01-12 12:00"),
         row("C", "2026-01-14 10:00"))  # still missing
    assert fired("three_in_four_weeks") == ["C"]


def test_episodes_imported_out_of_order_fire_as_in_order(essex_hub: Any, essex: Any) -> None:
    load(essex_hub, row("C", "2026-03-01 09:00", "2026-03-01 12:00"))
    load(essex_hub, row("A", "2026-02-01 09:00", "2026-02-01 12:00"))
    assert fired() == []
    load(essex_hub, row("B", "2026-02-14 09:00", "2026-02-14 12:00"))
    assert fired("three_in_four_weeks") == ["C"]
    assert fired("three_in_90_days") == ["C"]


def test_scheduled_command_gives_the_same_result_as_on_record(essex_hub: Any) -> None:
    load(essex_hub, row("A", "2026-02-01 09:00", "2026-02-01 12:00"),
         row("B", "2026-02-14 09:00", "2026-02-14 12:00", harm_indicators="injury"),
         row("C", "2026-03-01 09:00", "2026-03-01 12:00"))
    on_record = sorted(TriggerFiring.objects.values_list("rule_key", "anchor_id"))
    TriggerFiring.objects.update(case=None)
    TriggerFiring.objects.all().delete()
    call_command("evaluate_missing_triggers", partnership="essex")
    assert sorted(TriggerFiring.objects.values_list("rule_key", "anchor_id")) == on_record
    call_command("evaluate_missing_triggers")  # again: nothing new
    assert TriggerFiring.objects.count() == len(on_record) == 3


def test_dudley_every_episode_goes_to_the_daily_missing_meeting(
        dudley: Any, actor_of: Any, personas: Any) -> None:
    # 003 §Introduction: "a daily missing meeting that take place within the MASH"
    hub = actor_of(personas["hub_coordinator"])
    load(hub, row("D1", "2026-01-10 10:00", "2026-01-10 12:00", force="West Midlands Police",
                  risk_grade="low"))
    firing = TriggerFiring.objects.get()
    assert (firing.rule_key, firing.action, firing.forum) == ("every_episode", "discuss",
                                                              "daily_missing")
