"""Settling a finished request: the in-process windows keep its entries as compact anonymous pairs.

The decisions must not change — same admit/refuse, same retry-after, same usage — which is checked
against a naive reference model of the sliding-window log, against the same run without ``settle``,
and against Redis; and a settled request must cost a few bytes, not a member string and dict slots.
"""

from __future__ import annotations

import gc
import random
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest

from quarterdeck.state import BudgetSpec, LimitSpec, MemoryState, State
from quarterdeck.state.limits import FITS, TOO_LARGE, SlidingWindows, WindowCheck

T0 = 1_800_000_000.0
# key -> (window_s, limits to draw from, amounts to draw from); one window per key, as in the gateway
KEYS: dict[str, tuple[int, list[int], tuple[int, int]]] = {
    "rpm:key:a": (10, [5, 20], (1, 1)),
    "tpm:key:a": (10, [100, 400], (0, 90)),
    "rpm:team:t": (30, [40, 10**6], (1, 1)),
    "tpm:team:t": (30, [3_000, 10**9], (0, 40)),
    "rpm:model:m": (30, [10**6], (1, 1)),  # busy: its expired front is cut off now and then
}
SCOPES = [("key:a", "2026-11"), ("team:t", "2026-11")]


class Reference:
    """The sliding-window log as the docs state it, the naive way: a list of entries per key."""

    def __init__(self) -> None:
        self.entries: dict[str, list[list[Any]]] = {}  # key -> [stamp, member or None, amount]

    def live(self, key: str, now_ms: int, window: int) -> list[list[Any]]:
        kept = [e for e in self.entries.get(key, []) if e[0] > now_ms - window]
        self.entries[key] = kept
        return kept

    def acquire(self, specs: list[LimitSpec], member: str, now_ms: int) -> list[WindowCheck]:
        checks: list[WindowCheck] = []
        for spec in specs:
            live = self.live(spec.key, now_ms, spec.window_ms)
            usage = sum(amount for _, who, amount in live if who != member)
            excess = usage + spec.amount - spec.limit
            if spec.amount > spec.limit:
                checks.append((usage, TOO_LARGE))
            elif excess <= 0:
                checks.append((usage, FITS))
            else:
                freed = 0
                for stamp, who, amount in sorted(live, key=lambda e: int(e[0])):
                    freed += 0 if who == member else amount
                    if freed >= excess:
                        checks.append((usage, stamp + spec.window_ms - now_ms))
                        break
        if all(code == FITS for _, code in checks):
            for spec in specs:
                self.entries[spec.key] = [e for e in self.entries.get(spec.key, []) if e[1] != member]
                self.entries[spec.key].append([now_ms, member, spec.amount])
        return checks

    def adjust(self, key: str, member: str, amount: int, window: int, now_ms: int) -> bool:
        for entry in self.live(key, now_ms, window):
            if entry[1] == member:
                entry[2] = amount
                return True
        return False

    def release(self, keys: list[str], member: str) -> None:
        for key in keys:
            self.entries[key] = [e for e in self.entries.get(key, []) if e[1] != member]

    def settle(self, keys: list[str], member: str) -> None:
        for key in keys:
            for entry in self.entries.get(key, []):
                if entry[1] == member:
                    entry[1] = None


def specs_for(rng: random.Random, keys: list[str], limits: dict[str, int]) -> list[LimitSpec]:
    out = []
    for key in keys:
        window, _, (low, high) = KEYS[key]
        out.append(LimitSpec(key=key, limit=limits[key], amount=rng.randint(low, high), window_s=window))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_compact_windows_decide_like_the_reference_log(seed: int) -> None:
    """Gateway-like traffic (fresh members, settled after their last adjust, a few released and a few
    re-acquired while in flight, the clock now and then stepping back) on busy and saturated windows."""
    rng = random.Random(seed)
    limits = {key: rng.choice(choices) for key, (_, choices, _) in KEYS.items()}
    windows, reference = SlidingWindows(clock=lambda: 0.0), Reference()
    now = int(T0 * 1000)
    inflight: list[tuple[str, list[str]]] = []
    for i in range(10_000):
        now += rng.choice([0, 1, 3, 7, 20, 40]) if rng.random() > 0.01 else -rng.randint(1, 300)
        roll = rng.random()
        if roll < 0.55 or not inflight:
            member = f"req_{i:06d}"
            keys = rng.sample(list(KEYS), rng.randint(1, 4)) if rng.random() < 0.6 else ["rpm:model:m"]
            specs = specs_for(rng, keys, limits)
            checks = windows.acquire(specs, member, now)
            assert checks == reference.acquire(specs, member, now), f"step {i}"
            if all(code == FITS for _, code in checks):
                inflight.append((member, keys))
            continue
        member, keys = inflight.pop(rng.randrange(len(inflight)))
        if roll < 0.58:  # a retry while in flight: replaces its entries
            specs = specs_for(rng, keys, limits)
            checks = windows.acquire(specs, member, now)
            assert checks == reference.acquire(specs, member, now), f"step {i}"
            inflight.append((member, keys))
        elif roll < 0.62:
            windows.release(keys, member)
            reference.release(keys, member)
        else:
            for key in keys:
                if key.startswith("tpm"):
                    amount, window = rng.randint(0, 120), KEYS[key][0] * 1000
                    assert windows.adjust(key, member, amount, window, now) == reference.adjust(
                        key, member, amount, window, now
                    ), f"step {i}"
            windows.settle(keys, member)
            reference.settle(keys, member)
    assert windows._windows["rpm:model:m"].base > 0  # its expired front was cut off on the way


def test_retry_after_counts_the_anonymous_oldest_entries() -> None:
    windows = SlidingWindows(clock=lambda: 0.0)
    key, t0 = "tpm:team:t", 1_000_000

    def spec(amount: int) -> LimitSpec:
        return LimitSpec(key=key, limit=5, amount=amount)

    assert windows.acquire([spec(1)], "m0", t0) == [(0, FITS)]
    assert windows.acquire([spec(2)], "m1", t0 + 10_000) == [(1, FITS)]
    assert windows.acquire([spec(2)], "m2", t0 + 20_000) == [(3, FITS)]
    windows.settle([key], "m0")
    windows.settle([key], "m1")
    # usage 5 (m0, m1 anonymous; m2 in flight): 2 more fit once m0 (1) and m1 (2) are gone, at t0 + 70 s
    assert windows.acquire([spec(2)], "new", t0 + 30_000) == [(5, 40_000)]
    # a member in flight does not wait for its own entry: m2 needs only m0 gone
    assert windows.acquire([spec(3)], "m2", t0 + 30_000) == [(3, 30_000)]
    assert windows.acquire([spec(2)], "new", t0 + 59_999) == [(5, 10_001)]
    assert windows.acquire([spec(2)], "new", t0 + 60_000) == [(4, 10_000)]
    assert windows.acquire([spec(2)], "new", t0 + 70_000) == [(2, FITS)]


async def test_settle_keeps_usage_and_spend(state: State) -> None:
    rpm = LimitSpec(key="rpm:key:k", limit=2, amount=1)
    tpm = LimitSpec(key="tpm:key:k", limit=1_000, amount=600)
    budget = BudgetSpec(scope="key:k", period="2026-11", limit_usd=1.0, amount_usd=0.5)
    assert (await state.acquire([rpm, tpm], member="r1", now=T0)).admitted
    assert (await state.reserve([budget], request_id="r1", now=T0)).admitted
    assert await state.adjust("tpm:key:k", "r1", 700, 60, now=T0 + 1)
    assert await state.commit([("key:k", "2026-11")], request_id="r1", cost_usd=0.25, now=T0 + 1)
    await state.settle(["rpm:key:k", "tpm:key:k"], "r1", scopes=[("key:k", "2026-11")])
    await state.settle(["rpm:key:k", "tpm:key:k"], "r1", scopes=[("key:k", "2026-11")])  # idempotent

    refused = await state.acquire([rpm, LimitSpec(key="tpm:key:k", limit=1_000, amount=400)], member="r2", now=T0 + 2)
    assert refused.hit is not None and (refused.hit.key, refused.hit.usage) == ("tpm:key:k", 700)
    assert refused.retry_after == pytest.approx(58.0)
    usage = await state.usage("key:k", "2026-11", now=T0 + 2)
    assert (usage.spent_usd, usage.reserved_usd) == (0.25, 0.0)
    assert (
        await state.acquire([rpm, LimitSpec(key="tpm:key:k", limit=1_000, amount=300)], member="r2", now=T0 + 2)
    ).admitted
    assert not (await state.acquire([rpm], member="r3", now=T0 + 3)).admitted  # the settled r1 still counts
    assert (await state.acquire([rpm], member="r3", now=T0 + 60)).admitted  # until it expires


async def test_what_settle_forgets_differs_by_backend_only_for_a_reused_id(state: State) -> None:
    """Documented: after ``settle`` the in-process state no longer knows the id (the gateway never
    reuses one); Redis still does, so its commits stay idempotent for retried scripts."""
    spec = LimitSpec(key="tpm:key:k", limit=1_000, amount=10)
    assert (await state.acquire([spec], member="r1", now=T0)).admitted
    assert await state.commit([("key:k", "2026-11")], request_id="r1", cost_usd=0.25, now=T0)
    await state.settle(["tpm:key:k"], "r1", scopes=[("key:k", "2026-11")])
    in_process = isinstance(state, MemoryState)
    assert await state.adjust("tpm:key:k", "r1", 20, 60, now=T0 + 1) is not in_process
    assert await state.commit([("key:k", "2026-11")], request_id="r1", cost_usd=0.25, now=T0 + 1) is in_process


async def gateway_like(state: State, seed: int, *, settle: bool, n: int = 700) -> list[Any]:
    """Traffic as gateway/admission.py makes it: fresh ids; on finish adjust, commit or release, settle."""
    rng = random.Random(seed)
    limits = {key: rng.choice(choices) for key, (_, choices, _) in KEYS.items()}
    now, answers = T0, []
    inflight: list[tuple[str, list[str], list[tuple[str, str]]]] = []
    for i in range(n):
        now += rng.choice([0, 0.001, 0.05, 0.3, 1, 4])
        if rng.random() < 0.6 or not inflight:
            member = f"req_{seed}_{i:06d}"
            keys = rng.sample(list(KEYS), rng.randint(1, 4))
            decision = await state.acquire(specs_for(rng, keys, limits), member=member, now=now)
            answers.append(decision)
            if not decision.admitted:
                continue
            scopes = rng.sample(SCOPES, rng.randint(0, 2))
            budgets = [BudgetSpec(s, p, rng.choice([None, 1.0]), rng.choice([0.0, 0.05, 0.2])) for s, p in scopes]
            verdict = await state.reserve(budgets, request_id=member, ttl_s=20, now=now)
            answers.append(verdict)
            if not verdict.admitted:
                await state.release(keys, member)
                continue
            inflight.append((member, keys, scopes))
            continue
        member, keys, scopes = inflight.pop(rng.randrange(len(inflight)))
        for key in keys:
            if key.startswith("tpm"):
                answers.append(await state.adjust(key, member, rng.randint(0, 120), KEYS[key][0], now=now))
        if rng.random() < 0.8:
            answers.append(await state.commit(scopes, request_id=member, cost_usd=rng.choice([0.01, 0.1]), now=now))
        else:
            await state.release_reservation(scopes, request_id=member)
        if settle:
            await state.settle(keys, member, scopes=scopes)
        for scope, period in SCOPES:
            answers.append(await state.usage(scope, period, now=now))
    return answers


@pytest.mark.parametrize("seed", [1, 2])
async def test_settle_changes_no_decision(seed: int) -> None:
    expected = await gateway_like(MemoryState(committed_ttl_s=60), seed, settle=False)
    assert await gateway_like(MemoryState(committed_ttl_s=60), seed, settle=True) == expected
    assert any(getattr(a, "admitted", True) is False for a in expected)


@pytest.mark.redis
async def test_settled_memory_and_redis_answer_alike(redis_states: Callable[..., State]) -> None:
    expected = await gateway_like(MemoryState(committed_ttl_s=60), 5, settle=True)
    assert await gateway_like(redis_states(committed_ttl_s=60), 5, settle=True) == expected


async def test_a_settled_request_costs_a_few_bytes() -> None:
    """4 windows (rpm and tpm of a key and a team) per request, all in one window: ~23 bytes measured
    (the member string with two dicts and two deques per window took ~420)."""
    state = MemoryState()
    keys = ["rpm:key:k", "tpm:key:k", "rpm:team:t", "tpm:team:t"]
    rng = random.Random(0)

    async def one(i: int) -> None:
        now = T0 + i / 1000
        member = f"req_{int(now * 1000):012x}{rng.getrandbits(80):020x}"
        tokens = rng.randint(50, 3_000)
        specs = [LimitSpec(key=k, limit=10**12, amount=tokens if k.startswith("tpm") else 1) for k in keys]
        assert (await state.acquire(specs, member=member, now=now)).admitted
        for key in ("tpm:key:k", "tpm:team:t"):
            assert await state.adjust(key, member, tokens // 2, 60, now=now)
        await state.settle(keys, member)

    for i in range(2_000):  # warm up: first-use allocations, the arrays' first widening
        await one(i)
    n = 10_000
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(2_000, 2_000 + n):
            await one(i)
        gc.collect()
        retained = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert retained / n < 40, f"{retained / n:.1f} bytes per settled request"


async def test_a_settled_request_leaves_no_budget_record() -> None:
    state = MemoryState()
    scopes = [("key:k", "2026-11"), ("team:t", "2026-11")]
    for i in range(3_000):
        member = f"req_{i:032x}"
        assert (
            await state.reserve([BudgetSpec(s, p, 10.0, 0.002) for s, p in scopes], request_id=member, now=T0)
        ).admitted
        assert await state.commit(scopes, request_id=member, cost_usd=0.001, now=T0 + 1)
        await state.settle([], member, scopes=scopes)
    assert (await state.usage(*scopes[1], now=T0 + 2)).spent_usd == pytest.approx(3.0)
    for budget in state._budgets._budgets.values():
        assert not budget.committed and not budget.reservations
        assert len(budget.expiries) <= 1024 + 1  # the reservations' stale expiry entries, bounded


def test_amounts_beyond_64_bits_stay_exact() -> None:
    windows = SlidingWindows(clock=lambda: 0.0)
    huge = 2**70
    key = "tpm:key:big"
    for i, amount in enumerate([1, 300, 70_000, 5 * 10**9, huge]):
        assert windows.acquire([LimitSpec(key=key, limit=10 * huge, amount=amount)], f"m{i}", 1_000 + i) == [
            (sum([1, 300, 70_000, 5 * 10**9, huge][:i]), FITS)
        ]
    assert windows.adjust(key, "m0", huge, 60_000, 2_000)
    total = 300 + 70_000 + 5 * 10**9 + 2 * huge
    assert windows.acquire([LimitSpec(key=key, limit=total, amount=1)], "probe", 2_000) == [(total, 59_000)]
