"""Limits, budgets and spend: /api/keys/{id} (PATCH, /spend), /api/teams, /api/spend/reconcile."""

from __future__ import annotations

import asyncio
from typing import Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from quarterdeck.api.actors import record_change
from quarterdeck.api.keys import KeyOut
from quarterdeck.errors import NotFoundError, UnprocessableError
from quarterdeck.gateway.app import App
from quarterdeck.gateway.edge import api_key_of
from quarterdeck.gateway.keys import Principal
from quarterdeck.gateway.spend import Spend, reconcile, scope_spend
from quarterdeck.store import TeamRecord

Period = Literal["daily", "weekly", "monthly", "none"]


class KeyChange(BaseModel):
    """Only the fields sent are changed; send null to clear one."""

    model_config = ConfigDict(extra="forbid")

    team: str | None = None
    models: list[str] | None = None
    rpm: int | None = Field(default=None, ge=1)
    tpm: int | None = Field(default=None, ge=1)
    budget_usd: float | None = Field(default=None, ge=0)
    budget_period: Period | None = None


class TeamIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rpm: int | None = Field(default=None, ge=1)
    tpm: int | None = Field(default=None, ge=1)
    budget_usd: float | None = Field(default=None, ge=0)
    budget_period: Period | None = None


class TeamOut(TeamIn):
    name: str
    source: str


class SpendOut(BaseModel):
    scope: str
    name: str
    period: str = Field(description="d2026-11-25, w2026-W48, m2026-11 or all")
    budget_usd: float | None
    spent_usd: float = Field(description="Committed spend per the live counters.")
    reserved_usd: float = Field(description="Reserved by requests in flight.")
    remaining_usd: float | None
    logged_usd: float = Field(description="Spend per the request log (the durable record).")
    drift_usd: float = Field(description="spent_usd - logged_usd; 0 when counters and log agree.")

    @classmethod
    def of(cls, s: Spend) -> SpendOut:
        return cls(scope=s.scope, name=s.name, period=s.period, budget_usd=s.budget_usd, spent_usd=s.spent_usd,
                   reserved_usd=s.reserved_usd, remaining_usd=s.remaining_usd, logged_usd=s.logged_usd,
                   drift_usd=s.drift_usd)


class Reconciliation(BaseModel):
    data: list[SpendOut]
    drifting: int = Field(description="How many scopes disagree with the log by more than a micro-dollar.")
    fixed: bool


def limits_router(app: App) -> APIRouter:
    async def admin(request: Request) -> Principal:
        return await app.authenticator.authenticate_admin(api_key_of(request))

    router = APIRouter(dependencies=[Depends(admin)])

    @router.patch("/keys/{key_id}", response_model=KeyOut, tags=["keys"], summary="Change a key's limits or budget")
    async def change_key(key_id: str, change: KeyChange, principal: Principal = Depends(admin)) -> KeyOut:
        fields = change.model_dump(exclude_unset=True)
        models = fields.get("models")
        if models:
            unknown = sorted(set(models) - set(app.router.routes))
            if unknown:
                raise UnprocessableError(f"models: unknown model(s): {', '.join(unknown)}", param="models")
        record = await asyncio.to_thread(app.store.keys.update, key_id, fields)
        if record is None:
            raise NotFoundError(f"No key with id '{key_id}'.")
        app.authenticator.forget(record.key_hash)
        await record_change(app, principal, "key.update", f"key:{record.id}", after=change.model_dump(
            mode="json", exclude_unset=True))
        return KeyOut.of(record)

    @router.get("/keys/{key_id}/spend", response_model=SpendOut, tags=["spend"], summary="A key's spend this period")
    async def key_spend(key_id: str) -> SpendOut:
        record = await asyncio.to_thread(app.store.keys.get, key_id)
        if record is None:
            raise NotFoundError(f"No key with id '{key_id}'.")
        spend = await scope_spend(app.state, app.store, scope=f"key:{record.id}", name=record.name,
                                  budget_usd=record.budget_usd, budget_period=record.budget_period, key_id=record.id)
        return SpendOut.of(spend)

    @router.get("/teams", response_model=list[TeamOut], tags=["teams"], summary="List teams with limits")
    async def list_teams() -> list[TeamOut]:
        return [TeamOut(**_team_fields(t)) for t in await asyncio.to_thread(app.store.teams.list)]

    @router.get("/teams/{name}", response_model=TeamOut, tags=["teams"], summary="One team's limits")
    async def get_team(name: str) -> TeamOut:
        record = await asyncio.to_thread(app.store.teams.get, name)
        if record is None:
            raise NotFoundError(f"No team named '{name}'.")
        return TeamOut(**_team_fields(record))

    @router.put("/teams/{name}", response_model=TeamOut, tags=["teams"], summary="Set a team's limits and budget")
    async def put_team(name: str, body: TeamIn, principal: Principal = Depends(admin)) -> TeamOut:
        team = TeamRecord(name=name, source="api", **body.model_dump())
        record = await asyncio.to_thread(app.store.teams.upsert, team)
        app.teams.forget(name)
        await record_change(app, principal, "team.set", f"team:{name}", after=body.model_dump(mode="json"))
        return TeamOut(**_team_fields(record))

    @router.get("/teams/{name}/spend", response_model=SpendOut, tags=["spend"], summary="A team's spend this period")
    async def team_spend(name: str) -> SpendOut:
        record = await asyncio.to_thread(app.store.teams.get, name)
        if record is None:
            raise NotFoundError(f"No team named '{name}'.")
        spend = await scope_spend(app.state, app.store, scope=f"team:{name}", name=name, budget_usd=record.budget_usd,
                                  budget_period=record.budget_period, team=name)
        return SpendOut.of(spend)

    @router.post("/spend/reconcile", response_model=Reconciliation, tags=["spend"],
                 summary="Compare spend counters with the request log (and optionally fix them)")
    async def reconcile_spend(fix: bool = False) -> Reconciliation:
        await app.quiesce()
        rows = await reconcile(app.state, app.store, fix=fix)
        data = [SpendOut.of(r) for r in rows]
        return Reconciliation(data=data, drifting=sum(abs(r.drift_usd) > 1e-6 for r in rows), fixed=fix)

    return router


def _team_fields(record: TeamRecord) -> dict[str, object]:
    return {"name": record.name, "rpm": record.rpm, "tpm": record.tpm, "budget_usd": record.budget_usd,
            "budget_period": record.budget_period, "source": record.source}
