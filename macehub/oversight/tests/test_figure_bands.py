"""The dashboard's figures are counted by the database (one GROUP BY each, the bands in
SQL: docs/adr/0030) and equal a recount of the records in Python, the rules as the product
states them: after records are created, changed and closed, and on the UK day across the
clock change (Essex 000 §6.3 and Dudley's exploitation dashboard: the figures the boards
read; PERFORMANCE B6: exact, equal to a full recount)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.cases.models import Case
from macehub.cases.services import case_set_risk, case_set_status
from macehub.concerns.models import Concern, RiskLevel
from macehub.oversight.figures import AGE_BANDS, TIME_OPEN, dashboard
from macehub.oversight.outcomes import MOVES, risk_move
from macehub.people.models import age_on
from macehub.tests import factories as f

pytestmark = pytest.mark.django_db


def _tables(actor: Actor, start: date, end: date) -> dict[str, dict[str, int | None]]:
    return {t.title: dict(t.rows) for t in dashboard(actor, start, end).tables}


def _age_band(details: dict[str, Any], on: date) -> str:
    try:
        born = date.fromisoformat(str(details.get("date_of_birth") or ""))
    except ValueError:
        return AGE_BANDS[-1]
    age = age_on(born, on, str(details.get("date_of_birth_precision") or "exact"))
    if age is None:
        return AGE_BANDS[-1]
    return AGE_BANDS[0 if age < 10 else 1 if age < 13 else 2 if age < 16 else 3 if age < 18
                     else 4]


def _recount(actor: Actor, start: date, end: date) -> dict[str, dict[str, int]]:
    """Every record loaded and counted in Python, with the rules in words."""
    ages = Counter(_age_band(c.child_details, timezone.localtime(c.submitted_at).date())
                   for c in Concern.objects.for_actor(actor)
                   if start <= timezone.localtime(c.submitted_at).date() <= end)
    open_cases = [c for c in Case.objects.for_actor(actor) if c.status == Case.Status.OPEN]
    risk = Counter(c.risk for c in open_cases)
    time_open: Counter[str] = Counter()
    moved: Counter[str] = Counter()
    for case in open_cases:
        days = (end - timezone.localtime(case.opened_at).date()).days
        time_open[next(label for limit, label in TIME_OPEN
                       if limit is None or days < limit)] += 1
        first = min(case.screenings.all(), key=lambda s: (s.screened_at, s.pk))
        moved[risk_move(first.risk, case.risk)] += 1
    return {
        "Concerns by the child's age when referred": {b: ages[b] for b in AGE_BANDS},
        "Open cases by risk": {label: risk[key] for key, label in RiskLevel.choices},
        "Open cases by time open": {label: time_open[label] for _, label in TIME_OPEN},
        "Open cases: risk now against risk when opened": {m: moved[m] for m in MOVES},
    }


def _same(actor: Actor, start: date, end: date) -> None:
    counted, recounted = _tables(actor, start, end), _recount(actor, start, end)
    for title, rows in recounted.items():
        assert counted[title] == rows, title


def test_the_figures_equal_a_recount_after_cases_are_opened_changed_and_closed(
        personas: dict[str, Any], actor_of: Any) -> None:
    referrer, hub = actor_of(personas["referrer"]), actor_of(personas["hub_coordinator"])
    end = timezone.localdate()
    start = end - timedelta(days=364)
    cases = [f.open_case(referrer, hub, risk=risk, child_details={
        "first_name": f"Band{n}", "last_name": "Sample", "date_of_birth": f.years_ago(age),
        "known_as": []}) for n, (risk, age) in enumerate(
        [("high", 9), ("medium", 12), ("medium", 15), ("high", 17)])]
    _same(hub, start, end)
    # Opened long ago: the case moves to the last band of time open.
    Case.objects.for_actor(hub).filter(pk=cases[0].pk).update(
        opened_at=timezone.now() - timedelta(days=400))
    case = Case.objects.for_actor(hub).get(pk=cases[1].pk)
    case_set_risk(actor=hub, case=case, risk="high", reason="New intelligence",
                  version=case.version)
    _same(hub, start, end)
    case = Case.objects.for_actor(hub).get(pk=cases[2].pk)
    case_set_status(actor=hub, case=case, status=Case.Status.CLOSED, reason="Risk reduced",
                    version=case.version)
    _same(hub, start, end)
    assert _tables(hub, start, end)["Open cases by risk"]["High"] == 3


@pytest.mark.parametrize("instant", [
    # Clocks go forward at 01:00 UTC on 29 March 2026: 23:30 UTC on the 30th is 00:30 BST
    # on the 31st, the child's twelfth birthday, and the first day of a period.
    datetime(2026, 3, 30, 23, 30, tzinfo=UTC),
    # 23:30 UTC on the 29th is 00:30 BST on the 30th: the day before the birthday.
    datetime(2026, 3, 29, 23, 30, tzinfo=UTC),
    # Clocks go back at 01:00 UTC on 25 October 2026: 00:30 UTC is 01:30 BST, still the 25th.
    datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
])
def test_the_age_when_referred_is_counted_on_the_uk_day_across_the_clock_change(
        personas: dict[str, Any], actor_of: Any, instant: datetime) -> None:
    referrer, hub = actor_of(personas["referrer"]), actor_of(personas["hub_coordinator"])
    births = [("2014-03-31", "exact"), ("2014-03-01", "month"), ("2016-02-29", "exact"),
              ("2014-10-25", "exact"), ("", "unknown"), ("2008-01-01", "exact")]
    for n, (born, precision) in enumerate(births):
        case = f.open_case(referrer, hub, child_details={
            "first_name": f"Clock{n}", "last_name": "Sample",
            "date_of_birth": f.years_ago(12), "known_as": []})
        concern = case.screenings.get().concern
        Concern.objects.for_actor(hub).filter(pk=concern.pk).update(
            submitted_at=instant, child_details={**concern.child_details,
                                                 "date_of_birth": born or None,
                                                 "date_of_birth_precision": precision})
    day = timezone.localtime(instant).date()
    # A period that starts on that UK day, and one that ends on it.
    for start, end in ((day, day + timedelta(days=30)), (day - timedelta(days=30), day)):
        _same(hub, start, end)
        ages = _tables(hub, start, end)["Concerns by the child's age when referred"]
        assert sum(n or 0 for n in ages.values()) == len(births) and ages["Not known"] == 1
    # The period ending the day before leaves the concerns out.
    before = _tables(hub, day - timedelta(days=30), day - timedelta(days=1))
    assert not any(before["Concerns by the child's age when referred"].values())
