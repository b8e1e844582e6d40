"""/api/eval-runs — record eval runs (at once, or started, filled with cases, finished) and read them."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field

from quarterdeck.api.actors import actor_dependency
from quarterdeck.gateway.app import App
from quarterdeck.registry import Registry, require
from quarterdeck.registry.eval_runs import MAX_CASES_PER_CALL, EvalRuns
from quarterdeck.store import Actor, EvalCaseRecord, EvalRunRecord


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EvalRunIn(_In):
    suite: str = Field(min_length=1, max_length=200)
    target: str = Field(min_length=1, max_length=300, description="What was evaluated, e.g. prompt:NAME:VERSION.")
    metrics: dict[str, float] = Field(default_factory=dict, description="Metric name -> value, e.g. pass_rate.")
    details: dict[str, Any] | None = None
    status: Literal["completed", "running"] = Field(
        default="completed", description="running: cases follow (POST .../cases), then POST .../finish.")
    suite_hash: str | None = Field(default=None, max_length=64)
    dataset_hash: str | None = Field(default=None, max_length=64)


class EvalRunOut(BaseModel):
    id: str
    suite: str
    target: str
    status: str
    metrics: dict[str, float]
    details: dict[str, Any] | None
    suite_hash: str | None
    dataset_hash: str | None
    created_at: datetime
    created_by: str
    finished_at: datetime | None

    @classmethod
    def of(cls, r: EvalRunRecord) -> EvalRunOut:
        return cls(id=r.id, suite=r.suite, target=r.target, status=r.status, metrics=r.metrics, details=r.details,
                   suite_hash=r.suite_hash, dataset_hash=r.dataset_hash, created_at=r.created_at,
                   created_by=r.created_by, finished_at=r.finished_at)


class EvalRunList(BaseModel):
    data: list[EvalRunOut]


class CaseIn(_In):
    case_index: int = Field(ge=0)
    repeat: int = Field(ge=0)
    case_key: str = Field(min_length=1, max_length=64, description="Cache key of the case (sha256).")
    variables: dict[str, Any]
    output: str | None = None
    error: str | None = None
    passed: bool | None = Field(description="null: unmeasured (no assertion could be judged).")
    score: float | None = None
    latency_ms: float | None = None
    cost_usd: float | None = None
    assertions: list[dict[str, Any]]


class CasesIn(_In):
    cases: list[CaseIn] = Field(max_length=MAX_CASES_PER_CALL)


class CaseOut(CaseIn):
    created_at: datetime


class CaseList(BaseModel):
    data: list[CaseOut]


class FinishIn(_In):
    status: Literal["completed", "interrupted"] = "completed"
    metrics: dict[str, float]
    details: dict[str, Any] | None = None


def evals_router(app: App) -> APIRouter:
    registry = Registry(app.store)
    runs = EvalRuns(app.store)
    router = APIRouter(prefix="/eval-runs", tags=["eval runs"])
    actor_of = actor_dependency(app)

    @router.post("", response_model=EvalRunOut, status_code=201, summary="Record an eval run (or start one)")
    async def record_run(body: EvalRunIn, actor: Actor = Depends(actor_of)) -> EvalRunOut:
        if body.status == "running":
            record = await asyncio.to_thread(lambda: runs.start(
                actor, suite=body.suite, target=body.target, suite_hash=body.suite_hash,
                dataset_hash=body.dataset_hash, details=body.details))
        else:
            record = await asyncio.to_thread(registry.record_eval_run, actor, body.suite, body.target, body.metrics,
                                             body.details)
        return EvalRunOut.of(record)

    @router.get("", response_model=EvalRunList, summary="Recorded eval runs, newest first")
    async def list_runs(suite: str | None = None, limit: int = Query(100, ge=1, le=1000),
                        actor: Actor = Depends(actor_of)) -> EvalRunList:
        require(actor, "read")

        def load() -> list[EvalRunRecord]:
            with app.store.registry.read() as reads:
                return reads.eval_runs(suite, limit)

        return EvalRunList(data=[EvalRunOut.of(r) for r in await asyncio.to_thread(load)])

    @router.get("/{run_id}", response_model=EvalRunOut, summary="One eval run")
    async def get_run(run_id: str, actor: Actor = Depends(actor_of)) -> EvalRunOut:
        require(actor, "read")
        return EvalRunOut.of(await asyncio.to_thread(runs.get, run_id))

    @router.post("/{run_id}/cases", summary="Add (or replace) cases of a running run")
    async def add_cases(run_id: str, body: CasesIn, actor: Actor = Depends(actor_of)) -> dict[str, int]:
        cases = [EvalCaseRecord(**c.model_dump()) for c in body.cases]
        return {"stored": await asyncio.to_thread(runs.add_cases, actor, run_id, cases)}

    @router.get("/{run_id}/cases", response_model=CaseList, summary="The run's cases in order")
    async def list_cases(run_id: str, offset: int = Query(0, ge=0), limit: int = Query(1000, ge=1, le=5000),
                         actor: Actor = Depends(actor_of)) -> CaseList:
        require(actor, "read")
        await asyncio.to_thread(runs.get, run_id)

        cases = await asyncio.to_thread(app.store.eval_cases.page, run_id, offset, limit)
        return CaseList(data=[CaseOut(**{f: getattr(c, f) for f in CaseOut.model_fields}) for c in cases])

    @router.post("/{run_id}/resume", response_model=EvalRunOut, summary="An interrupted run takes cases again")
    async def resume(run_id: str, actor: Actor = Depends(actor_of)) -> EvalRunOut:
        return EvalRunOut.of(await asyncio.to_thread(runs.resume, actor, run_id))

    @router.post("/{run_id}/finish", response_model=EvalRunOut, summary="Complete (or interrupt) a run")
    async def finish(run_id: str, body: FinishIn, actor: Actor = Depends(actor_of)) -> EvalRunOut:
        return EvalRunOut.of(await asyncio.to_thread(lambda: runs.finish(
            actor, run_id, status=body.status, metrics=body.metrics, details=body.details)))

    return router
