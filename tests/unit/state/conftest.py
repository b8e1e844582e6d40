"""The ``states`` fixture: shared-state handles on the in-process backend and on Redis.

``states()`` opens a handle; on Redis every call is a new client (a new "replica") on the test's own
key prefix, in process every call returns the same object (one process shares its memory). The
test's Redis keys are deleted afterwards.
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import redis.asyncio

try:
    from tests.redis_helper import redis_url_or_skip
except ModuleNotFoundError:  # run as plain `pytest`: the repository root is not on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
    from tests.redis_helper import redis_url_or_skip

from quarterdeck.state import MemoryState, RedisState, State

BACKENDS = ["memory", pytest.param("redis", marks=pytest.mark.redis)]


class States:
    """Opens handles on one backend; closes them (and drops the Redis keys) at teardown."""

    def __init__(self, backend: str, url: str | None) -> None:
        self.backend = backend
        self.url = url
        self.prefix = f"qdtest:{uuid.uuid4().hex[:12]}:"
        self.opened: list[State] = []

    def __call__(self, **options: Any) -> State:
        if self.backend == "memory":
            if not self.opened:
                self.opened.append(MemoryState(**options))
            return self.opened[0]
        assert self.url is not None
        state = RedisState(self.url, prefix=self.prefix, **options)
        self.opened.append(state)
        return state

    async def close(self) -> None:
        for state in self.opened:
            await state.aclose()
        if self.url is not None:
            client = redis.asyncio.Redis.from_url(self.url)
            try:
                keys = [key async for key in client.scan_iter(match=f"{self.prefix}*", count=1000)]
                if keys:
                    await client.delete(*keys)
            finally:
                await client.aclose()


@pytest.fixture(params=BACKENDS)
async def states(request: pytest.FixtureRequest) -> AsyncIterator[States]:
    url = redis_url_or_skip() if request.param == "redis" else None
    opened = States(request.param, url)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
def state(states: States) -> State:
    return states()


@pytest.fixture
async def redis_states() -> AsyncIterator[States]:
    """Handles on Redis only (for tests comparing the backends)."""
    opened = States("redis", redis_url_or_skip())
    try:
        yield opened
    finally:
        await opened.close()
