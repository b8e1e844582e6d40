"""Plain records of the registry's tables (what the repositories take and return)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from quarterdeck.store.records import utcnow

__all__ = [
    "Actor",
    "ApprovalRecord",
    "ArtifactKind",
    "ArtifactRecord",
    "AuditRecord",
    "EvalCaseRecord",
    "EvalRunRecord",
    "EvalRunStatus",
    "KillSwitchRecord",
    "LabelRecord",
    "ReleaseRecord",
    "ReleaseState",
    "ToolApprovalRecord",
    "ToolApprovalStatus",
    "VersionRecord",
    "new_id",
]

ArtifactKind = Literal["prompt", "route", "dataset", "guard_policy"]
ReleaseState = Literal["draft", "pending", "canary", "promoted", "rejected", "rolled_back"]
ToolApprovalStatus = Literal["pending", "approved", "denied"]
GENESIS_HASH = "0" * 64


def new_id(prefix: str) -> str:
    return f"{prefix}_{os.urandom(10).hex()}"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who made a change: a key (id, name, role) or the system itself."""

    key_id: str | None
    name: str
    role: str


@dataclass(slots=True, kw_only=True)
class ArtifactRecord:
    id: str
    kind: ArtifactKind
    name: str
    policy: dict[str, Any] | None
    created_at: datetime
    created_by: str


@dataclass(slots=True, kw_only=True)
class VersionRecord:
    id: str
    artifact_id: str
    kind: ArtifactKind
    name: str
    number: int
    digest: str
    content: dict[str, Any]
    created_at: datetime
    created_by: str


@dataclass(slots=True, kw_only=True)
class LabelRecord:
    artifact_id: str
    kind: ArtifactKind
    artifact_name: str
    name: str
    version: int
    canary_version: int | None = None
    canary_weight: float | None = None
    canary_release_id: str | None = None
    updated_at: datetime = field(default_factory=utcnow)
    updated_by: str = ""


@dataclass(slots=True, kw_only=True)
class ApprovalRecord:
    approver: str
    approver_name: str
    role: str
    decision: Literal["approve", "reject"]
    comment: str | None = None
    created_at: datetime = field(default_factory=utcnow)


@dataclass(slots=True, kw_only=True)
class ReleaseRecord:
    id: str
    artifact_id: str
    kind: ArtifactKind
    artifact_name: str
    label: str
    from_version: int | None
    to_version: int
    state: ReleaseState
    policy: dict[str, Any]
    canary_weight: float | None
    eval_runs: list[str]
    author_key_id: str | None
    author: str
    reason: str
    outcome: str | None = None
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    canary_started_at: datetime | None = None
    approvals: list[ApprovalRecord] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class KillSwitchRecord:
    target: str  # "prompt:NAME" or "model:NAME"
    fallback: str | None
    reason: str
    created_by: str
    created_at: datetime = field(default_factory=utcnow)


EvalRunStatus = Literal["running", "completed", "interrupted"]


@dataclass(slots=True, kw_only=True)
class EvalRunRecord:
    suite: str
    target: str
    metrics: dict[str, float]
    created_by: str
    details: dict[str, Any] | None = None
    id: str = field(default_factory=lambda: new_id("run"))
    created_at: datetime = field(default_factory=utcnow)
    status: EvalRunStatus = "completed"
    suite_hash: str | None = None
    dataset_hash: str | None = None
    finished_at: datetime | None = None


@dataclass(slots=True, kw_only=True)
class EvalCaseRecord:
    """One case (one repeat) of a run. ``passed`` None: unmeasured (no assertion could be judged)."""

    case_index: int
    repeat: int
    case_key: str
    variables: dict[str, Any]
    output: str | None
    error: str | None
    passed: bool | None
    score: float | None
    latency_ms: float | None
    cost_usd: float | None
    assertions: list[dict[str, Any]]
    created_at: datetime = field(default_factory=utcnow)


@dataclass(slots=True, kw_only=True)
class AuditRecord:
    seq: int
    id: str
    created_at: datetime
    actor_key_id: str | None
    actor_name: str
    actor_role: str
    action: str
    target: str
    before: Any
    after: Any
    reason: str | None
    links: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(slots=True, kw_only=True)
class ToolApprovalRecord:
    """A tool call held by a tool policy until an approver decides."""

    id: str
    request_id: str
    key_id: str | None
    key_name: str | None
    model: str
    policy: str
    policy_version: int
    tool_call_id: str
    tool_name: str
    arguments: str
    status: ToolApprovalStatus = "pending"
    created_at: datetime = field(default_factory=utcnow)
    decided_at: datetime | None = None
    decided_by: str | None = None
    decided_by_name: str | None = None
    comment: str | None = None
