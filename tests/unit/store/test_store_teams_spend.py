"""Teams, key updates and spend sums, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from quarterdeck.store import KeyRecord, RequestRecord, Store, TeamRecord, hash_api_key


def test_team_upsert_get_list(store: Store) -> None:
    assert store.teams.get("web") is None
    store.teams.upsert(TeamRecord(name="web", rpm=10, budget_usd=5.0, budget_period="daily", source="config"))
    store.teams.upsert(TeamRecord(name="ml", tpm=1000))
    updated = store.teams.upsert(TeamRecord(name="web", rpm=20))
    assert updated.rpm == 20 and updated.budget_usd is None
    assert [t.name for t in store.teams.list()] == ["ml", "web"]
    got = store.teams.get("web")
    assert got is not None and got.rpm == 20


def test_key_update_limits(store: Store) -> None:
    key = store.keys.create(KeyRecord(name="k", key_hash=hash_api_key("secret-k"), key_prefix="qd-k"))
    changed = store.keys.update(key.id, {"rpm": 5, "budget_usd": 1.5, "budget_period": "monthly", "models": ["m"]})
    assert changed is not None and (changed.rpm, changed.budget_usd, changed.models) == (5, 1.5, ["m"])
    assert store.keys.update("nope", {"rpm": 1}) is None
    with pytest.raises(ValueError, match="key_hash"):
        store.keys.update(key.id, {"key_hash": "x"})


def test_spend_sums_by_key_team_and_time(store: Store) -> None:
    now = datetime.now(UTC)
    rows = [
        RequestRecord(id="r1", endpoint="chat.completions", public_model="m", status_code=200, key_id="a",
                      team="t", cost_usd=0.25, created_at=now),
        RequestRecord(id="r2", endpoint="chat.completions", public_model="m", status_code=200, key_id="a",
                      team="t", cost_usd=0.5, created_at=now - timedelta(days=2)),
        RequestRecord(id="r3", endpoint="chat.completions", public_model="m", status_code=200, key_id="b",
                      team="t", cost_usd=1.0, created_at=now),
    ]
    store.requests.insert_many(rows)
    assert store.requests.spend(key_id="a") == pytest.approx(0.75)
    assert store.requests.spend(key_id="a", since=now - timedelta(days=1)) == pytest.approx(0.25)
    assert store.requests.spend(team="t") == pytest.approx(1.75)
    assert store.requests.spend(key_id="nobody") == 0.0
