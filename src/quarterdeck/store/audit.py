"""The audit log: append-only and hash-chained.

Each event's ``hash`` is the sha256 of the canonical JSON (sorted keys, no spaces) of all its other
fields, ``prev_hash`` included, so changing, removing or reordering any stored event breaks the chain
from that event on. ``registry_head`` keeps the newest event's number and hash, so cutting events off
the end is detected too. Appends happen inside the registry's serialised transaction (see
``RegistryTx.audit``); ``verify`` recomputes the whole chain.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from quarterdeck.store.records import utcnow
from quarterdeck.store.registry_models import AuditEvent, RegistryHead
from quarterdeck.store.registry_records import GENESIS_HASH, Actor, AuditRecord, new_id

__all__ = ["AuditRepository", "AuditVerification", "append_event", "event_hash"]

_FIELDS = ("seq", "id", "created_at", "actor_key_id", "actor_name", "actor_role", "action", "target", "before",
           "after", "reason", "links", "prev_hash", "hash")


def _canonical_time(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def event_hash(fields: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of an event's fields other than ``hash``."""
    payload = {k: v for k, v in fields.items() if k != "hash"}
    payload["created_at"] = _canonical_time(payload["created_at"])
    return hashlib.sha256(orjson.dumps(payload, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _to_record(row: AuditEvent) -> AuditRecord:
    return AuditRecord(**{name: getattr(row, name) for name in _FIELDS})


def append_event(
    session: Session,
    head: RegistryHead,
    actor: Actor,
    action: str,
    target: str,
    *,
    before: Any = None,
    after: Any = None,
    reason: str | None = None,
    links: dict[str, Any] | None = None,
) -> AuditRecord:
    """Append one event after ``head`` (already locked by the caller's transaction) and advance it."""
    # A JSON round trip now makes the hashed values exactly what the database will give back.
    fields: dict[str, Any] = {
        "seq": head.audit_seq + 1,
        "id": new_id("evt"),
        "created_at": utcnow(),
        "actor_key_id": actor.key_id,
        "actor_name": actor.name,
        "actor_role": actor.role,
        "action": action,
        "target": target,
        "before": orjson.loads(orjson.dumps(before)),
        "after": orjson.loads(orjson.dumps(after)),
        "reason": reason,
        "links": orjson.loads(orjson.dumps(links or {})),
        "prev_hash": head.audit_hash,
    }
    fields["hash"] = event_hash(fields)
    row = AuditEvent(**fields)
    session.add(row)
    head.audit_seq = fields["seq"]
    head.audit_hash = fields["hash"]
    session.flush()
    return _to_record(row)


@dataclass(frozen=True, slots=True)
class AuditVerification:
    ok: bool
    checked: int
    head_seq: int
    broken_seq: int | None = None
    problem: str | None = None


class AuditRepository:
    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def list(
        self, *, target: str | None = None, action: str | None = None, after_seq: int = 0, limit: int = 100
    ) -> list[AuditRecord]:
        query = select(AuditEvent).where(AuditEvent.seq > after_seq).order_by(AuditEvent.seq).limit(limit)
        if target is not None:
            query = query.where(AuditEvent.target == target)
        if action is not None:
            query = query.where(AuditEvent.action == action)
        with self._sessions() as session:
            return [_to_record(row) for row in session.scalars(query)]

    def get(self, event_id: str) -> AuditRecord | None:
        with self._sessions() as session:
            row = session.scalars(select(AuditEvent).where(AuditEvent.id == event_id)).first()
            return None if row is None else _to_record(row)

    def verify(self) -> AuditVerification:
        """Recompute the chain; report the first event where it breaks."""
        with self._sessions() as session:
            head = session.get(RegistryHead, 1)
            rows = session.scalars(select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=500))
            try:
                return _verify_chain(rows, head)
            finally:
                rows.close()  # a server-side cursor on PostgreSQL: close it even when we stop early


def _verify_chain(rows: Iterable[AuditEvent], head: RegistryHead | None) -> AuditVerification:
    head_seq = head.audit_seq if head is not None else 0
    previous = GENESIS_HASH
    expected_seq = 1
    checked = 0
    for row in rows:
        record = _to_record(row)
        if record.seq != expected_seq:
            return AuditVerification(False, checked, head_seq, expected_seq,
                                     f"event {expected_seq} is missing (the next stored event is {record.seq})")
        if record.prev_hash != previous:
            return AuditVerification(False, checked, head_seq, record.seq,
                                     f"event {record.seq} does not link to event {record.seq - 1} "
                                     "(prev_hash differs: an earlier event was changed or removed)")
        fields = {name: getattr(record, name) for name in _FIELDS}
        if event_hash(fields) != record.hash:
            return AuditVerification(False, checked, head_seq, record.seq,
                                     f"event {record.seq} ({record.action} on {record.target}) was altered: "
                                     "its content does not match its hash")
        previous = record.hash
        expected_seq += 1
        checked += 1
    if head is not None and (head.audit_seq != checked or head.audit_hash != previous):
        return AuditVerification(False, checked, head_seq, checked + 1,
                                 f"the chain ends at event {checked} but the head records event "
                                 f"{head.audit_seq}: events were removed from the end or the head was altered")
    return AuditVerification(True, checked, head_seq)
