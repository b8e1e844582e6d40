"""/api/tool-approvals — tool calls held by a tool policy: list them, approve or deny them.

Deciding needs the approver or admin role; the decision is audit-logged with the request id. The
app that made the request reads the outcome from ``GET /v1/tool-approvals/{id}``.
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from quarterdeck.api.actors import actor_dependency
from quarterdeck.gateway.app import App
from quarterdeck.gateway.tool_calls import approval_json
from quarterdeck.registry import require
from quarterdeck.store import Actor, ToolApprovalRecord, ToolApprovalStatus


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ApproveIn(_In):
    comment: str | None = Field(default=None, max_length=2000)


class DenyIn(_In):
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)] = Field(
        description="Why; the app and the audit log see it.")


class ToolCallOut(BaseModel):
    id: str
    type: str
    function: dict[str, str]


class ToolApprovalOut(BaseModel):
    id: str
    status: ToolApprovalStatus
    request_id: str
    key: str | None
    model: str
    policy: str
    policy_version: int
    tool_call: ToolCallOut
    created_at: str
    decided_at: str | None
    decided_by: str | None
    comment: str | None

    @classmethod
    def of(cls, record: ToolApprovalRecord) -> ToolApprovalOut:
        return cls.model_validate(approval_json(record))


class ToolApprovalList(BaseModel):
    data: list[ToolApprovalOut]


def tool_approvals_router(app: App) -> APIRouter:
    router = APIRouter(tags=["tool approvals"])
    actor_of = actor_dependency(app)
    approvals = app.store.tool_approvals

    @router.get("/tool-approvals", response_model=ToolApprovalList, summary="Held tool calls, newest first")
    async def list_approvals(status: Literal["pending", "approved", "denied", "all"] = "pending",
                             limit: int = Query(100, ge=1, le=1000),
                             actor: Actor = Depends(actor_of)) -> ToolApprovalList:
        require(actor, "read")
        records = await asyncio.to_thread(approvals.list, None if status == "all" else status, limit)
        return ToolApprovalList(data=[ToolApprovalOut.of(r) for r in records])

    @router.get("/tool-approvals/{approval_id}", response_model=ToolApprovalOut, summary="One held tool call")
    async def get(approval_id: str, actor: Actor = Depends(actor_of)) -> ToolApprovalOut:
        require(actor, "read")
        return ToolApprovalOut.of(await asyncio.to_thread(approvals.get, approval_id))

    async def decide(approval_id: str, actor: Actor, status: ToolApprovalStatus,
                     comment: str | None) -> ToolApprovalOut:
        require(actor, "approve")
        return ToolApprovalOut.of(await asyncio.to_thread(approvals.decide, approval_id, actor, status, comment))

    @router.post("/tool-approvals/{approval_id}/approve", response_model=ToolApprovalOut,
                 summary="Approve a held tool call (approvers, admins)")
    async def approve(approval_id: str, body: ApproveIn | None = None,
                      actor: Actor = Depends(actor_of)) -> ToolApprovalOut:
        return await decide(approval_id, actor, "approved", body.comment if body else None)

    @router.post("/tool-approvals/{approval_id}/deny", response_model=ToolApprovalOut,
                 summary="Deny a held tool call (approvers, admins)")
    async def deny(approval_id: str, body: DenyIn, actor: Actor = Depends(actor_of)) -> ToolApprovalOut:
        return await decide(approval_id, actor, "denied", body.reason)

    return router
