"""Retrieval metrics over ``output.retrieved`` (ranked document ids) against relevance labels.

``value`` is a list of relevant ids, or an object ``{id: relevance}`` with relevance >= 0 (graded; an
id with relevance 0 counts as not relevant). Ids are compared as strings, so ``[3, 7]`` matches
``["3", "7"]``. The ranking is read with repeated ids dropped (first occurrence kept). When the output
carries no ``retrieved`` list the check is unmeasured; an empty list scores 0.

===============  ============================================================================
type             score
===============  ============================================================================
``recall@k``     relevant ids in the top k / all relevant ids
``precision@k``  relevant ids in the top k / k (k, not the number retrieved)
``mrr``          1 / rank of the first relevant id (0 if none; only the top k with ``k``/``mrr@k``)
``ndcg@k``       DCG@k / ideal DCG@k with linear gain: sum of rel_i / log2(i + 1), i = 1..k
                 (the trec_eval and scikit-learn ``ndcg_score`` convention)
===============  ============================================================================

``k`` comes from the type name (``recall@5``) or the ``k`` field; ``mrr`` alone reads the whole list.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from typing import Any

from quarterdeck.evals.assertions.base import Call, Kind, KRule, Measure, ThresholdRule, finite, scored, unmeasured

__all__ = ["KINDS", "mrr", "ndcg_at_k", "precision_at_k", "recall_at_k", "relevance_labels"]


def relevance_labels(value: Any) -> dict[str, float]:
    """``value`` as ``{id: relevance}``, or ``ValueError`` naming the field."""
    if isinstance(value, list):
        if not value:
            raise ValueError("'value' must list at least one relevant id")
        for index, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, str | int):
                raise ValueError(f"'value[{index}]' must be a document id (string or integer)")
        return {str(item): 1.0 for item in value}
    if isinstance(value, dict):
        labels: dict[str, float] = {}
        for key, grade in value.items():
            if isinstance(grade, bool) or not isinstance(grade, int | float) or not finite(grade) or grade < 0:
                raise ValueError(f"'value.{key}' must be a relevance number >= 0")
            labels[str(key)] = float(grade)
        if not any(grade > 0 for grade in labels.values()):
            raise ValueError("'value' must give at least one id a relevance above 0")
        return labels
    raise ValueError("'value' must be a list of relevant ids or an object {id: relevance}")


def _ranking(retrieved: list[str]) -> list[str]:
    return list(dict.fromkeys(str(item) for item in retrieved))


def recall_at_k(ranking: list[str], labels: dict[str, float], k: int) -> float:
    relevant = {doc for doc, grade in labels.items() if grade > 0}
    return len(relevant.intersection(_ranking(ranking)[:k])) / len(relevant)


def precision_at_k(ranking: list[str], labels: dict[str, float], k: int) -> float:
    return sum(1 for doc in _ranking(ranking)[:k] if labels.get(doc, 0.0) > 0) / k


def mrr(ranking: list[str], labels: dict[str, float], k: int | None = None) -> float:
    ranked = _ranking(ranking)
    for rank, doc in enumerate(ranked[:k] if k is not None else ranked, start=1):
        if labels.get(doc, 0.0) > 0:
            return 1.0 / rank
    return 0.0


def _dcg(gains: list[float]) -> float:
    return sum(gain / math.log2(position + 1) for position, gain in enumerate(gains, start=1))


def ndcg_at_k(ranking: list[str], labels: dict[str, float], k: int) -> float:
    ideal = _dcg(sorted(labels.values(), reverse=True)[:k])
    return _dcg([labels.get(doc, 0.0) for doc in _ranking(ranking)[:k]]) / ideal


def _metric(label: str, compute: Callable[[list[str], dict[str, float], int], float],
            ) -> Callable[[Call], Awaitable[Measure]]:
    async def run(call: Call) -> Measure:
        retrieved = call.output.retrieved
        if retrieved is None:
            return unmeasured("the output carries no retrieved document ids")
        k = call.cutoff
        return scored(f"{label}@{k}", compute(retrieved, relevance_labels(call.value), k), call.limit)

    return run


async def _mrr(call: Call) -> Measure:
    retrieved = call.output.retrieved
    if retrieved is None:
        return unmeasured("the output carries no retrieved document ids")
    label = "MRR" if call.k is None else f"MRR@{call.k}"
    return scored(label, mrr(retrieved, relevance_labels(call.value), call.k), call.limit)


def _check_labels(value: Any) -> None:
    relevance_labels(value)


_K = KRule(required=True)
_DEFAULT = ThresholdRule(0.5)

KINDS = (
    Kind("recall@k", _metric("recall", recall_at_k), _check_labels, _DEFAULT, _K),
    Kind("precision@k", _metric("precision", precision_at_k), _check_labels, _DEFAULT, _K),
    Kind("ndcg@k", _metric("nDCG", ndcg_at_k), _check_labels, _DEFAULT, _K),
    Kind("mrr", _mrr, _check_labels, _DEFAULT, KRule(required=False)),
)
