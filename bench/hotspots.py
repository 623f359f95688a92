"""B5 (PERFORMANCE.md): the hotspot analysis's clustering of synthetic located records.

Draws points across an area the size of a county (about 110 km square): most in tight
groups around places (a park, a takeaway, a station), the rest scattered. Clusters them
with `macehub.intelligence.hotspots.cluster_labels` (DBSCAN, haversine on a ball tree)
and, beside it in the same run, with the same DBSCAN on a brute-force distance search as
the naive baseline. Reports the times, their ratio and the agreement of the two
clusterings (adjusted Rand index, and the share of points given the same cluster). The
pack's defaults are used: 400 metres, 3 points. No database is needed.

    uv run python -m bench.hotspots [--points 100000] [--baseline-points 100000]
    uv run python -m bench.hotspots --points 1000000 --baseline-points 0
    uv run python -m bench.hotspots --points 100000 --at-locations 20000
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from typing import Any

import numpy as np

TARGETS_S = {100_000: 0.5, 1_000_000: 10.0}
RADIUS_M, MIN_POINTS = 400, 3
RUNS = 3


def points(count: int, seed: int = 12) -> np.ndarray[Any, Any]:
    """`count` (latitude, longitude) pairs around Chelmsford: 80% in groups of about 25
    within ~150 metres of a place, 20% scattered."""
    rng = np.random.default_rng(seed)
    grouped = int(count * 0.8)
    places = max(1, grouped // 25)
    centres = np.column_stack([rng.uniform(51.25, 52.25, places),
                               rng.uniform(-0.1, 1.5, places)])
    which = rng.integers(0, places, grouped)
    spread = rng.normal(0.0, 150 / 111_195, (grouped, 2))
    spread[:, 1] /= np.cos(np.radians(centres[which, 0]))
    near = centres[which] + spread
    scattered = np.column_stack([rng.uniform(51.25, 52.25, count - grouped),
                                 rng.uniform(-0.1, 1.5, count - grouped)])
    return np.vstack([near, scattered])


def records_at(count: int, locations: int, seed: int = 12) -> np.ndarray[Any, Any]:
    """`count` records at `locations` places (as incidents share their location's point),
    drawn with some places far busier than others."""
    rng = np.random.default_rng(seed + 1)
    places = points(locations, seed)
    busy = rng.pareto(1.5, locations) + 1
    return places[rng.choice(locations, count, p=busy / busy.sum())]


def brute(coords: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """The naive baseline: every distance computed (chunked), no spatial index."""
    from macehub.intelligence.clustering import cluster_labels

    return cluster_labels(coords, RADIUS_M, MIN_POINTS, algorithm="brute")


CPU: list[float] = []  # the processor time of each timed call, beside its wall time


def _timed(func: Any, *args: Any, runs: int = RUNS) -> tuple[float, Any]:
    """The median wall time of `runs` calls (its processor time is kept in CPU: on a
    shared machine the wall time also counts the time other work held the processor)."""
    times, cpu, result = [], [], None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = func(*args)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    CPU.append(statistics.median(cpu))
    return statistics.median(times), result


def agreement(a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> tuple[float, float]:
    """Adjusted Rand index, and the share of points whose cluster (or noise) in `a` is
    the one `b` gives them once each cluster of `a` is matched to its commonest in `b`."""
    from sklearn.metrics import adjusted_rand_score

    same = 0
    for label in np.unique(a):
        mask = a == label
        if label == -1:
            same += int(np.sum(b[mask] == -1))
            continue
        values, counts = np.unique(b[mask], return_counts=True)
        same += int(counts.max()) if values[counts.argmax()] != -1 else 0
    return float(adjusted_rand_score(a, b)), same / len(a)


def main() -> int:
    from macehub.intelligence.clustering import cluster_labels

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--at-locations", type=int, default=0,
                        help="put the points at this many distinct locations (0: all apart)")
    parser.add_argument("--baseline-points", type=int, default=None,
                        help="points for the brute-force baseline (default: --points; 0: none)")
    args = parser.parse_args()
    base_n = args.points if args.baseline_points is None else args.baseline_points
    def draw(n: int) -> np.ndarray[Any, Any]:
        return records_at(n, args.at_locations) if args.at_locations else points(n)

    coords = draw(args.points)
    fast_s, labels = _timed(cluster_labels, coords, RADIUS_M, MIN_POINTS)
    clusters = len(set(labels.tolist()) - {-1})
    where = f" at {args.at_locations:,} locations" if args.at_locations else " all apart"
    print(f"points {args.points:,}{where}: ball tree {fast_s:.3f} s (median of {RUNS}; "
          f"processor {CPU[-1]:.3f} s), "
          f"{clusters:,} clusters, {np.mean(labels == -1):.1%} noise")
    ok = fast_s <= TARGETS_S.get(args.points, float("inf"))
    if base_n:
        sample = coords if base_n == args.points else draw(base_n)
        fast_b, fast_labels = _timed(cluster_labels, sample, RADIUS_M, MIN_POINTS)
        slow_s, slow_labels = _timed(brute, sample, runs=1)
        ari, same = agreement(fast_labels, slow_labels)
        print(f"points {base_n:,}: ball tree {fast_b:.3f} s (processor {CPU[-2]:.3f} s), "
              f"brute force {slow_s:.3f} s (processor {CPU[-1]:.3f} s), "
              f"ratio {slow_s / fast_b:.1f}x; agreement: adjusted Rand {ari:.4f}, "
              f"same cluster {same:.2%}")
        ok = ok and same >= 0.90
    target = TARGETS_S.get(args.points)
    print(f"target {target} s: {'met' if ok else 'MISSED'}" if target else "no target set")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
