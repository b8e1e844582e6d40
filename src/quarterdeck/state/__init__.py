"""Shared counters: sliding-window rate limits, budgets with reservations, the response cache and
circuit state, behind one interface (``State``) with two backends of identical semantics.

``create_state(None)`` keeps them in this process; ``create_state("redis://...")`` shares them
between replicas through Redis (each operation one atomic Lua script). See ``base`` for the failure
policy (fail-closed 503 by default, ``fail_open=True`` admits unchecked with ``degraded=True``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quarterdeck.errors import ConfigError
from quarterdeck.state.base import DEFAULT_COMMITTED_TTL_S, State
from quarterdeck.state.budgets import BudgetDecision, BudgetHit, BudgetSpec, BudgetUsage
from quarterdeck.state.limits import LimitDecision, LimitHit, LimitSpec
from quarterdeck.state.memory_backend import MemoryState

if TYPE_CHECKING:
    from quarterdeck.state.redis_backend import RedisState

__all__ = [
    "BudgetDecision",
    "BudgetHit",
    "BudgetSpec",
    "BudgetUsage",
    "LimitDecision",
    "LimitHit",
    "LimitSpec",
    "MemoryState",
    "RedisState",
    "State",
    "create_state",
]

_REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


def create_state(
    redis_url: str | None,
    *,
    fail_open: bool = False,
    prefix: str = "qd:",
    committed_ttl_s: float = DEFAULT_COMMITTED_TTL_S,
) -> State:
    """In-process state when ``redis_url`` is None, else Redis state under ``prefix``.

    Nothing connects here: the first operation does (``await state.ping()`` to check early).
    """
    if redis_url is None:
        return MemoryState(committed_ttl_s=committed_ttl_s)
    if not redis_url.startswith(_REDIS_SCHEMES):
        raise ConfigError(f"redis: {redis_url!r} is not a redis://, rediss:// or unix:// URL")
    from quarterdeck.state.redis_backend import RedisState

    try:
        return RedisState(redis_url, fail_open=fail_open, prefix=prefix, committed_ttl_s=committed_ttl_s)
    except ValueError as exc:
        raise ConfigError(f"redis: invalid URL ({exc})") from exc


def __getattr__(name: str) -> Any:
    """``RedisState`` on first use: the redis client library (~7 MB) loads only when Redis is configured."""
    if name == "RedisState":
        from quarterdeck.state.redis_backend import RedisState

        return RedisState
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
