"""The response cache and the shared circuit table, on both backends."""

from __future__ import annotations

from collections.abc import Callable

from quarterdeck.state import MemoryState, State

T0 = 1_800_000_000.0


async def test_cache_round_trip_and_ttl(state: State) -> None:
    assert await state.cache_get("k", now=T0) is None
    await state.cache_set("k", b"\x00response\xff", 10, now=T0)
    assert await state.cache_get("k", now=T0 + 9.999) == b"\x00response\xff"
    assert await state.cache_get("k", now=T0 + 10) is None

    await state.cache_set("k", b"second", 10, now=T0)
    await state.cache_set("k", b"third", 10, now=T0)
    assert await state.cache_get("k", now=T0) == b"third"
    await state.cache_set("k", b"gone", 0, now=T0)  # a ttl <= 0 removes the key
    assert await state.cache_get("k", now=T0) is None
    await state.cache_set("empty", b"", 10, now=T0)
    assert await state.cache_get("empty", now=T0) == b""


async def test_memory_cache_is_a_bounded_lru() -> None:
    state = MemoryState(cache_max_entries=3, cache_max_bytes=1000)
    for key in ("a", "b", "c"):
        await state.cache_set(key, b"x", 60, now=T0)
    assert await state.cache_get("a", now=T0) == b"x"  # "a" is now the most recently used
    await state.cache_set("d", b"x", 60, now=T0)
    assert [await state.cache_get(k, now=T0) for k in "abcd"] == [b"x", None, b"x", b"x"]
    assert len(state.cache) == 3

    await state.cache_set("big", b"y" * 600, 60, now=T0)
    await state.cache_set("bigger", b"z" * 500, 60, now=T0)  # 1106 bytes > 1000: "big" and older go
    assert await state.cache_get("big", now=T0) is None
    assert await state.cache_get("bigger", now=T0) == b"z" * 500
    assert state.cache.size_bytes <= 1000

    await state.cache_set("huge", b"h" * 2000, 60, now=T0)  # larger than the whole cache: not stored
    assert await state.cache_get("huge", now=T0) is None
    assert await state.cache_get("bigger", now=T0) == b"z" * 500


async def test_circuit_snapshot_holds_only_future_open_times(state: State) -> None:
    assert await state.circuit_snapshot(now=T0) == {}
    await state.circuit_open("openai/gpt-4o", T0 + 30, now=T0)
    await state.circuit_open("anthropic/claude", T0 + 5.5, now=T0)
    await state.circuit_open("in/the-past", T0 - 1, now=T0)
    assert await state.circuit_snapshot(now=T0) == {"openai/gpt-4o": T0 + 30, "anthropic/claude": T0 + 5.5}
    assert await state.circuit_snapshot(now=T0 + 5.5) == {"openai/gpt-4o": T0 + 30}

    # Opening again keeps the later time, so replicas never shorten each other's cooldown.
    await state.circuit_open("openai/gpt-4o", T0 + 10, now=T0 + 1)
    assert (await state.circuit_snapshot(now=T0 + 1))["openai/gpt-4o"] == T0 + 30
    await state.circuit_open("openai/gpt-4o", T0 + 40, now=T0 + 1)
    assert (await state.circuit_snapshot(now=T0 + 1))["openai/gpt-4o"] == T0 + 40

    await state.circuit_close("openai/gpt-4o")
    await state.circuit_close("never-opened")
    assert await state.circuit_snapshot(now=T0 + 1) == {"anthropic/claude": T0 + 5.5}
    await state.circuit_open("openai/gpt-4o", T0 + 2, now=T0 + 1)  # after a close, any time goes
    assert (await state.circuit_snapshot(now=T0 + 1))["openai/gpt-4o"] == T0 + 2


async def test_replicas_share_cache_and_circuits(states: Callable[..., State]) -> None:
    first, second = states(), states()
    await first.cache_set("shared", b"v", 60, now=T0)
    assert await second.cache_get("shared", now=T0) == b"v"
    await first.circuit_open("d1", T0 + 60, now=T0)
    assert await second.circuit_snapshot(now=T0) == {"d1": T0 + 60}
    await second.circuit_close("d1")
    assert await first.circuit_snapshot(now=T0) == {}
    assert await first.ping() and await second.ping()
