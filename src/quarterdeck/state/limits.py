"""Sliding-window-log rate limits: the specs, the decision, and the in-process windows.

An entry (a member, i.e. the request id, with its amount and its timestamp) counts in a limit's
window for ``window_s`` seconds: at time ``now`` it counts while ``ts > now - window``. Timestamps
and windows are whole milliseconds on both backends, so both decide identically.

A request is admitted only if, for every spec, ``usage + amount <= limit``, where ``usage`` is the
sum of the live entries of *other* members (re-acquiring with a member that is still in a window
replaces that entry: a retried request counts once). Then the entry is recorded under every spec's
key; otherwise nothing is recorded.

In process, a settled member's entries (``SlidingWindows.settle``: its request is finished) stay as
anonymous (timestamp, amount) pairs in packed arrays, so a window costs a few bytes per request.
"""

from __future__ import annotations

import bisect
import math
import time
from array import array
from collections.abc import Callable, Sequence
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


_CODES = "bhiq"
"""Array type codes, narrowest first: 1, 2, 4 and 8 bytes an item (signed)."""
_COMPACT_AT = 1024
"""A window's expired front is cut off once it is this long and a quarter of the arrays (O(1) amortised)."""
_REBASE_AT = 1 << 30
"""Stamps are ms since the window's epoch; the epoch moves when they would not fit 4 bytes (~12 days)."""
_SCAN_CHUNK = 256
"""Retry-after scans sum this many amounts at a time (in C) before looking at single entries."""


def _packed(values: list[int], code: str) -> array[int] | list[int]:
    """``values`` in the narrowest array of type ``code`` or wider that holds them (a list past 64 bits)."""
    for wider in _CODES[_CODES.index(code) :]:
        try:
            return array(wider, values)
        except OverflowError:
            continue
    return values


class _Ints:
    """A growable list of ints packed in an array (``items``), widened when a value does not fit."""

    __slots__ = ("items",)

    def __init__(self, code: str, values: list[int] | None = None) -> None:
        self.items: array[int] | list[int] = _packed(values or [], code)

    def insert(self, index: int, value: int) -> None:
        while True:
            try:
                self.items.insert(index, value)
                return
            except OverflowError:
                self._widen()

    def set(self, index: int, value: int) -> None:
        while True:
            try:
                self.items[index] = value
                return
            except OverflowError:
                self._widen()

    def _widen(self) -> None:
        """One size up: b, h, i, q, then a list (converted item by item, in C)."""
        items = self.items
        if isinstance(items, list):  # unreachable: a list holds any int
            raise OverflowError("a list cannot be widened")
        wider = _CODES.index(items.typecode) + 1
        self.items = array(_CODES[wider], items) if wider < len(_CODES) else list(items)


@dataclass(slots=True)
class _Window:
    """One key's entries, oldest first, as two packed arrays: the timestamps (ms since ``epoch``, 4
    bytes) and the amounts (1 to 4 bytes) — ~6 bytes an entry, where the member string with two dict
    and two deque slots per window took ~100 (measured: 4 windows, 23 vs 418 bytes a request).

    An entry is found by its sequence number (``base`` + its index; compaction keeps it). ``members``
    maps the members in flight to their entry; once settled, an entry is an anonymous (timestamp,
    amount) pair that only expiry removes. A replaced or released entry stays, with amount 0 (which
    changes no sum and no retry-after), until it expires.
    """

    epoch: int
    stamps: _Ints = field(default_factory=lambda: _Ints("i"))
    amounts: _Ints = field(default_factory=lambda: _Ints("b"))
    head: int = 0  # the index of the oldest entry still in the window
    base: int = 0
    members: dict[str, int] = field(default_factory=dict)  # in-flight member -> sequence number
    total: int = 0  # the sum of the amounts from ``head`` on
    idle_until: float = 0.0  # monotonic; like the Redis keys' PEXPIRE: dropped when untouched until then

    @property
    def empty(self) -> bool:
        return self.head == len(self.stamps.items)

    def index(self, member: str) -> int:
        """The index of the member's entry while it is in the window and in flight, else -1."""
        seq = self.members.get(member)
        if seq is None:
            return -1
        index = seq - self.base
        if index < self.head:  # expired
            del self.members[member]
            return -1
        return index

    def add(self, stamp: int, member: str, amount: int) -> None:
        old = self.index(member)
        if old >= 0:  # re-acquiring replaces the member's entry: a retried request counts once
            self.zero(old)
        offset = stamp - self.epoch
        stamps = self.stamps.items
        index = len(stamps)
        if index > self.head and offset < stamps[-1]:  # the clock went back (or a test moved it): rare
            index = bisect.bisect_right(stamps, offset, self.head)
            moved = self.base + index
            for other, seq in self.members.items():
                if seq >= moved:
                    self.members[other] = seq + 1
        self.stamps.insert(index, offset)
        self.amounts.insert(index, amount)
        self.members[member] = self.base + index
        self.total += amount

    def zero(self, index: int) -> None:
        self.total -= self.amounts.items[index]
        self.amounts.set(index, 0)

    def expire(self, horizon: int) -> None:
        """Drop the entries stamped at or before ``horizon`` (ms)."""
        cut = bisect.bisect_right(self.stamps.items, horizon - self.epoch, self.head)
        if cut == self.head:
            return
        self.total -= sum(self.amounts.items[self.head : cut])
        self.head = cut
        if cut >= _COMPACT_AT and 4 * cut >= len(self.stamps.items):
            self._compact()

    def _compact(self) -> None:
        """Cut off the expired front (O(1) amortised) and forget the members whose entry expired."""
        del self.stamps.items[: self.head]
        del self.amounts.items[: self.head]
        self.base += self.head
        self.head = 0
        self.members = {member: seq for member, seq in self.members.items() if seq >= self.base}
        stamps = self.stamps.items
        if stamps and abs(stamps[0]) >= _REBASE_AT:
            shift = stamps[0]
            self.epoch += shift
            self.stamps = _Ints("i", [offset - shift for offset in stamps])

    def freeing_stamp(self, excess: int, skip: int) -> int | None:
        """The stamp of the entry whose expiry, with every older one's, frees ``excess`` (the entry at
        index ``skip`` does not count); None if all of them do not."""
        amounts, stamps = self.amounts.items, self.stamps.items
        freed, start, end = 0, self.head, len(amounts)
        while start < end:
            stop = min(start + _SCAN_CHUNK, end)
            chunk = sum(amounts[start:stop]) - (amounts[skip] if start <= skip < stop else 0)
            if freed + chunk < excess:
                freed += chunk
            else:
                for index in range(start, stop):
                    if index != skip:
                        freed += amounts[index]
                        if freed >= excess:
                            return self.epoch + stamps[index]
            start = stop
        return None


_SWEEP_EVERY_S = 60.0


class SlidingWindows:
    """The in-process windows (the Redis backend keeps the same data in a ZSET + HASH per key).

    Entries leave a window on the injected clock (``now_ms``), like on Redis; a window nobody wrote
    to for a whole window is dropped on the real (monotonic) clock, as Redis expires the keys.

    ``settle`` turns a finished request's entries into anonymous (timestamp, amount) pairs: they
    count exactly as before until they expire, but the member is forgotten, so acquiring, adjusting
    or releasing with it afterwards no longer finds them (the gateway never does: its members are
    fresh request ids, settled once after their last adjust).
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
        index = -1 if live is None else live.index(member)
        if live is None or index < 0:
            return False
        live.zero(index)
        live.amounts.set(index, amount)
        live.total += amount
        return True

    def release(self, keys: Sequence[str], member: str) -> None:
        for key in keys:
            found = self._windows.get(key)
            index = -1 if found is None else found.index(member)
            if found is None or index < 0:
                continue
            found.zero(index)
            del found.members[member]
            if found.total == 0 and not found.members:  # nothing left that counts or can change
                del self._windows[key]

    def settle(self, keys: Sequence[str], member: str) -> None:
        """Keep the member's entries as anonymous ones: it will not acquire, adjust or release again."""
        for key in keys:
            found = self._windows.get(key)
            if found is not None:
                found.members.pop(member, None)

    def _live(self, key: str, now_ms: int, window: int) -> _Window | None:
        """The key's window with its expired entries dropped (None when nothing is left)."""
        found = self._windows.get(key)
        if found is None:
            return None
        found.expire(now_ms - window)
        if found.empty:
            del self._windows[key]
            return None
        return found

    def _check(self, spec: LimitSpec, member: str, now_ms: int) -> WindowCheck:
        window = spec.window_ms
        live = self._live(spec.key, now_ms, window)
        own = -1 if live is None else live.index(member)
        usage = 0 if live is None else live.total - (live.amounts.items[own] if own >= 0 else 0)
        if spec.amount > spec.limit:
            return usage, TOO_LARGE
        excess = usage + spec.amount - spec.limit
        if excess <= 0 or live is None:
            return usage, FITS
        stamp = live.freeing_stamp(excess, own)
        # None is unreachable: amount <= limit, so freeing every entry always makes room
        return usage, window if stamp is None else stamp + window - now_ms

    def _record(self, spec: LimitSpec, member: str, now_ms: int) -> None:
        target = self._windows.get(spec.key)
        if target is None:
            target = self._windows[spec.key] = _Window(epoch=now_ms)
        target.add(now_ms, member, spec.amount)
        target.idle_until = max(target.idle_until, self._clock() + spec.window_ms / 1000)

    def _sweep(self) -> None:
        """Drop windows nobody wrote to for a whole window, as Redis expires idle keys."""
        clock = self._clock()
        if clock < self._next_sweep:
            return
        self._next_sweep = clock + _SWEEP_EVERY_S
        for key in [key for key, found in self._windows.items() if found.idle_until <= clock]:
            del self._windows[key]
