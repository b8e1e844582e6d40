"""Spend: what a key or team has spent this period, and whether the counters agree with the log.

The live counters (in-process or Redis) decide admission; the request log is the durable record.
``reconcile`` compares the two for every key and team with a budget.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from quarterdeck.gateway.periods import period_of
from quarterdeck.state import State
from quarterdeck.store import Store

EPSILON_USD = 1e-6


@dataclass(frozen=True, slots=True)
class Spend:
    scope: str  # "key:<id>" or "team:<name>"
    name: str
    period: str
    budget_usd: float | None
    spent_usd: float  # committed, per the counters
    reserved_usd: float  # in flight
    logged_usd: float  # per the request log

    @property
    def remaining_usd(self) -> float | None:
        return None if self.budget_usd is None else self.budget_usd - self.spent_usd - self.reserved_usd

    @property
    def drift_usd(self) -> float:
        return self.spent_usd - self.logged_usd


async def scope_spend(
    state: State, store: Store, *, scope: str, name: str, budget_usd: float | None, budget_period: str | None,
    key_id: str | None = None, team: str | None = None,
) -> Spend:
    period = period_of(budget_period)
    usage = await state.usage(scope, period.id)
    logged = await asyncio.to_thread(store.requests.spend, key_id=key_id, team=team, since=period.start)
    return Spend(scope, name, period.id, budget_usd, usage.spent_usd, usage.reserved_usd, logged)


async def reconcile(state: State, store: Store, *, fix: bool = False) -> list[Spend]:
    """Every budgeted key and team with its counter and its logged spend; ``fix`` sets counters to the log."""
    keys = await asyncio.to_thread(store.keys.list)
    teams = await asyncio.to_thread(store.teams.list)
    out = []
    for key in keys:
        if key.budget_usd is not None:
            out.append(await scope_spend(state, store, scope=f"key:{key.id}", name=key.name, budget_usd=key.budget_usd,
                                         budget_period=key.budget_period, key_id=key.id))
    for team in teams:
        if team.budget_usd is not None:
            out.append(await scope_spend(state, store, scope=f"team:{team.name}", name=team.name,
                                         budget_usd=team.budget_usd, budget_period=team.budget_period, team=team.name))
    if fix:
        for spend in out:
            if abs(spend.drift_usd) > EPSILON_USD:
                await state.set_spent(spend.scope, spend.period, spend.logged_usd)
    return out
