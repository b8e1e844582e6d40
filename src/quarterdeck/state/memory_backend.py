"""The in-process backend: for one process. Each primitive runs without awaiting, so it is atomic."""

from __future__ import annotations

from collections.abc import Sequence

from quarterdeck.state.base import DEFAULT_COMMITTED_TTL_S, State
from quarterdeck.state.budgets import BudgetBook, BudgetSpec, ReserveCheck, Scope
from quarterdeck.state.cache import DEFAULT_CACHE_MAX_BYTES, DEFAULT_CACHE_MAX_ENTRIES, LruCache
from quarterdeck.state.circuit import CircuitTable
from quarterdeck.state.limits import LimitSpec, SlidingWindows, WindowCheck

__all__ = ["MemoryState"]


class MemoryState(State):
    """Counters in this process's memory: never unavailable, lost on restart."""

    def __init__(
        self,
        *,
        committed_ttl_s: float = DEFAULT_COMMITTED_TTL_S,
        cache_max_entries: int = DEFAULT_CACHE_MAX_ENTRIES,
        cache_max_bytes: int = DEFAULT_CACHE_MAX_BYTES,
    ) -> None:
        super().__init__(fail_open=False, committed_ttl_s=committed_ttl_s)
        self._windows = SlidingWindows()
        self._budgets = BudgetBook()
        self.cache = LruCache(max_entries=cache_max_entries, max_bytes=cache_max_bytes)
        self._circuits = CircuitTable()

    @property
    def backend_name(self) -> str:
        return "in-process state"

    async def ping(self) -> bool:
        return True

    async def aclose(self) -> None:
        """Nothing to release: the counters live as long as the object."""

    async def _acquire(self, specs: Sequence[LimitSpec], member: str, now_ms: int) -> list[WindowCheck]:
        return self._windows.acquire(specs, member, now_ms)

    async def _adjust(self, key: str, member: str, amount: int, window: int, now_ms: int) -> bool:
        return self._windows.adjust(key, member, amount, window, now_ms)

    async def _release(self, keys: Sequence[str], member: str) -> None:
        self._windows.release(keys, member)

    async def _settle(self, keys: Sequence[str], member: str, scopes: Sequence[Scope]) -> None:
        self._windows.settle(keys, member)
        self._budgets.forget(scopes, member)

    async def _reserve(
        self, specs: Sequence[BudgetSpec], request_id: str, ttl_ms: int, committed_ttl_ms: int, now_ms: int
    ) -> list[ReserveCheck]:
        return self._budgets.reserve(specs, request_id, ttl_ms, committed_ttl_ms, now_ms)

    async def _commit(
        self, scopes: Sequence[Scope], request_id: str, cost_micros: int, committed_ttl_ms: int, now_ms: int
    ) -> int:
        return self._budgets.commit(scopes, request_id, cost_micros, committed_ttl_ms, now_ms)

    async def _release_reservation(self, scopes: Sequence[Scope], request_id: str) -> None:
        self._budgets.release(scopes, request_id)

    async def _usage(self, scope: Scope, now_ms: int) -> tuple[int, int]:
        return self._budgets.usage(scope, now_ms)

    async def _set_spent(self, scope: Scope, micros: int) -> None:
        self._budgets.set_spent(scope, micros)

    async def _cache_get(self, key: str, now_ms: int) -> bytes | None:
        return self.cache.get(key, now_ms)

    async def _cache_set(self, key: str, value: bytes, ttl_ms: int, now_ms: int) -> None:
        self.cache.set(key, value, ttl_ms, now_ms)

    async def _circuit_open(self, deployment: str, until_ms: int, now_ms: int) -> None:
        self._circuits.open(deployment, until_ms, now_ms)

    async def _circuit_close(self, deployment: str) -> None:
        self._circuits.close(deployment)

    async def _circuit_snapshot(self, now_ms: int) -> dict[str, int]:
        return self._circuits.snapshot(now_ms)
