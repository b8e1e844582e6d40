"""The response cache: bytes under a key for ``ttl_s`` seconds.

The in-process cache is an LRU bounded by entries and bytes (whichever is reached first). The Redis
backend stores each value behind an 8-byte big-endian expiry (epoch ms) and also sets ``PX``, so an
entry expires at the same instant on both backends, including under an injected ``now``; bounding
Redis' memory is the server's ``maxmemory``/``maxmemory-policy`` business.
"""

from __future__ import annotations

import struct
from collections import OrderedDict

__all__ = ["DEFAULT_CACHE_MAX_BYTES", "DEFAULT_CACHE_MAX_ENTRIES", "LruCache", "pack_entry", "unpack_entry"]

DEFAULT_CACHE_MAX_ENTRIES = 10_000
DEFAULT_CACHE_MAX_BYTES = 256 * 1024 * 1024

_HEADER = struct.Struct(">q")


def pack_entry(value: bytes, expires_ms: int) -> bytes:
    return _HEADER.pack(expires_ms) + value


def unpack_entry(stored: bytes, now_ms: int) -> bytes | None:
    """The value, or None when it has expired or is not one of ours."""
    if len(stored) < _HEADER.size:
        return None
    (expires_ms,) = _HEADER.unpack_from(stored)
    return stored[_HEADER.size :] if expires_ms > now_ms else None


class LruCache:
    """Least-recently-used entries go first once ``max_entries`` or ``max_bytes`` is exceeded."""

    def __init__(
        self, *, max_entries: int = DEFAULT_CACHE_MAX_ENTRIES, max_bytes: int = DEFAULT_CACHE_MAX_BYTES
    ) -> None:
        if max_entries < 1 or max_bytes < 1:
            raise ValueError("cache bounds must be >= 1")
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, tuple[int, bytes]] = OrderedDict()  # key -> (expires_ms, value)
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size_bytes(self) -> int:
        """Bytes held: keys (UTF-8) plus values."""
        return self._bytes

    def get(self, key: str, now_ms: int) -> bytes | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry[0] <= now_ms:
            self._drop(key)
            return None
        self._entries.move_to_end(key)
        return entry[1]

    def set(self, key: str, value: bytes, ttl_ms: int, now_ms: int) -> None:
        self._drop(key)
        if ttl_ms <= 0 or _cost(key, value) > self.max_bytes:
            return
        self._entries[key] = (now_ms + ttl_ms, value)
        self._bytes += _cost(key, value)
        while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
            self._drop(next(iter(self._entries)))

    def _drop(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= _cost(key, entry[1])


def _cost(key: str, value: bytes) -> int:
    return len(key.encode()) + len(value)
