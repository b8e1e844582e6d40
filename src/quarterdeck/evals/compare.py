"""Pair two runs' cases and compare them with the statistics of ``stats.compare_runs``.

Cases pair on (case index, repeat); repeats of a case form one cluster. Compared: the case pass/fail,
the case score, and each assertion's pass/fail — only where both runs measured it. Callers keep cases
as :func:`compact_case` gives them (no outputs, variables or reasons), so comparing two large runs holds
a few numbers per case.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from quarterdeck.evals.stats import RunComparison, compare_runs

__all__ = ["compact_case", "comparison_rows", "pair_runs"]


def compact_case(case: dict[str, Any]) -> dict[str, Any]:
    """What the comparison reads of a stored case, and nothing else."""
    return {"case_index": case["case_index"], "repeat": case["repeat"], "passed": case["passed"],
            "score": case["score"],
            "assertions": [{"type": a["type"], "passed": a["passed"]} for a in case.get("assertions") or []]}


def pair_runs(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> tuple[
        dict[str, tuple[Sequence[float], Sequence[float], str]], dict[str, Sequence[Hashable]]]:
    by_key = {(c["case_index"], c["repeat"]): c for c in b}
    results: dict[str, tuple[list[float], list[float], str]] = {}
    clusters: dict[str, list[Hashable]] = {}

    def add(name: str, kind: str, x: float, y: float, cluster: int) -> None:
        xs, ys, _ = results.setdefault(name, ([], [], kind))
        xs.append(x)
        ys.append(y)
        clusters.setdefault(name, []).append(cluster)

    for case_a in a:
        case_b = by_key.get((case_a["case_index"], case_a["repeat"]))
        if case_b is None:
            continue
        cluster = int(case_a["case_index"])
        if case_a["passed"] is not None and case_b["passed"] is not None:
            add("case pass", "pass", float(case_a["passed"]), float(case_b["passed"]), cluster)
            if case_a["score"] is not None and case_b["score"] is not None:
                add("case score", "score", float(case_a["score"]), float(case_b["score"]), cluster)
        for index, (xa, xb) in enumerate(zip(case_a["assertions"], case_b["assertions"], strict=False)):
            if xa["type"] != xb["type"] or xa["passed"] is None or xb["passed"] is None:
                continue
            add(f"{index}:{xa['type']}", "pass", float(xa["passed"]), float(xb["passed"]), cluster)
    return dict(results), dict(clusters)


def comparison_rows(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> tuple[RunComparison | None, list[
        dict[str, Any]]]:
    """The comparison (None when no case was measured in both runs) and plain rows for reports."""
    results, clusters = pair_runs(a, b)
    if not results:
        return None, []
    comparison = compare_runs(results, clusters=clusters)
    rows = [{"name": c.name, "kind": c.kind, "n_pairs": c.n_pairs, "n_cases": c.n_cases, "mean_a": c.mean_a,
             "mean_b": c.mean_b, "diff": c.diff, "low": c.interval.low, "high": c.interval.high, "test": c.test,
             "p_value": c.p_value, "p_adjusted": c.p_adjusted, "significant": c.significant, "mde": c.mde,
             "summary": c.summary} for c in comparison]
    return comparison, rows
