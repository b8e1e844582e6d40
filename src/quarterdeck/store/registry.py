"""The registry's repository: reads, and one serialised transaction for every change.

``transaction()`` starts by updating the single ``registry_head`` row. That write takes the
database's write lock (SQLite) or the row lock (PostgreSQL) before anything is read, so registry
changes from any number of processes are applied one after another, each sees the state the
previous one left, the audit chain never forks, and ``epoch`` — which gateways poll — moves
exactly once per change.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from quarterdeck.store.audit import append_event
from quarterdeck.store.records import utcnow
from quarterdeck.store.registry_models import (
    Approval,
    Artifact,
    ArtifactVersion,
    EvalRun,
    KillSwitch,
    Label,
    RegistryHead,
    Release,
)
from quarterdeck.store.registry_records import (
    Actor,
    ApprovalRecord,
    ArtifactKind,
    ArtifactRecord,
    AuditRecord,
    EvalRunRecord,
    KillSwitchRecord,
    LabelRecord,
    ReleaseRecord,
    ReleaseState,
    VersionRecord,
    new_id,
)

__all__ = ["RegistryReads", "RegistryRepository", "RegistryTx"]

_RELEASE_COLUMNS = ("id", "artifact_id", "label", "from_version", "to_version", "state", "policy", "canary_weight",
                    "eval_runs", "author_key_id", "author", "reason", "outcome", "created_at", "updated_at",
                    "canary_started_at")


def _artifact(row: Artifact) -> ArtifactRecord:
    return ArtifactRecord(id=row.id, kind=row.kind, name=row.name, policy=row.policy,  # type: ignore[arg-type]
                          created_at=row.created_at, created_by=row.created_by)


def _version(row: ArtifactVersion, artifact: Artifact) -> VersionRecord:
    return VersionRecord(id=row.id, artifact_id=row.artifact_id, kind=artifact.kind,  # type: ignore[arg-type]
                         name=artifact.name, number=row.number, digest=row.digest, content=row.content,
                         created_at=row.created_at, created_by=row.created_by)


def _label(row: Label, artifact: Artifact) -> LabelRecord:
    return LabelRecord(artifact_id=row.artifact_id, kind=artifact.kind,  # type: ignore[arg-type]
                       artifact_name=artifact.name, name=row.name, version=row.version,
                       canary_version=row.canary_version, canary_weight=row.canary_weight,
                       canary_release_id=row.canary_release_id, updated_at=row.updated_at, updated_by=row.updated_by)


def _approval(row: Approval) -> ApprovalRecord:
    return ApprovalRecord(approver=row.approver, approver_name=row.approver_name, role=row.role,
                          decision=row.decision, comment=row.comment, created_at=row.created_at)  # type: ignore[arg-type]


def _kill(row: KillSwitch) -> KillSwitchRecord:
    return KillSwitchRecord(target=row.target, fallback=row.fallback, reason=row.reason, created_by=row.created_by,
                            created_at=row.created_at)


def _eval_run(row: EvalRun) -> EvalRunRecord:
    return EvalRunRecord(id=row.id, suite=row.suite, target=row.target, metrics=row.metrics, details=row.details,
                         created_by=row.created_by, created_at=row.created_at, status=row.status,  # type: ignore[arg-type]
                         suite_hash=row.suite_hash, dataset_hash=row.dataset_hash, finished_at=row.finished_at)


class RegistryReads:
    """Queries on one session: a read-only one (``RegistryRepository.read``) or a transaction's."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def artifact(self, kind: ArtifactKind, name: str) -> ArtifactRecord | None:
        row = self._artifact_row(kind, name)
        return None if row is None else _artifact(row)

    def _artifact_row(self, kind: str, name: str) -> Artifact | None:
        return self._session.scalars(select(Artifact).where(Artifact.kind == kind, Artifact.name == name)).first()

    def artifacts(self, kind: ArtifactKind | None = None) -> builtins.list[ArtifactRecord]:
        query = select(Artifact).order_by(Artifact.kind, Artifact.name)
        if kind is not None:
            query = query.where(Artifact.kind == kind)
        return [_artifact(row) for row in self._session.scalars(query)]

    def version(self, kind: ArtifactKind, name: str, number: int | None = None) -> VersionRecord | None:
        """Version ``number`` of an artifact, or its newest when ``number`` is None."""
        artifact = self._artifact_row(kind, name)
        if artifact is None:
            return None
        query = select(ArtifactVersion).where(ArtifactVersion.artifact_id == artifact.id)
        if number is None:
            query = query.order_by(ArtifactVersion.number.desc()).limit(1)
        else:
            query = query.where(ArtifactVersion.number == number)
        row = self._session.scalars(query).first()
        return None if row is None else _version(row, artifact)

    def version_by_digest(self, kind: ArtifactKind, name: str, digest: str) -> VersionRecord | None:
        artifact = self._artifact_row(kind, name)
        if artifact is None:
            return None
        row = self._session.scalars(select(ArtifactVersion).where(
            ArtifactVersion.artifact_id == artifact.id, ArtifactVersion.digest == digest)).first()
        return None if row is None else _version(row, artifact)

    def versions(self, kind: ArtifactKind, name: str) -> builtins.list[VersionRecord]:
        artifact = self._artifact_row(kind, name)
        if artifact is None:
            return []
        query = select(ArtifactVersion).where(ArtifactVersion.artifact_id == artifact.id).order_by(
            ArtifactVersion.number)
        return [_version(row, artifact) for row in self._session.scalars(query)]

    def labels(self, kind: ArtifactKind | None = None, name: str | None = None) -> builtins.list[LabelRecord]:
        query = select(Label, Artifact).join(Artifact, Label.artifact_id == Artifact.id).order_by(
            Artifact.kind, Artifact.name, Label.name)
        if kind is not None:
            query = query.where(Artifact.kind == kind)
        if name is not None:
            query = query.where(Artifact.name == name)
        return [_label(label, artifact) for label, artifact in self._session.execute(query)]

    def label(self, kind: ArtifactKind, name: str, label: str) -> LabelRecord | None:
        found = [r for r in self.labels(kind, name) if r.name == label]
        return found[0] if found else None

    def release(self, release_id: str) -> ReleaseRecord | None:
        found = self._releases(select(Release).where(Release.id == release_id))
        return found[0] if found else None

    def releases(
        self, *, kind: ArtifactKind | None = None, name: str | None = None, state: ReleaseState | None = None,
        label: str | None = None, limit: int = 100,
    ) -> builtins.list[ReleaseRecord]:
        query = select(Release).join(Artifact, Release.artifact_id == Artifact.id).order_by(
            Release.created_at.desc(), Release.id).limit(limit)
        if kind is not None:
            query = query.where(Artifact.kind == kind)
        if name is not None:
            query = query.where(Artifact.name == name)
        if state is not None:
            query = query.where(Release.state == state)
        if label is not None:
            query = query.where(Release.label == label)
        return self._releases(query)

    def _releases(self, query: Any) -> builtins.list[ReleaseRecord]:
        rows = list(self._session.scalars(query))
        if not rows:
            return []
        artifacts = {a.id: a for a in self._session.scalars(
            select(Artifact).where(Artifact.id.in_({r.artifact_id for r in rows})))}
        approvals: dict[str, builtins.list[ApprovalRecord]] = {}
        for row in self._session.scalars(select(Approval).where(Approval.release_id.in_([r.id for r in rows]))
                                         .order_by(Approval.id)):
            approvals.setdefault(row.release_id, []).append(_approval(row))
        out = []
        for row in rows:
            artifact = artifacts[row.artifact_id]
            values = {name: getattr(row, name) for name in _RELEASE_COLUMNS}
            out.append(ReleaseRecord(kind=artifact.kind, artifact_name=artifact.name,  # type: ignore[arg-type]
                                     approvals=approvals.get(row.id, []), **values))
        return out

    def kill_switches(self) -> builtins.list[KillSwitchRecord]:
        return [_kill(row) for row in self._session.scalars(select(KillSwitch).order_by(KillSwitch.target))]

    def eval_run(self, run_id: str) -> EvalRunRecord | None:
        row = self._session.get(EvalRun, run_id)
        return None if row is None else _eval_run(row)

    def eval_runs(self, suite: str | None = None, limit: int = 100) -> builtins.list[EvalRunRecord]:
        query = select(EvalRun).order_by(EvalRun.created_at.desc()).limit(limit)
        if suite is not None:
            query = query.where(EvalRun.suite == suite)
        return [_eval_run(row) for row in self._session.scalars(query)]


class RegistryTx(RegistryReads):
    """One serialised registry change. Every mutation should be paired with an ``audit`` event."""

    def __init__(self, session: Session, head: RegistryHead, actor: Actor) -> None:
        super().__init__(session)
        self._head = head
        self.actor = actor

    @property
    def epoch(self) -> int:
        return self._head.epoch

    def ensure_artifact(self, kind: ArtifactKind, name: str) -> tuple[ArtifactRecord, bool]:
        row = self._artifact_row(kind, name)
        if row is not None:
            return _artifact(row), False
        row = Artifact(id=new_id("art"), kind=kind, name=name, policy=None, created_at=utcnow(),
                       created_by=self.actor.name)
        self._session.add(row)
        self._session.flush()
        return _artifact(row), True

    def set_policy(self, artifact_id: str, policy: dict[str, Any] | None) -> None:
        self._session.execute(update(Artifact).where(Artifact.id == artifact_id).values(policy=policy))

    def add_version(self, artifact: ArtifactRecord, digest: str, content: dict[str, Any]) -> tuple[VersionRecord, bool]:
        """The version with this digest; created (numbered one past the newest) when there is none."""
        row_artifact = self._session.get(Artifact, artifact.id)
        assert row_artifact is not None
        existing = self._session.scalars(select(ArtifactVersion).where(
            ArtifactVersion.artifact_id == artifact.id, ArtifactVersion.digest == digest)).first()
        if existing is not None:
            return _version(existing, row_artifact), False
        newest = self._session.scalar(select(func.max(ArtifactVersion.number)).where(
            ArtifactVersion.artifact_id == artifact.id)) or 0
        row = ArtifactVersion(id=new_id("ver"), artifact_id=artifact.id, number=newest + 1, digest=digest,
                              content=content, created_at=utcnow(), created_by=self.actor.name)
        self._session.add(row)
        self._session.flush()
        return _version(row, row_artifact), True

    def put_label(self, artifact_id: str, name: str, version: int, *, canary_version: int | None = None,
                  canary_weight: float | None = None, canary_release_id: str | None = None) -> None:
        row = self._session.get(Label, (artifact_id, name))
        values = {"version": version, "canary_version": canary_version, "canary_weight": canary_weight,
                  "canary_release_id": canary_release_id, "updated_at": utcnow(), "updated_by": self.actor.name}
        if row is None:
            self._session.add(Label(artifact_id=artifact_id, name=name, **values))
        else:
            for key, value in values.items():
                setattr(row, key, value)
        self._session.flush()

    def insert_release(self, record: ReleaseRecord) -> None:
        self._session.add(Release(**{name: getattr(record, name) for name in _RELEASE_COLUMNS}))
        self._session.flush()

    def update_release(self, release_id: str, **changes: Any) -> None:
        changes["updated_at"] = utcnow()
        self._session.execute(update(Release).where(Release.id == release_id).values(**changes))

    def add_approval(self, release_id: str, approval: ApprovalRecord) -> None:
        self._session.add(Approval(release_id=release_id, approver=approval.approver,
                                   approver_name=approval.approver_name, role=approval.role,
                                   decision=approval.decision, comment=approval.comment,
                                   created_at=approval.created_at))
        self._session.flush()

    def put_kill(self, record: KillSwitchRecord) -> None:
        self._session.merge(KillSwitch(target=record.target, fallback=record.fallback, reason=record.reason,
                                       created_at=record.created_at, created_by=record.created_by))
        self._session.flush()

    def delete_kill(self, target: str) -> None:
        self._session.execute(delete(KillSwitch).where(KillSwitch.target == target))

    def insert_eval_run(self, record: EvalRunRecord) -> None:
        self._session.add(EvalRun(id=record.id, suite=record.suite, target=record.target, metrics=record.metrics,
                                  details=record.details, created_at=record.created_at, created_by=record.created_by,
                                  status=record.status, suite_hash=record.suite_hash,
                                  dataset_hash=record.dataset_hash, finished_at=record.finished_at))
        self._session.flush()

    def finish_eval_run(self, run_id: str, *, status: str, metrics: dict[str, float],
                        details: dict[str, Any] | None) -> None:
        self._session.execute(update(EvalRun).where(EvalRun.id == run_id).values(
            status=status, metrics=metrics, details=details, finished_at=utcnow()))

    def audit(self, action: str, target: str, *, before: Any = None, after: Any = None, reason: str | None = None,
              links: dict[str, Any] | None = None, actor: Actor | None = None) -> AuditRecord:
        return append_event(self._session, self._head, actor or self.actor, action, target, before=before,
                            after=after, reason=reason, links=links)


class RegistryRepository:
    """Reads through ``read()`` (one consistent session); changes through ``transaction``."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def epoch(self) -> int:
        with self._engine.connect() as connection:
            return int(connection.scalar(select(RegistryHead.epoch).where(RegistryHead.id == 1)) or 0)

    @contextmanager
    def read(self) -> Iterator[RegistryReads]:
        """Reads from one session (closed at the end of the block)."""
        with self._sessions() as session:
            yield RegistryReads(session)

    @contextmanager
    def transaction(self, actor: Actor) -> Iterator[RegistryTx]:
        """A serialised change: locks the head, bumps the epoch, commits at the end (or rolls back)."""
        with self._sessions.begin() as session:
            session.execute(update(RegistryHead).where(RegistryHead.id == 1).values(epoch=RegistryHead.epoch + 1))
            head = session.get(RegistryHead, 1, populate_existing=True)
            if head is None:
                raise RuntimeError("registry_head is missing: run the migrations")
            yield RegistryTx(session, head, actor)
