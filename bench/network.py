"""B4 (PERFORMANCE.md): a record's neighbourhood to 3 hops on a large link graph, and the
whole graph's components.

A synthetic link graph (persons, children, vehicles, phones, and places that many
records frequent: a few nodes of high degree) of `--links` links, side by side in one run:
- a search of the graph already in memory: `within(network, start, 3)`
  (macehub.intelligence.network), as rustworkx holds it;
- the product's path: `neighbourhood(actor, start, 3)`, which reads the links hop by hop
  from the record (ADR 37), on `--db-links` links written to the database;
- a recursive SQL query (PostgreSQL, or SQLite) over the same links in a plain table;
- connected components of the whole graph (rustworkx) at `--links` links.
Targets: 3 hops p95 <= 50 ms warm at 5M links; components of 1M links <= 2 s. Rolled back.

    DATABASE_URL=postgres://... uv run python -m bench.network --links 1000000
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from typing import Any

from bench.intel_data import p95, partnership

KINDS = ["person", "child", "vehicle", "phone", "location"]


class Rollback(Exception):
    pass


def edges(links: int, seed: int = 1) -> tuple[int, list[tuple[int, int]]]:
    """`links` links over about 0.4 nodes a link; one end in five is one of the 1% of
    nodes that are places many records frequent."""
    rng = random.Random(seed)  # noqa: S311
    nodes = max(10, int(links * 0.4))
    hubs = max(1, nodes // 100)
    out = []
    for _ in range(links):
        a = rng.randrange(nodes)
        b = rng.randrange(hubs) if rng.random() < 0.2 else rng.randrange(nodes)
        out.append((a, b if b != a else (a + 1) % nodes))
    return nodes, out


def network(nodes: int, pairs: list[tuple[int, int]]) -> Any:
    """The graph as the product holds it (macehub.intelligence.network.Network)."""
    import rustworkx as rx

    from macehub.intelligence.network import Network

    graph = rx.PyGraph(multigraph=True)
    payloads = [(KINDS[n % len(KINDS)], n) for n in range(nodes)]
    graph.add_nodes_from(payloads)
    graph.add_edges_from([(a, b, pk) for pk, (a, b) in enumerate(pairs, start=1)])
    return Network(graph, {node: at for at, node in enumerate(payloads)})


def _sql(pairs: list[tuple[int, int]], starts: list[int]) -> tuple[list[float], list[int]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bench_edge (a bigint, b bigint)")
        rows = [(a, b) for a, b in pairs] + [(b, a) for a, b in pairs]
        if connection.vendor == "postgresql":
            with cursor.copy("COPY bench_edge (a, b) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany("INSERT INTO bench_edge VALUES (%s, %s)", rows)
        cursor.execute("CREATE INDEX bench_edge_a ON bench_edge (a, b)")
        cursor.execute("ANALYZE bench_edge")
        seconds, counts = [], []
        for start in starts:
            began = time.perf_counter()
            cursor.execute("""WITH RECURSIVE walk (node, depth) AS (
                SELECT CAST(%s AS bigint), 0 UNION
                SELECT e.b, w.depth + 1 FROM walk w JOIN bench_edge e ON e.a = w.node
                WHERE w.depth < 3) SELECT COUNT(DISTINCT node) FROM walk""", [start])
            counts.append(cursor.fetchone()[0])
            seconds.append(time.perf_counter() - began)
        cursor.execute("DROP TABLE bench_edge")
    return seconds, counts


def _cold(db_links: int, starts: int) -> dict[str, float]:
    from macehub.intelligence.models import Link
    from macehub.intelligence.network import neighbourhood

    actor = partnership("bench-b4")
    nodes, pairs = edges(db_links, seed=2)
    common = {"partnership": actor.partnership, "kind": "associate", "handling": "P",
              "source_kind": "other", "source_evaluation": "2", "assessment": "C",
              "recorded_by": actor.user, "recorded_at": actor_now()}
    Link.objects.bulk_create([Link(a_kind=KINDS[a % 5], a_id=a, b_kind=KINDS[b % 5], b_id=b,
                                   **common) for a, b in pairs], batch_size=10_000)
    seconds = []
    for n in range(starts):
        at = n * 7919 % nodes
        began = time.perf_counter()
        neighbourhood(actor, (KINDS[at % 5], at), 3)
        seconds.append(time.perf_counter() - began)
    return {"links": db_links, "p95_ms": p95(seconds) * 1000}


def actor_now() -> Any:
    from django.utils import timezone

    return timezone.now()


def run(links: int = 1_000_000, starts: int = 20, sql_links: int = 1_000_000,
        db_links: int = 100_000) -> dict[str, Any]:
    import rustworkx as rx
    from django.db import connection, transaction

    from macehub.intelligence.network import within

    nodes, pairs = edges(links)
    result: dict[str, Any] = {"database": connection.vendor, "links": links, "nodes": nodes}
    began = time.perf_counter()
    net = network(nodes, pairs)
    result["build_s"] = time.perf_counter() - began
    picks = [n * 7919 % nodes for n in range(starts)]
    seconds, sizes = [], []
    for at in picks:
        began = time.perf_counter()
        found, _ = within(net, (KINDS[at % 5], at), 3)
        seconds.append(time.perf_counter() - began)
        sizes.append(len(found))
    result["warm_p95_ms"] = p95(seconds) * 1000
    result["reached_median"] = sorted(sizes)[len(sizes) // 2]
    began = time.perf_counter()
    result["components"] = len(rx.connected_components(net.graph))
    result["components_s"] = time.perf_counter() - began
    del net
    try:
        with transaction.atomic():
            sql_pairs = pairs[:sql_links]
            result["sql_links"] = len(sql_pairs)
            whole = len(sql_pairs) == len(pairs)
            sql_seconds, counts = _sql(sql_pairs, picks if whole else [
                p % max(1, int(len(sql_pairs) * 0.4)) for p in picks])
            result["sql_p95_ms"] = p95(sql_seconds) * 1000
            # On the same links, both find the same records.
            result["same_as_sql"] = counts == sizes if whole else None
            result["cold"] = _cold(db_links, max(3, starts // 4))
            raise Rollback
    except Rollback:
        pass
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--links", type=int, default=1_000_000)
    parser.add_argument("--starts", type=int, default=20)
    parser.add_argument("--sql-links", type=int, default=1_000_000)
    parser.add_argument("--db-links", type=int, default=100_000)
    args = parser.parse_args()
    _setup()
    r = run(args.links, args.starts, args.sql_links, args.db_links)
    print(f"B4 network on {r['database']}: {r['links']:,} links, {r['nodes']:,} records "
          f"(graph built in memory in {r['build_s']:.1f} s); 3 hops reach a median of "
          f"{r['reached_median']:,} records")
    print(f"{'method':<44}{'p95 ms':>10}")
    print(f"{'product warm, graph in memory':<44}{r['warm_p95_ms']:>10.1f}")
    print(f"{'recursive SQL, ' + format(r['sql_links'], ',') + ' links':<44}"
          f"{r['sql_p95_ms']:>10.1f}")
    cold = r["cold"]
    print(f"{'product cold, reads ' + format(cold['links'], ',') + ' links':<44}"
          f"{cold['p95_ms']:>10.1f}")
    print(f"components: {r['components']:,} in {r['components_s']:.2f} s")
    return 0 if r["warm_p95_ms"] <= 50 else 1


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "macehub.settings")
    import django

    django.setup()


if __name__ == "__main__":
    sys.exit(main())
