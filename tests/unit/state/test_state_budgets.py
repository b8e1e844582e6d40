"""Budgets with reservations, on both backends: all-or-nothing, idempotent, expiring, exact."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from quarterdeck.state import BudgetSpec, BudgetUsage, State

T0 = 1_800_000_000.0
KEY = ("key:k1", "2026-11")
TEAM = ("team:core", "2026-11")


def spec(scope: tuple[str, str], limit: float | None, amount: float) -> BudgetSpec:
    return BudgetSpec(scope=scope[0], period=scope[1], limit_usd=limit, amount_usd=amount)


async def usage(state: State, scope: tuple[str, str], now: float = T0) -> BudgetUsage:
    return await state.usage(*scope, now=now)


async def test_reserve_commit_release(state: State) -> None:
    decision = await state.reserve([spec(KEY, 10.0, 2.5), spec(TEAM, 100.0, 2.5)], request_id="r1", now=T0)
    assert decision.admitted and decision.hit is None and not decision.degraded
    assert await usage(state, KEY) == BudgetUsage(spent_usd=0.0, reserved_usd=2.5)

    assert await state.commit([KEY, TEAM], request_id="r1", cost_usd=1.25, now=T0 + 1)
    assert await usage(state, KEY) == BudgetUsage(spent_usd=1.25, reserved_usd=0.0)
    assert await usage(state, TEAM) == BudgetUsage(spent_usd=1.25, reserved_usd=0.0)

    assert (await state.reserve([spec(KEY, 10.0, 3.0)], request_id="r2", now=T0 + 2)).admitted
    await state.release_reservation([KEY], request_id="r2")
    await state.release_reservation([KEY], request_id="r2")  # idempotent
    assert await usage(state, KEY) == BudgetUsage(spent_usd=1.25, reserved_usd=0.0)


async def test_over_the_limit_nothing_is_reserved_anywhere(state: State) -> None:
    await state.set_spent(*TEAM, 9.0)
    assert (await state.reserve([spec(TEAM, 10.0, 0.5)], request_id="other", now=T0)).admitted

    decision = await state.reserve([spec(KEY, 100.0, 1.0), spec(TEAM, 10.0, 1.0)], request_id="r1", now=T0)
    assert not decision.admitted
    assert decision.hit is not None
    hit = decision.hit
    assert (hit.scope, hit.period, hit.limit_usd) == ("team:core", "2026-11", 10.0)
    assert (hit.spent_usd, hit.reserved_usd, hit.amount_usd) == (9.0, 0.5, 1.0)
    assert await usage(state, KEY) == BudgetUsage(spent_usd=0.0, reserved_usd=0.0)

    # Exactly up to the limit is fine.
    assert (await state.reserve([spec(KEY, 100.0, 0.5), spec(TEAM, 10.0, 0.5)], request_id="r1", now=T0)).admitted


async def test_reserve_and_commit_are_idempotent(state: State) -> None:
    for _ in range(3):
        assert (await state.reserve([spec(KEY, 1.0, 0.6)], request_id="r1", now=T0)).admitted
    assert await usage(state, KEY) == BudgetUsage(spent_usd=0.0, reserved_usd=0.6)
    # A second reservation by the same request replaces the first (re-estimate), it is not added.
    assert (await state.reserve([spec(KEY, 1.0, 0.9)], request_id="r1", now=T0)).admitted
    assert (await usage(state, KEY)).reserved_usd == 0.9

    assert await state.commit([KEY], request_id="r1", cost_usd=0.7, now=T0 + 1)
    assert not await state.commit([KEY], request_id="r1", cost_usd=0.7, now=T0 + 2)
    assert await usage(state, KEY) == BudgetUsage(spent_usd=0.7, reserved_usd=0.0)
    # Reserving an id that was already committed reserves nothing (its cost is in spent already).
    assert (await state.reserve([spec(KEY, 1.0, 0.9)], request_id="r1", now=T0 + 3)).admitted
    assert await usage(state, KEY) == BudgetUsage(spent_usd=0.7, reserved_usd=0.0)
    await state.release_reservation([KEY], request_id="r1")
    assert await usage(state, KEY) == BudgetUsage(spent_usd=0.7, reserved_usd=0.0)


async def test_commit_is_idempotent_per_scope(state: State) -> None:
    assert await state.commit([KEY], request_id="r1", cost_usd=1.0, now=T0)
    assert await state.commit([KEY, TEAM], request_id="r1", cost_usd=1.0, now=T0 + 1)  # counts in TEAM only
    assert (await usage(state, KEY)).spent_usd == 1.0
    assert (await usage(state, TEAM)).spent_usd == 1.0


async def test_commit_without_reservation_still_counts(state: State) -> None:
    assert (await state.reserve([spec(KEY, 5.0, 1.0)], request_id="r1", ttl_s=10, now=T0)).admitted
    assert (await usage(state, KEY, now=T0 + 10)).reserved_usd == 0.0  # expired before the answer came
    assert await state.commit([KEY], request_id="r1", cost_usd=2.0, now=T0 + 20)
    assert await usage(state, KEY, now=T0 + 20) == BudgetUsage(spent_usd=2.0, reserved_usd=0.0)


async def test_expired_reservations_stop_counting(state: State) -> None:
    assert (await state.reserve([spec(KEY, 1.0, 0.8)], request_id="dead-replica", ttl_s=600, now=T0)).admitted
    assert not (await state.reserve([spec(KEY, 1.0, 0.8)], request_id="r2", now=T0 + 599.999)).admitted
    assert (await usage(state, KEY, now=T0 + 599.999)).reserved_usd == 0.8
    assert (await usage(state, KEY, now=T0 + 600)).reserved_usd == 0.0
    assert (await state.reserve([spec(KEY, 1.0, 0.8)], request_id="r2", now=T0 + 600)).admitted
    # Renewing a reservation (same id) extends its life.
    assert (await state.reserve([spec(KEY, 1.0, 0.8)], request_id="r2", ttl_s=600, now=T0 + 1000)).admitted
    assert (await usage(state, KEY, now=T0 + 1500)).reserved_usd == 0.8


async def test_commits_are_remembered_for_committed_ttl(states: Callable[..., State]) -> None:
    state = states(committed_ttl_s=100)
    assert await state.commit([KEY], request_id="r1", cost_usd=1.0, now=T0)
    assert not await state.commit([KEY], request_id="r1", cost_usd=1.0, now=T0 + 99.999)
    assert await state.commit([KEY], request_id="r1", cost_usd=1.0, now=T0 + 100)
    assert (await usage(state, KEY)).spent_usd == 2.0


async def test_money_is_exact_in_micro_dollars(state: State) -> None:
    for i in range(10):
        await state.commit([KEY], request_id=f"r{i}", cost_usd=0.1, now=T0)
    assert (await usage(state, KEY)).spent_usd == 1.0  # float addition would give 0.9999999999999999
    await state.set_spent(*TEAM, 1234.567891)
    assert (await usage(state, TEAM)).spent_usd == 1234.567891
    assert (await state.reserve([spec(TEAM, 1234.567892, 0.000001)], request_id="x", now=T0)).admitted
    assert not (await state.reserve([spec(TEAM, 1234.567892, 0.000001)], request_id="y", now=T0)).admitted


async def test_unlimited_scopes_are_tracked(state: State) -> None:
    assert (await state.reserve([spec(KEY, None, 1e6)], request_id="r1", now=T0)).admitted
    assert (await usage(state, KEY)).reserved_usd == 1e6


async def test_invalid_arguments_are_refused(state: State) -> None:
    with pytest.raises(ValueError):
        spec(KEY, 1.0, -0.5)
    with pytest.raises(ValueError):
        spec(("", "2026"), 1.0, 0.5)
    with pytest.raises(ValueError, match="duplicate"):
        await state.reserve([spec(KEY, 1.0, 0.1), spec(KEY, 1.0, 0.1)], request_id="r")
    with pytest.raises(ValueError, match="cost_usd"):
        await state.commit([KEY], request_id="r", cost_usd=float("nan"))


async def test_concurrent_reservations_from_two_replicas_never_exceed_the_limit(states: Callable[..., State]) -> None:
    first, second = states(), states()

    async def one(i: int) -> bool:
        replica = first if i % 2 else second
        decision = await replica.reserve([spec(KEY, 1.0, 0.03), spec(TEAM, 50.0, 0.03)], request_id=f"req-{i}")
        return decision.admitted

    results = await asyncio.gather(*(one(i) for i in range(200)))
    assert sum(results) == 33
    assert (await first.usage(*KEY)).reserved_usd == 0.99
    assert (await second.usage(*TEAM)).reserved_usd == 0.99
