"""Sliding-window-log rate limits: the specs, the decision, and the in-process windows.

An entry (a member, i.e. the request id, with its amount and its timestamp) counts in a limit's
window for ``window_s`` seconds: at time ``now`` it counts while ``ts > now - window``. Timestamps
and windows are whole milliseconds on both backends, so both decide identically.

A request is admitted only if, for every spec, ``usage + amount <= limit``, where ``usage`` is the
sum of the live entries of *other* members (re-acquiring with a member that is still in a window
replaces that entry: a retried request counts once). Then the entry is recorded under every spec's
key; otherwise nothing is recorded.
"""

from __future__ import annotations

import bisect
import math
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

__all__ = ["LimitDecision", "LimitHit", "LimitSpec", "SlidingWindows", "WindowCheck", "limit_decision"]

FITS = 0
"""``WindowCheck`` code: the amount fits in that window now."""
TOO_LARGE = -1
"""``WindowCheck`` code: the amount exceeds the limit itself and can never fit."""

WindowCheck = tuple[int, int]
"""One spec's outcome from a backend: ``(usage, code)``; code is FITS, TOO_LARGE or retry-after ms."""


@dataclass(frozen=True, slots=True)
class LimitSpec:
    """One limit to check: at most ``limit`` units per sliding ``window_s`` under ``key``."""

    key: str
    limit: int
    amount: int
    window_s: float = 60.0

    def __post_init__(self) -> None:
        if not self.key:
            raise ValueError("LimitSpec.key must not be empty")
        if self.limit < 0 or self.amount < 0:
            raise ValueError(f"LimitSpec {self.key!r}: limit and amount must be >= 0")
        if not (math.isfinite(self.window_s) and self.window_s > 0):
            raise ValueError(f"LimitSpec {self.key!r}: window_s must be a positive number")

    @property
    def window_ms(self) -> int:
        return window_ms(self.window_s)


@dataclass(frozen=True, slots=True)
class LimitHit:
    """The limit that refused a request.

    ``usage`` is the window's current sum (without this request). ``retry_after`` is the number of
    seconds until enough of the window's oldest entries expire for ``amount`` to fit, or ``None``
    when ``amount > limit`` (it can never fit).
    """

    key: str
    limit: int
    usage: int
    amount: int
    retry_after: float | None

    @property
    def too_large(self) -> bool:
        return self.retry_after is None


@dataclass(frozen=True, slots=True)
class LimitDecision:
    """``admitted``; else ``hit`` says why. ``degraded``: admitted unchecked (state unreachable)."""

    admitted: bool
    hit: LimitHit | None = None
    degraded: bool = False

    @property
    def retry_after(self) -> float | None:
        return None if self.hit is None else self.hit.retry_after

    @property
    def too_large(self) -> bool:
        return self.hit is not None and self.hit.too_large


def window_ms(window_s: float) -> int:
    return max(1, round(window_s * 1000))


def check_specs(specs: Sequence[LimitSpec]) -> None:
    keys = [spec.key for spec in specs]
    if len(set(keys)) != len(keys):
        raise ValueError(f"duplicate limit keys in one acquire: {keys}")


def limit_decision(specs: Sequence[LimitSpec], checks: Sequence[WindowCheck]) -> LimitDecision:
    """The decision from every spec's outcome: a too-large amount wins, else the longest wait."""
    if len(checks) != len(specs):
        raise RuntimeError(f"state backend answered {len(checks)} limit outcomes for {len(specs)} limits")
    refused = [(spec, usage, code) for spec, (usage, code) in zip(specs, checks, strict=True) if code != FITS]
    if not refused:
        return LimitDecision(admitted=True)
    too_large = [item for item in refused if item[2] == TOO_LARGE]
    spec, usage, code = too_large[0] if too_large else max(refused, key=lambda item: item[2])
    retry_after = None if code == TOO_LARGE else code / 1000
    return LimitDecision(
        admitted=False,
        hit=LimitHit(key=spec.key, limit=spec.limit, usage=usage, amount=spec.amount, retry_after=retry_after),
    )


@dataclass(slots=True)
class _Window:
    amounts: dict[str, int] = field(default_factory=dict)
    stamps: dict[str, int] = field(default_factory=dict)
    # The entries oldest first, as two parallel deques (ts_ms and member: 16 bytes an entry where a
    # deque of tuples takes 80). Removal is lazy: an entry whose member no longer has that stamp is
    # stale and skipped, so recording (an append) and expiring (a popleft) stay O(1).
    order_ts: deque[int] = field(default_factory=deque)
    order_members: deque[str] = field(default_factory=deque)
    total: int = 0
    idle_until: float = 0.0  # monotonic; like the Redis keys' PEXPIRE: dropped when untouched until then

    def remove(self, member: str) -> None:
        self.stamps.pop(member)
        self.total -= self.amounts.pop(member)

    def entries(self) -> Iterator[tuple[int, str]]:
        """The live entries, oldest first."""
        for stamp, member in zip(self.order_ts, self.order_members, strict=True):
            if self.stamps.get(member) == stamp:
                yield stamp, member

    def add(self, stamp: int, member: str) -> None:
        if not self.order_ts or stamp >= self.order_ts[-1]:
            self.order_ts.append(stamp)
            self.order_members.append(member)
        else:  # the clock went back (or a test moved it): rare, keep the order sorted
            ordered = list(zip(self.order_ts, self.order_members, strict=True))
            bisect.insort(ordered, (stamp, member))
            self.order_ts = deque(ts for ts, _ in ordered)
            self.order_members = deque(m for _, m in ordered)

    def pop_oldest(self) -> tuple[int, str]:
        return self.order_ts.popleft(), self.order_members.popleft()


_SWEEP_EVERY_S = 60.0


class SlidingWindows:
    """The in-process windows (the Redis backend keeps the same data in a ZSET + HASH per key).

    Entries leave a window on the injected clock (``now_ms``), like on Redis; a window nobody wrote
    to for a whole window is dropped on the real (monotonic) clock, as Redis expires the keys.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._windows: dict[str, _Window] = {}
        self._clock = clock
        self._next_sweep = clock() + _SWEEP_EVERY_S

    def acquire(self, specs: Sequence[LimitSpec], member: str, now_ms: int) -> list[WindowCheck]:
        self._sweep()
        checks = [self._check(spec, member, now_ms) for spec in specs]
        if all(code == FITS for _, code in checks):
            for spec in specs:
                self._record(spec, member, now_ms)
        return checks

    def adjust(self, key: str, member: str, amount: int, window: int, now_ms: int) -> bool:
        live = self._live(key, now_ms, window)
        if live is None or member not in live.amounts:
            return False
        live.total += amount - live.amounts[member]
        live.amounts[member] = amount
        return True

    def release(self, keys: Sequence[str], member: str) -> None:
        for key in keys:
            found = self._windows.get(key)
            if found is not None and member in found.amounts:
                found.remove(member)
                if not found.stamps:
                    del self._windows[key]

    def _live(self, key: str, now_ms: int, window: int) -> _Window | None:
        """The key's window with its expired entries dropped (None when nothing is left)."""
        found = self._windows.get(key)
        if found is None:
            return None
        order_ts, order_members, stamps = found.order_ts, found.order_members, found.stamps
        horizon = now_ms - window
        while order_ts and (order_ts[0] <= horizon or stamps.get(order_members[0]) != order_ts[0]):
            stamp, member = found.pop_oldest()
            if stamps.get(member) == stamp:
                found.remove(member)
        if not stamps:
            del self._windows[key]
            return None
        return found

    def _check(self, spec: LimitSpec, member: str, now_ms: int) -> WindowCheck:
        window = spec.window_ms
        live = self._live(spec.key, now_ms, window)
        usage = 0 if live is None else live.total - live.amounts.get(member, 0)
        if spec.amount > spec.limit:
            return usage, TOO_LARGE
        excess = usage + spec.amount - spec.limit
        if excess <= 0 or live is None:
            return usage, FITS
        freed = 0
        for stamp, other in live.entries():
            if other == member:
                continue
            freed += live.amounts[other]
            if freed >= excess:
                return usage, stamp + window - now_ms
        return usage, window  # unreachable: amount <= limit, so freeing every entry always makes room

    def _record(self, spec: LimitSpec, member: str, now_ms: int) -> None:
        target = self._windows.setdefault(spec.key, _Window())
        if member in target.amounts:
            target.remove(member)
        target.add(now_ms, member)
        target.stamps[member] = now_ms
        target.amounts[member] = spec.amount
        target.total += spec.amount
        target.idle_until = max(target.idle_until, self._clock() + spec.window_ms / 1000)

    def _sweep(self) -> None:
        """Drop windows nobody wrote to for a whole window, as Redis expires idle keys."""
        clock = self._clock()
        if clock < self._next_sweep:
            return
        self._next_sweep = clock + _SWEEP_EVERY_S
        for key in [key for key, found in self._windows.items() if found.idle_until <= clock]:
            del self._windows[key]
