"""The intelligence benchmarks (B1, B2, B4 in PERFORMANCE.md) run end to end at a tiny
size, and their methods agree with each other: figures come from `bench/`, never from
timed tests, so nothing here asserts a time."""

from __future__ import annotations

import pytest

from bench import batch_match, name_search, network

pytestmark = pytest.mark.django_db


def test_name_search_finds_the_name_meant_by_each_method() -> None:
    result = name_search.run(persons=200, queries=10, product_queries=3,
                             trigram=False)
    assert result["rapidfuzz scan"]["recall"] >= 0.8
    assert result["product"]["queries"] == 3 and 0 <= result["product"]["recall"] <= 1


def test_batch_matching_scores_precision_and_recall_for_both_methods() -> None:
    result = batch_match.run(persons=200, names=20, product_persons=50, product_names=5)
    for method in ("product", "all_pairs", "all_pairs_small"):
        assert 0 <= result[method]["precision"] <= 1 and 0 <= result[method]["recall"] <= 1


def test_three_hops_in_memory_reach_what_the_recursive_query_reaches() -> None:
    result = network.run(links=2_000, starts=4, sql_links=2_000, db_links=300)
    assert result["same_as_sql"] is True
    assert result["components"] >= 1 and result["cold"]["links"] == 300
