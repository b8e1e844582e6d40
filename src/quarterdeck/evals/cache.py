"""The eval cache: a case's result under a key of target + input + assertion config + repeat index, so a
rerun of an unchanged suite costs nothing and ``--repeat K`` still gives K independent samples."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import orjson

__all__ = ["EvalCache"]


class EvalCache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS cases (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        self._lock = threading.Lock()
        self.hits = 0

    def get(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM cases WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        self.hits += 1
        value: dict[str, Any] = orjson.loads(row[0])
        return value

    def put(self, key: str, value: dict[str, Any]) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO cases (key, value) VALUES (?, ?)", (key, orjson.dumps(value)))

    def close(self) -> None:
        with self._lock:
            self._db.close()
