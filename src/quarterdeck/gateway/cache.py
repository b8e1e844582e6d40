"""Exact-match response cache: the same public model and the same request body give the same answer.

Keys are a sha256 of the endpoint, the public model and the body with its key order normalised;
fields that don't change the answer (``stream``, ``stream_options``, ``user``) are left out. A
request with ``Cache-Control: no-cache`` neither reads nor writes the cache. Hits cost $0.
"""

from __future__ import annotations

import hashlib
from collections.abc import Coroutine
from typing import Any

import orjson

from quarterdeck.state import State

IGNORED_FIELDS = frozenset({"stream", "stream_options", "user"})


def cache_key(endpoint: str, model: str, body: dict[str, Any]) -> str:
    kept = {k: v for k, v in body.items() if k not in IGNORED_FIELDS and k != "model"}
    blob = orjson.dumps({"e": endpoint, "m": model, "b": kept}, option=orjson.OPT_SORT_KEYS)
    return "cache:" + hashlib.sha256(blob).hexdigest()


def wants_no_cache(cache_control: str | None) -> bool:
    if not cache_control:
        return False
    directives = {part.strip().lower() for part in cache_control.split(",")}
    return bool(directives & {"no-cache", "no-store"})


class ResponseCache:
    def __init__(self, state: State) -> None:
        self._state = state

    async def get(self, key: str) -> dict[str, Any] | None:
        raw = await self._state.cache_get(key)
        if raw is None:
            return None
        value = orjson.loads(raw)
        return value if isinstance(value, dict) else None

    def put(self, key: str, value: dict[str, Any], ttl_s: float) -> Coroutine[Any, Any, None]:
        """Serialise ``value`` now — the answer as the upstream gave it, before guards redact or restore
        parts of it for this request — and return the write to run off the request's path. A hit is
        guarded again for the request it serves (its own placeholders, its own tool-call decisions)."""
        return self._state.cache_set(key, orjson.dumps(value), ttl_s)
