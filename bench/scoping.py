"""B8 (PERFORMANCE.md): what the partnership filter costs. Each query the pages make most
is run through the scoped kernel (the actor's partnership, and need to know) and the same
query with no partnership filter, side by side, on one partnership's generated data
(`manage.py synth`), and the medians compared. Target: the filter costs at most 10%.
Prints each pair's plan with --plans.

    DATABASE_URL=postgres://... uv run python -m bench.scoping --partnership county
    uv run python -m bench.scoping --partnership demo-synth      # SQLite
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

TARGET = 1.10


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "macehub.settings")
    import django

    django.setup()


def _queries(actor: Any) -> list[tuple[str, Callable[[Any], Any]]]:
    """(name, the query given a manager-like start): each as a page runs it."""
    from django.db.models import Count
    from django.utils import timezone

    from macehub.audit.models import AuditEvent
    from macehub.cases.models import Case
    from macehub.concerns.models import Concern
    from macehub.intelligence.models import Link
    from macehub.meetings.models import Action
    from macehub.missing.models import MissingEpisode
    from macehub.people.models import ChildName

    now = timezone.now()
    child = Case._base_manager.filter(partnership=actor.partnership).values_list(
        "child_id", flat=True).first() or 0
    return [
        ("open cases, a page with the child",
         lambda m: list(m(Case).filter(status="open").select_related("child")
                        .order_by("-opened_at", "-pk")[:25])),
        ("open cases counted", lambda m: m(Case).filter(status="open").count()),
        ("missing episodes, 90 days, counted",
         lambda m: m(MissingEpisode).filter(reported_at__gte=now - timedelta(days=90)).count()),
        ("missing episodes, latest page",
         lambda m: list(m(MissingEpisode).order_by("-reported_at", "-pk")[:25])),
        ("episodes per child, a year (figures)",
         lambda m: list(m(MissingEpisode).filter(reported_at__gte=now - timedelta(days=365))
                        .values("child_id").annotate(n=Count("pk")).order_by("-n")[:25])),
        ("concerns awaiting screening",
         lambda m: list(m(Concern).filter(status="awaiting_screening")
                        .order_by("-submitted_at", "-pk")[:25])),
        ("a child's links", lambda m: list(m(Link).filter(a_kind="child", a_id=child)[:50])),
        ("names sounding alike",
         lambda m: list(m(ChildName).filter(last_key="SM0")[:200])),
        ("open actions overdue",
         lambda m: m(Action).filter(status="open", due_on__lt=now.date()).count()),
        # The audit trail is not a scoped model: its pages filter by partnership id.
        ("audit trail, latest page",
         lambda m: list(m(AuditEvent).order_by("-at", "-id")[:25])),
    ]


class _Scoped:
    def __init__(self, actor: Any) -> None:
        self.actor = actor

    def __call__(self, model: Any) -> Any:
        if not hasattr(model.objects, "for_actor"):
            return model.objects.filter(partnership_id=self.actor.partnership.pk)
        return model.objects.for_actor(self.actor)


def _bare(model: Any) -> Any:
    return model._base_manager.all()


def _median(run: Callable[[], Any], runs: int) -> float:
    run()  # warm
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def _plan(query: Callable[[Any], Any], start: Any) -> str:
    """The plan of the query's statement (the last one it runs)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        query(start)
    sql = captured.captured_queries[-1]["sql"]
    explain = "EXPLAIN " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(explain + sql)
        return "\n".join("    " + " ".join(str(c) for c in row) for row in cursor.fetchall())


def run(slug: str, runs: int = 7, plans: bool = False) -> dict[str, Any]:
    from django.db import connection

    from macehub.access.actor import actor_for
    from macehub.access.scoped import unscoped
    from macehub.accounts.models import User
    from macehub.cases.models import Case
    from macehub.partnerships.models import Partnership

    partnership = Partnership.objects.get(slug=slug)
    user = User.objects.get(username=f"{slug}-coordinator")
    actor = actor_for(user, partnership.pk)
    with unscoped("the benchmark compares a scoped query with the same unscoped"):
        ours = Case._base_manager.filter(partnership=partnership).count()
        share = ours / max(Case._base_manager.count(), 1)
        rows: list[tuple[Any, ...]] = []
        scoped_start = _Scoped(actor)
        for name, query in _queries(actor):
            scoped = _median(functools.partial(query, scoped_start), runs)
            bare = _median(functools.partial(query, _bare), runs)
            plan = (_plan(query, scoped_start), _plan(query, _bare)) if plans else None
            rows.append((name, scoped, bare, scoped / bare if bare else 0, plan))
    return {"database": connection.vendor, "slug": slug, "share": share, "rows": rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--partnership", default="county")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--plans", action="store_true")
    args = parser.parse_args()
    _setup()
    r = run(args.partnership, args.runs, args.plans)
    print(f"B8 scoping on {r['database']}: partnership {r['slug']} holds "
          f"{r['share']:.1%} of the cases")
    print(f"{'query':<40}{'scoped ms':>11}{'bare ms':>10}{'ratio':>8}")
    missed = []
    for name, scoped, bare, ratio, plan in r["rows"]:
        # Sub-millisecond pairs are noise: held to the target only above 1 ms.
        flag = " *" if ratio > TARGET and scoped - bare > 1.0 else ""
        print(f"{name:<40}{scoped:>11.2f}{bare:>10.2f}{ratio:>8.2f}{flag}")
        if plan:
            print(f"  scoped plan:\n{plan[0]}\n  bare plan:\n{plan[1]}")
        if flag:
            missed.append(name)
    print(f"{len(missed)} of {len(r['rows'])} queries cost more than {TARGET - 1:.0%} "
          "for the filter (*)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
