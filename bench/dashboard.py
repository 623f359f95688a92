"""B6 (PERFORMANCE.md): the exploitation dashboard's figures against a naive ORM recount.

Builds one partnership's records in bulk (children, concerns screened into cases, risk
changes, meetings with attendance and actions, missing episodes), then computes the whole
dashboard with `macehub.oversight.figures.dashboard` and, beside it, recounts four of its
tables the naive way: every record loaded as a model instance and counted in Python. The
figures must be equal; the ratio is reported. Everything runs in one transaction that is
rolled back. Medians of 5 runs.

    uv run python -m bench.dashboard [--concerns 20000]
    DATABASE_URL=postgres://... uv run python -m bench.dashboard --concerns 200000
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from datetime import date, timedelta
from typing import Any

TARGET_MS = 200.0
RUNS = 5


class Rollback(Exception):
    pass


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "macehub.settings")
    import django

    django.setup()


def _build(concerns: int, seed: int) -> Any:
    """A partnership on the Essex pack with `concerns` concerns, one child and one case
    each, a quarter of them with a later risk change, and meetings with actions."""
    from django.utils import timezone

    from bench.synthetic import Synthetic
    from macehub.access.actor import actor_for
    from macehub.accounts.models import Membership, User
    from macehub.cases.models import Case, RiskChange
    from macehub.concerns.models import Concern, Screening
    from macehub.meetings.models import Action, Meeting
    from macehub.partnerships.models import Agency, Partnership
    from macehub.people.models import Child

    synthetic = Synthetic(seed)
    partnership = Partnership.objects.create(slug="bench-b6", name="Bench B6",
                                             policy_key="essex")
    user = User.objects.create(username="bench-b6", email="bench-b6@example.org")
    Membership.objects.create(user=user, partnership=partnership, role="hub_coordinator")
    agencies = Agency.objects.bulk_create([Agency(partnership=partnership, name=f"{t} bench",
                                                  type=t) for t in ("police", "education",
                                                                    "health")])
    now = timezone.now()
    pick = synthetic.random
    children = Child.objects.bulk_create([Child(
        partnership=partnership, first_name=synthetic.forename(), last_name=synthetic.surname(),
        date_of_birth=date(2009 + n % 8, 1 + n % 12, 1 + n % 28),
        gender=pick.choice(["female", "male", "unknown"])) for n in range(concerns)])
    types = list(partnership.policy.exploitation_types)
    submitted = [now - timedelta(days=pick.randrange(365), hours=pick.randrange(24))
                 for _ in children]
    made = Concern.objects.bulk_create([Concern(
        partnership=partnership, reference=f"B6-{n}", status="screened", submitted_at=at,
        referrer=user, referrer_agency=agencies[n % 3], immediate_danger="no", child=c,
        child_details={"date_of_birth": c.date_of_birth.isoformat()}, gender=c.gender,
        what_happened="x", exploitation_types=[pick.choice(types)], consent="obtained")
        for n, (c, at) in enumerate(zip(children, submitted, strict=True))])
    risks = ["at_risk", "medium", "high"]
    cases = Case.objects.bulk_create([Case(
        partnership=partnership, child=c, risk=pick.choice(risks), opened_at=at,
        referred_at=at, number=n + 1, reference=f"B6-{n}")
        for n, (c, at) in enumerate(zip(children, submitted, strict=True))])
    Screening.objects.bulk_create([Screening(
        partnership=partnership, concern=concern, screened_by=user,
        screened_at=concern.submitted_at + timedelta(hours=pick.randrange(200)), score=1,
        risk=case.risk, outcome="mace_meeting", case=case)
        for concern, case in zip(made, cases, strict=True)])
    RiskChange.objects.bulk_create([RiskChange(
        partnership=partnership, case=case, risk=case.risk, at=case.opened_at, by=user,
        reason="opened") for case in cases])
    meetings = Meeting.objects.bulk_create([Meeting(
        partnership=partnership, forum="mace_1", starts_at=now - timedelta(days=7 * w),
        ends_at=now - timedelta(days=7 * w) + timedelta(hours=2), status="approved")
        for w in range(52)])
    Action.objects.bulk_create([Action(
        partnership=partnership, meeting=meetings[n % 52], case=case, description="Visit",
        owner_name="Example", owner_agency=agencies[n % 3],
        due_on=(now - timedelta(days=pick.randrange(300))).date(),
        status=pick.choice(["open", "done", "cancelled"])) for n, case in enumerate(cases)])
    return actor_for(user, partnership.pk)


def _naive(actor: Any, start: date, end: date) -> dict[str, list[tuple[str, int]]]:
    """Four of the dashboard's tables, every record loaded and counted in Python."""
    from django.utils import timezone

    from macehub.cases.models import Case
    from macehub.concerns.models import Concern, RiskLevel
    from macehub.meetings.models import Action
    from macehub.missing.figures import period_instants
    from macehub.partnerships.models import AgencyType
    from macehub.people.models import Gender

    since, until = period_instants(start, end)
    concerns = [c for c in Concern.objects.for_actor(actor).select_related("referrer_agency")
                if since <= c.submitted_at < until]
    agency = Counter(c.referrer_agency.type if c.referrer_agency else None for c in concerns)
    gender = Counter(c.gender for c in concerns)
    cases = [c for c in Case.objects.for_actor(actor) if c.status == Case.Status.OPEN]
    risk = Counter(c.risk for c in cases)
    today = timezone.localdate()
    actions: Counter[str] = Counter()
    for a in Action.objects.for_actor(actor):
        if start <= a.due_on <= end and a.status == "open":
            actions["Open and overdue" if a.due_on < today else "Open, not yet due"] += 1
    return {
        "Concerns by referring agency": [(label, agency[key]) for key, label in AgencyType.choices],
        "Concerns by the child's sex or gender": [(label, gender[key])
                                                  for key, label in Gender.choices],
        "Open cases by risk": [(label, risk[key]) for key, label in RiskLevel.choices],
        "Actions due in the period": [(k, actions[k]) for k in ("Open and overdue",
                                                                "Open, not yet due")],
    }


def _median_ms(work: Any) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(RUNS):
        began = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), result


def run(concerns: int = 20000, seed: int = 1) -> dict[str, Any]:
    from django.db import connection, transaction
    from django.utils import timezone

    from macehub.oversight.figures import dashboard

    end = timezone.localdate()
    start = end - timedelta(days=364)
    result: dict[str, Any] = {"database": connection.vendor, "concerns": concerns}
    try:
        with transaction.atomic():
            began = time.perf_counter()
            actor = _build(concerns, seed)
            result["build_s"] = time.perf_counter() - began
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            result["dashboard_ms"], figures = _median_ms(lambda: dashboard(actor, start, end))
            result["naive_ms"], naive = _median_ms(lambda: _naive(actor, start, end))
            tables = {t.title: t.rows for t in figures.tables}
            shown = {title: [(label, n) for label, n in tables[title]
                             if title != "Actions due in the period" or label.startswith("Open")]
                     for title in naive}
            result["exact"] = all(dict(shown[t]) == {k: v for k, v in naive[t]} for t in naive)
            raise Rollback
    except Rollback:
        pass
    result["ratio"] = result["naive_ms"] / result["dashboard_ms"]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concerns", type=int, default=20000)
    args = parser.parse_args()
    _setup()
    r = run(args.concerns)
    print(f"B6 dashboard on {r['database']}: {r['concerns']} concerns, children and cases "
          f"(built in {r['build_s']:.1f} s)")
    print(f"whole dashboard (every table and outcome measure): {r['dashboard_ms']:.0f} ms "
          f"(median of {RUNS}); four tables recounted naively: {r['naive_ms']:.0f} ms")
    print(f"ratio {r['ratio']:.1f}x; figures equal to the naive recount: {r['exact']}; "
          f"target {TARGET_MS:.0f} ms: {'met' if r['dashboard_ms'] <= TARGET_MS else 'missed'}")
    return 0 if r["exact"] else 1


if __name__ == "__main__":
    sys.exit(main())
