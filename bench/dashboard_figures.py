"""B6 per figure: each of the exploitation dashboard's figures on a generated partnership
(`manage.py synth`), median of 5, beside the whole dashboard and a naive ORM recount of
four of its tables (every record loaded and counted in Python), which the dashboard must
equal. A year to today, every area.

    uv run python -m bench.dashboard_figures county
    DATABASE_URL=postgres://... uv run python -m bench.dashboard_figures county
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from bench.dashboard import TARGET_MS, _setup

RUNS = 5


def _median_ms(work: Callable[[], Any]) -> float:
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def _figures(actor: Any, start: Any, end: Any) -> dict[str, Callable[[], Any]]:
    from macehub.missing.figures import period_instants
    from macehub.oversight import figures as f
    from macehub.oversight import figures_pursuit as p
    from macehub.oversight import outcomes as o

    since, until = period_instants(start, end)
    return {
        "concerns (6 tables)": lambda: f._concern_tables(actor, since, until, None),
        "screening (2)": lambda: f._screening_tables(actor, since, until, None),
        "open cases (3)": lambda: f._case_tables(actor, end, None),
        "meetings (3)": lambda: f._meeting_tables(actor, since, until, None),
        "actions": lambda: f._action_table(actor, start, end, None),
        "missing and NRM (3)": lambda: f._missing_and_nrm(actor, since, until, start, end,
                                                          None),
        "escalations": lambda: p.escalation_table(actor, start, end, None),
        "disruption (2)": lambda: p.disruption_tables(actor, start, end, None),
        "places (2)": lambda: p.place_tables(actor, None),
        "perpetrator disruption": lambda: p.perpetrator_disruption(actor, start, end, None),
        "concerns against before": lambda: o._trend(actor, since, until, None),
        "intervention": lambda: o._intervention(actor, since, until, None),
        "risk at meetings": lambda: o._risk_movement(actor, since, until, None),
        "first meeting": lambda: o._first_meeting(actor, since, until, None),
        "return interviews": lambda: o._interviews(actor, since, until, None),
    }


def run(slug: str) -> dict[str, Any]:
    from django.db import connection
    from django.utils import timezone

    from bench.dashboard import _naive
    from macehub.access.actor import actor_for
    from macehub.accounts.models import Membership
    from macehub.lib.plans import without_jit
    from macehub.oversight.figures import dashboard

    membership = Membership.objects.filter(partnership__slug=slug,
                                           role="hub_coordinator").first()
    assert membership is not None, f"no hub coordinator in {slug}: run manage.py synth first"
    actor = actor_for(membership.user, membership.partnership_id)
    assert actor is not None
    end = timezone.localdate()
    start = end - timedelta(days=364)
    per: dict[str, float] = {}
    for name, work in _figures(actor, start, end).items():
        with without_jit():
            per[name] = _median_ms(work)
    whole = _median_ms(lambda: dashboard(actor, start, end))
    naive_ms = _median_ms(lambda: _naive(actor, start, end))
    figures = {t.title: t.rows for t in dashboard(actor, start, end).tables}
    naive = _naive(actor, start, end)
    exact = all(dict(naive[t]) == {k: v for k, v in figures[t]
                                   if t != "Actions due in the period" or k.startswith("Open")}
                for t in naive)
    return {"database": connection.vendor, "per": per, "whole": whole, "naive": naive_ms,
            "exact": exact}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("partnership", help="the slug given to manage.py synth")
    args = parser.parse_args()
    _setup()
    r = run(args.partnership)
    print(f"B6 per figure on {r['database']}, partnership {args.partnership} "
          f"(median of {RUNS}):")
    for name, ms in r["per"].items():
        print(f"  {name:26s} {ms:8.1f} ms{'' if ms <= TARGET_MS else '  over target'}")
    print(f"whole dashboard {r['whole']:.0f} ms; four tables recounted naively "
          f"{r['naive']:.0f} ms; equal: {r['exact']}")
    worst = max(r["per"].values())
    print(f"slowest figure {worst:.0f} ms, target {TARGET_MS:.0f} ms: "
          f"{'met' if worst <= TARGET_MS else 'missed'}")
    return 0 if r["exact"] else 1


if __name__ == "__main__":
    sys.exit(main())
