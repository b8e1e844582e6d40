"""Evaluating one case: the request, the target's output, the assertions, the verdict.

This is the one code path for a case, whichever executor runs it (asyncio workers in this process, or
Ray tasks elsewhere): :func:`evaluate_case` takes the run's :class:`CasePlan` (the suite and the pinned
target), one :class:`CaseSpec` and a client to the gateway, and returns the :class:`CaseResult` that is
stored. Plans, specs and results are plain picklable data so they can travel to and from Ray workers.
The cache is not consulted here: the runner looks cases up before dispatching them and stores fresh
results as they come back, so it works the same for every executor.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import orjson

from quarterdeck.evals.assertions import AssertionResult, Output, check
from quarterdeck.evals.client import QuarterdeckClient, TargetError
from quarterdeck.evals.suite import Suite, SuiteError

__all__ = ["CasePlan", "CaseResult", "CaseSpec", "evaluate_case", "make_case", "render_text"]

_PLACEHOLDER = "{{"


@dataclass(frozen=True, slots=True)
class CasePlan:
    """What every case of a run shares: the suite and the exact target (a prompt pinned to its version)."""

    suite: Suite
    target: str


@dataclass(frozen=True, slots=True)
class CaseSpec:
    """One (row, repeat) to evaluate."""

    index: int
    repeat: int
    key: str  # the cache key
    variables: dict[str, Any]
    context: dict[str, Any]  # what assertions may refer to: the row's columns and the variables


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


def render_text(template: str, values: dict[str, Any]) -> str:
    out = template
    for name, value in values.items():
        text = value if isinstance(value, str) else orjson.dumps(value).decode()
        out = out.replace("{{" + name + "}}", text).replace("{{ " + name + " }}", text)
    if _PLACEHOLDER in out:
        start = out.index(_PLACEHOLDER)
        raise SuiteError(f"no value for the variable in {out[start:start + 40]!r}")
    return out


def make_case(suite: Suite, target: str, index: int, repeat: int, row: dict[str, Any],
              variables: dict[str, Any]) -> CaseSpec:
    """The case with its cache key: sha256 of target + variables + assertion config + templates + repeat."""
    context = {**row, **variables}
    basis = {"target": target, "variables": context,
             "assertions": [a.model_dump(mode="json") for a in suite.assertions],
             "system": suite.target.system, "user": suite.target.user, "params": suite.target.params,
             "repeat": repeat}
    key = hashlib.sha256(orjson.dumps(basis, option=orjson.OPT_SORT_KEYS)).hexdigest()
    return CaseSpec(index=index, repeat=repeat, key=key, variables=variables, context=context)


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


class _Services:
    """The judge and the embeddings a suite's assertions may call, through the gateway."""

    def __init__(self, suite: Suite, client: QuarterdeckClient) -> None:
        self.suite, self.client = suite, client
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


async def evaluate_case(plan: CasePlan, case: CaseSpec, client: QuarterdeckClient) -> CaseResult:
    """Send the case's request, check the assertions on the output, and say whether the case passed.

    A target error fails the case (no assertion is run); an assertion that cannot be measured is
    recorded as unmeasured; a case where nothing could be measured has ``passed`` None.
    """
    suite = plan.suite
    http = suite.target.http
    error: str | None = None
    output: Output | None = None
    try:
        body = _request(suite, plan.target, case.variables, case.repeat)
        if http is not None:
            key = http.api_key.get_secret_value() if http.api_key else None
            completion, latency, cost = await client.chat(body, base_url=http.url, api_key=key)
        else:
            completion, latency, cost = await client.chat(body)
        output = _output(completion, latency, cost)
    except (TargetError, SuiteError) as exc:
        error = str(exc)
    results: list[AssertionResult] = []
    if output is not None:
        services = _Services(suite, client)
        for spec in suite.assertions:
            try:
                results.append(await check(spec, output, case.context, embed=services.embed, judge=services.judge))
            except (ValueError, TargetError) as exc:
                results.append(AssertionResult(type=spec.type, passed=None, score=None,
                                               reason=f"unmeasured: {exc}", weight=spec.weight))
        passed, score = _verdict(results)
    else:
        passed, score = False, 0.0  # the target failed to answer: the case fails
    return CaseResult(
        case_index=case.index, repeat=case.repeat, case_key=case.key, variables=case.variables,
        output=output.text if output else None, error=error, passed=passed, score=score,
        latency_ms=output.latency_ms if output else None, cost_usd=output.cost_usd if output else None,
        assertions=[{"type": r.type, "passed": r.passed, "score": r.score, "reason": r.reason,
                     "weight": r.weight} for r in results])
