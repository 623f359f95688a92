"""B2 (PERFORMANCE.md): matching a batch of incoming names against the persons held.

Incoming names are labelled: most are a held person's name with one slip, the rest are
persons not held. A name is matched when its best match is at least 80% similar (the
product's threshold for showing a match). Precision, recall and the time per name, side
by side in one run:
- the product's path, `likely_matches(actor, "person", name)`, on records in the database
  (on a subset: it reads every person for each name);
- rapidfuzz all pairs (`process.cdist`, the same scorer and threshold), on every name.
Splink is not a dependency of the product and is not measured. Everything is rolled back.

    DATABASE_URL=postgres://... uv run python -m bench.batch_match --persons 100000
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from typing import Any

from bench.intel_data import misspelt, partnership, people, store
from bench.name_search import scan_index

THRESHOLD = 80


class Rollback(Exception):
    pass


def incoming(held: list[Any], n: int, seed: int = 3) -> list[tuple[str, str | None]]:
    """`n` names, 70% a held person's name misspelt (labelled with it), 30% someone new."""
    rng = random.Random(seed)  # noqa: S311
    known = {name for name, _ in held}
    new = [(name, None) for name, _ in people(n * 2, seed + 100) if name not in known]
    wanted = [(q, meant) for q, meant in misspelt(held, n, seed)]
    out: list[tuple[str, str | None]] = [*wanted[:round(n * 0.7)], *new[:n - round(n * 0.7)]]
    rng.shuffle(out)
    return out


def scores(found: list[tuple[str, str | None]], labels: list[tuple[str, str | None]]
           ) -> dict[str, float]:
    """Precision and recall of the names matched (`found`: each name and the name matched,
    or None) against what each name meant."""
    tp = sum(1 for (_, got), (_, meant) in zip(found, labels, strict=True)
             if got is not None and got == meant)
    said = sum(1 for _, got in found if got is not None)
    real = sum(1 for _, meant in labels if meant is not None)
    return {"precision": tp / said if said else 1.0, "recall": tp / real if real else 1.0}


def all_pairs(held: list[Any], names: list[tuple[str, str | None]]) -> list[str | None]:
    from rapidfuzz import fuzz, process

    from macehub.people.matching import normalise

    index, owners = scan_index(held)
    matrix = process.cdist([normalise(q) for q, _ in names], index,
                           scorer=fuzz.token_sort_ratio, workers=-1)
    best = matrix.argmax(axis=1)
    return [held[owners[b]][0] if matrix[row, b] >= THRESHOLD else None
            for row, b in enumerate(best)]


def run(persons: int = 10_000, names: int = 1_000, product_persons: int = 1_000,
        product_names: int = 50) -> dict[str, Any]:
    from django.db import connection, transaction

    from macehub.intelligence.matching import likely_matches

    held = people(persons)
    asked = incoming(held, names)
    result: dict[str, Any] = {"database": connection.vendor, "persons": persons,
                              "names": names, "product_persons": product_persons,
                              "product_names": product_names}
    began = time.perf_counter()
    got = all_pairs(held, asked)
    result["all_pairs_s"] = time.perf_counter() - began
    result["all_pairs"] = scores([(q, g) for (q, _), g in zip(asked, got, strict=True)],
                                 asked)
    small = people(product_persons)
    small_asked = incoming(small, product_names)
    began = time.perf_counter()
    got = all_pairs(small, small_asked)
    result["all_pairs_small_s"] = time.perf_counter() - began
    result["all_pairs_small"] = scores(list(zip([q for q, _ in small_asked], got,
                                                strict=True)), small_asked)
    try:
        with transaction.atomic():
            actor = partnership("bench-b2")
            store(actor, small)
            began = time.perf_counter()
            found = []
            for q, _ in small_asked:
                best = likely_matches(actor, "person", q)
                found.append((q, getattr(best[0].record, "name", None) if best else None))
            result["product_s"] = time.perf_counter() - began
            result["product"] = scores(found, small_asked)
            raise Rollback
    except Rollback:
        pass
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--names", type=int, default=1_000)
    parser.add_argument("--product-persons", type=int, default=1_000)
    parser.add_argument("--product-names", type=int, default=50)
    args = parser.parse_args()
    _setup()
    r = run(args.persons, args.names, args.product_persons, args.product_names)
    print(f"B2 batch matching on {r['database']}")
    print(f"{'method':<34}{'ms/name':>9}{'precision':>11}{'recall':>8}")
    rows = [(f"product, {r['product_names']} vs {r['product_persons']:,}", "product",
             r["product_s"], r["product_names"]),
            (f"all pairs, {r['product_names']} vs {r['product_persons']:,}",
             "all_pairs_small", r["all_pairs_small_s"], r["product_names"]),
            (f"all pairs, {r['names']:,} vs {r['persons']:,}", "all_pairs",
             r["all_pairs_s"], r["names"])]
    for label, key, seconds, n in rows:
        print(f"{label:<34}{seconds / n * 1000:>9.1f}{r[key]['precision']:>11.2f}"
              f"{r[key]['recall']:>8.2f}")
    print(f"product / all pairs at the same size: {r['product_s'] / r['all_pairs_small_s']:.0f}x")
    return 0


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "macehub.settings")
    import django

    django.setup()


if __name__ == "__main__":
    sys.exit(main())
