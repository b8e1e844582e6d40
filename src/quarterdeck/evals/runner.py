"""Run a suite: every (row, repeat) against the target, concurrently, cached, recorded case by case.

The target version is pinned before the first case (``prompt:NAME@LABEL`` becomes
``prompt:NAME:N``), so a label moving mid-run does not mix versions. Cases are sent to the store in
batches while the run goes; an interrupted run (Ctrl-C, a crash) keeps what was stored and
``resume`` picks up only the cases not yet stored. Cases are evaluated by an executor
(:mod:`quarterdeck.evals.executor`: asyncio workers here, or Ray tasks) through the one code path
:func:`quarterdeck.evals.case.evaluate_case`; the cache, the store batches and the progress callback
live here, so they work the same for every executor. Nothing is held per case beyond the batch being
written (and, for the statistics at the end, one number per case), so memory stays flat on large suites.
"""

from __future__ import annotations

import asyncio
import math
from array import array
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quarterdeck.evals.cache import EvalCache
from quarterdeck.evals.case import CasePlan, CaseResult, CaseSpec, make_case, render_text
from quarterdeck.evals.client import QuarterdeckClient
from quarterdeck.evals.executor import Executor, LocalExecutor
from quarterdeck.evals.stats import bootstrap_mean_interval, wilson_interval
from quarterdeck.evals.suite import Dataset, Suite, SuiteError, Target, read_rows_file, rows_digest, suite_digest
from quarterdeck.registry.templates import PROMPT_PREFIX, parse_prompt_ref

__all__ = ["CaseResult", "RunOptions", "RunSummary", "iter_cases", "render_text", "resolve_target", "run_suite"]

FLUSH_EVERY = 50
PAGE = 250  # cases per read from the store: small pages keep a reader's memory flat (each is ~1 MB of JSON)


@dataclass(frozen=True, slots=True)
class RunOptions:
    cache: EvalCache | None = None
    resume_run_id: str | None = None
    repeat: int | None = None  # overrides the suite's
    concurrency: int | None = None
    # more metrics for the run, computed from its id once every case is stored (e.g. a comparison)
    extra_metrics: Callable[[str], Awaitable[dict[str, float]]] | None = None
    executor: Executor | None = None  # where cases are evaluated (default: asyncio workers in this process)


@dataclass(slots=True)
class RunSummary:
    run_id: str
    target: str
    total: int
    passed: int = 0
    failed: int = 0
    unmeasured: int = 0
    errors: int = 0
    skipped: int = 0  # already stored (resume)
    cache_hits: int = 0
    rate_limited: int = 0
    metrics: dict[str, float] = field(default_factory=dict)
    interrupted: bool = False
    executor: str = "local"


def case_variables(suite: Suite, row: dict[str, Any]) -> dict[str, Any]:
    if suite.vars is None:
        return dict(row)
    return {name: render_text(v, row) if isinstance(v, str) else v for name, v in suite.vars.items()}


async def resolve_target(target: Target, client: QuarterdeckClient) -> str:
    """The exact thing evaluated: a prompt reference pinned to a version, or the model / endpoint."""
    if target.prompt is None:
        return target.description
    ref = parse_prompt_ref(PROMPT_PREFIX + target.prompt)
    if ref.version is not None:
        return ref.text
    prompt = await client.admin("GET", f"/prompts/{ref.name}")
    label = ref.label or "production"
    for entry in prompt["labels"]:
        if entry["name"] == label:
            return f"prompt:{ref.name}:{entry['version']}"
    raise SuiteError(f"target.prompt: the prompt '{ref.name}' has no label '{label}'")


async def load_dataset(suite: Suite, suite_path: Path, client: QuarterdeckClient) -> Dataset:
    source = suite.dataset
    if source.rows is not None:
        rows, where = source.rows, "inline"
    elif source.file is not None:
        path = (suite_path.parent / source.file).resolve()
        rows, where = read_rows_file(path), str(path)
    else:
        assert source.registry is not None
        name, _, number = source.registry.partition(":")
        if not number:
            number = str((await client.admin("GET", f"/datasets/{name}"))["latest_version"])
        version = await client.admin("GET", f"/datasets/{name}/versions/{number}")
        rows, where = version["content"]["rows"], f"dataset:{name}:{number}"
    if not rows:
        raise SuiteError(f"dataset ({where}) has no rows")
    return Dataset(rows=rows, digest=rows_digest(rows), source=where)


def _cases(suite: Suite, target: str, rows: list[dict[str, Any]], repeat: int,
           done: set[tuple[int, int]]) -> Iterator[CaseSpec]:
    for index, row in enumerate(rows):
        variables = case_variables(suite, row)
        for rep in range(repeat):
            if (index, rep) not in done:
                yield make_case(suite, target, index, rep, row, variables)


def summarise(summary: RunSummary, passes: Sequence[int], scores: Sequence[float], clusters: Sequence[int]) -> None:
    measured = len(passes)
    ok = int(sum(passes))
    metrics: dict[str, float] = {"cases": float(summary.total), "measured": float(measured),
                                 "unmeasured": float(summary.unmeasured), "errors": float(summary.errors)}
    if measured:
        interval = wilson_interval(ok, measured)
        metrics.update(pass_rate=ok / measured, pass_rate_low=interval.low, pass_rate_high=interval.high)
    if scores:
        mean = bootstrap_mean_interval(scores, clusters=clusters if len(set(clusters)) > 1 else None)
        # fsum: exact, so the mean does not depend on the order the cases finished in (executors differ)
        metrics.update(mean_score=math.fsum(scores) / len(scores), mean_score_low=mean.low, mean_score_high=mean.high)
    summary.metrics = {k: v for k, v in metrics.items() if not math.isnan(v)}


async def run_suite(suite: Suite, suite_path: Path, client: QuarterdeckClient, options: RunOptions,
                    on_start: Callable[[int], None] | None = None,
                    on_case: Callable[[CaseResult], None] | None = None) -> RunSummary:
    """Run (or resume) the suite and record it; returns the summary once the run is completed.

    Cases are generated lazily, looked up in the cache, evaluated by the executor and streamed to the
    store in batches of :data:`FLUSH_EVERY`; the summary's statistics are computed from the store
    afterwards, keeping one number per case, so memory does not grow with the outputs.
    """
    target = await resolve_target(suite.target, client)
    dataset = await load_dataset(suite, suite_path, client)
    repeat = options.repeat or suite.repeat
    total = len(dataset.rows) * repeat
    done: set[tuple[int, int]] = set()
    tally = _Tally()
    if options.resume_run_id is not None:
        run = await client.admin("GET", f"/eval-runs/{options.resume_run_id}")
        if run["suite_hash"] != suite_digest(suite) or run["dataset_hash"] != dataset.digest:
            raise SuiteError(f"run {run['id']} was made from a different suite or dataset; start a new run")
        if run["status"] == "interrupted":
            await client.admin("POST", f"/eval-runs/{run['id']}/resume")
        run_id = str(run["id"])
        done = await _stored(client, run_id, tally)
    else:
        run = await client.admin("POST", "/eval-runs", {
            "suite": suite.name, "target": target, "status": "running", "suite_hash": suite_digest(suite),
            "dataset_hash": dataset.digest, "details": {"dataset": dataset.source, "repeat": repeat}})
        run_id = str(run["id"])
    executor = options.executor or LocalExecutor()
    summary = RunSummary(run_id=run_id, target=target, total=total, skipped=len(done), executor=executor.name)
    report = on_case or (lambda _: None)
    cache = options.cache
    if on_start is not None:
        on_start(total - len(done))
    batch: list[dict[str, Any]] = []
    lock = asyncio.Lock()

    async def flush() -> None:
        async with lock:
            if batch:
                pending = batch[:]
                batch.clear()
                await client.admin("POST", f"/eval-runs/{run_id}/cases", {"cases": pending})

    async def record(result: CaseResult) -> None:
        batch.append(result.to_json())
        tally.add(result.passed, result.score, result.error, result.case_index)
        report(result)
        if len(batch) >= FLUSH_EVERY:
            await flush()

    async def fresh(result: CaseResult) -> None:
        if cache is not None and result.error is None:
            cache.put(result.case_key, result.to_json())
        await record(result)

    async def misses() -> AsyncIterator[CaseSpec]:
        """The cases to evaluate; cached ones are recorded on the way, never sent to the executor."""
        for case in _cases(suite, target, dataset.rows, repeat, done):
            if cache is not None and (hit := cache.get(case.key)) is not None:
                hit["case_index"], hit["repeat"] = case.index, case.repeat
                await record(CaseResult(**hit))
                continue
            yield case

    try:
        await executor.run(CasePlan(suite, target), misses(), client, fresh,
                           options.concurrency or suite.concurrency)
        await flush()
    except BaseException:
        summary.interrupted = True
        await asyncio.shield(_interrupt(client, run_id, flush))
        raise
    await _finish(client, summary, tally, options.extra_metrics)
    if cache is not None:
        summary.cache_hits = cache.hits
    summary.rate_limited = client.rate_limited
    return summary


async def _interrupt(client: QuarterdeckClient, run_id: str, flush: Callable[[], Awaitable[None]]) -> None:
    await flush()
    await client.admin("POST", f"/eval-runs/{run_id}/finish", {"status": "interrupted", "metrics": {}})


async def _stored(client: QuarterdeckClient, run_id: str, tally: _Tally) -> set[tuple[int, int]]:
    done: set[tuple[int, int]] = set()
    async for case in iter_cases(client, run_id):
        done.add((int(case["case_index"]), int(case["repeat"])))
        tally.add(case["passed"], case["score"], case["error"], int(case["case_index"]))
    return done


async def iter_cases(client: QuarterdeckClient, run_id: str, page: int = PAGE) -> Any:
    """The run's stored cases in order, read a page at a time."""
    offset = 0
    while True:
        data = (await client.admin("GET", f"/eval-runs/{run_id}/cases",
                                   params={"offset": offset, "limit": page}))["data"]
        for case in data:
            yield case
        if len(data) < page:
            return
        offset += page


class _Tally:
    """What the run's statistics need, one number per case in flat arrays, kept as cases are recorded
    (and, on resume, read once from the store), so the end of a run never reads the cases back."""

    def __init__(self) -> None:
        self.passes = array("b")
        self.scores = array("d")
        self.clusters = array("q")
        self.errors = 0
        self.unmeasured = 0

    def add(self, passed: bool | None, score: float | None, error: str | None, case_index: int) -> None:
        if error:
            self.errors += 1
        if passed is None:
            self.unmeasured += 1
            return
        self.passes.append(bool(passed))
        self.scores.append(float(score if score is not None else passed))
        self.clusters.append(case_index)


async def _finish(client: QuarterdeckClient, summary: RunSummary, tally: _Tally,
                  extra: Callable[[str], Awaitable[dict[str, float]]] | None) -> None:
    summary.errors, summary.unmeasured = tally.errors, tally.unmeasured
    summary.passed = sum(tally.passes)
    summary.failed = len(tally.passes) - summary.passed
    summarise(summary, tally.passes, tally.scores, tally.clusters)
    if extra is not None:
        summary.metrics.update(await extra(summary.run_id))
    await client.admin("POST", f"/eval-runs/{summary.run_id}/finish",
                       {"status": "completed", "metrics": summary.metrics})
