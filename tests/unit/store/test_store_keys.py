"""KeyRepository on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC
from typing import Any

import pytest

from quarterdeck.errors import ConflictError
from quarterdeck.store import KeyRecord, Store, hash_api_key


def make_key(name: str, secret: str | None = None, **fields: Any) -> KeyRecord:
    secret = secret or f"sk-qd-{name}-secret"
    return KeyRecord(name=name, key_hash=hash_api_key(secret), key_prefix=secret[:12], **fields)


def config_key(name: str, secret: str, **fields: Any) -> KeyRecord:
    return make_key(name, secret, source="config", **fields)


def test_create_and_get_round_trip(store: Store) -> None:
    record = make_key(
        "ci",
        team="platform",
        models=["gpt-4o", "claude"],
        rpm=60,
        tpm=10_000,
        budget_usd=12.5,
        budget_period="monthly",
    )
    created = store.keys.create(record)
    assert created == record
    fetched = store.keys.get(record.id)
    assert fetched == record
    assert fetched is not None
    assert fetched.created_at.tzinfo is UTC
    assert fetched.revoked_at is None
    assert store.keys.get("no-such-id") is None


def test_get_by_hash(store: Store) -> None:
    record = store.keys.create(make_key("app", "sk-qd-app-key-1"))
    assert store.keys.get_by_hash(hash_api_key("sk-qd-app-key-1")) == record
    assert store.keys.get_by_hash(hash_api_key("sk-qd-other")) is None


def test_nullable_fields_stay_null(store: Store) -> None:
    record = store.keys.create(make_key("bare"))
    fetched = store.keys.get(record.id)
    assert fetched is not None
    assert (fetched.models, fetched.team, fetched.rpm, fetched.budget_period) == (None, None, None, None)


def test_active_name_conflicts(store: Store) -> None:
    store.keys.create(make_key("dup", "sk-qd-first-one"))
    with pytest.raises(ConflictError, match="dup"):
        store.keys.create(make_key("dup", "sk-qd-second-one"))
    assert len(store.keys.list()) == 1


def test_same_secret_conflicts(store: Store) -> None:
    store.keys.create(make_key("one", "sk-qd-shared-secret"))
    with pytest.raises(ConflictError):
        store.keys.create(make_key("two", "sk-qd-shared-secret"))


def test_name_is_free_again_after_revoke(store: Store) -> None:
    first = store.keys.create(make_key("rotating", "sk-qd-rotate-1"))
    store.keys.revoke(first.id)
    second = store.keys.create(make_key("rotating", "sk-qd-rotate-2"))
    assert [k.id for k in store.keys.list()] == [second.id]


def test_revoke_is_idempotent_and_get_by_hash_still_finds_it(store: Store) -> None:
    record = store.keys.create(make_key("gone", "sk-qd-gone-key"))
    revoked = store.keys.revoke(record.id)
    assert revoked is not None
    assert revoked.revoked
    assert revoked.revoked_at is not None
    assert revoked.revoked_at.tzinfo is UTC
    again = store.keys.revoke(record.id)
    assert again is not None
    assert again.revoked_at == revoked.revoked_at
    found = store.keys.get_by_hash(hash_api_key("sk-qd-gone-key"))
    assert found is not None
    assert found.revoked_at == revoked.revoked_at
    assert store.keys.revoke("no-such-id") is None


def test_list_orders_by_creation_and_hides_revoked(store: Store) -> None:
    names = ["c", "a", "b"]
    created = [store.keys.create(make_key(name)) for name in names]
    store.keys.revoke(created[1].id)
    assert [k.name for k in store.keys.list()] == ["c", "b"]
    assert [k.name for k in store.keys.list(include_revoked=True)] == ["c", "a", "b"]


def test_count_admin(store: Store) -> None:
    assert store.keys.count_admin() == 0
    admin = store.keys.create(make_key("root", role="admin", source="bootstrap"))
    store.keys.create(make_key("app"))
    assert store.keys.count_admin() == 1
    store.keys.revoke(admin.id)
    assert store.keys.count_admin() == 0


def test_record_validates_its_choices() -> None:
    with pytest.raises(ValueError, match="role"):
        make_key("x", role="owner")
    with pytest.raises(ValueError, match="budget_period"):
        make_key("x", budget_period="hourly")
    with pytest.raises(ValueError, match="key_hash"):
        KeyRecord(name="x", key_hash="abc", key_prefix="sk")


class TestSyncConfigKeys:
    def test_adds_config_keys(self, store: Store) -> None:
        store.keys.sync_config_keys([config_key("a", "sk-qd-aaaa"), config_key("b", "sk-qd-bbbb", rpm=5)])
        keys = {k.name: k for k in store.keys.list()}
        assert set(keys) == {"a", "b"}
        assert keys["b"].rpm == 5
        assert keys["a"].source == "config"

    def test_second_sync_updates_in_place(self, store: Store) -> None:
        store.keys.sync_config_keys([config_key("a", "sk-qd-aaaa")])
        before = store.keys.list()[0]
        store.keys.sync_config_keys([config_key("a", "sk-qd-aaaa", team="t", models=["m"], budget_usd=3.0)])
        after = store.keys.list(include_revoked=True)
        assert len(after) == 1
        assert after[0].id == before.id
        assert after[0].created_at == before.created_at
        assert (after[0].team, after[0].models, after[0].budget_usd) == ("t", ["m"], 3.0)

    def test_rotated_secret_updates_the_hash(self, store: Store) -> None:
        store.keys.sync_config_keys([config_key("a", "sk-qd-old-secret")])
        key_id = store.keys.list()[0].id
        store.keys.sync_config_keys([config_key("a", "sk-qd-new-secret")])
        assert store.keys.get_by_hash(hash_api_key("sk-qd-old-secret")) is None
        rotated = store.keys.get_by_hash(hash_api_key("sk-qd-new-secret"))
        assert rotated is not None
        assert rotated.id == key_id
        assert rotated.key_prefix == "sk-qd-new-se"

    def test_removed_keys_are_revoked_and_come_back(self, store: Store) -> None:
        store.keys.sync_config_keys([config_key("a", "sk-qd-aaaa"), config_key("b", "sk-qd-bbbb")])
        store.keys.sync_config_keys([config_key("a", "sk-qd-aaaa")])
        assert [k.name for k in store.keys.list()] == ["a"]
        gone = store.keys.get_by_hash(hash_api_key("sk-qd-bbbb"))
        assert gone is not None
        assert gone.revoked
        store.keys.sync_config_keys([config_key("a", "sk-qd-aaaa"), config_key("b", "sk-qd-bbbb")])
        back = store.keys.get_by_hash(hash_api_key("sk-qd-bbbb"))
        assert back is not None
        assert back.id == gone.id
        assert not back.revoked

    def test_renamed_key_keeps_its_id(self, store: Store) -> None:
        store.keys.sync_config_keys([config_key("old", "sk-qd-same")])
        key_id = store.keys.list()[0].id
        store.keys.sync_config_keys([config_key("new", "sk-qd-same")])
        assert [(k.name, k.id) for k in store.keys.list(include_revoked=True)] == [("new", key_id)]

    def test_swapped_secrets(self, store: Store) -> None:
        store.keys.sync_config_keys([config_key("a", "sk-qd-1111"), config_key("b", "sk-qd-2222")])
        store.keys.sync_config_keys([config_key("a", "sk-qd-2222"), config_key("b", "sk-qd-1111")])
        a = store.keys.get_by_hash(hash_api_key("sk-qd-2222"))
        b = store.keys.get_by_hash(hash_api_key("sk-qd-1111"))
        assert a is not None
        assert b is not None
        assert (a.name, b.name) == ("a", "b")
        assert len(store.keys.list()) == 2

    def test_leaves_other_sources_alone(self, store: Store) -> None:
        api_key = store.keys.create(make_key("from-api", "sk-qd-api-key"))
        store.keys.sync_config_keys([config_key("a", "sk-qd-aaaa")])
        store.keys.sync_config_keys([])
        assert [k.id for k in store.keys.list()] == [api_key.id]

    def test_name_of_an_active_api_key_conflicts(self, store: Store) -> None:
        store.keys.create(make_key("taken", "sk-qd-api-key"))
        with pytest.raises(ConflictError, match="taken"):
            store.keys.sync_config_keys([config_key("taken", "sk-qd-cfg-key")])

    def test_secret_of_an_api_key_conflicts(self, store: Store) -> None:
        store.keys.create(make_key("api", "sk-qd-shared"))
        with pytest.raises(ConflictError, match="api"):
            store.keys.sync_config_keys([config_key("cfg", "sk-qd-shared")])

    def test_conflict_changes_nothing(self, store: Store) -> None:
        store.keys.sync_config_keys([config_key("a", "sk-qd-aaaa")])
        store.keys.create(make_key("api", "sk-qd-api-key"))
        with pytest.raises(ConflictError):
            store.keys.sync_config_keys([config_key("a", "sk-qd-changed"), config_key("api", "sk-qd-x")])
        assert store.keys.get_by_hash(hash_api_key("sk-qd-aaaa")) is not None

    def test_duplicate_secrets_in_config_conflict(self, store: Store) -> None:
        with pytest.raises(ConflictError):
            store.keys.sync_config_keys([config_key("a", "sk-qd-same"), config_key("b", "sk-qd-same")])

    def test_takes_config_keys_only(self, store: Store) -> None:
        with pytest.raises(ValueError, match="config keys only"):
            store.keys.sync_config_keys([make_key("a")])
