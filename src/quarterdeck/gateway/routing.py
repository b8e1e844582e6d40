"""Routing: which deployment serves a request, and what happens when one fails.

A public model name maps to a ``Route``: its deployments, a strategy that orders them, retries, a
per-attempt timeout, a total deadline and fallback models. ``Router.run`` walks the route and then
its fallbacks, one attempt at a time, and either returns the first success or raises an
``UpstreamError`` (502) / ``DeadlineExceededError`` (504) listing every attempt.

Strategies order the deployments for each request:
- ``ordered``: as written in the config;
- ``weighted``: random order, each draw proportional to ``weight``;
- ``latency``: lowest EWMA of observed attempt latency first (deployments never measured first);
- ``cost``: lowest blended price first.
Deployments that are cooling down (open circuit or Retry-After) are skipped. A retry prefers a
deployment not yet tried for this request; only a retry of the same deployment waits a jittered
exponential backoff.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from quarterdeck.errors import (
    AttemptFailure,
    DeadlineExceededError,
    ModelNotFoundError,
    ProviderError,
    ProviderHTTPError,
    ProviderTimeoutError,
    UpstreamError,
    UpstreamRejectedError,
)
from quarterdeck.gateway.circuit import CircuitBreaker
from quarterdeck.gateway.pricing import Price
from quarterdeck.providers.base import Provider

T = TypeVar("T")

EWMA_ALPHA = 0.3
BACKOFF_BASE_S = 0.2
BACKOFF_CAP_S = 5.0
CLIENT_ERROR_STATUSES = frozenset({400, 404, 413, 422})


@dataclass(slots=True, eq=False)
class Deployment:
    id: str  # "provider/model", unique within the config
    provider: Provider
    model: str
    weight: float
    price: Price
    ewma_s: float | None = None

    def observe_latency(self, seconds: float) -> None:
        if self.ewma_s is None:
            self.ewma_s = seconds
        else:
            self.ewma_s = EWMA_ALPHA * seconds + (1 - EWMA_ALPHA) * self.ewma_s


@dataclass(slots=True)
class Route:
    name: str
    deployments: list[Deployment]
    strategy: str = "ordered"
    fallbacks: list[str] = field(default_factory=list)
    timeout_s: float = 600.0
    attempt_timeout_s: float | None = None
    retries: int = 1
    rpm: int | None = None
    tpm: int | None = None
    cache_ttl_s: float = 0.0


@dataclass(slots=True)
class Trace:
    """What routing did for one request: the request log and metrics read it."""

    attempts: list[AttemptFailure] = field(default_factory=list)
    deployment: Deployment | None = None
    fallback_hops: int = 0
    upstream_s: float = 0.0  # time spent waiting on upstreams, backoff waits included

    @property
    def deployment_id(self) -> str | None:
        if self.deployment is not None:
            return self.deployment.id
        return self.attempts[-1].deployment if self.attempts else None


@dataclass(slots=True)
class Outcome(Generic[T]):
    deployment: Deployment
    value: T


class Router:
    def __init__(self, routes: dict[str, Route], breaker: CircuitBreaker, rng: random.Random | None = None):
        self.routes = routes
        self.breaker = breaker
        self._rng = rng or random.Random()

    def route(self, name: str) -> Route:
        route = self.routes.get(name)
        if route is None:
            raise ModelNotFoundError(f"The model '{name}' does not exist.", param="model")
        return route

    def order(self, route: Route) -> list[Deployment]:
        deps = route.deployments
        if route.strategy == "weighted":
            return self._weighted_order(deps)
        if route.strategy == "latency":
            # never-measured first (explore), then fastest; stable for ties
            return sorted(deps, key=lambda d: (d.ewma_s is not None, d.ewma_s or 0.0))
        if route.strategy == "cost":
            return sorted(deps, key=lambda d: d.price.blended)
        return list(deps)

    def _weighted_order(self, deps: list[Deployment]) -> list[Deployment]:
        pool = [d for d in deps if d.weight > 0]
        zero = [d for d in deps if d.weight <= 0]
        out: list[Deployment] = []
        while pool:
            total = sum(d.weight for d in pool)
            pick = self._rng.uniform(0, total)
            acc = 0.0
            for i, d in enumerate(pool):
                acc += d.weight
                if pick <= acc or i == len(pool) - 1:
                    out.append(pool.pop(i))
                    break
        return out + zero

    async def run(
        self,
        route: Route,
        attempt: Callable[[Deployment, float], Awaitable[T]],
        trace: Trace,
    ) -> Outcome[T]:
        """Try the route, then its fallbacks, until one attempt succeeds or time runs out."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + route.timeout_s
        chain = [route] + [self.route(name) for name in route.fallbacks]
        for hop, current in enumerate(chain):
            trace.fallback_hops = hop
            is_last = hop == len(chain) - 1
            outcome = await self._run_one(current, attempt, trace, deadline, is_last)
            if outcome is not None:
                return outcome
        if loop.time() >= deadline:
            raise DeadlineExceededError(
                f"No deployment answered within the {route.timeout_s:g}s deadline", attempts=trace.attempts
            )
        raise UpstreamError(f"Every deployment failed for model '{route.name}'", attempts=trace.attempts)

    async def _run_one(
        self,
        route: Route,
        attempt: Callable[[Deployment, float], Awaitable[T]],
        trace: Trace,
        deadline: float,
        is_last: bool,
    ) -> Outcome[T] | None:
        loop = asyncio.get_running_loop()
        order = self.order(route)
        tried: dict[str, int] = {}  # deployment id -> attempts at it for this request
        failures_here = 0
        attempts_left = route.retries + 1
        while attempts_left > 0:
            remaining = deadline - loop.time()
            if remaining <= 0:
                return None
            dep = self._pick(order, tried)
            if dep is None:
                waited = await self._wait_for_any(order, deadline, is_last, trace)
                if not waited:
                    for d in order:
                        if d.id not in tried:
                            reason = self.breaker.blocked_reason(d.id) or "unavailable"
                            trace.attempts.append(AttemptFailure(d.id, f"skipped: {reason}"))
                    return None
                continue
            if dep.id in tried and failures_here:  # back to a deployment that already failed: back off
                pause = min(BACKOFF_BASE_S * 2 ** (failures_here - 1), BACKOFF_CAP_S)
                pause = min(pause * self._rng.uniform(0.5, 1.0), max(0.0, deadline - loop.time()))
                trace.upstream_s += pause
                await asyncio.sleep(pause)
                remaining = deadline - loop.time()
                if remaining <= 0:
                    return None
            attempts_left -= 1
            tried[dep.id] = tried.get(dep.id, 0) + 1
            timeout = min(route.attempt_timeout_s or remaining, remaining)
            started = loop.time()
            try:
                async with asyncio.timeout(timeout):  # in this task: wait_for would start a task per attempt
                    value = await attempt(dep, timeout)
            except (ProviderError, TimeoutError) as exc:
                trace.upstream_s += loop.time() - started
                failures_here += 1
                self._record_failure(dep, exc, timeout, trace)
                continue
            elapsed = loop.time() - started
            trace.upstream_s += elapsed
            self.breaker.record_success(dep.id)
            dep.observe_latency(elapsed)
            trace.deployment = dep
            return Outcome(dep, value)
        return None

    def _pick(self, order: list[Deployment], tried: dict[str, int]) -> Deployment | None:
        """The first available deployment, preferring those tried least for this request."""
        for dep in sorted(order, key=lambda d: tried.get(d.id, 0)):  # stable: strategy order breaks ties
            if self.breaker.acquire(dep.id):
                return dep
        return None

    async def _wait_for_any(self, order: list[Deployment], deadline: float, is_last: bool, trace: Trace) -> bool:
        """No deployment is available: wait for the first whose Retry-After ends, if that fits the deadline.

        Open circuits are not waited for (their cooldown is long; the client gets the error now), and
        with a fallback still to try, moving on beats waiting.
        """
        if not is_last:
            return False
        waits = [t for t in (self.breaker.retry_after_until(d.id) for d in order) if t is not None]
        if not waits:
            return False
        delay = min(waits) - self.breaker.now()
        loop = asyncio.get_running_loop()
        if delay <= 0:
            return True
        if loop.time() + delay >= deadline:
            return False
        trace.upstream_s += delay
        await asyncio.sleep(delay)
        return True

    def _record_failure(self, dep: Deployment, exc: BaseException, timeout: float, trace: Trace) -> None:
        if isinstance(exc, ProviderHTTPError):
            trace.attempts.append(AttemptFailure(dep.id, exc.message, exc.status))
            if exc.status in CLIENT_ERROR_STATUSES:
                raise UpstreamRejectedError(
                    f"The upstream rejected the request ({dep.id}): {exc.upstream_message}", status=exc.status
                ) from exc
            if exc.status == 429:
                self.breaker.record_retry_after(dep.id, exc.retry_after if exc.retry_after is not None else 1.0)
                return
            self.breaker.record_failure(dep.id)
            if exc.retry_after is not None:
                self.breaker.record_retry_after(dep.id, exc.retry_after)
            return
        if isinstance(exc, TimeoutError | ProviderTimeoutError):
            message = f"timed out after {timeout:.3g}s"
        else:
            message = str(exc) or type(exc).__name__
        trace.attempts.append(AttemptFailure(dep.id, message))
        self.breaker.record_failure(dep.id)
