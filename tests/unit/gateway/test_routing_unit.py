"""Router and circuit breaker logic with scripted in-process providers (the HTTP path is in integration)."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from collections.abc import AsyncIterator

import pytest

from quarterdeck.errors import (
    DeadlineExceededError,
    ProviderConnectionError,
    ProviderHTTPError,
    UpstreamError,
    UpstreamRejectedError,
)
from quarterdeck.gateway.circuit import CircuitBreaker
from quarterdeck.gateway.pricing import Price
from quarterdeck.gateway.routing import Deployment, Route, Router, Trace
from quarterdeck.providers.base import JSON


class Scripted:
    """A provider whose answers are scripted: each call pops the next outcome (default: success)."""

    type = "scripted"

    def __init__(self, name: str, outcomes: list[BaseException | float] | None = None) -> None:
        self.name = name
        self.outcomes = list(outcomes or [])
        self.calls = 0

    async def complete(self, model: str, request: JSON, *, timeout: float) -> JSON:
        self.calls += 1
        outcome = self.outcomes.pop(0) if self.outcomes else 0.0
        if isinstance(outcome, BaseException):
            raise outcome
        await asyncio.sleep(outcome)
        return {"served_by": self.name}

    async def stream(self, model: str, request: JSON, *, timeout: float) -> AsyncIterator[JSON]:
        yield {"served_by": self.name}

    async def embed(self, model: str, request: JSON, *, timeout: float) -> JSON:
        return {}

    async def aclose(self) -> None:
        return None


def dep(provider: Scripted, *, weight: float = 1.0, price: Price | None = None) -> Deployment:
    return Deployment(id=f"{provider.name}/m", provider=provider, model="m", weight=weight, price=price or Price())


def router(*routes: Route, threshold: int = 3, cooldown: float = 30.0, clock: list[float] | None = None) -> Router:
    now = clock if clock is not None else [0.0]
    breaker = CircuitBreaker(failure_threshold=threshold, cooldown_s=cooldown, clock=lambda: now[0])
    return Router({r.name: r for r in routes}, breaker, random.Random(7))


async def call(r: Router, name: str, trace: Trace | None = None) -> str:
    trace = trace if trace is not None else Trace()

    async def attempt(d: Deployment, timeout: float) -> JSON:
        return await d.provider.complete(d.model, {}, timeout=timeout)

    outcome = await r.run(r.route(name), attempt, trace)
    return str(outcome.value["served_by"])


async def test_ordered_tries_in_order_and_lists_every_failure() -> None:
    a, b = Scripted("a", [ProviderHTTPError(500, "boom")]), Scripted("b")
    r = router(Route("m", [dep(a), dep(b)], retries=1))
    trace = Trace()
    assert await call(r, "m", trace) == "b"
    assert (a.calls, b.calls) == (1, 1)
    assert [x.deployment for x in trace.attempts] == ["a/m"]
    assert trace.deployment is not None and trace.deployment.id == "b/m"


async def test_all_fail_gives_502_naming_every_attempt() -> None:
    a = Scripted("a", [ProviderHTTPError(503, "overloaded")] * 5)
    b = Scripted("b", [ProviderConnectionError("connection reset by upstream")] * 5)
    r = router(Route("m", [dep(a), dep(b)], retries=1))
    with pytest.raises(UpstreamError) as info:
        await call(r, "m")
    assert info.value.status == 502
    assert "a/m: HTTP 503: overloaded" in info.value.message
    assert "b/m: connection reset by upstream" in info.value.message


async def test_client_error_stops_without_failover() -> None:
    a, b = Scripted("a", [ProviderHTTPError(400, "context too long")]), Scripted("b")
    r = router(Route("m", [dep(a), dep(b)], retries=3))
    with pytest.raises(UpstreamRejectedError) as info:
        await call(r, "m")
    assert info.value.status == 400 and "context too long" in info.value.message
    assert b.calls == 0


async def test_fallback_model_after_retries_exhausted() -> None:
    a = Scripted("a", [ProviderHTTPError(500, "x")] * 3)
    f = Scripted("f")
    r = router(Route("m", [dep(a)], retries=2, fallbacks=["fb"]), Route("fb", [dep(f)]))
    trace = Trace()
    assert await call(r, "m", trace) == "f"
    assert a.calls == 3 and trace.fallback_hops == 1


async def test_deadline_gives_504() -> None:
    slow = Scripted("slow", [5.0, 5.0])
    r = router(Route("m", [dep(slow)], timeout_s=0.2, retries=1))
    with pytest.raises(DeadlineExceededError) as info:
        await call(r, "m")
    assert info.value.status == 504 and "timed out" in info.value.message


async def test_attempt_timeout_moves_to_next_deployment() -> None:
    slow, fast = Scripted("slow", [5.0]), Scripted("fast")
    r = router(Route("m", [dep(slow), dep(fast)], timeout_s=10, attempt_timeout_s=0.1, retries=1))
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert await call(r, "m") == "fast"
    assert loop.time() - started < 1.0


async def test_cost_strategy_prefers_cheapest() -> None:
    dear, cheap = Scripted("dear"), Scripted("cheap")
    r = router(Route("m", [dep(dear, price=Price(10, 30)), dep(cheap, price=Price(0.1, 0.4))], strategy="cost"))
    for _ in range(5):
        assert await call(r, "m") == "cheap"


async def test_latency_strategy_explores_then_prefers_fastest() -> None:
    slow, fast = Scripted("slow", [0.05] * 20), Scripted("fast", [0.0] * 20)
    r = router(Route("m", [dep(slow), dep(fast)], strategy="latency"))
    served = [await call(r, "m") for _ in range(6)]
    assert set(served[:2]) == {"slow", "fast"}  # both measured first
    assert served[2:] == ["fast"] * 4


async def test_weighted_strategy_follows_weights() -> None:
    a, b = Scripted("a"), Scripted("b")
    r = router(Route("m", [dep(a, weight=3), dep(b, weight=1)], strategy="weighted"))
    served = Counter([await call(r, "m") for _ in range(800)])
    assert 0.68 < served["a"] / 800 < 0.82


async def test_circuit_opens_skips_then_half_open_trial_closes() -> None:
    clock = [100.0]
    x = Scripted("x", [ProviderHTTPError(500, "down")] * 3)
    y = Scripted("y")
    r = router(Route("m", [dep(x), dep(y)], retries=1), threshold=2, cooldown=10.0, clock=clock)
    for _ in range(5):
        assert await call(r, "m") == "y"
    assert x.calls == 2  # opened after two failures, then skipped
    clock[0] += 11  # cooldown over: the next request is the trial; x is still down → opens again
    assert await call(r, "m") == "y"
    assert x.calls == 3
    assert await call(r, "m") == "y" and x.calls == 3
    clock[0] += 11  # x recovered (no scripted failures left): trial succeeds and closes the circuit
    assert await call(r, "m") == "x"
    assert await call(r, "m") == "x"


async def test_retry_after_makes_deployment_unavailable_for_that_long() -> None:
    clock = [0.0]
    a = Scripted("a", [ProviderHTTPError(429, "slow down", retry_after=30)])
    b = Scripted("b")
    r = router(Route("m", [dep(a), dep(b)]), clock=clock)
    assert await call(r, "m") == "b"
    assert await call(r, "m") == "b" and a.calls == 1
    clock[0] += 31
    assert await call(r, "m") == "a"


def test_breaker_429_is_not_a_failure() -> None:
    now = [0.0]
    breaker = CircuitBreaker(failure_threshold=1, cooldown_s=5, clock=lambda: now[0])
    breaker.record_retry_after("d", 2)
    assert not breaker.is_open("d")
    assert breaker.blocked_reason("d") is not None
    now[0] = 3
    assert breaker.acquire("d")
