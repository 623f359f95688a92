"""B7 (PERFORMANCE.md): every list and detail page's time as a ratio to a bare Django view
in the same process, with its query count, on generated data whose size is a parameter.

A partnership gets one of each record (the access tests' set) plus `--cases` children
with an open case each, two missing episodes per child over the last year and five
access-log events per case, all in one transaction that is rolled back. Each page is
requested as the hub coordinator `--runs` times through the whole middleware; the table
gives median milliseconds, the ratio to the bare view (a case by primary key, no
template) and the statements the request made. It also times the due-items computation
on its own. Exits non-zero when a page makes more than 17 statements (10 for the page,
4 for any signed-in request, 3 for the audit of what it shows) or is slower than 2x.

    uv run python -m bench.pages [--cases 2000] [--runs 5]
    DATABASE_URL=postgres://... uv run python -m bench.pages --cases 20000
    DATABASE_URL=postgres://... uv run python -m bench.pages --synth county-demo county

With `--synth`, the pages run on partnerships made by `manage.py synth` (with the test
record set added, rolled back); with two, each page's time on the smaller and the larger
is compared, to see whether it grows with the rows.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import statistics
import sys
import time
from datetime import date, timedelta
from typing import Any

MAX_QUERIES = 10 + 4 + 3
MAX_RATIO = 2.0


class Rollback(Exception):
    pass


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "macehub.settings")
    import django

    django.setup()


def _bulk(partnership: Any, cases: int, seed: int) -> None:
    """`cases` children, each with an open case, two missing episodes and five
    access-log events, written in batches."""
    from django.utils import timezone

    from bench.synthetic import Synthetic
    from macehub.audit.models import AuditEvent
    from macehub.cases.models import Case
    from macehub.missing.models import MissingEpisode
    from macehub.people.matching import names_for_index
    from macehub.people.models import Child, ChildName

    synthetic, now = Synthetic(seed), timezone.now()
    today = timezone.localdate()
    children = Child.objects.bulk_create([Child(
        partnership=partnership, first_name=synthetic.forename(),
        last_name=synthetic.surname(),
        date_of_birth=date(today.year - 11 - n % 7, 1 + n % 12, 1 + n % 28))
        for n in range(cases)], batch_size=1000)
    ChildName.objects.bulk_create([name for child in children
                                   for name in names_for_index(child)], batch_size=1000)
    Case.objects.bulk_create([Case(
        partnership=partnership, child=child, risk=("high", "medium", "at_risk")[n % 3],
        opened_at=now - timedelta(days=n % 400), referred_at=now - timedelta(days=n % 400),
        exploitation_types=["cse"], reference=f"BEN-{today.year}-{n + 1:05d}", number=n + 1)
        for n, child in enumerate(children)], batch_size=1000)
    MissingEpisode.objects.bulk_create([MissingEpisode(
        partnership=partnership, child=child, force="Bench Police",
        police_reference=f"BEN-{n}-{k}",
        reported_at=now - timedelta(days=(n * 7 + k * 40) % 365, hours=n % 24),
        returned_at=now - timedelta(days=(n * 7 + k * 40) % 365, hours=n % 24 - 5),
        missing_from="home", risk_grade="medium")
        for n, child in enumerate(children) for k in range(2)], batch_size=1000)
    AuditEvent.objects.bulk_create([AuditEvent(
        at=now - timedelta(minutes=n), partnership_id=partnership.pk, username="bench",
        action="case.view", object_type="cases.case", object_id=str(n))
        for n in range(cases * 5)], batch_size=1000)


def _time(client: Any, url: str, runs: int) -> tuple[float, int, int]:
    """Median milliseconds over `runs` requests, the statements of the last, its status."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm: templates compiled, caches filled
    times, queries, status = [], 0, 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - began)
        queries, status = len(captured), response.status_code
    return statistics.median(times) * 1000, queries, status


def run(cases: int = 2000, runs: int = 5, seed: int = 1,
        synth: str | None = None, only: list[str] | None = None) -> dict[str, Any]:
    from django.db import connection, transaction
    from django.test import Client, override_settings
    from django.urls import reverse

    from macehub.access.scoped import unscoped
    from macehub.cases.due_store import refresh
    from macehub.cases.models import Case
    from macehub.missing.models import MissingEpisode
    from macehub.partnerships.models import Partnership
    from macehub.rules.due import due_items

    # The tests' record set and route list (typed loosely: test code is not type-checked).
    factories: Any = importlib.import_module("macehub.tests.factories")
    routes: Any = importlib.import_module("macehub.access.tests.routes")

    result: dict[str, Any] = {"database": connection.vendor, "cases": cases, "pages": []}
    settings = override_settings(
        ROOT_URLCONF="bench.urls", ALLOWED_HOSTS=["testserver"], DEBUG=False,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    try:
        with settings, transaction.atomic():
            with unscoped("benchmark arranges records"):
                if synth:  # years of records made by `manage.py synth`
                    partnership = Partnership.objects.get(slug=synth)
                else:
                    partnership = factories.PartnershipFactory(
                        slug="bench-pages", name="Bench Partnership", policy_key="dudley")
                users = factories.personas_for(partnership)
                records = factories.partnership_records(partnership, users)
                began = time.perf_counter()
                if not synth:
                    _bulk(partnership, cases, seed)
                result["generate_s"] = time.perf_counter() - began
                # Each case's due items stored, as the product's writes store them
                # (bulk inserts send no signals; `synth` stores them itself).
                began = time.perf_counter()
                if not synth:
                    refresh(partnership)
                result["store_s"] = time.perf_counter() - began
                result["cases"] = Case._base_manager.filter(
                    partnership=partnership, status="open").count()
                result["rows"] = sum(model._base_manager.filter(
                    partnership=partnership).count() for model in (Case, MissingEpisode))
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            hub = users["hub_coordinator"]
            client = factories.sign_in(Client(), hub, partnership)
            bare = _time(client, reverse("bench-bare", args=[records["case"].pk]), runs * 2)
            result["bare_ms"], result["bare_queries"] = bare[0], bare[1]
            for name in sorted(routes.ROUTES):
                if "GET" not in routes.ROUTES[name][0] or (only and name not in only):
                    continue
                ms, queries, status = _time(client, routes.page_url(name, records), runs)
                if status == 200:
                    result["pages"].append((name, ms, ms / bare[0], queries))
                    # As measured, so a long run that is stopped still says what it found.
                    print(f"{synth or 'bench'} {name} {ms:.1f} ms {ms / bare[0]:.1f}x "
                          f"{queries} statements", file=sys.stderr, flush=True)
            coordinator = factories.actor(hub, partnership)
            times, items = [], []
            # Every item worked out, as before the due store: minutes at England scale.
            for _ in range(runs if not synth or result["cases"] < 10_000 else 0):
                began = time.perf_counter()
                items = due_items(coordinator)
                times.append(time.perf_counter() - began)
            result["due_ms"] = statistics.median(times) * 1000 if times else 0.0
            result["due_items"] = len(items) if times else 0
            raise Rollback
    except Rollback:
        pass
    return result


def grows(small: dict[str, Any], large: dict[str, Any]) -> int:
    """Each page's time on two sizes of data: a page whose time grows with the rows
    (more than 2x for 10x the rows) is marked."""
    factor = large["rows"] / max(small["rows"], 1)
    print(f"B7 growth on {large['database']}: {small['rows']:,} and {large['rows']:,} "
          f"cases and episodes ({factor:.0f}x); bare view {small['bare_ms']:.1f} and "
          f"{large['bare_ms']:.1f} ms")
    print(f"{'page':<36}{'small ms':>10}{'large ms':>10}{'growth':>8}{'queries':>9}")
    before = {name: ms for name, ms, _, _ in small["pages"]}
    marked = []
    for name, ms, _, queries in sorted(large["pages"], key=lambda p: -p[1]):
        if name not in before:
            continue
        growth = ms / before[name]
        flag = " *" if growth > 2.0 or queries > MAX_QUERIES else ""
        print(f"{name:<36}{before[name]:>10.1f}{ms:>10.1f}{growth:>8.1f}{queries:>9}{flag}")
        if flag:
            marked.append(name)
    print(f"{len(marked)} pages grow more than 2x with the data or exceed {MAX_QUERIES} "
          "statements (*)")
    return 1 if marked else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", nargs="+", metavar="NAME", help="Only these pages")
    parser.add_argument("--synth", nargs="+", metavar="SLUG",
                        help="Use partnerships made by `manage.py synth` instead; with two "
                             "(the smaller first), compare each page's time on both")
    args = parser.parse_args()
    _setup()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # refusals are expected
    if args.synth and len(args.synth) == 2:
        return grows(run(args.cases, args.runs, synth=args.synth[0], only=args.pages),
                     run(args.cases, args.runs, synth=args.synth[1], only=args.pages))
    r = run(args.cases, args.runs, synth=args.synth[0] if args.synth else None,
            only=args.pages)
    print(f"B7 pages on {r['database']}: {r['cases']} open cases "
          f"(generated in {r['generate_s']:.1f} s, due items stored in {r['store_s']:.1f} s); "
          f"bare view {r['bare_ms']:.1f} ms, "
          f"{r['bare_queries']} statements")
    print(f"{'page':<36}{'ms':>9}{'x bare':>8}{'queries':>9}")
    missed = []
    for name, ms, ratio, queries in sorted(r["pages"], key=lambda p: -p[2]):
        flag = " *" if ratio > MAX_RATIO or queries > MAX_QUERIES else ""
        print(f"{name:<36}{ms:>9.1f}{ratio:>8.1f}{queries:>9}{flag}")
        if flag:
            missed.append(name)
    print(f"due items for the coordinator, all worked out: {r['due_items']} in "
          f"{r['due_ms']:.0f} ms")
    print(f"{len(missed)} of {len(r['pages'])} pages miss {MAX_RATIO}x or {MAX_QUERIES} "
          "statements (*)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
