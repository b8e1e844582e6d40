"""Retrieval metrics on hand-computed examples, graded nDCG included."""

from __future__ import annotations

import math
from typing import Any

import pytest

from quarterdeck.evals.assertions import AssertionResult, AssertionSpec, Output, check
from quarterdeck.evals.assertions.retrieval import mrr, ndcg_at_k, precision_at_k, recall_at_k, relevance_labels


def output(retrieved: list[str] | None) -> Output:
    return Output("answer", [], 10.0, 0.0, retrieved)


async def run(type_: str, value: Any, retrieved: list[str] | None, **fields: Any) -> AssertionResult:
    return await check(AssertionSpec(type=type_, value=value, **fields), output(retrieved), {})


RANKING = ["d3", "d7", "d1", "d9", "d2"]
RELEVANT = ["d1", "d2", "d4"]


@pytest.mark.parametrize(
    ("k", "recall", "precision"),
    [(1, 0 / 3, 0 / 1), (3, 1 / 3, 1 / 3), (5, 2 / 3, 2 / 5), (10, 2 / 3, 2 / 10)],
)
def test_recall_and_precision_at_k(k: int, recall: float, precision: float) -> None:
    labels = relevance_labels(RELEVANT)
    assert recall_at_k(RANKING, labels, k) == pytest.approx(recall)
    assert precision_at_k(RANKING, labels, k) == pytest.approx(precision)


def test_mrr_by_hand() -> None:
    labels = relevance_labels(RELEVANT)
    assert mrr(RANKING, labels) == pytest.approx(1 / 3)  # d1 at rank 3
    assert mrr(RANKING, labels, 2) == 0.0
    assert mrr([], labels) == 0.0
    assert mrr(["d4"], labels) == 1.0


def test_ndcg_with_graded_relevance_by_hand() -> None:
    labels = relevance_labels({"a": 3, "b": 2, "c": 1, "z": 0})
    ranking = ["b", "x", "a", "c"]
    # DCG@3 = 2/log2(2) + 0/log2(3) + 3/log2(4) = 2 + 0 + 1.5 = 3.5
    # IDCG@3 = 3/log2(2) + 2/log2(3) + 1/log2(4) = 3 + 1.2618595 + 0.5 = 4.7618595
    assert ndcg_at_k(ranking, labels, 3) == pytest.approx(3.5 / (3 + 2 / math.log2(3) + 0.5))
    assert ndcg_at_k(ranking, labels, 3) == pytest.approx(0.7350070)
    # DCG@4 adds 1/log2(5) = 0.4306766; IDCG@4 adds the z grade 0, so stays 4.7618595
    assert ndcg_at_k(ranking, labels, 4) == pytest.approx((3.5 + 1 / math.log2(5)) / 4.7618595, rel=1e-6)
    assert ndcg_at_k(["a", "b", "c"], labels, 3) == pytest.approx(1.0)
    assert ndcg_at_k(["z", "x"], labels, 2) == 0.0


def test_binary_ndcg_by_hand() -> None:
    labels = relevance_labels(["d1", "d2"])
    # ranks 2 and 4: DCG = 1/log2(3) + 1/log2(5); IDCG = 1 + 1/log2(3)
    expected = (1 / math.log2(3) + 1 / math.log2(5)) / (1 + 1 / math.log2(3))
    assert ndcg_at_k(["x", "d1", "y", "d2"], labels, 4) == pytest.approx(expected)


async def test_k_from_the_name_or_the_field() -> None:
    by_name = await run("recall@5", RELEVANT, RANKING)
    by_field = await run("recall@k", RELEVANT, RANKING, k=5)
    assert by_name.score == by_field.score == pytest.approx(2 / 3)
    assert by_name.passed is True  # default threshold 0.5
    assert "recall@5 0.6667" in by_name.reason
    at_three = await run("precision@3", RELEVANT, RANKING)
    assert at_three.passed is False and at_three.score == pytest.approx(1 / 3)


async def test_mrr_at_k_and_graded_ndcg_through_check() -> None:
    assert (await run("mrr", RELEVANT, RANKING)).score == pytest.approx(1 / 3)
    assert (await run("mrr@2", RELEVANT, RANKING)).score == 0.0
    assert (await run("mrr", RELEVANT, RANKING, k=3)).score == pytest.approx(1 / 3)
    graded = await run("ndcg@3", {"a": 3, "b": 2, "c": 1}, ["b", "x", "a", "c"], threshold=0.7)
    assert graded.score == pytest.approx(0.7350070) and graded.passed is True


async def test_duplicates_are_dropped_and_ids_compared_as_strings() -> None:
    assert (await run("precision@2", ["1"], ["1", "1", "2"])).score == pytest.approx(0.5)
    assert (await run("recall@2", [1, 2], ["2", "1"])).score == pytest.approx(1.0)


async def test_without_retrieved_ids_the_metric_is_unmeasured() -> None:
    result = await run("recall@5", RELEVANT, None)
    assert result.passed is None and result.score is None and result.reason.startswith("unmeasured: ")
    negated = await run("not-ndcg@5", RELEVANT, None)
    assert negated.passed is None
    empty = await run("recall@5", RELEVANT, [])
    assert empty.passed is False and empty.score == 0.0


async def test_relevant_ids_from_a_case_variable() -> None:
    spec = AssertionSpec(type="recall@2", value="{{relevant}}")
    result = await check(spec, output(["d1", "d2"]), {"relevant": ["d2", "d9"]})
    assert result.score == pytest.approx(0.5)
