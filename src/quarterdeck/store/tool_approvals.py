"""Tool calls held for approval, and the audit trail of every tool-call decision.

Holding calls and deciding them are registry transactions of their own kind: they take the
``registry_head`` lock (so the audit chain stays one chain) but do not bump the epoch, because
nothing the gateways serve changes — a busy agent's tool calls must not make every replica reload
its registry view.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session, sessionmaker

from quarterdeck.errors import ConflictError, NotFoundError, SelfApprovalError
from quarterdeck.store.audit import append_event
from quarterdeck.store.records import utcnow
from quarterdeck.store.registry_models import RegistryHead, ToolApproval
from quarterdeck.store.registry_records import Actor, ToolApprovalRecord, ToolApprovalStatus

__all__ = ["ToolApprovalRepository", "ToolAuditEvent"]

_FIELDS = tuple(f.name for f in fields(ToolApprovalRecord))


@dataclass(frozen=True, slots=True)
class ToolAuditEvent:
    """One tool-call decision for the audit log (``action`` like ``tool_call.deny``)."""

    actor: Actor
    action: str
    target: str
    after: dict[str, Any]
    links: dict[str, Any]
    reason: str | None = None


def _same_key(actor: Actor, row: ToolApproval) -> bool:
    if actor.key_id is not None or row.key_id is not None:
        return actor.key_id == row.key_id
    return actor.name == row.key_name  # the config's admin key has no id: compare names


def _record(row: ToolApproval) -> ToolApprovalRecord:
    return ToolApprovalRecord(**{name: getattr(row, name) for name in _FIELDS})


class ToolApprovalRepository:
    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def _chained(self) -> Iterator[tuple[Session, RegistryHead]]:
        """A transaction holding the audit chain's lock, without moving the registry epoch."""
        with self._sessions.begin() as session:
            session.execute(update(RegistryHead).where(RegistryHead.id == 1).values(epoch=RegistryHead.epoch))
            head = session.get(RegistryHead, 1, populate_existing=True)
            if head is None:
                raise RuntimeError("registry_head is missing: run the migrations")
            yield session, head

    def record(self, held: Sequence[ToolApprovalRecord], events: Sequence[ToolAuditEvent]) -> None:
        """Store held calls and append the decisions' audit events, in one transaction."""
        if not held and not events:
            return
        with self._chained() as (session, head):
            for record in held:
                session.add(ToolApproval(**{name: getattr(record, name) for name in _FIELDS}))
            for event in events:
                append_event(session, head, event.actor, event.action, event.target, after=event.after,
                             links=event.links, reason=event.reason)

    def get(self, approval_id: str) -> ToolApprovalRecord:
        with self._sessions() as session:
            row = session.get(ToolApproval, approval_id)
            if row is None:
                raise NotFoundError(f"No tool approval '{approval_id}'.", param="id")
            return _record(row)

    def list(self, status: ToolApprovalStatus | None = None, limit: int = 100) -> builtins.list[ToolApprovalRecord]:
        query = select(ToolApproval).order_by(ToolApproval.created_at.desc()).limit(limit)
        if status is not None:
            query = query.where(ToolApproval.status == status)
        with self._sessions() as session:
            return [_record(row) for row in session.scalars(query)]

    def decide(self, approval_id: str, actor: Actor, status: ToolApprovalStatus,
               comment: str | None) -> ToolApprovalRecord:
        """Approve or deny a pending call (once, never by the key that made the request); the decision is
        audit-logged in the same transaction."""
        with self._chained() as (session, head):
            row = session.get(ToolApproval, approval_id, populate_existing=True)
            if row is None:
                raise NotFoundError(f"No tool approval '{approval_id}'.", param="id")
            if _same_key(actor, row):
                raise SelfApprovalError(f"'{actor.name}' made the request that holds this tool call and cannot "
                                        "decide it.")
            if row.status != "pending":
                raise ConflictError(f"The tool call '{approval_id}' was already {row.status} by "
                                    f"'{row.decided_by_name}'.")
            row.status = status
            row.decided_at = utcnow()
            row.decided_by = actor.key_id
            row.decided_by_name = actor.name
            row.comment = comment
            append_event(session, head, actor, f"tool_approval.{'approve' if status == 'approved' else 'deny'}",
                         f"tool:{row.tool_name}", before={"status": "pending"}, after={"status": status},
                         reason=comment, links={"request_id": row.request_id, "approval_id": row.id,
                                                "policy": row.policy, "policy_version": row.policy_version})
            return _record(row)
