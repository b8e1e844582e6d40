"""Who is calling the admin API, as the registry's ``Actor``."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request

from quarterdeck.gateway.app import App
from quarterdeck.gateway.edge import api_key_of
from quarterdeck.gateway.keys import Principal
from quarterdeck.store import Actor


def actor_dependency(app: App) -> Callable[[Request], Awaitable[Actor]]:
    """A FastAPI dependency: the caller's key (any role) as an Actor; 401 without a valid key."""

    async def actor(request: Request) -> Actor:
        return actor_of(await app.authenticator.authenticate(api_key_of(request)))

    return actor


def actor_of(principal: Principal) -> Actor:
    return Actor(key_id=principal.key_id, name=principal.name, role=principal.role)


async def record_change(app: App, principal: Principal, action: str, target: str, *, before: Any = None,
                        after: Any = None) -> None:
    """Append an audit event for a change made outside the registry (keys, teams)."""

    def append() -> None:
        with app.store.registry.transaction(actor_of(principal)) as tx:
            tx.audit(action, target, before=before, after=after)

    await asyncio.to_thread(append)
