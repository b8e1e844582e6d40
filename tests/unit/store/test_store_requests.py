"""RequestLogRepository and MetaRepository on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import threading
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from quarterdeck.store import RequestRecord, Store

T0 = datetime(2024, 11, 25, 12, 0, tzinfo=UTC)


def _params(record: RequestRecord) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


def make_request(n: int, **fields: Any) -> RequestRecord:
    fields.setdefault("created_at", T0 + timedelta(seconds=n))
    return RequestRecord(
        id=f"req-{n:05d}", endpoint="chat.completions", public_model="gpt-4o", status_code=200, **fields
    )


def test_full_row_round_trips(store: Store) -> None:
    record = make_request(
        1,
        key_id="k1",
        key_name="ci",
        team="platform",
        feature="search",
        user_id="u1",
        session_id="s1",
        deployment="openai/gpt-4o-2024-08-06",
        prompt_version="v3",
        stream=True,
        input_tokens=120,
        output_tokens=45,
        cost_usd=0.00123,
        latency_ms=812.5,
        ttft_ms=120.25,
        upstream_ms=790.0,
        error_class="upstream_error",
        error_message="HTTP 500: boom",
        cache_hit=True,
        fallback_hops=1,
        attempts=[{"deployment": "openai/gpt-4o", "error": "HTTP 500: boom", "status": 500}],
        guard_verdicts={"pii": "pass"},
    )
    store.requests.insert_many([record])
    assert store.requests.get("req-00001") == record
    assert store.requests.get("missing") is None


def test_defaults_round_trip(store: Store) -> None:
    record = RequestRecord(id="r", endpoint="embeddings", public_model="embed", status_code=200)
    assert record.created_at.tzinfo is UTC
    store.requests.insert_many([record])
    fetched = store.requests.get("r")
    assert fetched == record
    assert fetched is not None
    assert (fetched.attempts, fetched.guard_verdicts, fetched.cache_hit) == ([], None, False)


def test_created_at_is_stored_in_utc(store: Store) -> None:
    local = datetime(2024, 11, 25, 14, 0, tzinfo=timezone(timedelta(hours=2)))
    store.requests.insert_many([make_request(1, created_at=local)])
    fetched = store.requests.get("req-00001")
    assert fetched is not None
    assert fetched.created_at == datetime(2024, 11, 25, 12, 0, tzinfo=UTC)
    assert fetched.created_at.tzinfo is UTC


def test_insert_many_recent_and_count(store: Store) -> None:
    store.requests.insert_many([make_request(n, key_id="a" if n % 2 else "b") for n in range(50)])
    assert store.requests.count() == 50
    assert [r.id for r in store.requests.recent(limit=3)] == ["req-00049", "req-00048", "req-00047"]
    assert len(store.requests.recent()) == 20
    assert [r.id for r in store.requests.recent(limit=2, key_id="b")] == ["req-00048", "req-00046"]
    assert store.requests.recent(key_id="nobody") == []


def test_insert_many_of_nothing(store: Store) -> None:
    store.requests.insert_many([])
    assert store.requests.count() == 0


def test_a_row_written_twice_is_kept_once(store: Store) -> None:
    store.requests.insert_many([make_request(1), make_request(2)])
    store.requests.insert_many([make_request(2), make_request(3)])
    assert store.requests.count() == 3


def test_a_batch_longer_than_one_statement_is_written_whole(store: Store) -> None:
    from quarterdeck.store.request_log import SQLITE_ROWS_PER_STATEMENT

    size = 2 * SQLITE_ROWS_PER_STATEMENT + 50  # three INSERTs
    store.requests.insert_many([make_request(n, cost_usd=n / 1000) for n in range(size)])
    store.requests.insert_many([make_request(n) for n in range(size - 10, size + 10)])  # 10 already there
    assert store.requests.count() == size + 10
    assert store.requests.spend() == pytest.approx(sum(n / 1000 for n in range(size)))


def test_bulk_rows_are_stored_as_the_orm_stores_them(store: Store) -> None:
    """The bulk path converts values with the dialect's own processors: a whole-second timestamp is stored
    in the same text form as one written through the ORM (SQLite keeps datetimes as text and sorts them so)."""
    from sqlalchemy import insert, text

    from quarterdeck.store.models import RequestLog

    whole = T0.replace(microsecond=0)
    store.requests.insert_many([make_request(1, created_at=whole), make_request(2, created_at=whole)])
    with store.engine.begin() as connection:
        connection.execute(insert(RequestLog).values(**_params(make_request(3, created_at=whole))))
        stored = connection.execute(text("SELECT id, CAST(created_at AS TEXT) FROM request_log ORDER BY id")).all()
    assert len({value for _, value in stored}) == 1, stored
    assert [r.created_at for r in store.requests.recent()] == [whole] * 3


def test_sqlite_writes_keep_up_while_another_thread_keeps_the_interpreter_busy(tmp_path: Path) -> None:
    """The request-log writer runs in a thread beside a busy event loop: a row must not wait for the GIL
    (executemany took ~200x longer per row with a busy thread than without; one statement a batch ~6x)."""

    def seconds_per_batch(store: Store, start: int) -> float:
        began = time.perf_counter()
        for batch in range(5):
            first = start + batch * 200
            store.requests.insert_many([make_request(n) for n in range(first, first + 200)])
        return time.perf_counter() - began

    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            sum(range(100))

    with Store(f"sqlite:///{tmp_path / 'q.db'}") as store:
        store.migrate()
        seconds_per_batch(store, 0)  # warm: statements prepared, pages allocated
        quiet = seconds_per_batch(store, 1000)
        spinner = threading.Thread(target=spin)
        spinner.start()
        try:
            busy = seconds_per_batch(store, 2000)
        finally:
            stop.set()
            spinner.join()
        assert store.requests.count() == 3000
    assert busy < 40 * quiet, (busy, quiet)


def test_meta_get_and_set(store: Store) -> None:
    assert store.meta.get("install_id") is None
    store.meta.set("install_id", "abc")
    store.meta.set("install_id", "def")
    store.meta.set("other", "x")
    assert store.meta.get("install_id") == "def"
    assert store.meta.get("other") == "x"
