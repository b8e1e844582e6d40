"""Virtual keys: the ``api_keys`` table."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from quarterdeck.errors import ConflictError
from quarterdeck.store.models import ApiKey
from quarterdeck.store.records import KeyRecord, utcnow

__all__ = ["KeyRepository"]

_FIELDS = tuple(f.name for f in fields(KeyRecord))
# What a config sync may change on an existing row (its id and created_at stay).
_SYNCED_FIELDS = tuple(name for name in _FIELDS if name not in ("id", "created_at", "revoked_at"))


class KeyRepository:
    """Create, find and revoke virtual keys. Each method is one short transaction."""

    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def create(self, record: KeyRecord) -> KeyRecord:
        """Store a new key; ``ConflictError`` if an active key has its name or any key its hash."""
        with self._sessions.begin() as session:
            if _active_named(session, record.name) is not None:
                raise ConflictError(f"an active key named '{record.name}' already exists", param="name")
            if session.scalar(select(ApiKey.id).where(ApiKey.key_hash == record.key_hash)) is not None:
                raise ConflictError("a key with the same secret already exists", param="key")
            row = _to_row(record)
            session.add(row)
            try:
                session.flush()
            except IntegrityError as exc:
                raise ConflictError(f"the key '{record.name}' conflicts with an existing key") from exc
            return _to_record(row)

    def get(self, key_id: str) -> KeyRecord | None:
        with self._sessions() as session:
            row = session.get(ApiKey, key_id)
            return None if row is None else _to_record(row)

    def get_by_hash(self, key_hash: str) -> KeyRecord | None:
        """The key with this hash, revoked or not: the caller decides what a revoked key means."""
        with self._sessions() as session:
            row = session.scalar(select(ApiKey).where(ApiKey.key_hash == key_hash))
            return None if row is None else _to_record(row)

    def revoke(self, key_id: str) -> KeyRecord | None:
        """Revoke a key (a second revoke keeps the first time); None if there is no such key."""
        with self._sessions.begin() as session:
            row = session.get(ApiKey, key_id)
            if row is None:
                return None
            if row.revoked_at is None:
                row.revoked_at = utcnow()
            return _to_record(row)

    def update(self, key_id: str, changes: dict[str, Any]) -> KeyRecord | None:
        """Change a key's team, models, limits or budget; None if there is no such key."""
        allowed = {"team", "models", "rpm", "tpm", "budget_usd", "budget_period"}
        unknown = set(changes) - allowed
        if unknown:
            raise ValueError(f"cannot change {', '.join(sorted(unknown))} of a key")
        with self._sessions.begin() as session:
            row = session.get(ApiKey, key_id)
            if row is None:
                return None
            for name, value in changes.items():
                setattr(row, name, builtins.list(value) if name == "models" and value is not None else value)
            session.flush()
            return _to_record(row)

    def count_admin(self) -> int:
        """How many active admin keys there are."""
        with self._sessions() as session:
            query = select(func.count()).where(ApiKey.role == "admin", ApiKey.revoked_at.is_(None))
            return session.scalar(query.select_from(ApiKey)) or 0

    def sync_config_keys(self, records: Sequence[KeyRecord]) -> None:
        """Make the ``source="config"`` keys match the config file's ``keys``, in one transaction.

        A stored config key with the same hash is the same key (it may have been renamed); else an
        active config key with the same name is updated (its secret was rotated); else a key is
        added. Active config keys matching no record are revoked. A name or secret already used by
        a key from another source is a ``ConflictError``.
        """
        _check_config_records(records)
        with self._sessions.begin() as session:
            rows = session.scalars(select(ApiKey)).all()
            config_rows = [row for row in rows if row.source == "config"]
            _check_other_sources(records, [row for row in rows if row.source != "config"])

            assigned: dict[str, ApiKey] = {}
            by_hash = {row.key_hash: row for row in config_rows}
            for record in records:
                if record.key_hash in by_hash:
                    assigned[record.name] = by_hash[record.key_hash]
            taken = {row.id for row in assigned.values()}
            active_by_name = {row.name: row for row in config_rows if row.revoked_at is None and row.id not in taken}
            for record in records:
                if record.name not in assigned and record.name in active_by_name:
                    assigned[record.name] = active_by_name[record.name]
                    taken.add(active_by_name[record.name].id)

            now = utcnow()
            for row in config_rows:
                if row.id not in taken and row.revoked_at is None:
                    row.revoked_at = now
            for record in records:
                existing = assigned.get(record.name)
                if existing is None:
                    session.add(_to_row(record))
                    continue
                for name in _SYNCED_FIELDS:
                    setattr(existing, name, getattr(record, name))
                existing.revoked_at = None

    def list(self, include_revoked: bool = False) -> builtins.list[KeyRecord]:
        """Keys in the order they were created; revoked ones only when asked for."""
        with self._sessions() as session:
            query = select(ApiKey).order_by(ApiKey.created_at, ApiKey.id)
            if not include_revoked:
                query = query.where(ApiKey.revoked_at.is_(None))
            return [_to_record(row) for row in session.scalars(query)]


def _active_named(session: Session, name: str) -> ApiKey | None:
    query = select(ApiKey).where(ApiKey.name == name, ApiKey.revoked_at.is_(None))
    return session.scalars(query).first()


def _check_config_records(records: Sequence[KeyRecord]) -> None:
    names: set[str] = set()
    hashes: set[str] = set()
    for record in records:
        if record.source != "config":
            raise ValueError(f"sync_config_keys takes config keys only (key '{record.name}')")
        if record.name in names:
            raise ConflictError(f"config keys: the name '{record.name}' is used twice")
        if record.key_hash in hashes:
            raise ConflictError(f"config keys: the key of '{record.name}' is also used by another key")
        names.add(record.name)
        hashes.add(record.key_hash)


def _check_other_sources(records: Sequence[KeyRecord], others: Sequence[ApiKey]) -> None:
    by_hash = {row.key_hash: row for row in others}
    active_names = {row.name: row for row in others if row.revoked_at is None}
    for record in records:
        holder = by_hash.get(record.key_hash)
        if holder is not None:
            raise ConflictError(
                f"config key '{record.name}': its key is already used by the {holder.source} key '{holder.name}'"
            )
        holder = active_names.get(record.name)
        if holder is not None:
            raise ConflictError(f"config key '{record.name}': an active {holder.source} key already has that name")


def _to_row(record: KeyRecord) -> ApiKey:
    values: dict[str, Any] = {name: getattr(record, name) for name in _FIELDS}
    if values["models"] is not None:
        values["models"] = builtins.list(values["models"])
    return ApiKey(**values)


def _to_record(row: ApiKey) -> KeyRecord:
    values: dict[str, Any] = {name: getattr(row, name) for name in _FIELDS}
    if values["models"] is not None:
        values["models"] = builtins.list(values["models"])
    return KeyRecord(**values)
