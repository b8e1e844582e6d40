"""An unreachable or silent Redis: fail closed fast (503), or admit unchecked loudly; never hang."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator

import pytest

from quarterdeck.errors import ConfigError, ServiceUnavailableError
from quarterdeck.state import BudgetSpec, LimitSpec, MemoryState, RedisState, create_state
from quarterdeck.state.base import BackendUnavailable, _FailureLog

REFUSED = "redis://127.0.0.1:1"
LIMITS = [LimitSpec(key="rpm:key:k", limit=10, amount=1)]
BUDGETS = [BudgetSpec(scope="key:k", period="2026-11", limit_usd=1.0, amount_usd=0.1)]


def errors(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "quarterdeck.state" and r.levelno == logging.ERROR]


@pytest.fixture
async def silent_server() -> AsyncIterator[str]:
    """A TCP server that accepts connections and never answers (a hung Redis)."""
    held: list[asyncio.StreamWriter] = []

    async def accept(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)

    server = await asyncio.start_server(accept, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"redis://127.0.0.1:{port}"
    finally:
        for writer in held:
            writer.close()
        server.close()
        await server.wait_closed()


async def test_fail_closed_raises_503_quickly(caplog: pytest.LogCaptureFixture) -> None:
    async with create_state(REFUSED) as state:
        started = time.monotonic()
        with pytest.raises(ServiceUnavailableError) as raised:
            await state.acquire(LIMITS, member="r1")
        assert time.monotonic() - started < 2.0
        assert raised.value.status == 503
        assert "127.0.0.1" not in raised.value.message  # internals go to the log, not to clients
        for call in (
            state.reserve(BUDGETS, request_id="r1"),
            state.commit([("key:k", "2026-11")], request_id="r1", cost_usd=0.1),
            state.usage("key:k", "2026-11"),
            state.adjust("rpm:key:k", "r1", 2, 60),
        ):
            with pytest.raises(ServiceUnavailableError):
                await call
    assert len(errors(caplog)) == 1
    assert "fail-closed" in errors(caplog)[0].getMessage()


async def test_fail_closed_against_a_silent_server_does_not_hang(silent_server: str) -> None:
    async with create_state(silent_server) as state:
        started = time.monotonic()
        with pytest.raises(ServiceUnavailableError):
            await state.reserve(BUDGETS, request_id="r1")
        assert time.monotonic() - started < 2.0
        assert await state.cache_get("k") is None
        assert await state.ping() is False


async def test_fail_open_admits_unchecked_and_logs_once(caplog: pytest.LogCaptureFixture) -> None:
    async with create_state(REFUSED, fail_open=True) as state:
        started = time.monotonic()
        for i in range(20):
            decision = await state.acquire(LIMITS, member=f"r{i}")
            assert decision.admitted and decision.degraded and decision.hit is None
            budget = await state.reserve(BUDGETS, request_id=f"r{i}")
            assert budget.admitted and budget.degraded
        assert time.monotonic() - started < 10.0
        assert not await state.commit([("key:k", "2026-11")], request_id="r1", cost_usd=0.1)
        assert (await state.usage("key:k", "2026-11")).degraded
        await state.release(["rpm:key:k"], "r1")
        await state.release_reservation([("key:k", "2026-11")], request_id="r1")
    logged = errors(caplog)
    assert len(logged) == 1
    assert "UNCHECKED" in logged[0].getMessage() and "127.0.0.1:1" in logged[0].getMessage()


async def test_cache_and_circuits_always_fail_open(caplog: pytest.LogCaptureFixture) -> None:
    async with create_state(REFUSED) as state:  # fail-closed for limits, yet the cache never raises
        await state.cache_set("k", b"v", 60)
        assert await state.cache_get("k") is None
        await state.circuit_open("d", time.time() + 30)
        await state.circuit_close("d")
        assert await state.circuit_snapshot() == {}
        assert await state.ping() is False
    assert len(errors(caplog)) == 1


def test_create_state_picks_the_backend() -> None:
    assert isinstance(create_state(None), MemoryState)
    redis_state = create_state("redis://127.0.0.1:6379/0", prefix="x:")
    assert isinstance(redis_state, RedisState) and redis_state.prefix == "x:"
    asyncio.run(redis_state.aclose())
    with pytest.raises(ConfigError):
        create_state("http://127.0.0.1:6379")


def test_failure_log_is_rate_limited_and_counts_what_it_held_back(caplog: pytest.LogCaptureFixture) -> None:
    clock = [0.0]
    log = _FailureLog(10.0, clock=lambda: clock[0])
    for _ in range(5):
        log.report("Redis at x", "acquire", "refusing", BackendUnavailable("down"))
        clock[0] += 1
    clock[0] = 10.0
    log.report("Redis at x", "acquire", "refusing", BackendUnavailable("down"))
    messages = [r.getMessage() for r in errors(caplog)]
    assert len(messages) == 2
    assert "4 more failure(s)" in messages[1]
