"""Differential test: the same random operations give the same answers on both backends."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest

from quarterdeck.state import BudgetSpec, LimitSpec, MemoryState, State

T0 = 1_800_000_000.0
KEYS = ["rpm:key:a", "rpm:team:t", "tpm:key:a", "tpm:team:t"]
SCOPES = [("key:a", "2026-11"), ("team:t", "2026-11"), ("team:t", "all")]


async def run(state: State, seed: int) -> list[Any]:
    rng = random.Random(seed)
    now = T0
    answers: list[Any] = []
    for _ in range(600):
        now += rng.choice([0, 0.001, 0.25, 1, 3, 7])
        member = f"m{rng.randrange(12)}"
        op = rng.random()
        if op < 0.45:
            keys = rng.sample(KEYS, rng.randint(1, 3))
            specs = [
                LimitSpec(
                    key=k, limit=rng.choice([5, 20, 40]), amount=rng.randint(0, 25), window_s=rng.choice([10, 30])
                )
                for k in keys
            ]
            answers.append(await state.acquire(specs, member=member, now=now))
        elif op < 0.55:
            answers.append(await state.adjust(rng.choice(KEYS), member, rng.randint(0, 25), 30, now=now))
        elif op < 0.6:
            answers.append(await state.release(rng.sample(KEYS, 2), member))
        elif op < 0.78:
            scopes = rng.sample(SCOPES, rng.randint(1, 2))
            budgets = [
                BudgetSpec(s, p, rng.choice([None, 0.5, 2.0]), rng.choice([0.0, 0.05, 0.123456, 0.3]))
                for s, p in scopes
            ]
            answers.append(await state.reserve(budgets, request_id=member, ttl_s=rng.choice([5, 20]), now=now))
        elif op < 0.88:
            scopes = rng.sample(SCOPES, rng.randint(1, 2))
            answers.append(await state.commit(scopes, request_id=member, cost_usd=rng.choice([0.01, 0.1]), now=now))
        elif op < 0.92:
            answers.append(await state.release_reservation(rng.sample(SCOPES, 1), request_id=member))
        elif op < 0.95:
            await state.circuit_open(f"d{rng.randrange(3)}", now + rng.choice([-1, 2, 10]), now=now)
            answers.append(await state.circuit_snapshot(now=now))
        else:
            await state.cache_set(member, member.encode(), rng.choice([0, 1, 5]), now=now)
            answers.append(await state.cache_get(f"m{rng.randrange(12)}", now=now))
        for scope, period in SCOPES:
            answers.append(await state.usage(scope, period, now=now))
    return answers


@pytest.mark.redis
@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_memory_and_redis_answer_alike(seed: int, redis_states: Callable[..., State]) -> None:
    memory = MemoryState(committed_ttl_s=60)
    expected = await run(memory, seed)
    got = await run(redis_states(committed_ttl_s=60), seed)
    assert len(got) == len(expected)
    for i, (mine, theirs) in enumerate(zip(expected, got, strict=True)):
        assert theirs == mine, f"step {i}: memory {mine!r} != redis {theirs!r}"
    assert any(getattr(a, "admitted", True) is False for a in expected)  # the run did refuse some
