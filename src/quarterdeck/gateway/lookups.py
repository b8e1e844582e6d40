"""Store lookups on the hot path, cached for a few seconds per key (keys, teams)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

MAX_ENTRIES = 10_000


class CachedLookup(Generic[T]):
    """``await get(key)`` runs ``load(key)`` in a thread at most once per ``ttl_s`` per key.

    Misses (None) are cached too, so an unknown key can't make every request reach the database.
    ``forget`` drops an entry at once (this replica's own changes); other replicas see changes within
    ``ttl_s``.
    """

    def __init__(self, load: Callable[[str], T | None], ttl_s: float) -> None:
        self._load = load
        self._ttl_s = ttl_s
        self._entries: dict[str, tuple[float, T | None]] = {}

    async def get(self, key: str) -> T | None:
        now = time.monotonic()
        hit = self._entries.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]
        value = await asyncio.to_thread(self._load, key)
        if len(self._entries) >= MAX_ENTRIES:
            self._entries.clear()
        self._entries[key] = (now + self._ttl_s, value)
        return value

    def forget(self, key: str | None = None) -> None:
        if key is None:
            self._entries.clear()
        else:
            self._entries.pop(key, None)
