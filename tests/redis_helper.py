"""Redis for tests: the server at 127.0.0.1:6379, or a skip.

In CI (``CI=true``) an unreachable server fails the test instead of skipping it, so the Redis tests
cannot silently stop running.
"""

from __future__ import annotations

import os

import pytest
import redis

REDIS_URL = "redis://127.0.0.1:6379/0"


def redis_url_or_skip() -> str:
    """The test Redis' URL once it answers PING; otherwise skip (or fail in CI)."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Redis at 127.0.0.1:6379 is required in CI: {reason}")
        pytest.skip(f"Redis not reachable at 127.0.0.1:6379: {reason}")
    finally:
        client.close()
    return REDIS_URL
