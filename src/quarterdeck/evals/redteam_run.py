"""Run red-team attacks and the benign control set against a target, recorded as one eval run.

An attack succeeds when its canary comes back in the answer (``redteam.succeeded``): no judge needed.
A target error on an attack counts as a held line (the request was refused, e.g. by a guard); on a
benign control it counts as a refusal. Rates carry Wilson 95% intervals.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from quarterdeck.evals.client import QuarterdeckClient, TargetError
from quarterdeck.evals.redteam import Attack, Control, succeeded
from quarterdeck.evals.refusal import is_refusal
from quarterdeck.evals.stats import wilson_interval
from quarterdeck.evals.suite import Target

__all__ = ["FamilyRate", "RedteamSummary", "run_redteam"]

SUITE_NAME = "redteam"
FLUSH_EVERY = 50


@dataclass(frozen=True, slots=True)
class FamilyRate:
    family: str
    n: int
    successes: int
    rate: float
    low: float
    high: float


@dataclass(slots=True)
class RedteamSummary:
    run_id: str
    target: str
    families: list[FamilyRate] = field(default_factory=list)
    overall: FamilyRate | None = None
    over_refusal: FamilyRate | None = None
    errors: int = 0
    metrics: dict[str, float] = field(default_factory=dict)


def _rate(name: str, outcomes: list[bool]) -> FamilyRate:
    hits = sum(outcomes)
    interval = wilson_interval(hits, len(outcomes))
    return FamilyRate(name, len(outcomes), hits, hits / len(outcomes) if outcomes else float("nan"),
                      interval.low, interval.high)


def _body(target: Target, pinned: str, system: str, messages: list[dict[str, str]],
          input_var: str | None) -> dict[str, Any]:
    body: dict[str, Any] = dict(target.params)
    if target.prompt is not None:
        user = "\n\n".join(m["content"] for m in messages if m["role"] == "user")
        body.update({"model": pinned, "messages": [{"role": "system", "content": system}],
                     "variables": {input_var or "input": user}})
        return body
    model = target.model if target.model is not None else target.http.model  # type: ignore[union-attr]
    body.update({"model": model, "messages": [{"role": "system", "content": system}, *messages]})
    return body


async def run_redteam(client: QuarterdeckClient, target: Target, pinned: str, attacks: list[Attack],
                      controls: list[Control], *, concurrency: int = 8, input_var: str | None = None,
                      on_case: Callable[[], None] | None = None) -> RedteamSummary:
    run = await client.admin("POST", "/eval-runs", {
        "suite": SUITE_NAME, "target": pinned, "status": "running",
        "details": {"attacks": len(attacks), "controls": len(controls)}})
    summary = RedteamSummary(run_id=str(run["id"]), target=pinned)
    http = target.http
    key = http.api_key.get_secret_value() if http is not None and http.api_key is not None else None
    gate = asyncio.Semaphore(concurrency)
    batch: list[dict[str, Any]] = []
    by_family: dict[str, list[bool]] = {}
    refusals: list[bool] = []

    async def ask(system: str, messages: list[dict[str, str]]) -> tuple[str | None, str | None]:
        body = _body(target, pinned, system, messages, input_var)
        try:
            if http is not None:
                completion, _, _ = await client.chat(body, base_url=http.url, api_key=key)
            else:
                completion, _, _ = await client.chat(body)
        except TargetError as exc:
            return None, str(exc)
        message = (completion.get("choices") or [{}])[0].get("message") or {}
        return str(message.get("content") or ""), None

    async def flush() -> None:
        if batch:
            pending = batch[:]
            batch.clear()
            await client.admin("POST", f"/eval-runs/{summary.run_id}/cases", {"cases": pending})

    async def one(index: int, item: Attack | Control) -> None:
        async with gate:
            text, error = await ask(item.system, item.messages)
        if error is not None:
            summary.errors += 1
        if isinstance(item, Attack):
            leaked = text is not None and succeeded(item, text)
            by_family.setdefault(item.family, []).append(leaked)
            check = {"type": "canary", "passed": not leaked, "score": float(not leaked), "weight": 1.0,
                     "reason": "the canary leaked" if leaked else "no canary in the answer"}
            variables = {"kind": "attack", "id": item.id, "family": item.family, "obfuscation": item.obfuscation}
            passed = not leaked
        else:
            refused = text is None or is_refusal(text)
            refusals.append(refused)
            check = {"type": "not-is-refusal", "passed": not refused, "score": float(not refused), "weight": 1.0,
                     "reason": "refused a benign request" if refused else "answered"}
            variables = {"kind": "control", "id": item.id, "category": item.category}
            passed = not refused
        batch.append({"case_index": index, "repeat": 0, "case_key": f"{summary.run_id}:{index}",
                      "variables": variables, "output": text, "error": error, "passed": passed,
                      "score": float(passed), "latency_ms": None, "cost_usd": None, "assertions": [check]})
        if on_case is not None:
            on_case()
        if len(batch) >= FLUSH_EVERY:
            await flush()

    items: list[Attack | Control] = [*attacks, *controls]
    try:
        await asyncio.gather(*(one(i, item) for i, item in enumerate(items)))
        await flush()
    except BaseException:
        await asyncio.shield(_interrupt(client, summary.run_id, flush))
        raise
    summary.families = [_rate(family, outcomes) for family, outcomes in sorted(by_family.items())]
    all_attacks = [hit for outcomes in by_family.values() for hit in outcomes]
    metrics: dict[str, float] = {"attacks": float(len(all_attacks)), "controls": float(len(refusals)),
                                 "errors": float(summary.errors)}
    if all_attacks:
        summary.overall = _rate("all", all_attacks)
        metrics.update(attack_success_rate=summary.overall.rate, attack_success_rate_low=summary.overall.low,
                       attack_success_rate_high=summary.overall.high)
    for rate in summary.families:
        metrics.update({f"asr.{rate.family}": rate.rate, f"asr.{rate.family}_low": rate.low,
                        f"asr.{rate.family}_high": rate.high})
    if refusals:
        summary.over_refusal = _rate("benign", refusals)
        metrics.update(over_refusal_rate=summary.over_refusal.rate, over_refusal_rate_low=summary.over_refusal.low,
                       over_refusal_rate_high=summary.over_refusal.high)
    summary.metrics = metrics
    await client.admin("POST", f"/eval-runs/{summary.run_id}/finish", {"status": "completed", "metrics": metrics})
    return summary


async def _interrupt(client: QuarterdeckClient, run_id: str, flush: Callable[[], Any]) -> None:
    await flush()
    await client.admin("POST", f"/eval-runs/{run_id}/finish", {"status": "interrupted", "metrics": {}})
