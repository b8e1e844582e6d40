"""Shared circuit state: deployment → the epoch time its circuit stays open until.

Opening is monotonic: ``open(d, until)`` keeps the later of the current and the new time, so two
replicas opening the same circuit never shorten each other's cooldown (``close`` then ``open`` to
shorten it). Times in the past are not recorded; snapshots hold only future times. Times are whole
milliseconds on both backends.
"""

from __future__ import annotations

__all__ = ["CircuitTable"]


class CircuitTable:
    """The in-process table (the Redis backend keeps one HASH that expires with its latest time)."""

    def __init__(self) -> None:
        self._open_until: dict[str, int] = {}

    def open(self, deployment: str, until_ms: int, now_ms: int) -> None:
        self._drop_expired(now_ms)
        if until_ms > now_ms and until_ms > self._open_until.get(deployment, 0):
            self._open_until[deployment] = until_ms

    def close(self, deployment: str) -> None:
        self._open_until.pop(deployment, None)

    def snapshot(self, now_ms: int) -> dict[str, int]:
        return {deployment: until for deployment, until in self._open_until.items() if until > now_ms}

    def _drop_expired(self, now_ms: int) -> None:
        for deployment in [d for d, until in self._open_until.items() if until <= now_ms]:
            del self._open_until[deployment]
