"""Disruption: the pack's tactics, the dates and outcome checked with each problem named
and nothing saved, changes from a version, and who may record and read it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.models import AuditEvent
from macehub.disruption.models import Disruption
from macehub.disruption.services import change, record, target_of
from macehub.lib.errors import StaleEdit
from macehub.tests import factories

pytestmark = pytest.mark.django_db


# Dudley ToR (003) §Child Exploitation Operational Group: "Outcomes of CEOG meetings may
# include: diversion of identified perpetrators; patrol plans of identified hotspot areas;
# ... Sexual Risk Orders or Criminal Behaviour Orders; civil enforcement at premises;
# ... Child Abduction Warning Notices".
def test_dudley_ceog_disruption_tactics_come_from_its_terms_of_reference(hub: Actor) -> None:
    rule = hub.partnership.policy.disruption.tactics
    assert {"diversion", "patrol_plan", "sexual_risk_order", "criminal_behaviour_order",
            "civil_enforcement", "abduction_warning_notice"} <= set(rule.value)
    assert not rule.default and "Dudley MACE and CEOG Terms of Reference" in rule.cited


def test_a_disruption_is_recorded_against_a_person_with_the_packs_tactic(
        hub: Actor, kaz: Any) -> None:
    made = record(actor=hub, target=kaz, tactic="abduction_warning_notice",
                  decided_on=date(2026, 3, 2), started_on=date(2026, 3, 9),
                  outcome="successful", details="Notice served")
    assert (made.target_kind, made.target_id, made.version) == ("person", kaz.pk, 1)
    assert made.tactic_label() == "Child Abduction Warning Notice"
    assert AuditEvent.objects.filter(action="disruption.create", object_id=str(made.pk)).exists()


def test_a_tactic_the_pack_does_not_list_is_refused_and_nothing_saved(
        hub: Actor, kaz: Any) -> None:
    # A pack value that code reads changes behaviour: the tactics are the pack's.
    with pytest.raises(ValidationError) as error:
        record(actor=hub, target=kaz, tactic="curfew", decided_on=date(2026, 3, 2))
    assert set(error.value.message_dict) == {"tactic"}
    assert not Disruption.objects.exists()


def test_dates_in_the_future_or_out_of_order_are_refused_naming_each_field(
        hub: Actor, kaz: Any) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        record(actor=hub, target=kaz, tactic="diversion", decided_on=tomorrow,
               started_on=date(2026, 1, 10), ended_on=date(2026, 1, 5))
    assert set(error.value.message_dict) == {"decided_on", "started_on", "ended_on"}
    with pytest.raises(ValidationError) as error:
        record(actor=hub, target=kaz, tactic="diversion", decided_on=date(2026, 1, 5),
               outcome="convicted")
    assert error.value.message_dict["started_on"] == [
        "Enter the date started, as the disruption has an outcome"]
    assert not Disruption.objects.exists()


def test_a_change_is_made_from_its_version_and_a_stale_one_refused(
        hub: Actor, kaz: Any) -> None:
    made = record(actor=hub, target=kaz, tactic="diversion", decided_on=date(2026, 3, 2))
    changed = change(actor=hub, disruption=made, version=1, started_on=date(2026, 3, 3),
                     ended_on=None, outcome="charged", details="Charged with possession")
    assert (changed.version, changed.outcome) == (2, "charged")
    with pytest.raises(StaleEdit):
        change(actor=hub, disruption=made, version=1, started_on=date(2026, 3, 3),
               outcome="not_successful")
    made.refresh_from_db()
    assert made.outcome == "charged" and made.decided_on == date(2026, 3, 2)


def test_another_partnerships_record_cannot_be_aimed_at(hub: Actor, essex: Any) -> None:
    essex_hub = factories.actor(factories.user_with_role("essex_hub_d", essex,
                                                         "hub_coordinator"), essex)
    from macehub.intelligence.services import entity_create

    theirs = entity_create(actor=essex_hub, kind="person", name="Alex Other", status="active")
    with pytest.raises(Http404):
        target_of(hub, "person", theirs.pk)
    with pytest.raises(Http404):
        target_of(hub, "child", 1)


def test_the_police_record_disruption_and_other_agencies_panel_members_reach_none(
        hub: Actor, kaz: Any, personas: dict[str, Any], actor_of: Any) -> None:
    made = record(actor=hub, target=kaz, tactic="diversion", decided_on=date(2026, 3, 2))
    police = actor_of(personas["panel_member"])
    assert Disruption.objects.for_actor(police).filter(pk=made.pk).exists()
    record(actor=police, target=target_of(police, "person", kaz.pk), tactic="patrol_plan",
           decided_on=date(2026, 3, 2))
    school = factories.actor(factories.user_with_role(
        "school_panel", hub.partnership, "panel_member", agency_type="education"),
        hub.partnership)
    assert not Disruption.objects.for_actor(school).exists()
    with pytest.raises(Http404):
        target_of(school, "person", kaz.pk)
    analyst = actor_of(personas["analyst"])
    assert Disruption.objects.for_actor(analyst).count() == 2
    with pytest.raises(PermissionDenied):
        record(actor=analyst, target=kaz, tactic="diversion", decided_on=date(2026, 3, 2))
