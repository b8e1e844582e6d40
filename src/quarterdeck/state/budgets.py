"""Spend budgets with reservations: the specs, the decision, and the in-process book.

Money is counted in whole micro-dollars (``round(usd * 1e6)``) on both backends so sums are exact;
dollars appear only at the edge (the dataclasses below).

Per ``(scope, period)``: ``spent`` plus live reservations (request id → amount, each expiring
``ttl_s`` after it was made, so a replica that dies mid-request cannot leak budget) plus the ids
committed in the last ``committed_ttl_s`` (a day by default), which make ``commit`` idempotent; in
process, ``BudgetBook.forget`` drops a settled request's id at once (it will never commit again).
"""

from __future__ import annotations

import heapq
import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = [
    "BudgetBook",
    "BudgetDecision",
    "BudgetHit",
    "BudgetSpec",
    "BudgetUsage",
    "ReserveCheck",
    "budget_decision",
    "from_micros",
    "to_micros",
]

RESERVED = 0
"""``ReserveCheck`` status: fits (the reservation is made when every scope fits)."""
OVER_LIMIT = 1
"""``ReserveCheck`` status: spent + other reservations + amount would exceed the limit."""
ALREADY_COMMITTED = 2
"""``ReserveCheck`` status: this request id was already committed in the scope: nothing to reserve."""

ReserveCheck = tuple[int, int, int]
"""One scope's outcome from a backend: ``(status, spent_micros, reserved_micros_of_others)``."""

_COMPACT_AT = 1024
"""Stale reservation-expiry entries tolerated before the heap is rebuilt."""

Scope = tuple[str, str]
"""``(scope, period)``, e.g. ``("team:core", "2026-11")``."""


def to_micros(usd: float, what: str = "amount") -> int:
    if not math.isfinite(usd) or usd < 0:
        raise ValueError(f"{what} must be a finite number >= 0, got {usd!r}")
    return round(usd * 1_000_000)


def from_micros(micros: int) -> float:
    return micros / 1_000_000


def check_scope(scope: str, period: str) -> None:
    if not scope or not period:
        raise ValueError(f"budget scope and period must not be empty: {(scope, period)!r}")


@dataclass(frozen=True, slots=True)
class BudgetSpec:
    """Reserve ``amount_usd`` against ``scope`` in ``period``; ``limit_usd=None`` tracks without limit."""

    scope: str
    period: str
    limit_usd: float | None
    amount_usd: float

    def __post_init__(self) -> None:
        check_scope(self.scope, self.period)
        if self.limit_usd is not None:
            to_micros(self.limit_usd, "limit_usd")
        to_micros(self.amount_usd, "amount_usd")

    @property
    def limit_micros(self) -> int | None:
        return None if self.limit_usd is None else to_micros(self.limit_usd)

    @property
    def amount_micros(self) -> int:
        return to_micros(self.amount_usd)


@dataclass(frozen=True, slots=True)
class BudgetHit:
    """The budget that refused a reservation: ``spent + reserved + amount > limit``."""

    scope: str
    period: str
    limit_usd: float
    spent_usd: float
    reserved_usd: float
    amount_usd: float


@dataclass(frozen=True, slots=True)
class BudgetDecision:
    """``admitted``; else ``hit`` says why. ``degraded``: admitted unchecked (state unreachable)."""

    admitted: bool
    hit: BudgetHit | None = None
    degraded: bool = False


@dataclass(frozen=True, slots=True)
class BudgetUsage:
    """A scope's spend in a period and its live reservations (``degraded``: state unreachable, zeros)."""

    spent_usd: float
    reserved_usd: float
    degraded: bool = False


def budget_decision(specs: Sequence[BudgetSpec], checks: Sequence[ReserveCheck]) -> BudgetDecision:
    if len(checks) != len(specs):
        raise RuntimeError(f"state backend answered {len(checks)} budget outcomes for {len(specs)} budgets")
    for spec, (status, spent, reserved) in zip(specs, checks, strict=True):
        if status == OVER_LIMIT and spec.limit_usd is not None:
            return BudgetDecision(
                admitted=False,
                hit=BudgetHit(
                    scope=spec.scope,
                    period=spec.period,
                    limit_usd=spec.limit_usd,
                    spent_usd=from_micros(spent),
                    reserved_usd=from_micros(reserved),
                    amount_usd=spec.amount_usd,
                ),
            )
    return BudgetDecision(admitted=True)


@dataclass(slots=True)
class _Budget:
    spent: int = 0
    reservations: dict[str, tuple[int, int]] = field(default_factory=dict)  # id -> (micros, expires_ms)
    reserved: int = 0  # the sum of ``reservations``' amounts
    expiries: list[tuple[int, str]] = field(default_factory=list)  # heap of (expires_ms, id); stale ones skipped
    # id -> committed at (ms), oldest first; an OrderedDict so dropping the oldest is O(1) (a plain dict
    # must skip every deleted slot at its front to find the first live one)
    committed: OrderedDict[str, int] = field(default_factory=OrderedDict)

    def put(self, request_id: str, amount: int, expires_ms: int) -> None:
        self.drop(request_id)
        self.reservations[request_id] = (amount, expires_ms)
        self.reserved += amount
        heapq.heappush(self.expiries, (expires_ms, request_id))

    def drop(self, request_id: str) -> None:
        found = self.reservations.pop(request_id, None)
        if found is not None:
            self.reserved -= found[0]
            # A settled reservation's heap entry stays until it expires (lazy removal); when such stale
            # entries outnumber the live ones, rebuild the heap from the live reservations, so memory
            # follows the requests in flight, not the last ``ttl`` of traffic (O(1) amortised).
            if len(self.expiries) > _COMPACT_AT + 2 * len(self.reservations):
                self.expiries = [(expires, rid) for rid, (_, expires) in self.reservations.items()]
                heapq.heapify(self.expiries)

    def drop_expired_reservations(self, now_ms: int) -> None:
        while self.expiries and self.expiries[0][0] <= now_ms:
            expires, request_id = heapq.heappop(self.expiries)
            found = self.reservations.get(request_id)
            if found is not None and found[1] == expires:
                self.drop(request_id)

    def live_reserved(self, now_ms: int) -> int:
        """The live reservations' sum, without dropping the expired ones (a read)."""
        return sum(amount for amount, expires in self.reservations.values() if expires > now_ms)

    def drop_old_commits(self, cutoff_ms: int) -> None:
        """Forget ids committed at or before the cutoff (oldest first; stops at the first newer one)."""
        committed = self.committed
        while committed:
            at = next(iter(committed.values()))
            if at > cutoff_ms:
                return
            committed.popitem(last=False)

    def committed_live(self, request_id: str, cutoff_ms: int) -> bool:
        at = self.committed.get(request_id)
        return at is not None and at > cutoff_ms


class BudgetBook:
    """The in-process budgets (the Redis backend keeps the same data in five keys per scope and period)."""

    def __init__(self) -> None:
        self._budgets: dict[Scope, _Budget] = {}

    def reserve(
        self, specs: Sequence[BudgetSpec], request_id: str, ttl_ms: int, committed_ttl_ms: int, now_ms: int
    ) -> list[ReserveCheck]:
        checks: list[ReserveCheck] = []
        for spec in specs:
            budget = self._budgets.get((spec.scope, spec.period)) or _Budget()
            budget.drop_expired_reservations(now_ms)
            reserved = budget.reserved - budget.reservations.get(request_id, (0, 0))[0]
            limit = spec.limit_micros
            if budget.committed_live(request_id, now_ms - committed_ttl_ms):
                status = ALREADY_COMMITTED
            elif limit is not None and budget.spent + reserved + spec.amount_micros > limit:
                status = OVER_LIMIT
            else:
                status = RESERVED
            checks.append((status, budget.spent, reserved))
        if all(status != OVER_LIMIT for status, _, _ in checks):
            for spec, (status, _, _) in zip(specs, checks, strict=True):
                if status == RESERVED:
                    budget = self._budgets.setdefault((spec.scope, spec.period), _Budget())
                    budget.put(request_id, spec.amount_micros, now_ms + ttl_ms)
        return checks

    def commit(
        self, scopes: Sequence[Scope], request_id: str, cost_micros: int, committed_ttl_ms: int, now_ms: int
    ) -> int:
        done = 0
        cutoff = now_ms - committed_ttl_ms
        for scope in scopes:
            budget = self._budgets.setdefault(scope, _Budget())
            budget.drop_old_commits(cutoff)
            if budget.committed_live(request_id, cutoff):
                continue
            budget.committed.pop(request_id, None)  # an old commit of the same id (clock went back)
            budget.spent += cost_micros
            budget.drop(request_id)
            budget.committed[request_id] = now_ms
            done += 1
        return done

    def forget(self, scopes: Sequence[Scope], request_id: str) -> None:
        """Drop the id's commit record (the cost stays spent): a settled request never commits again."""
        for scope in scopes:
            budget = self._budgets.get(scope)
            if budget is not None:
                budget.committed.pop(request_id, None)

    def release(self, scopes: Sequence[Scope], request_id: str) -> None:
        for scope in scopes:
            budget = self._budgets.get(scope)
            if budget is not None:
                budget.drop(request_id)

    def usage(self, scope: Scope, now_ms: int) -> tuple[int, int]:
        budget = self._budgets.get(scope)
        if budget is None:
            return 0, 0
        return budget.spent, budget.live_reserved(now_ms)

    def set_spent(self, scope: Scope, micros: int) -> None:
        self._budgets.setdefault(scope, _Budget()).spent = micros
