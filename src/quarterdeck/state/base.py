"""``State``: the one interface both backends implement, and the policy they share.

The public methods validate their arguments, turn seconds and dollars into whole milliseconds and
micro-dollars, call the backend's primitive (one atomic step: a single Lua script on Redis, a
synchronous block on the event loop in process) and build the typed decision. When a backend
primitive raises ``BackendUnavailable``:

* limits and budgets fail closed (``ServiceUnavailableError``, 503) unless ``fail_open``, in which case
  the request is admitted unchecked (``degraded=True``);
* the cache and the circuit table always fail open (a miss, no shared circuit state);

and in every case an ERROR is logged on ``quarterdeck.state``, at most once per ``log_every_s``.
"""

from __future__ import annotations

import abc
import logging
import math
import time
from collections.abc import Awaitable, Callable, Sequence
from types import TracebackType
from typing import Self, TypeVar

from quarterdeck.errors import ServiceUnavailableError
from quarterdeck.state.budgets import (
    BudgetDecision,
    BudgetSpec,
    BudgetUsage,
    ReserveCheck,
    Scope,
    budget_decision,
    check_scope,
    from_micros,
    to_micros,
)
from quarterdeck.state.limits import LimitDecision, LimitSpec, WindowCheck, check_specs, limit_decision, window_ms

__all__ = ["BackendUnavailable", "State"]

logger = logging.getLogger("quarterdeck.state")

T = TypeVar("T")

DEFAULT_COMMITTED_TTL_S = 86_400.0
DEFAULT_LOG_EVERY_S = 10.0


class BackendUnavailable(Exception):
    """Raised by a backend primitive when the shared store cannot be reached in time."""


def epoch_ms(now: float | None) -> int:
    """``now`` (epoch seconds; default the wall clock) in whole milliseconds."""
    value = time.time() if now is None else now
    if not math.isfinite(value):
        raise ValueError(f"now must be a finite number, got {value!r}")
    return round(value * 1000)


def _duration_ms(seconds: float, what: str) -> int:
    if not math.isfinite(seconds):
        raise ValueError(f"{what} must be a finite number, got {seconds!r}")
    return round(seconds * 1000)


class _FailureLog:
    """Logs backend failures at ERROR, at most once per interval, counting the ones it held back."""

    def __init__(self, every_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._every_s = every_s
        self._clock = clock
        self._last: float | None = None
        self._held_back = 0

    def report(self, backend: str, operation: str, consequence: str, exc: BaseException) -> None:
        cause = exc.__cause__ or exc
        now = self._clock()
        if self._last is not None and now - self._last < self._every_s:
            self._held_back += 1
            return
        held_back, self._held_back, self._last = self._held_back, 0, now
        more = f" ({held_back} more failure(s) since the last report)" if held_back else ""
        logger.error(
            "shared state unavailable: %s failed during %s (%s: %s); %s%s",
            backend,
            operation,
            type(cause).__name__,
            cause,
            consequence,
            more,
        )


class State(abc.ABC):
    """Shared counters: rate limits, budgets, the response cache and circuit state.

    Every operation is atomic and takes ``now`` (epoch seconds) for tests; it defaults to
    ``time.time()``.
    """

    def __init__(
        self,
        *,
        fail_open: bool = False,
        committed_ttl_s: float = DEFAULT_COMMITTED_TTL_S,
        log_every_s: float = DEFAULT_LOG_EVERY_S,
    ) -> None:
        self.fail_open = fail_open
        self._committed_ttl_ms = max(1, _duration_ms(committed_ttl_s, "committed_ttl_s"))
        self._failures = _FailureLog(log_every_s)

    # -- rate limits -----------------------------------------------------------------------------

    async def acquire(self, limits: Sequence[LimitSpec], *, member: str, now: float | None = None) -> LimitDecision:
        """Admit ``member`` under every limit at once, or under none (then ``hit`` says which)."""
        _check_id(member, "member")
        check_specs(limits)
        if not limits:
            return LimitDecision(admitted=True)
        now_ms = epoch_ms(now)
        checks = await self._limit_guard("acquire", self._acquire(limits, member, now_ms), None)
        if checks is None:
            return LimitDecision(admitted=True, degraded=True)
        return limit_decision(limits, checks)

    async def adjust(self, key: str, member: str, amount: int, window_s: float, *, now: float | None = None) -> bool:
        """Set the amount of ``member``'s live entry under ``key``; False (a no-op) if it has expired."""
        _check_id(member, "member")
        if not key or amount < 0:
            raise ValueError("adjust needs a key and an amount >= 0")
        window = window_ms(window_s)
        return await self._limit_guard("adjust", self._adjust(key, member, amount, window, epoch_ms(now)), False)

    async def release(self, keys: Sequence[str], member: str) -> None:
        """Remove ``member``'s entry from every key (idempotent)."""
        _check_id(member, "member")
        if keys:
            await self._limit_guard("release", self._release(keys, member), None)

    async def settle(self, keys: Sequence[str], member: str, *, scopes: Sequence[Scope] = ()) -> None:
        """``member``'s request is finished: it will not acquire, adjust, release, reserve or commit again.

        Call it once the last ``adjust`` and the ``commit`` (or ``release_reservation``) are done. No
        decision changes: the entries count, and the cost stays spent, exactly as before. What changes
        is only what the backend keeps to recognise the id: in process its window entries become
        anonymous (timestamp, amount) pairs and the ids committed under ``scopes`` are forgotten — so
        re-using the id afterwards would count it again (a re-acquire adds a second entry, adjust and
        release find nothing, a second commit counts). Redis keeps everything (a no-op): its commits
        must stay idempotent for the retried scripts.
        """
        _check_id(member, "member")
        _check_scopes(scopes)
        if keys or scopes:
            await self._limit_guard("settle", self._settle(keys, member, scopes), None)

    # -- budgets ---------------------------------------------------------------------------------

    async def reserve(
        self,
        reservations: Sequence[BudgetSpec],
        *,
        request_id: str,
        ttl_s: float = 600.0,
        now: float | None = None,
    ) -> BudgetDecision:
        """Reserve in every scope at once, or in none (then ``hit`` says which budget refused).

        Idempotent per request id: reserving again replaces that request's reservation (and renews
        its expiry); a scope where the id was already committed is skipped.
        """
        _check_id(request_id, "request_id")
        scopes = [(spec.scope, spec.period) for spec in reservations]
        if len(set(scopes)) != len(scopes):
            raise ValueError(f"duplicate budget scopes in one reservation: {scopes}")
        ttl_ms = _duration_ms(ttl_s, "ttl_s")
        if ttl_ms <= 0:
            raise ValueError("ttl_s must be > 0")
        if not reservations:
            return BudgetDecision(admitted=True)
        now_ms = epoch_ms(now)
        checks = await self._limit_guard(
            "reserve", self._reserve(reservations, request_id, ttl_ms, self._committed_ttl_ms, now_ms), None
        )
        if checks is None:
            return BudgetDecision(admitted=True, degraded=True)
        return budget_decision(reservations, checks)

    async def commit(
        self, scopes: Sequence[Scope], *, request_id: str, cost_usd: float, now: float | None = None
    ) -> bool:
        """Add the real cost to ``spent`` and drop the reservation, once per request id and scope.

        True when at least one scope counted it (False: already committed everywhere, or degraded).
        """
        _check_id(request_id, "request_id")
        _check_scopes(scopes)
        cost = to_micros(cost_usd, "cost_usd")
        if not scopes:
            return False
        now_ms = epoch_ms(now)
        done = await self._limit_guard(
            "commit", self._commit(scopes, request_id, cost, self._committed_ttl_ms, now_ms), 0
        )
        return done > 0

    async def release_reservation(self, scopes: Sequence[Scope], *, request_id: str) -> None:
        """Drop the request's reservations (idempotent; a committed cost stays)."""
        _check_id(request_id, "request_id")
        _check_scopes(scopes)
        if scopes:
            await self._limit_guard("release_reservation", self._release_reservation(scopes, request_id), None)

    async def usage(self, scope: str, period: str, *, now: float | None = None) -> BudgetUsage:
        check_scope(scope, period)
        found = await self._limit_guard("usage", self._usage((scope, period), epoch_ms(now)), None)
        if found is None:
            return BudgetUsage(spent_usd=0.0, reserved_usd=0.0, degraded=True)
        return BudgetUsage(spent_usd=from_micros(found[0]), reserved_usd=from_micros(found[1]))

    async def set_spent(self, scope: str, period: str, value_usd: float) -> None:
        """Overwrite ``spent`` (rebuilding the counters from the durable request log at start)."""
        check_scope(scope, period)
        await self._limit_guard("set_spent", self._set_spent((scope, period), to_micros(value_usd, "value_usd")), None)

    # -- response cache --------------------------------------------------------------------------

    async def cache_get(self, key: str, *, now: float | None = None) -> bytes | None:
        _check_id(key, "cache key")
        return await self._open_guard("cache_get", self._cache_get(key, epoch_ms(now)), None)

    async def cache_set(self, key: str, value: bytes, ttl_s: float, *, now: float | None = None) -> None:
        """Store ``value`` for ``ttl_s`` seconds (a ttl <= 0 removes the key)."""
        _check_id(key, "cache key")
        ttl_ms = _duration_ms(ttl_s, "ttl_s")
        await self._open_guard("cache_set", self._cache_set(key, bytes(value), ttl_ms, epoch_ms(now)), None)

    # -- circuit state ---------------------------------------------------------------------------

    async def circuit_open(self, deployment: str, until_epoch: float, *, now: float | None = None) -> None:
        """Mark ``deployment`` open until ``until_epoch`` (keeps a later time already recorded)."""
        _check_id(deployment, "deployment")
        until_ms = _duration_ms(until_epoch, "until_epoch")
        await self._open_guard("circuit_open", self._circuit_open(deployment, until_ms, epoch_ms(now)), None)

    async def circuit_close(self, deployment: str) -> None:
        _check_id(deployment, "deployment")
        await self._open_guard("circuit_close", self._circuit_close(deployment), None)

    async def circuit_snapshot(self, *, now: float | None = None) -> dict[str, float]:
        """Deployment → open-until epoch seconds, for the circuits open after ``now`` only."""
        found = await self._open_guard("circuit_snapshot", self._circuit_snapshot(epoch_ms(now)), {})
        return {deployment: until / 1000 for deployment, until in found.items()}

    # -- lifecycle -------------------------------------------------------------------------------

    @abc.abstractmethod
    async def ping(self) -> bool:
        """True when the backend answers (never raises)."""

    @abc.abstractmethod
    async def aclose(self) -> None:
        """Release connections; the state must not be used afterwards."""

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    # -- failure policy --------------------------------------------------------------------------

    @property
    @abc.abstractmethod
    def backend_name(self) -> str:
        """How log lines name the backend (no credentials)."""

    async def _limit_guard(self, operation: str, call: Awaitable[T], degraded: T) -> T:
        """Limits and budgets: fail closed (503) unless ``fail_open``."""
        try:
            return await call
        except BackendUnavailable as exc:
            if self.fail_open:
                self._failures.report(self.backend_name, operation, "admitting UNCHECKED (fail_open)", exc)
                return degraded
            self._failures.report(self.backend_name, operation, "refusing requests with 503 (fail-closed)", exc)
            # The client sees no internal detail (the log has it, and the cause chain keeps it).
            raise ServiceUnavailableError(
                "rate limits and budgets cannot be checked right now (shared state unavailable); retry shortly"
            ) from exc

    async def _open_guard(self, operation: str, call: Awaitable[T], fallback: T) -> T:
        """Cache and circuit state: always fail open."""
        try:
            return await call
        except BackendUnavailable as exc:
            self._failures.report(self.backend_name, operation, "carrying on without it", exc)
            return fallback

    # -- backend primitives (one atomic step each; integers only) ------------------------------

    @abc.abstractmethod
    async def _acquire(self, specs: Sequence[LimitSpec], member: str, now_ms: int) -> list[WindowCheck]: ...

    @abc.abstractmethod
    async def _adjust(self, key: str, member: str, amount: int, window: int, now_ms: int) -> bool: ...

    @abc.abstractmethod
    async def _release(self, keys: Sequence[str], member: str) -> None: ...

    @abc.abstractmethod
    async def _settle(self, keys: Sequence[str], member: str, scopes: Sequence[Scope]) -> None:
        """Stop keeping what identifies ``member`` (see :meth:`settle`); decisions must not change."""

    @abc.abstractmethod
    async def _reserve(
        self, specs: Sequence[BudgetSpec], request_id: str, ttl_ms: int, committed_ttl_ms: int, now_ms: int
    ) -> list[ReserveCheck]: ...

    @abc.abstractmethod
    async def _commit(
        self, scopes: Sequence[Scope], request_id: str, cost_micros: int, committed_ttl_ms: int, now_ms: int
    ) -> int: ...

    @abc.abstractmethod
    async def _release_reservation(self, scopes: Sequence[Scope], request_id: str) -> None: ...

    @abc.abstractmethod
    async def _usage(self, scope: Scope, now_ms: int) -> tuple[int, int]: ...

    @abc.abstractmethod
    async def _set_spent(self, scope: Scope, micros: int) -> None: ...

    @abc.abstractmethod
    async def _cache_get(self, key: str, now_ms: int) -> bytes | None: ...

    @abc.abstractmethod
    async def _cache_set(self, key: str, value: bytes, ttl_ms: int, now_ms: int) -> None: ...

    @abc.abstractmethod
    async def _circuit_open(self, deployment: str, until_ms: int, now_ms: int) -> None: ...

    @abc.abstractmethod
    async def _circuit_close(self, deployment: str) -> None: ...

    @abc.abstractmethod
    async def _circuit_snapshot(self, now_ms: int) -> dict[str, int]: ...


def _check_id(value: str, what: str) -> None:
    if not value:
        raise ValueError(f"{what} must not be empty")


def _check_scopes(scopes: Sequence[Scope]) -> None:
    for scope, period in scopes:
        check_scope(scope, period)
    if len(set(scopes)) != len(scopes):
        raise ValueError(f"duplicate budget scopes: {list(scopes)}")
