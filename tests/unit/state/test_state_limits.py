"""Sliding-window-log rate limits, on both backends: exact, all-or-nothing, atomic across replicas."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from quarterdeck.state import LimitSpec, State
from quarterdeck.state.limits import SlidingWindows

T0 = 1_800_000_000.0


def rpm(limit: int, key: str = "rpm:key:k1", amount: int = 1) -> LimitSpec:
    return LimitSpec(key=key, limit=limit, amount=amount)


async def test_rpm_is_exact_and_the_window_slides(state: State) -> None:
    admitted = [(await state.acquire([rpm(30)], member=f"r{i}", now=T0 + i * 0.1)).admitted for i in range(100)]
    assert admitted == [True] * 30 + [False] * 70

    refused = await state.acquire([rpm(30)], member="late", now=T0 + 10)
    assert refused.hit is not None
    assert (refused.hit.key, refused.hit.limit, refused.hit.usage) == ("rpm:key:k1", 30, 30)
    assert not refused.degraded

    # 60.05 s after the first entry only it has left the window: exactly one more fits.
    assert (await state.acquire([rpm(30)], member="a", now=T0 + 60.05)).admitted
    assert not (await state.acquire([rpm(30)], member="b", now=T0 + 60.05)).admitted
    # Once the last of the first 30 (at T0 + 2.9) has left, 29 more fit next to "a".
    later = [(await state.acquire([rpm(30)], member=f"x{i}", now=T0 + 63)).admitted for i in range(40)]
    assert later == [True] * 29 + [False] * 11


async def test_an_entry_counts_for_exactly_window_s(state: State) -> None:
    spec = LimitSpec(key="rpm:key:edge", limit=1, amount=1, window_s=10)
    assert (await state.acquire([spec], member="first", now=T0)).admitted
    assert not (await state.acquire([spec], member="second", now=T0 + 9.999)).admitted
    assert (await state.acquire([spec], member="third", now=T0 + 10)).admitted


async def test_retry_after_is_when_enough_of_the_oldest_entries_expire(state: State) -> None:
    tpm = LimitSpec(key="tpm:team:t", limit=5, amount=1)
    for offset, amount in ((0, 1), (10, 2), (20, 2)):
        spec = LimitSpec(key=tpm.key, limit=5, amount=amount)
        assert (await state.acquire([spec], member=f"m{offset}", now=T0 + offset)).admitted

    want = LimitSpec(key=tpm.key, limit=5, amount=2)
    refused = await state.acquire([want], member="new", now=T0 + 30)
    # Usage 5, needs 2 freed: the entry at T0 (1) is not enough, the one at T0+10 (2 more) is.
    assert not refused.admitted and not refused.too_large
    assert refused.retry_after == pytest.approx(40.0)
    assert refused.hit is not None and refused.hit.usage == 5 and refused.hit.amount == 2

    assert not (await state.acquire([want], member="new", now=T0 + 30 + 39.999)).admitted
    assert (await state.acquire([want], member="new", now=T0 + 30 + 40)).admitted


async def test_several_limits_are_all_or_nothing(state: State) -> None:
    def specs(tokens: int) -> list[LimitSpec]:
        return [rpm(10), LimitSpec(key="tpm:team:core", limit=100, amount=tokens)]

    assert (await state.acquire(specs(60), member="r1", now=T0)).admitted
    refused = await state.acquire(specs(60), member="r2", now=T0 + 1)
    assert not refused.admitted
    assert refused.hit is not None
    assert (refused.hit.key, refused.hit.usage, refused.hit.limit) == ("tpm:team:core", 60, 100)

    # The refused request left nothing in the RPM window: 9 more requests fit there, not 8.
    rpm_only = [(await state.acquire([rpm(10)], member=f"q{i}", now=T0 + 2)).admitted for i in range(10)]
    assert rpm_only == [True] * 9 + [False]


async def test_the_hit_reported_is_the_longest_wait(state: State) -> None:
    short = LimitSpec(key="rpm:short", limit=1, amount=1, window_s=5)
    long = LimitSpec(key="rpm:long", limit=1, amount=1, window_s=50)
    assert (await state.acquire([short, long], member="a", now=T0)).admitted
    refused = await state.acquire([short, long], member="b", now=T0 + 1)
    assert refused.hit is not None and refused.hit.key == "rpm:long"
    assert refused.retry_after == pytest.approx(49.0)


async def test_an_amount_above_the_limit_can_never_fit(state: State) -> None:
    big = [rpm(10), LimitSpec(key="tpm:key:k1", limit=100, amount=150)]
    refused = await state.acquire(big, member="huge", now=T0)
    assert not refused.admitted and refused.too_large
    assert refused.retry_after is None
    assert refused.hit is not None and (refused.hit.key, refused.hit.amount) == ("tpm:key:k1", 150)
    # Nothing was recorded under the RPM key either.
    assert [(await state.acquire([rpm(10)], member=f"q{i}", now=T0)).admitted for i in range(11)] == [True] * 10 + [
        False
    ]


async def test_adjust_corrects_a_tpm_entry_after_real_usage(state: State) -> None:
    estimate = LimitSpec(key="tpm:key:k1", limit=1000, amount=800)
    assert (await state.acquire([estimate], member="r1", now=T0)).admitted
    second = LimitSpec(key="tpm:key:k1", limit=1000, amount=700)
    assert not (await state.acquire([second], member="r2", now=T0 + 1)).admitted

    assert await state.adjust("tpm:key:k1", "r1", 300, 60, now=T0 + 2)
    assert (await state.acquire([second], member="r2", now=T0 + 3)).admitted
    refused = await state.acquire([LimitSpec(key="tpm:key:k1", limit=1000, amount=1)], member="r3", now=T0 + 4)
    assert refused.hit is not None and refused.hit.usage == 1000

    # An entry that has expired (or never existed) is left alone.
    assert not await state.adjust("tpm:key:k1", "r1", 5, 60, now=T0 + 60)
    assert not await state.adjust("tpm:key:k1", "nobody", 5, 60, now=T0 + 4)
    assert not await state.adjust("tpm:key:absent", "r1", 5, 60, now=T0 + 4)


async def test_release_removes_the_entry_everywhere(state: State) -> None:
    specs = [rpm(1), LimitSpec(key="tpm:key:k1", limit=10, amount=10)]
    assert (await state.acquire(specs, member="r1", now=T0)).admitted
    assert not (await state.acquire(specs, member="r2", now=T0 + 1)).admitted
    await state.release(["rpm:key:k1", "tpm:key:k1"], "r1")
    await state.release(["rpm:key:k1", "tpm:key:k1"], "r1")  # idempotent
    assert (await state.acquire(specs, member="r2", now=T0 + 2)).admitted


async def test_the_same_member_counts_once(state: State) -> None:
    spec = LimitSpec(key="tpm:key:k1", limit=10, amount=6)
    assert (await state.acquire([spec], member="r1", now=T0)).admitted
    assert (await state.acquire([spec], member="r1", now=T0 + 1)).admitted  # a retry replaces the entry
    refused = await state.acquire([spec], member="r2", now=T0 + 2)
    assert refused.hit is not None and refused.hit.usage == 6


async def test_invalid_arguments_are_refused(state: State) -> None:
    with pytest.raises(ValueError, match="duplicate"):
        await state.acquire([rpm(1), rpm(2)], member="r")
    with pytest.raises(ValueError, match="member"):
        await state.acquire([rpm(1)], member="")
    with pytest.raises(ValueError):
        LimitSpec(key="k", limit=-1, amount=1)
    with pytest.raises(ValueError):
        LimitSpec(key="k", limit=1, amount=1, window_s=0)
    assert (await state.acquire([], member="r")).admitted


async def test_concurrent_acquires_from_two_replicas_admit_exactly_the_limit(states: Callable[..., State]) -> None:
    first, second = states(), states()
    specs = [rpm(57, key="rpm:team:shared"), LimitSpec(key="tpm:team:shared", limit=10_000, amount=10)]

    async def one(i: int) -> bool:
        replica = first if i % 2 else second
        return (await replica.acquire(specs, member=f"req-{i}")).admitted

    results = await asyncio.gather(*(one(i) for i in range(200)))
    assert sum(results) == 57
    # The TPM window holds exactly the admitted requests' tokens: nothing from the refused ones.
    probe = await first.acquire([LimitSpec(key="tpm:team:shared", limit=10_000, amount=10_000)], member="probe")
    assert probe.hit is not None and probe.hit.usage == 570
    assert not (await second.acquire(specs, member="one-more")).admitted


def test_idle_windows_are_dropped_on_the_real_clock() -> None:
    clock = [1000.0]
    windows = SlidingWindows(clock=lambda: clock[0])
    spec = LimitSpec(key="rpm:key:idle", limit=5, amount=1, window_s=30)
    windows.acquire([spec], "r1", now_ms=0)
    clock[0] += 61  # past the window and the sweep interval
    windows.acquire([LimitSpec(key="rpm:key:other", limit=5, amount=1)], "r2", now_ms=0)
    assert list(windows._windows) == ["rpm:key:other"]
