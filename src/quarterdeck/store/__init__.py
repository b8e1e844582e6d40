"""Persistence in SQLite or PostgreSQL: virtual keys, teams, the request log, the registry and its
audit log, install facts.

The layer below the gateway: it may use ``quarterdeck.config`` and ``quarterdeck.errors`` only.
Repositories take and return the plain records of ``quarterdeck.store.records``; ORM objects and
sessions never leave this package.
"""

from quarterdeck.store.audit import AuditRepository, AuditVerification
from quarterdeck.store.engine import create_store_engine, display_url, normalize_url
from quarterdeck.store.evals import EvalCaseRepository
from quarterdeck.store.facade import Store
from quarterdeck.store.keys import KeyRepository
from quarterdeck.store.log_writer import RequestLogSink, RequestLogWriter
from quarterdeck.store.meta import MetaRepository
from quarterdeck.store.migrate import current_revision, head_revision, run_migrations
from quarterdeck.store.records import (
    KEY_PREFIX_LENGTH,
    AttemptLog,
    BudgetPeriod,
    Endpoint,
    KeyRecord,
    KeyRole,
    KeySource,
    RequestRecord,
    TeamRecord,
    hash_api_key,
    new_key_id,
    utcnow,
)
from quarterdeck.store.registry import RegistryReads, RegistryRepository, RegistryTx
from quarterdeck.store.registry_records import (
    Actor,
    ApprovalRecord,
    ArtifactKind,
    ArtifactRecord,
    AuditRecord,
    EvalCaseRecord,
    EvalRunRecord,
    EvalRunStatus,
    KillSwitchRecord,
    LabelRecord,
    ReleaseRecord,
    ReleaseState,
    ToolApprovalRecord,
    ToolApprovalStatus,
    VersionRecord,
    new_id,
)
from quarterdeck.store.request_log import RequestLogRepository
from quarterdeck.store.teams import TeamRepository
from quarterdeck.store.tool_approvals import ToolApprovalRepository, ToolAuditEvent

__all__ = [
    "KEY_PREFIX_LENGTH",
    "Actor",
    "ApprovalRecord",
    "ArtifactKind",
    "ArtifactRecord",
    "AttemptLog",
    "AuditRecord",
    "AuditRepository",
    "AuditVerification",
    "BudgetPeriod",
    "Endpoint",
    "EvalCaseRecord",
    "EvalCaseRepository",
    "EvalRunRecord",
    "EvalRunStatus",
    "KeyRecord",
    "KeyRepository",
    "KeyRole",
    "KeySource",
    "KillSwitchRecord",
    "LabelRecord",
    "MetaRepository",
    "RegistryReads",
    "RegistryRepository",
    "RegistryTx",
    "ReleaseRecord",
    "ReleaseState",
    "RequestLogRepository",
    "RequestLogSink",
    "RequestLogWriter",
    "RequestRecord",
    "Store",
    "TeamRecord",
    "TeamRepository",
    "ToolApprovalRecord",
    "ToolApprovalRepository",
    "ToolApprovalStatus",
    "ToolAuditEvent",
    "VersionRecord",
    "create_store_engine",
    "current_revision",
    "display_url",
    "hash_api_key",
    "head_revision",
    "new_id",
    "new_key_id",
    "normalize_url",
    "run_migrations",
    "utcnow",
]
