"""B1 (PERFORMANCE.md): name search over persons of interest and their aliases.

A labelled set of misspelt names (one slip each) is searched three ways on the same
generated persons, side by side in one run:
- the product's own path, `likely_matches(actor, "person", name)` (the matches a
  coordinator is shown), on records written to the database;
- a full rapidfuzz scan over every name and alias in memory (the same scorer);
- pg_trgm's nearest names by trigram distance with a GiST index, on PostgreSQL.
Reported: p95 per query and recall@10 (the name meant is among the ten persons found).
Target at 1M persons: p95 <= 25 ms and recall@10 >= 0.95. Everything is rolled back.

    DATABASE_URL=postgres://... uv run python -m bench.name_search --persons 100000
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

from bench.intel_data import Person, misspelt, p95, partnership, people, store

TARGET_P95_MS, TARGET_RECALL = 25.0, 0.95


class Rollback(Exception):
    pass


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "macehub.settings")
    import django

    django.setup()


def scan_index(persons: list[Person]) -> tuple[list[str], list[int]]:
    """Every name and alias, normalised as the product normalises names, with its person."""
    from macehub.people.matching import normalise

    names, owners = [], []
    for at, (name, aliases) in enumerate(persons):
        for one in (name, *aliases):
            names.append(normalise(one))
            owners.append(at)
    return names, owners


def scan(names: list[str], owners: list[int], query: str, most: int = 10) -> list[int]:
    """The `most` persons with the most similar name or alias (rapidfuzz, all of them)."""
    from rapidfuzz import fuzz, process

    from macehub.people.matching import normalise

    found: list[int] = []
    for _name, _score, at in process.extract(normalise(query), names,
                                             scorer=fuzz.token_sort_ratio, limit=most * 3):
        if owners[at] not in found:
            found.append(owners[at])
    return found[:most]


def _trigram(actor: Any, query: str) -> list[str]:
    from django.db import connection

    sql = """SELECT name FROM (
        (SELECT p.name, p.name <-> %(q)s AS d FROM intelligence_personofinterest p
         WHERE p.partnership_id = %(p)s ORDER BY p.name <-> %(q)s LIMIT 10)
        UNION ALL
        (SELECT p.name, n.name <-> %(q)s AS d FROM intelligence_personname n
         JOIN intelligence_personofinterest p ON p.id = n.person_id
         WHERE n.partnership_id = %(p)s ORDER BY n.name <-> %(q)s LIMIT 10)) found
        ORDER BY d LIMIT 10"""
    with connection.cursor() as cursor:
        cursor.execute(sql, {"q": query, "p": actor.partnership.pk})
        return [row[0] for row in cursor.fetchall()]


def _timed(queries: list[tuple[str, str]], search: Any) -> dict[str, float]:
    seconds, hits = [], 0
    for query, meant in queries:
        began = time.perf_counter()
        names = search(query)
        seconds.append(time.perf_counter() - began)
        hits += meant in names
    return {"p95_ms": p95(seconds) * 1000, "recall": hits / len(queries),
            "queries": len(queries)}


def run(persons: int = 10_000, queries: int = 100, product_queries: int = 20,
        seed: int = 1, trigram: bool = True) -> dict[str, Any]:
    from django.db import connection, transaction

    from macehub.intelligence.matching import likely_matches

    made = people(persons, seed)
    asked = misspelt(made, queries, seed + 1)
    names, owners = scan_index(made)
    result: dict[str, Any] = {"database": connection.vendor, "persons": persons,
                              "names": len(names)}
    result["rapidfuzz scan"] = _timed(asked, lambda q: [made[i][0] for i in scan(
        names, owners, q)])
    try:
        with transaction.atomic():
            actor = partnership("bench-b1")
            result["write_s"] = store(actor, made)
            result["product"] = _timed(asked[:product_queries], lambda q: [
                getattr(m.record, "name", "") for m in likely_matches(actor, "person", q)])
            if trigram and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                    cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                    for table in ("intelligence_personofinterest", "intelligence_personname"):
                        cursor.execute(f"CREATE INDEX bench_{table[13:]}_trgm ON {table} "  # noqa: S608
                                       "USING gist (name gist_trgm_ops)")
                    cursor.execute("ANALYZE")
                result["pg_trgm"] = _timed(asked, lambda q: _trigram(actor, q))
            raise Rollback
    except Rollback:
        pass
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--product-queries", type=int, default=20,
                        help="queries through the product's path (each reads every person)")
    args = parser.parse_args()
    _setup()
    r = run(args.persons, args.queries, args.product_queries)
    print(f"B1 name search on {r['database']}: {r['persons']:,} persons, {r['names']:,} "
          f"names and aliases (written in {r['write_s']:.1f} s)")
    print(f"{'method':<20}{'queries':>9}{'p95 ms':>10}{'recall@10':>11}")
    base = r["rapidfuzz scan"]["p95_ms"]
    for method in ("product", "rapidfuzz scan", "pg_trgm"):
        if method in r:
            m = r[method]
            print(f"{method:<20}{m['queries']:>9}{m['p95_ms']:>10.1f}{m['recall']:>11.2f}"
                  f"   {m['p95_ms'] / base:.2f}x the scan")
    product = r["product"]
    ok = product["p95_ms"] <= TARGET_P95_MS and product["recall"] >= TARGET_RECALL
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
