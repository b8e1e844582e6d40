"""/api/keys — create (the key is returned once), list, show and revoke virtual keys."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from quarterdeck.api.actors import record_change
from quarterdeck.errors import NotFoundError, UnprocessableError
from quarterdeck.gateway.app import App
from quarterdeck.gateway.edge import api_key_of
from quarterdeck.gateway.keys import Principal, issue_key
from quarterdeck.store import KeyRecord


class KeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, description="A name for people; unique among live keys.")
    role: Literal["app", "admin", "releaser", "approver", "viewer"] = Field(
        default="app",
        description="app: /v1 only; admin: everything; releaser: push, release, roll back, kill switches; "
        "approver: approve or reject releases; viewer: read the registry and audit log.",
    )
    team: str | None = Field(default=None, max_length=200)
    models: list[str] | None = Field(default=None, description="Allowed public models; null means all.")
    rpm: int | None = Field(default=None, ge=1, description="Requests per minute (enforced in a later release).")
    tpm: int | None = Field(default=None, ge=1, description="Tokens per minute (enforced in a later release).")
    budget_usd: float | None = Field(default=None, ge=0, description="USD budget per period.")
    budget_period: Literal["daily", "weekly", "monthly", "none"] | None = None


class KeyOut(BaseModel):
    id: str
    name: str
    key_prefix: str = Field(description="The first characters of the key, to recognise it.")
    role: str
    team: str | None
    models: list[str] | None
    rpm: int | None
    tpm: int | None
    budget_usd: float | None
    budget_period: str | None
    source: str = Field(description="config, api or bootstrap")
    created_at: datetime
    revoked_at: datetime | None

    @classmethod
    def of(cls, record: KeyRecord) -> KeyOut:
        return cls(
            id=record.id, name=record.name, key_prefix=record.key_prefix, role=record.role, team=record.team,
            models=record.models, rpm=record.rpm, tpm=record.tpm, budget_usd=record.budget_usd,
            budget_period=record.budget_period, source=record.source, created_at=record.created_at,
            revoked_at=record.revoked_at,
        )


class KeyCreated(KeyOut):
    key: str = Field(description="The key itself. Shown only in this response; store it now.")


class KeyList(BaseModel):
    data: list[KeyOut]


def keys_router(app: App) -> APIRouter:
    async def admin(request: Request) -> Principal:
        return await app.authenticator.authenticate_admin(api_key_of(request))

    router = APIRouter(prefix="/keys", tags=["keys"])

    @router.post("", status_code=201, response_model=KeyCreated, summary="Create a virtual key")
    async def create_key(body: KeyCreate, principal: Principal = Depends(admin)) -> KeyCreated:
        if body.models is not None:
            unknown = sorted(set(body.models) - set(app.router.routes))
            if unknown:
                raise UnprocessableError(f"models: unknown model(s): {', '.join(unknown)}", param="models")
        raw, record = await asyncio.to_thread(
            lambda: issue_key(app.store, **body.model_dump())
        )
        out = KeyOut.of(record)
        await record_change(app, principal, "key.create", f"key:{record.id}", after=out.model_dump(mode="json"))
        return KeyCreated(key=raw, **out.model_dump())

    @router.get("", response_model=KeyList, summary="List keys (never the keys themselves)")
    async def list_keys(include_revoked: bool = False, principal: Principal = Depends(admin)) -> KeyList:
        records = await asyncio.to_thread(app.store.keys.list, include_revoked)
        return KeyList(data=[KeyOut.of(r) for r in records])

    @router.get("/{key_id}", response_model=KeyOut, summary="Show one key")
    async def get_key(key_id: str, principal: Principal = Depends(admin)) -> KeyOut:
        record = await asyncio.to_thread(app.store.keys.get, key_id)
        if record is None:
            raise NotFoundError(f"No key with id '{key_id}'.")
        return KeyOut.of(record)

    @router.delete("/{key_id}", response_model=KeyOut, summary="Revoke a key (takes effect at once here)")
    async def revoke_key(key_id: str, principal: Principal = Depends(admin)) -> KeyOut:
        record = await asyncio.to_thread(app.store.keys.revoke, key_id)
        if record is None:
            raise NotFoundError(f"No key with id '{key_id}'.")
        app.authenticator.forget(record.key_hash)
        await record_change(app, principal, "key.revoke", f"key:{record.id}", after={"name": record.name})
        return KeyOut.of(record)

    return router
