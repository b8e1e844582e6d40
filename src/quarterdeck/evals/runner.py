"""Run a suite: every (row, repeat) against the target, concurrently, cached, recorded case by case.

The target version is pinned before the first case (``prompt:NAME@LABEL`` becomes
``prompt:NAME:N``), so a label moving mid-run does not mix versions. Cases are sent to the store in
batches while the run goes; an interrupted run (Ctrl-C, a crash) keeps what was stored and
``resume`` picks up only the cases not yet stored. Nothing is held per case beyond the batch being
written, so memory stays flat on large suites.
"""

from __future__ import annotations

import asyncio
import hashlib
import math
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from quarterdeck.evals.assertions import AssertionResult, Output, check
from quarterdeck.evals.cache import EvalCache
from quarterdeck.evals.client import QuarterdeckClient, TargetError
from quarterdeck.evals.stats import bootstrap_mean_interval, wilson_interval
from quarterdeck.evals.suite import Dataset, Suite, SuiteError, Target, read_rows_file, rows_digest, suite_digest
from quarterdeck.registry.templates import PROMPT_PREFIX, parse_prompt_ref

__all__ = ["CaseResult", "RunOptions", "RunSummary", "iter_cases", "resolve_target", "run_suite"]

_PLACEHOLDER = "{{"
FLUSH_EVERY = 50


@dataclass(frozen=True, slots=True)
class RunOptions:
    cache: EvalCache | None = None
    resume_run_id: str | None = None
    repeat: int | None = None  # overrides the suite's
    concurrency: int | None = None
    # more metrics for the run, computed from its id once every case is stored (e.g. a comparison)
    extra_metrics: Callable[[str], Awaitable[dict[str, float]]] | None = None


@dataclass(slots=True)
class CaseResult:
    case_index: int
    repeat: int
    case_key: str
    variables: dict[str, Any]
    output: str | None
    error: str | None
    passed: bool | None
    score: float | None
    latency_ms: float | None
    cost_usd: float | None
    assertions: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


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


def render_text(template: str, values: dict[str, Any]) -> str:
    out = template
    for name, value in values.items():
        text = value if isinstance(value, str) else orjson.dumps(value).decode()
        out = out.replace("{{" + name + "}}", text).replace("{{ " + name + " }}", text)
    if _PLACEHOLDER in out:
        start = out.index(_PLACEHOLDER)
        raise SuiteError(f"no value for the variable in {out[start:start + 40]!r}")
    return out


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


class _Case:
    def __init__(self, suite: Suite, target: str, index: int, repeat: int, row: dict[str, Any],
                 variables: dict[str, Any]) -> None:
        self.index, self.repeat, self.variables = index, repeat, variables
        self.context = {**row, **variables}  # what assertions may refer to: the row's columns and the variables
        basis = {"target": target, "variables": self.context, "assertions": [a.model_dump(mode="json")
                                                                          for a in suite.assertions],
                 "system": suite.target.system, "user": suite.target.user, "params": suite.target.params,
                 "repeat": repeat}
        self.key = hashlib.sha256(orjson.dumps(basis, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _request(suite: Suite, target: str, variables: dict[str, Any], repeat: int) -> dict[str, Any]:
    spec = suite.target
    body: dict[str, Any] = dict(spec.params)
    if repeat and "seed" in body and isinstance(body["seed"], int):
        body["seed"] += repeat  # a fixed seed would make repeats identical samples
    if spec.prompt is not None:
        body.update({"model": target, "messages": [], "variables": variables})
        return body
    messages = []
    if spec.system is not None:
        messages.append({"role": "system", "content": render_text(spec.system, variables)})
    messages.append({"role": "user", "content": render_text(spec.user, variables)})
    body.update({"model": spec.model if spec.model is not None else spec.http.model,  # type: ignore[union-attr]
                 "messages": messages})
    return body


def _output(completion: dict[str, Any], latency_ms: float, cost: float) -> Output:
    message = (completion.get("choices") or [{}])[0].get("message") or {}
    return Output(text=message.get("content"), tool_calls=list(message.get("tool_calls") or []),
                  latency_ms=latency_ms, cost_usd=cost)


def _verdict(results: list[AssertionResult]) -> tuple[bool | None, float | None]:
    measured = [r for r in results if r.passed is not None]
    if not measured:
        return None, None
    weight = sum(r.weight for r in measured) or 1.0
    score = sum(r.weight * (r.score if r.score is not None else float(bool(r.passed))) for r in measured) / weight
    return all(r.passed for r in measured), score


class _Runner:
    def __init__(self, suite: Suite, client: QuarterdeckClient, target: str, options: RunOptions,
                 on_case: Callable[[CaseResult], None]) -> None:
        self.suite, self.client, self.target, self.options, self.on_case = suite, client, target, options, on_case
        self.http = suite.target.http
        self.judge_model = suite.judge_model or suite.target.model

    async def judge(self, messages: list[dict[str, Any]]) -> str:
        if self.judge_model is None:
            raise TargetError("llm-rubric needs judge_model in the suite")
        body = {"model": self.judge_model, "messages": messages, "temperature": 0, "seed": 0,
                "response_format": {"type": "json_object"}}
        completion, _, _ = await self.client.chat(body)
        return str(((completion.get("choices") or [{}])[0].get("message") or {}).get("content") or "")

    async def embed(self, texts: list[str]) -> list[list[float]]:
        if self.suite.embedding_model is None:
            raise TargetError("similar needs embedding_model in the suite")
        return await self.client.embed(self.suite.embedding_model, texts)

    async def run_case(self, case: _Case) -> CaseResult:
        cache = self.options.cache
        if cache is not None and (hit := cache.get(case.key)) is not None:
            hit["case_index"], hit["repeat"] = case.index, case.repeat
            return CaseResult(**hit)
        error: str | None = None
        output: Output | None = None
        try:
            body = _request(self.suite, self.target, case.variables, case.repeat)
            if self.http is not None:
                key = self.http.api_key.get_secret_value() if self.http.api_key else None
                completion, latency, cost = await self.client.chat(body, base_url=self.http.url, api_key=key)
            else:
                completion, latency, cost = await self.client.chat(body)
            output = _output(completion, latency, cost)
        except (TargetError, SuiteError) as exc:
            error = str(exc)
        results: list[AssertionResult] = []
        if output is not None:
            for spec in self.suite.assertions:
                try:
                    results.append(await check(spec, output, case.context, embed=self.embed, judge=self.judge))
                except (ValueError, TargetError) as exc:
                    results.append(AssertionResult(type=spec.type, passed=None, score=None,
                                                   reason=f"unmeasured: {exc}", weight=spec.weight))
            passed, score = _verdict(results)
        else:
            passed, score = False, 0.0  # the target failed to answer: the case fails
        result = CaseResult(
            case_index=case.index, repeat=case.repeat, case_key=case.key, variables=case.variables,
            output=output.text if output else None, error=error, passed=passed, score=score,
            latency_ms=output.latency_ms if output else None, cost_usd=output.cost_usd if output else None,
            assertions=[{"type": r.type, "passed": r.passed, "score": r.score, "reason": r.reason,
                         "weight": r.weight} for r in results])
        if cache is not None and error is None:
            cache.put(case.key, result.to_json())
        return result


def _cases(suite: Suite, target: str, rows: list[dict[str, Any]], repeat: int,
           done: set[tuple[int, int]]) -> Iterator[_Case]:
    for index, row in enumerate(rows):
        variables = case_variables(suite, row)
        for rep in range(repeat):
            if (index, rep) not in done:
                yield _Case(suite, target, index, rep, row, variables)


def summarise(summary: RunSummary, passes: list[bool], scores: list[float], clusters: list[int]) -> None:
    measured = len(passes)
    ok = sum(passes)
    metrics: dict[str, float] = {"cases": float(summary.total), "measured": float(measured),
                                 "unmeasured": float(summary.unmeasured), "errors": float(summary.errors)}
    if measured:
        interval = wilson_interval(ok, measured)
        metrics.update(pass_rate=ok / measured, pass_rate_low=interval.low, pass_rate_high=interval.high)
    if scores:
        mean = bootstrap_mean_interval(scores, clusters=clusters if len(set(clusters)) > 1 else None)
        metrics.update(mean_score=sum(scores) / len(scores), mean_score_low=mean.low, mean_score_high=mean.high)
    summary.metrics = {k: v for k, v in metrics.items() if not math.isnan(v)}


async def run_suite(suite: Suite, suite_path: Path, client: QuarterdeckClient, options: RunOptions,
                    on_start: Callable[[int], None] | None = None,
                    on_case: Callable[[CaseResult], None] | None = None) -> RunSummary:
    target = await resolve_target(suite.target, client)
    dataset = await load_dataset(suite, suite_path, client)
    repeat = options.repeat or suite.repeat
    total = len(dataset.rows) * repeat
    done: set[tuple[int, int]] = set()
    if options.resume_run_id is not None:
        run = await client.admin("GET", f"/eval-runs/{options.resume_run_id}")
        if run["suite_hash"] != suite_digest(suite) or run["dataset_hash"] != dataset.digest:
            raise SuiteError(f"run {run['id']} was made from a different suite or dataset; start a new run")
        if run["status"] == "interrupted":
            await client.admin("POST", f"/eval-runs/{run['id']}/resume")
        run_id = str(run["id"])
        done = await _stored(client, run_id)
    else:
        run = await client.admin("POST", "/eval-runs", {
            "suite": suite.name, "target": target, "status": "running", "suite_hash": suite_digest(suite),
            "dataset_hash": dataset.digest, "details": {"dataset": dataset.source, "repeat": repeat}})
        run_id = str(run["id"])
    summary = RunSummary(run_id=run_id, target=target, total=total, skipped=len(done))
    runner = _Runner(suite, client, target, options, on_case or (lambda _: None))
    if on_start is not None:
        on_start(total - len(done))
    queue: asyncio.Queue[_Case | None] = asyncio.Queue(maxsize=4 * (options.concurrency or suite.concurrency))
    batch: list[dict[str, Any]] = []
    lock = asyncio.Lock()

    async def flush() -> None:
        async with lock:
            if batch:
                pending = batch[:]
                batch.clear()
                await client.admin("POST", f"/eval-runs/{run_id}/cases", {"cases": pending})

    async def worker() -> None:
        while (case := await queue.get()) is not None:
            result = await runner.run_case(case)
            batch.append(result.to_json())
            runner.on_case(result)
            if len(batch) >= FLUSH_EVERY:
                await flush()

    async def feed() -> None:
        for case in _cases(suite, target, dataset.rows, repeat, done):
            await queue.put(case)
        for _ in range(workers):
            await queue.put(None)

    workers = options.concurrency or suite.concurrency
    try:
        await asyncio.gather(feed(), *(worker() for _ in range(workers)))
        await flush()
    except BaseException:
        summary.interrupted = True
        await asyncio.shield(_interrupt(client, run_id, flush))
        raise
    await _finish(client, summary, options.extra_metrics)
    if options.cache is not None:
        summary.cache_hits = options.cache.hits
    summary.rate_limited = client.rate_limited
    return summary


async def _interrupt(client: QuarterdeckClient, run_id: str, flush: Callable[[], Awaitable[None]]) -> None:
    await flush()
    await client.admin("POST", f"/eval-runs/{run_id}/finish", {"status": "interrupted", "metrics": {}})


async def _stored(client: QuarterdeckClient, run_id: str) -> set[tuple[int, int]]:
    done: set[tuple[int, int]] = set()
    async for case in iter_cases(client, run_id):
        done.add((int(case["case_index"]), int(case["repeat"])))
    return done


async def iter_cases(client: QuarterdeckClient, run_id: str, page: int = 1000) -> Any:
    offset = 0
    while True:
        data = (await client.admin("GET", f"/eval-runs/{run_id}/cases",
                                   params={"offset": offset, "limit": page}))["data"]
        for case in data:
            yield case
        if len(data) < page:
            return
        offset += page


async def _finish(client: QuarterdeckClient, summary: RunSummary,
                  extra: Callable[[str], Awaitable[dict[str, float]]] | None) -> None:
    passes: list[bool] = []
    scores: list[float] = []
    clusters: list[int] = []
    async for case in iter_cases(client, summary.run_id):
        if case["error"]:
            summary.errors += 1
        if case["passed"] is None:
            summary.unmeasured += 1
            continue
        passes.append(bool(case["passed"]))
        scores.append(float(case["score"] if case["score"] is not None else case["passed"]))
        clusters.append(int(case["case_index"]))
    summary.passed = sum(passes)
    summary.failed = len(passes) - summary.passed
    summarise(summary, passes, scores, clusters)
    if extra is not None:
        summary.metrics.update(await extra(summary.run_id))
    await client.admin("POST", f"/eval-runs/{summary.run_id}/finish",
                       {"status": "completed", "metrics": summary.metrics})
