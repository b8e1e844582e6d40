"""/api/prompts, /api/routes, /api/datasets, /api/guard-policies (artifacts, versions, labels, policy),
/api/kill-switches, /api/audit, /api/whoami."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field

from quarterdeck.api.actors import actor_dependency
from quarterdeck.errors import NotFoundError, UnprocessableError
from quarterdeck.gateway.app import App
from quarterdeck.guard.enforce import validate_guard_policy
from quarterdeck.registry import Registry, require, template_variables
from quarterdeck.store import (
    Actor,
    ArtifactKind,
    AuditRecord,
    KillSwitchRecord,
    LabelRecord,
    VersionRecord,
)

PLURALS: dict[str, ArtifactKind] = {
    "prompts": "prompt", "routes": "route", "datasets": "dataset", "guard-policies": "guard_policy",
}


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PushIn(_In):
    content: dict[str, Any] = Field(description="The artifact's content (for a prompt: model, messages, params...).")
    release_policy: dict[str, Any] | None = Field(default=None, description="Label -> gates; admins only.")
    message: str | None = Field(default=None, max_length=2000, description="Why, kept in the audit log.")


class VersionOut(BaseModel):
    kind: str
    name: str
    number: int
    digest: str = Field(description="sha256 of the canonical JSON of the content.")
    created_at: datetime
    created_by: str
    content: dict[str, Any] | None = None
    variables: list[str] | None = Field(default=None, description="A prompt's template variables.")

    @classmethod
    def of(cls, v: VersionRecord, *, with_content: bool = True) -> VersionOut:
        return cls(kind=v.kind, name=v.name, number=v.number, digest=v.digest, created_at=v.created_at,
                   created_by=v.created_by, content=v.content if with_content else None,
                   variables=template_variables(v.content) if v.kind == "prompt" else None)


class PushOut(BaseModel):
    version: VersionOut
    created: bool = Field(description="False when identical content was already stored (same version returned).")
    policy_changed: bool


class LabelOut(BaseModel):
    name: str
    version: int
    canary_version: int | None
    canary_weight: float | None
    canary_release_id: str | None
    updated_at: datetime
    updated_by: str

    @classmethod
    def of(cls, r: LabelRecord) -> LabelOut:
        return cls(name=r.name, version=r.version, canary_version=r.canary_version, canary_weight=r.canary_weight,
                   canary_release_id=r.canary_release_id, updated_at=r.updated_at, updated_by=r.updated_by)


class ArtifactOut(BaseModel):
    kind: str
    name: str
    latest_version: int | None
    latest_digest: str | None
    labels: list[LabelOut]
    release_policy: dict[str, Any] | None
    created_at: datetime
    created_by: str
    versions: list[VersionOut] | None = None


class ArtifactList(BaseModel):
    data: list[ArtifactOut]


class PolicyIn(_In):
    release_policy: dict[str, Any] | None
    reason: str = Field(min_length=1, max_length=2000)


class KillIn(_In):
    target: str = Field(min_length=1, max_length=300, description="prompt:NAME or model:NAME")
    fallback: str | None = Field(default=None, max_length=300,
                                 description="A prompt's: another prompt reference; a model's: another model.")
    reason: str = Field(min_length=1, max_length=2000)


class UnkillIn(_In):
    target: str = Field(min_length=1, max_length=300)
    reason: str = Field(min_length=1, max_length=2000)


class KillOut(BaseModel):
    target: str
    fallback: str | None
    reason: str
    created_at: datetime
    created_by: str

    @classmethod
    def of(cls, r: KillSwitchRecord) -> KillOut:
        return cls(target=r.target, fallback=r.fallback, reason=r.reason, created_at=r.created_at,
                   created_by=r.created_by)


class KillList(BaseModel):
    data: list[KillOut]


class AuditOut(BaseModel):
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

    @classmethod
    def of(cls, r: AuditRecord) -> AuditOut:
        return cls(**{name: getattr(r, name) for name in cls.model_fields})


class AuditList(BaseModel):
    data: list[AuditOut]


class AuditVerifyOut(BaseModel):
    ok: bool
    checked: int = Field(description="Events whose hash and link were verified.")
    head_seq: int
    broken_seq: int | None = Field(description="The first event where the chain breaks.")
    problem: str | None


class WhoAmI(BaseModel):
    key_id: str | None
    name: str
    role: str


def _artifact_out(app: App, kind: ArtifactKind, name: str, *, with_versions: bool) -> ArtifactOut | None:
    with app.store.registry.read() as reads:
        artifact = reads.artifact(kind, name)
        if artifact is None:
            return None
        versions = reads.versions(kind, name)
        labels = reads.labels(kind, name)
    latest = versions[-1] if versions else None
    return ArtifactOut(
        kind=kind, name=name, latest_version=latest.number if latest else None,
        latest_digest=latest.digest if latest else None, labels=[LabelOut.of(r) for r in labels],
        release_policy=artifact.policy, created_at=artifact.created_at, created_by=artifact.created_by,
        versions=[VersionOut.of(v, with_content=False) for v in versions] if with_versions else None)


def _check_providers(app: App, content: dict[str, Any]) -> None:
    """A route may only name providers this gateway's config defines."""
    known = {p.name for p in app.config.providers}
    deployments = content.get("deployments")
    for index, deployment in enumerate(deployments if isinstance(deployments, list) else []):
        provider = deployment.get("provider") if isinstance(deployment, dict) else None
        if isinstance(provider, str) and provider not in known:
            where = f"content.deployments.{index}.provider"
            raise UnprocessableError(f"{where}: unknown provider '{provider}' (configured: "
                                     f"{', '.join(sorted(known)) or 'none'})", param=where)


def artifact_router(app: App, plural: str, kind: ArtifactKind) -> APIRouter:
    registry = Registry(app.store)
    router = APIRouter(prefix=f"/{plural}", tags=[plural])
    actor_of = actor_dependency(app)

    @router.get("", response_model=ArtifactList, summary=f"List {plural} with their labels")
    async def list_artifacts(actor: Actor = Depends(actor_of)) -> ArtifactList:
        require(actor, "read")

        def load() -> list[ArtifactOut]:
            with app.store.registry.read() as reads:
                names = [a.name for a in reads.artifacts(kind)]
            return [out for n in names if (out := _artifact_out(app, kind, n, with_versions=False))]

        return ArtifactList(data=await asyncio.to_thread(load))

    @router.get("/{name}", response_model=ArtifactOut, summary="Show one, with its versions and labels")
    async def show(name: str, actor: Actor = Depends(actor_of)) -> ArtifactOut:
        require(actor, "read")
        out = await asyncio.to_thread(_artifact_out, app, kind, name, with_versions=True)
        if out is None:
            raise NotFoundError(f"No {kind} named '{name}'.")
        return out

    @router.post("/{name}/versions", response_model=PushOut, summary="Push content (a new version only if new)")
    async def push(name: str, body: PushIn, actor: Actor = Depends(actor_of)) -> PushOut:
        if kind == "route":
            _check_providers(app, body.content)
        elif kind == "guard_policy":
            try:
                validate_guard_policy(body.content)
            except ValueError as exc:
                raise UnprocessableError(f"content.{exc}", param="content") from exc
        result = await asyncio.to_thread(registry.push, actor, kind, name, body.content, body.release_policy,
                                         body.message)
        return PushOut(version=VersionOut.of(result.version), created=result.created,
                       policy_changed=result.policy_changed)

    @router.get("/{name}/versions/{number}", response_model=VersionOut, summary="One version with its content")
    async def version(name: str, number: int, actor: Actor = Depends(actor_of)) -> VersionOut:
        require(actor, "read")

        def load() -> VersionRecord | None:
            with app.store.registry.read() as reads:
                return reads.version(kind, name, number)

        found = await asyncio.to_thread(load)
        if found is None:
            raise NotFoundError(f"The {kind} '{name}' has no version {number}.")
        return VersionOut.of(found)

    @router.put("/{name}/policy", response_model=ArtifactOut, summary="Set the release policy (admins)")
    async def set_policy(name: str, body: PolicyIn, actor: Actor = Depends(actor_of)) -> ArtifactOut:
        await asyncio.to_thread(registry.set_policy, actor, kind, name, body.release_policy, body.reason)
        out = await asyncio.to_thread(_artifact_out, app, kind, name, with_versions=False)
        assert out is not None
        return out

    return router


def registry_router(app: App) -> APIRouter:
    registry = Registry(app.store)
    router = APIRouter()
    actor_of = actor_dependency(app)
    for plural, kind in PLURALS.items():
        router.include_router(artifact_router(app, plural, kind))

    @router.get("/whoami", response_model=WhoAmI, tags=["registry"], summary="The calling key and its role")
    async def whoami(actor: Actor = Depends(actor_of)) -> WhoAmI:
        return WhoAmI(key_id=actor.key_id, name=actor.name, role=actor.role)

    @router.get("/kill-switches", response_model=KillList, tags=["kill switches"], summary="Kill switches that are on")
    async def kills(actor: Actor = Depends(actor_of)) -> KillList:
        require(actor, "read")

        def load() -> list[KillSwitchRecord]:
            with app.store.registry.read() as reads:
                return reads.kill_switches()

        return KillList(data=[KillOut.of(k) for k in await asyncio.to_thread(load)])

    @router.post("/kill-switches", response_model=KillOut, status_code=201, tags=["kill switches"],
                 summary="Switch a prompt or model off (every replica within a second)")
    async def kill(body: KillIn, actor: Actor = Depends(actor_of)) -> KillOut:
        record = await asyncio.to_thread(registry.kill, actor, body.target, body.reason, body.fallback)
        await app.registry_link.refresh()
        return KillOut.of(record)

    @router.post("/kill-switches/off", status_code=204, tags=["kill switches"], summary="Switch it back on")
    async def unkill(body: UnkillIn, actor: Actor = Depends(actor_of)) -> None:
        await asyncio.to_thread(registry.unkill, actor, body.target, body.reason)
        await app.registry_link.refresh()

    @router.get("/audit", response_model=AuditList, tags=["audit"], summary="The audit log, oldest first")
    async def audit(target: str | None = None, action: str | None = None, after: int = Query(0, ge=0),
                    limit: int = Query(100, ge=1, le=1000), actor: Actor = Depends(actor_of)) -> AuditList:
        require(actor, "read")
        rows = await asyncio.to_thread(app.store.audit.list, target=target, action=action, after_seq=after,
                                       limit=limit)
        return AuditList(data=[AuditOut.of(r) for r in rows])

    @router.get("/audit/verify", response_model=AuditVerifyOut, tags=["audit"],
                summary="Recompute the hash chain; the first broken link")
    async def verify(actor: Actor = Depends(actor_of)) -> AuditVerifyOut:
        require(actor, "read")
        result = await asyncio.to_thread(app.store.audit.verify)
        return AuditVerifyOut(ok=result.ok, checked=result.checked, head_seq=result.head_seq,
                              broken_seq=result.broken_seq, problem=result.problem)

    return router
