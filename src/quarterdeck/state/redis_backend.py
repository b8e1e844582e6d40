"""The Redis backend: counters shared by every replica. Each operation is one Lua script or command.

Connections use short timeouts (0.5 s to connect, 0.5 s per reply), one immediate retry on a
connection error (every write here is idempotent: acquiring with the same member, reserving or
committing with the same request id, or adjusting/releasing twice leaves the same state), a bounded
pool and a hard deadline per operation, so a dead or slow Redis turns into ``BackendUnavailable``
(then 503 or degraded admission, see ``State``) in well under two seconds instead of a hang.

Single Redis (or a Sentinel-managed primary) only: the multi-key scripts need every key on one node.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence
from typing import Any, TypeVar, cast

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.commands.core import AsyncScript
from redis.exceptions import RedisError

from quarterdeck.state import lua
from quarterdeck.state.base import DEFAULT_COMMITTED_TTL_S, BackendUnavailable, State
from quarterdeck.state.budgets import BudgetSpec, ReserveCheck, Scope
from quarterdeck.state.cache import pack_entry, unpack_entry
from quarterdeck.state.limits import LimitSpec, WindowCheck

__all__ = ["RedisState"]

T = TypeVar("T")


class RedisState(State):
    """Counters in Redis under ``prefix`` (default ``qd:``)."""

    def __init__(
        self,
        url: str,
        *,
        fail_open: bool = False,
        prefix: str = "qd:",
        committed_ttl_s: float = DEFAULT_COMMITTED_TTL_S,
        connect_timeout_s: float = 0.5,
        socket_timeout_s: float = 0.5,
        max_connections: int = 64,
        pool_timeout_s: float = 1.0,
        deadline_s: float = 1.5,
    ) -> None:
        super().__init__(fail_open=fail_open, committed_ttl_s=committed_ttl_s)
        pool = BlockingConnectionPool.from_url(
            url,
            max_connections=max_connections,
            timeout=pool_timeout_s,
            socket_connect_timeout=connect_timeout_s,
            socket_timeout=socket_timeout_s,
            retry=Retry(NoBackoff(), 1),
        )
        self._redis = Redis.from_pool(pool)
        self._prefix = prefix
        self._deadline_s = deadline_s
        kwargs = pool.connection_kwargs
        where = kwargs.get("path") or f"{kwargs.get('host', 'localhost')}:{kwargs.get('port', 6379)}"
        self._name = f"Redis at {where}/{kwargs.get('db', 0)}"
        self._acquire_script = self._script(lua.ACQUIRE)
        self._adjust_script = self._script(lua.ADJUST)
        self._limit_release_script = self._script(lua.LIMIT_RELEASE)
        self._reserve_script = self._script(lua.BUDGET_RESERVE)
        self._commit_script = self._script(lua.BUDGET_COMMIT)
        self._budget_release_script = self._script(lua.BUDGET_RELEASE)
        self._usage_script = self._script(lua.BUDGET_USAGE)
        self._circuit_open_script = self._script(lua.CIRCUIT_OPEN)

    @property
    def backend_name(self) -> str:
        return self._name

    @property
    def prefix(self) -> str:
        return self._prefix

    async def ping(self) -> bool:
        try:
            await self._call(self._redis.ping())
        except BackendUnavailable:
            return False
        return True

    async def aclose(self) -> None:
        await self._redis.aclose()

    # -- keys ------------------------------------------------------------------------------------

    def _limit_keys(self, key: str) -> list[str]:
        base = f"{self._prefix}rl:{key}"
        return [f"{base}:z", f"{base}:a", f"{base}:t"]

    def _budget_keys(self, scope: Scope) -> list[str]:
        name, period = scope
        base = f"{self._prefix}bud:{len(name)}:{name}:{period}"  # the length keeps (scope, period) unambiguous
        return [f"{base}:spent", f"{base}:res", f"{base}:rexp", f"{base}:done", f"{base}:rsum"]

    def _reservation_keys(self, scope: Scope) -> list[str]:
        _, res, rexp, _, rsum = self._budget_keys(scope)
        return [res, rexp, rsum]

    def _cache_key(self, key: str) -> str:
        return f"{self._prefix}cache:{key}"

    @property
    def _circuit_key(self) -> str:
        return f"{self._prefix}circuit"

    # -- calls -----------------------------------------------------------------------------------

    def _script(self, source: str) -> AsyncScript:
        return self._redis.register_script(source)

    async def _call(self, call: Awaitable[T]) -> T:
        try:
            async with asyncio.timeout(self._deadline_s):
                return await call
        except (RedisError, OSError, TimeoutError) as exc:
            raise BackendUnavailable(str(exc) or type(exc).__name__) from exc

    async def _run(self, script: AsyncScript, keys: list[str], args: list[str | int]) -> Any:
        return await self._call(cast(Awaitable[Any], script(keys=keys, args=args)))

    # -- primitives ------------------------------------------------------------------------------

    async def _acquire(self, specs: Sequence[LimitSpec], member: str, now_ms: int) -> list[WindowCheck]:
        keys: list[str] = []
        args: list[str | int] = [now_ms, member]
        for spec in specs:
            keys.extend(self._limit_keys(spec.key))
            args.extend((spec.limit, spec.amount, spec.window_ms))
        flat = [int(value) for value in await self._run(self._acquire_script, keys, args)]
        return [(flat[i], flat[i + 1]) for i in range(0, len(flat), 2)]

    async def _adjust(self, key: str, member: str, amount: int, window: int, now_ms: int) -> bool:
        found = await self._run(self._adjust_script, self._limit_keys(key), [now_ms, member, amount, window])
        return int(found) == 1

    async def _release(self, keys: Sequence[str], member: str) -> None:
        await self._run(self._limit_release_script, [k for key in keys for k in self._limit_keys(key)], [member])

    async def _settle(self, keys: Sequence[str], member: str, scopes: Sequence[Scope]) -> None:
        """Nothing to do: the ZSET entries expire with their window, and the committed ids must stay
        for ``committed_ttl`` so that a commit retried after a lost reply is not counted twice."""

    async def _reserve(
        self, specs: Sequence[BudgetSpec], request_id: str, ttl_ms: int, committed_ttl_ms: int, now_ms: int
    ) -> list[ReserveCheck]:
        keys: list[str] = []
        args: list[str | int] = [now_ms, request_id, ttl_ms, committed_ttl_ms]
        for spec in specs:
            keys.extend(self._budget_keys((spec.scope, spec.period)))
            limit = spec.limit_micros
            args.extend((-1 if limit is None else limit, spec.amount_micros))
        flat = [int(value) for value in await self._run(self._reserve_script, keys, args)]
        return [(flat[i], flat[i + 1], flat[i + 2]) for i in range(0, len(flat), 3)]

    async def _commit(
        self, scopes: Sequence[Scope], request_id: str, cost_micros: int, committed_ttl_ms: int, now_ms: int
    ) -> int:
        keys = [k for scope in scopes for k in self._budget_keys(scope)]
        return int(await self._run(self._commit_script, keys, [now_ms, request_id, cost_micros, committed_ttl_ms]))

    async def _release_reservation(self, scopes: Sequence[Scope], request_id: str) -> None:
        keys = [k for scope in scopes for k in self._reservation_keys(scope)]
        await self._run(self._budget_release_script, keys, [request_id])

    async def _usage(self, scope: Scope, now_ms: int) -> tuple[int, int]:
        spent_key, res, rexp, _, rsum = self._budget_keys(scope)
        spent, reserved = await self._run(self._usage_script, [spent_key, res, rexp, rsum], [now_ms])
        return int(spent), int(reserved)

    async def _set_spent(self, scope: Scope, micros: int) -> None:
        await self._call(self._redis.set(self._budget_keys(scope)[0], micros))

    async def _cache_get(self, key: str, now_ms: int) -> bytes | None:
        stored = await self._call(self._redis.get(self._cache_key(key)))
        return None if stored is None else unpack_entry(_as_bytes(stored), now_ms)

    async def _cache_set(self, key: str, value: bytes, ttl_ms: int, now_ms: int) -> None:
        if ttl_ms <= 0:
            await self._call(self._redis.delete(self._cache_key(key)))
            return
        await self._call(self._redis.set(self._cache_key(key), pack_entry(value, now_ms + ttl_ms), px=ttl_ms))

    async def _circuit_open(self, deployment: str, until_ms: int, now_ms: int) -> None:
        await self._run(self._circuit_open_script, [self._circuit_key], [deployment, until_ms, now_ms])

    async def _circuit_close(self, deployment: str) -> None:
        await self._call(self._redis.hdel(self._circuit_key, deployment))

    async def _circuit_snapshot(self, now_ms: int) -> dict[str, int]:
        fields = await self._call(self._redis.hgetall(self._circuit_key))
        found = {_as_bytes(name).decode(): int(until) for name, until in fields.items()}
        return {deployment: until for deployment, until in found.items() if until > now_ms}


def _as_bytes(value: bytes | str) -> bytes:
    """Replies are bytes (the client does not decode them); the typing allows str too."""
    return value.encode() if isinstance(value, str) else value
