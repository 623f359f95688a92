"""The dashboard's escalation, disruption and places figures, and Kirklees' fourth outcome
measure: "an increase in the number of timely and successful perpetrator disruptions and
criminal justice outcomes" (Kirklees 004 §2)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from macehub.access.actor import Actor
from macehub.disruption.services import record
from macehub.intelligence.models import Location
from macehub.intelligence.services import entity_create, link_create
from macehub.meetings.models import Decision
from macehub.oversight import figures_pursuit
from macehub.oversight.figures import dashboard
from macehub.tests import factories as f

pytestmark = pytest.mark.django_db

GRADE = {"source_kind": "meeting", "source_evaluation": "1", "assessment": "A",
         "handling": "P"}


def _table(tables: list[Any], title: str) -> dict[str, int | None]:
    return dict(next(t.rows for t in tables if t.title.startswith(title)))


@pytest.fixture
def kirklees() -> dict[str, Actor]:
    return f.team("kirklees")


def _person(hub: Actor, name: str = "Kaz") -> Any:
    return entity_create(actor=hub, kind="person", street_names=[name], status="active")


def test_kirklees_timely_and_successful_perpetrator_disruptions_and_justice_outcomes(
        kirklees: dict[str, Actor]) -> None:
    hub = kirklees["hub"]
    kaz, flat = _person(hub), entity_create(actor=hub, kind="location", address="Flat 1",
                                            type="premises", status="vulnerable")
    # Four weeks (the pack's default) after 2 March 2026 is 30 March.
    record(actor=hub, target=kaz, tactic="diversion", decided_on=date(2026, 3, 2),
           started_on=date(2026, 3, 30), outcome="successful")
    record(actor=hub, target=kaz, tactic="sexual_risk_order", decided_on=date(2026, 3, 2),
           started_on=date(2026, 3, 31), outcome="order_granted")
    record(actor=hub, target=kaz, tactic="investigation", decided_on=date(2026, 3, 20),
           started_on=date(2026, 3, 21), outcome="convicted")
    record(actor=hub, target=kaz, tactic="diversion", decided_on=date(2026, 3, 25))
    # Aimed at a place, not a perpetrator: not counted in this measure.
    record(actor=hub, target=flat, tactic="civil_enforcement", decided_on=date(2026, 3, 5),
           started_on=date(2026, 3, 6), outcome="successful")
    # The period before (February) had one.
    record(actor=hub, target=kaz, tactic="diversion", decided_on=date(2026, 2, 10))
    rows = _table(dashboard(hub, date(2026, 3, 1), date(2026, 3, 31)).outcomes,
                  "Disruption of perpetrators")
    assert rows == {"Disruptions agreed in the period": 4,
                    "Disruptions agreed in the period before": 1,
                    "Started within 4 weeks of being agreed": 2,
                    "Successful, or with a criminal justice outcome": 3,
                    "With a criminal justice outcome": 2}


def test_the_packs_timely_within_changes_which_disruptions_are_timely(
        kirklees: dict[str, Actor], monkeypatch: Any) -> None:
    hub = kirklees["hub"]
    kaz = _person(hub)
    record(actor=hub, target=kaz, tactic="diversion", decided_on=date(2026, 3, 2),
           started_on=date(2026, 3, 12))
    pack = hub.partnership.policy
    rule = pack.disruption.timely_within
    shorter = pack.disruption.model_copy(update={"timely_within": rule.model_copy(
        update={"value": type(rule.value).model_validate("1 week")})})
    title = "Disruption of perpetrators"
    assert _table([figures_pursuit.perpetrator_disruption(
        hub, date(2026, 3, 1), date(2026, 3, 31), None)], title)[
        "Started within 4 weeks of being agreed"] == 1
    changed = pack.model_copy(update={"disruption": shorter})
    monkeypatch.setattr(type(hub.partnership), "policy", property(lambda self: changed))
    rows = _table([figures_pursuit.perpetrator_disruption(
        hub, date(2026, 3, 1), date(2026, 3, 31), None)], title)
    assert rows["Started within 1 week of being agreed"] == 0


def test_timeliness_counts_calendar_days_across_the_clock_change_and_29_february(
        kirklees: dict[str, Actor]) -> None:
    hub = kirklees["hub"]
    kaz = _person(hub)
    # Agreed the day before the clocks go forward (28 March 2026): four weeks is 25 April.
    record(actor=hub, target=kaz, tactic="diversion", decided_on=date(2026, 3, 28),
           started_on=date(2026, 4, 25))
    record(actor=hub, target=kaz, tactic="diversion", decided_on=date(2026, 3, 28),
           started_on=date(2026, 4, 26))
    rows = _table(dashboard(hub, date(2026, 3, 1), date(2026, 3, 31)).outcomes,
                  "Disruption of perpetrators")
    assert rows["Started within 4 weeks of being agreed"] == 1
    # Four weeks after 1 February 2028, a leap year, is 29 February.
    rule = hub.partnership.policy.disruption.timely_within.value
    assert rule.after(date(2028, 2, 1), holidays=()) == date(2028, 2, 29)


def test_the_dashboard_counts_disruptions_by_tactic_and_outcome_with_labels(
        personas: dict[str, Any], actor_of: Any) -> None:
    hub = actor_of(personas["hub_coordinator"])
    kaz = _person(hub)
    for n, outcome in enumerate(["successful", "charged", "not_yet"]):
        record(actor=hub, target=kaz, tactic="patrol_plan" if n else "diversion",
               decided_on=date(2026, 3, n + 1), started_on=date(2026, 3, n + 2)
               if outcome != "not_yet" else None, outcome=outcome)
    found = dashboard(hub, date(2026, 3, 1), date(2026, 3, 31))
    tactics = _table(found.tables, "Disruptions agreed, by tactic")
    assert tactics["Diversion of a perpetrator"] == 1 and tactics[
        "Patrol plan for a hotspot"] == 2
    outcomes = _table(found.tables, "Disruptions agreed, by outcome")
    assert outcomes["Criminal justice outcome: charged"] == 1
    assert outcomes["Not known yet"] == 1


def test_escalations_are_counted_by_the_forum_escalated_to_and_corrections_once(
        personas: dict[str, Any], actor_of: Any) -> None:
    # Dudley ToR (003) §Escalation: a child whose risk is not reducing after three MACE
    # meetings is escalated to the CEOG.
    hub, referrer = actor_of(personas["hub_coordinator"]), actor_of(personas["referrer"])
    case = f.open_case(referrer, hub)
    meeting = f.published_meeting_with(hub, personas["chair"], case)
    item = meeting.items.get(case=case)
    first = Decision.objects.create(partnership=hub.partnership, item=item, case=case,
                                    kind=Decision.Kind.ESCALATE, to_forum="ceog",
                                    text="Escalate", by=hub.user, at=meeting.starts_at)
    Decision.objects.create(partnership=hub.partnership, item=item, case=case,
                            kind=Decision.Kind.ESCALATE, to_forum="ceog", corrects=first,
                            text="Escalate (corrected wording)", by=hub.user,
                            at=meeting.starts_at)
    day = meeting.starts_at.date()
    rows = _table(dashboard(hub, day - timedelta(days=1), day + timedelta(days=1)).tables,
                  "Escalations decided")
    ceog = hub.partnership.policy.forums["ceog"].label
    assert rows == {ceog: 1}


def test_locations_by_status_and_repeat_locations_by_children_linked(
        personas: dict[str, Any], actor_of: Any) -> None:
    # Essex (000) §6.1 MACE 2: the hotspot tracker separates vulnerable locations from
    # hotspots; a place linked to several children is a repeat location.
    hub, referrer = actor_of(personas["hub_coordinator"]), actor_of(personas["referrer"])
    park = entity_create(actor=hub, kind="location", address="Park", type="park",
                         status="vulnerable")
    # Made a hotspot as a MACE 2 decision makes it (the promotion is tested with
    # intelligence): the figures read the status, whatever set it.
    Location._base_manager.filter(pk=park.pk).update(status="hotspot")
    entity_create(actor=hub, kind="location", address="Station", type="transport_hub",
                  status="vulnerable")
    for n in range(3):
        case = f.open_case(referrer, hub, child_details={
            "first_name": f"Repeat{n}", "last_name": "Sample",
            "date_of_birth": f.years_ago(14), "known_as": []})
        link_create(actor=hub, a_kind="child", a_id=case.child_id, b_kind="location",
                    b_id=park.pk, kind="frequents", **GRADE)
    found = dashboard(hub, date(2026, 3, 1), date(2026, 3, 31))
    assert _table(found.tables, "Locations by status") == {
        "Not assessed": 0, "Vulnerable location": 1, "Hotspot": 1}
    assert _table(found.tables, "Repeat locations")["Linked to 2 to 4 children"] == 1
