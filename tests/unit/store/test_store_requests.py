"""RequestLogRepository and MetaRepository on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from quarterdeck.store import RequestRecord, Store

T0 = datetime(2024, 11, 25, 12, 0, tzinfo=UTC)


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


def test_meta_get_and_set(store: Store) -> None:
    assert store.meta.get("install_id") is None
    store.meta.set("install_id", "abc")
    store.meta.set("install_id", "def")
    store.meta.set("other", "x")
    assert store.meta.get("install_id") == "def"
    assert store.meta.get("other") == "x"
