"""B6 (PERFORMANCE.md) kept working: the dashboard benchmark builds its data, and the
dashboard's figures equal a naive recount of every record. Exactness only: times come from
`bench/dashboard` on a quiet machine, as ratios."""

from __future__ import annotations

import pytest

from bench.dashboard import run


@pytest.mark.django_db(transaction=True)
def test_dashboard_figures_equal_a_naive_recount_of_every_record() -> None:
    result = run(concerns=150)
    assert result["exact"], result
