"""B3 (PERFORMANCE.md) in the PostgreSQL stage: the bulk import with triggers beats the
per-row baseline run beside it, and its triggers equal a full recompute. A ratio, not
seconds (the machines are shared); the full-size figures come from `bench/missing_import`."""

from __future__ import annotations

import pytest

from bench.missing_import import run


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_bulk_missing_import_beats_per_row_baseline_with_identical_triggers() -> None:
    result = run(children=150, per_child=4)
    print(result)
    assert result["identical"] and result["baseline_agrees"]
    assert result["ratio"] > 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_realistic_import_fires_exactly_what_a_full_recompute_fires() -> None:
    # Long-tailed repeats, new children and misspelt names: the misspelt wait for the
    # coordinator's match, the new are created, and the triggers are exact.
    result = run(children=120, per_child=4, realistic=True)
    print(result)
    assert result["identical"] and result["queued"] > 0
