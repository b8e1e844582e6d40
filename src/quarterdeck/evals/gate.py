"""A release's eval gate, run for it: the suite on the current version and on the candidate, compared.

The candidate's run records, besides its pass rate with interval, ``no_regression`` (1 when no row of
the paired comparison — case pass, case score, each assertion — is significantly worse after Holm's
correction, else 0), ``regression_p`` (the smallest Holm-adjusted p among the rows where the candidate
is worse) and ``case_pass_diff`` with ``case_pass_diff_low``/``_high``. Both runs are attached to the
release as its evidence, so a policy gate such as
``{suite: S, metric: no_regression, min: 1}`` or ``{suite: S, metric: pass_rate_low, min: 0.8}`` decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quarterdeck.evals.client import QuarterdeckClient
from quarterdeck.evals.compare import compact_case, comparison_rows
from quarterdeck.evals.runner import RunOptions, RunSummary, iter_cases, run_suite
from quarterdeck.evals.suite import Suite, SuiteError

__all__ = ["GateOutcome", "run_gate"]


@dataclass(slots=True)
class GateOutcome:
    release_id: str
    baseline: RunSummary | None
    candidate: RunSummary
    rows: list[dict[str, Any]]
    regressions: list[str]


def _for_version(suite: Suite, name: str, version: int) -> Suite:
    return suite.model_copy(update={"target": suite.target.model_copy(update={"prompt": f"{name}:{version}"})})


async def _cases(client: QuarterdeckClient, run_id: str) -> list[dict[str, Any]]:
    return [compact_case(case) async for case in iter_cases(client, run_id)]


async def run_gate(client: QuarterdeckClient, release_id: str, suite: Suite, suite_path: Path,
                   options: RunOptions) -> GateOutcome:
    release = await client.admin("GET", f"/releases/{release_id}")
    if release["kind"] != "prompt":
        raise SuiteError(f"release {release_id} releases a {release['kind']}; eval gates run on prompts")
    if suite.target.prompt is None:
        raise SuiteError("the suite's target must be a prompt for a release gate")
    name = release["name"]
    baseline: RunSummary | None = None
    if release["from_version"] is not None:
        baseline = await run_suite(_for_version(suite, name, release["from_version"]), suite_path, client, options)
    rows: list[dict[str, Any]] = []
    regressions: list[str] = []

    async def compared(run_id: str) -> dict[str, float]:
        if baseline is None:
            return {"no_regression": 1.0}
        _, found = comparison_rows(await _cases(client, baseline.run_id), await _cases(client, run_id))
        rows.extend(found)
        worse = [r for r in found if r["diff"] < 0 and r["significant"]]
        regressions.extend(r["name"] for r in worse)
        metrics = {"no_regression": 0.0 if worse else 1.0}
        negative = [r["p_adjusted"] for r in found if r["diff"] < 0]
        if negative:
            metrics["regression_p"] = min(negative)
        for row in found:
            if row["name"] == "case pass":
                metrics.update(case_pass_diff=row["diff"], case_pass_diff_low=row["low"],
                               case_pass_diff_high=row["high"])
        return metrics

    candidate_options = RunOptions(cache=options.cache, repeat=options.repeat, concurrency=options.concurrency,
                                   extra_metrics=compared, executor=options.executor)
    candidate = await run_suite(_for_version(suite, name, release["to_version"]), suite_path, client,
                                candidate_options)
    runs = [r.run_id for r in (baseline, candidate) if r is not None]
    await client.admin("POST", f"/releases/{release_id}/eval-runs", {"eval_runs": runs})
    return GateOutcome(release_id, baseline, candidate, rows, regressions)
