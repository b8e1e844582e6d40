"""/api/releases — create, approve, reject, promote, roll back; label rollback per artifact."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field

from quarterdeck.api.actors import actor_dependency
from quarterdeck.api.registry import PLURALS
from quarterdeck.gateway.app import App
from quarterdeck.registry import Releases, require, unmet_gates
from quarterdeck.store import Actor, ReleaseRecord

Kind = Literal["prompt", "route", "dataset", "guard_policy"]
State = Literal["draft", "pending", "canary", "promoted", "rejected", "rolled_back"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReleaseIn(_In):
    kind: Kind = "prompt"
    name: str = Field(min_length=1, max_length=200)
    label: str = Field(default="production", min_length=1, max_length=100)
    version: int | None = Field(default=None, ge=1, description="Default: the newest version.")
    reason: str = Field(min_length=1, max_length=2000, description="Why; kept in the audit log.")
    canary_weight: float | None = Field(default=None, gt=0, lt=1,
                                        description="Share of traffic for the new version before full promotion; "
                                        "default: the policy's canary weight, if any.")
    eval_runs: list[str] = Field(default_factory=list, description="Recorded eval runs offered as gate evidence.")
    draft: bool = False


class DecisionIn(_In):
    comment: str | None = Field(default=None, max_length=2000)


class ReasonIn(_In):
    reason: str = Field(min_length=1, max_length=2000)


class OptionalReasonIn(_In):
    reason: str | None = Field(default=None, max_length=2000)


class EvalRunsIn(_In):
    eval_runs: list[str] = Field(min_length=1)


class ApprovalOut(BaseModel):
    approver: str
    approver_name: str
    role: str
    decision: str
    comment: str | None
    created_at: datetime


class ReleaseOut(BaseModel):
    id: str
    kind: str
    name: str
    label: str
    from_version: int | None
    to_version: int
    state: str
    policy: dict[str, Any]
    canary_weight: float | None
    eval_runs: list[str]
    author: str
    author_key_id: str | None
    reason: str
    outcome: str | None
    approvals: list[ApprovalOut]
    unmet_gates: list[str] | None = Field(default=None, description="For a pending release: what blocks promotion.")
    created_at: datetime
    updated_at: datetime
    canary_started_at: datetime | None

    @classmethod
    def of(cls, r: ReleaseRecord, unmet: list[str] | None = None) -> ReleaseOut:
        return cls(id=r.id, kind=r.kind, name=r.artifact_name, label=r.label, from_version=r.from_version,
                   to_version=r.to_version, state=r.state, policy=r.policy, canary_weight=r.canary_weight,
                   eval_runs=r.eval_runs, author=r.author, author_key_id=r.author_key_id, reason=r.reason,
                   outcome=r.outcome, approvals=[ApprovalOut(**{f: getattr(a, f) for f in ApprovalOut.model_fields})
                                                 for a in r.approvals],
                   unmet_gates=unmet, created_at=r.created_at, updated_at=r.updated_at,
                   canary_started_at=r.canary_started_at)


class ReleaseList(BaseModel):
    data: list[ReleaseOut]


def releases_router(app: App) -> APIRouter:
    releases = Releases(app.store)
    router = APIRouter(tags=["releases"])
    actor_of = actor_dependency(app)

    def with_gates(release: ReleaseRecord) -> ReleaseOut:
        if release.state not in ("draft", "pending"):
            return ReleaseOut.of(release)
        with app.store.registry.read() as reads:
            return ReleaseOut.of(release, unmet_gates(reads, release))

    async def changed(release: ReleaseRecord) -> ReleaseOut:
        await app.registry_link.refresh()  # this replica serves the change at once
        return await asyncio.to_thread(with_gates, release)

    @router.post("/releases", response_model=ReleaseOut, status_code=201, summary="Create a release")
    async def create(body: ReleaseIn, actor: Actor = Depends(actor_of)) -> ReleaseOut:
        release = await asyncio.to_thread(
            lambda: releases.create(actor, body.kind, body.name, body.label, version=body.version,
                                    reason=body.reason, canary_weight=body.canary_weight,
                                    eval_runs=body.eval_runs, draft=body.draft))
        return await asyncio.to_thread(with_gates, release)

    @router.get("/releases", response_model=ReleaseList, summary="Releases, newest first")
    async def list_releases(kind: Kind | None = None, name: str | None = None, label: str | None = None,
                            state: State | None = None, limit: int = Query(100, ge=1, le=1000),
                            actor: Actor = Depends(actor_of)) -> ReleaseList:
        require(actor, "read")

        def load() -> list[ReleaseRecord]:
            with app.store.registry.read() as reads:
                return reads.releases(kind=kind, name=name, label=label, state=state, limit=limit)

        return ReleaseList(data=[ReleaseOut.of(r) for r in await asyncio.to_thread(load)])

    @router.get("/releases/{release_id}", response_model=ReleaseOut, summary="One release, with unmet gates")
    async def get(release_id: str, actor: Actor = Depends(actor_of)) -> ReleaseOut:
        require(actor, "read")
        return await asyncio.to_thread(lambda: with_gates(releases.get(release_id)))

    @router.post("/releases/{release_id}/submit", response_model=ReleaseOut, summary="draft -> pending")
    async def submit(release_id: str, actor: Actor = Depends(actor_of)) -> ReleaseOut:
        return await changed(await asyncio.to_thread(releases.submit, actor, release_id))

    @router.post("/releases/{release_id}/eval-runs", response_model=ReleaseOut, summary="Attach eval runs")
    async def attach(release_id: str, body: EvalRunsIn, actor: Actor = Depends(actor_of)) -> ReleaseOut:
        return await changed(await asyncio.to_thread(releases.attach_eval_runs, actor, release_id, body.eval_runs))

    @router.post("/releases/{release_id}/approve", response_model=ReleaseOut,
                 summary="Approve (approvers; never the author)")
    async def approve(release_id: str, body: DecisionIn | None = None,
                      actor: Actor = Depends(actor_of)) -> ReleaseOut:
        comment = body.comment if body else None
        return await changed(await asyncio.to_thread(releases.decide, actor, release_id, "approve", comment))

    @router.post("/releases/{release_id}/reject", response_model=ReleaseOut, summary="Reject (approvers)")
    async def reject(release_id: str, body: ReasonIn, actor: Actor = Depends(actor_of)) -> ReleaseOut:
        return await changed(await asyncio.to_thread(releases.decide, actor, release_id, "reject", body.reason))

    @router.post("/releases/{release_id}/promote", response_model=ReleaseOut,
                 summary="pending -> canary or promoted (gates checked); canary -> promoted")
    async def promote(release_id: str, body: OptionalReasonIn | None = None,
                      actor: Actor = Depends(actor_of)) -> ReleaseOut:
        reason = body.reason if body else None
        return await changed(await asyncio.to_thread(releases.promote, actor, release_id, reason))

    @router.post("/releases/{release_id}/rollback", response_model=ReleaseOut,
                 summary="Stop a canary, or put the label back on the previous version")
    async def rollback(release_id: str, body: ReasonIn, actor: Actor = Depends(actor_of)) -> ReleaseOut:
        return await changed(await asyncio.to_thread(releases.rollback, actor, release_id, body.reason))

    def label_rollback(plural: str, kind: Kind) -> None:
        @router.post(f"/{plural}/{{name}}/labels/{{label}}/rollback", response_model=ReleaseOut,
                     summary=f"Roll back whatever last moved a {kind}'s label")
        async def rollback_label(name: str, label: str, body: ReasonIn,
                                 actor: Actor = Depends(actor_of)) -> ReleaseOut:
            return await changed(await asyncio.to_thread(releases.rollback_label, actor, kind, name, label,
                                                         body.reason))

    for plural, kind in PLURALS.items():
        label_rollback(plural, kind)

    return router
