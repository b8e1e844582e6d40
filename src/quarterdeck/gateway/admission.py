"""Admission: rate limits and budget reservations before a request goes upstream, settled after.

Per request, in one atomic step each:
1. RPM and TPM of the key, its team and the model (sliding one-minute windows). TPM admits on an
   estimate — counted input tokens plus the output cap the client asked for — and is corrected to
   the real usage when the answer is in.
2. Budgets of the key and its team: the worst-case cost (input estimate at the dearest candidate
   deployment's input price plus the output cap, or ``limits.default_max_tokens``, at the dearest
   output price) is reserved under the request id. Settling replaces it with the real cost, or
   releases it when the request failed or the client left; an unsettled reservation expires after
   ``limits.reservation_ttl_s``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from quarterdeck.config import LimitsConfig
from quarterdeck.errors import BudgetExceededError, QuarterdeckError, RateLimitError
from quarterdeck.gateway.context import RequestContext
from quarterdeck.gateway.lookups import CachedLookup
from quarterdeck.gateway.periods import PeriodClock
from quarterdeck.gateway.routing import Route, Router
from quarterdeck.gateway.tokens import TokenCounter, requested_output
from quarterdeck.state import BudgetSpec, LimitDecision, LimitSpec, State
from quarterdeck.store import Store, TeamRecord

log = logging.getLogger("quarterdeck.limits")

WINDOW_S = 60.0
TEAM_CACHE_TTL_S = 5.0

Spawn = Callable[[Coroutine[Any, Any, None]], None]


@dataclass(slots=True)
class Admission:
    """What was taken for one request; settled exactly once."""

    member: str
    limit_keys: list[str] = field(default_factory=list)
    tpm_keys: list[str] = field(default_factory=list)
    budget_scopes: list[tuple[str, str]] = field(default_factory=list)
    settled: bool = False


class TeamDirectory:
    """Team limits from the store, cached for a few seconds like keys."""

    def __init__(self, store: Store) -> None:
        self._teams: CachedLookup[TeamRecord] = CachedLookup(store.teams.get, TEAM_CACHE_TTL_S)

    async def get(self, name: str) -> TeamRecord | None:
        return await self._teams.get(name)

    def forget(self, name: str) -> None:
        self._teams.forget(name)


class Admitter:
    def __init__(
        self, state: State, limits: LimitsConfig, teams: TeamDirectory, counter: TokenCounter, router: Router,
        spawn: Spawn,
    ) -> None:
        self.state = state
        self.limits = limits
        self.teams = teams
        self.counter = counter
        self.router = router
        self._spawn = spawn
        self._periods = PeriodClock()

    async def admit(self, ctx: RequestContext, route: Route, body: dict[str, Any], *, embeddings: bool = False) -> None:
        """Take the request's limits and budget, or raise 429; the context settles them when it finishes."""
        principal = ctx.principal
        if principal is None:
            return
        team = await self.teams.get(principal.team) if principal.team else None
        scopes = [("key", principal.key_id, principal.rpm, principal.tpm)] if principal.key_id else []
        if team is not None:
            scopes.append(("team", team.name, team.rpm, team.tpm))
        scopes.append(("model", route.name, route.rpm, route.tpm))
        budgets = self._budgets(principal.key_id, principal.budget_usd, principal.budget_period, team)
        if not budgets and not any(rpm or tpm for _, _, rpm, tpm in scopes):
            return  # nothing to enforce: no token counting, no state round trip
        input_tokens = self.counter.embedding_input(body) if embeddings else self.counter.chat_input(body)
        output_cap = None if embeddings else requested_output(body)
        tokens = input_tokens + (output_cap or 0)
        admission = Admission(member=ctx.id)

        specs: list[LimitSpec] = []
        for kind, name, rpm, tpm in scopes:
            if rpm:
                specs.append(LimitSpec(key=f"rpm:{kind}:{name}", limit=rpm, amount=1, window_s=WINDOW_S))
            if tpm:
                specs.append(LimitSpec(key=f"tpm:{kind}:{name}", limit=tpm, amount=tokens, window_s=WINDOW_S))
                admission.tpm_keys.append(f"tpm:{kind}:{name}")
        if specs:
            decision = await self.state.acquire(specs, member=ctx.id)
            if not decision.admitted:
                raise _limit_error(decision, tokens)
            admission.limit_keys = [s.key for s in specs]

        if budgets:
            worst = self._worst_case_cost(route, input_tokens, output_cap, embeddings)
            specs_b = [BudgetSpec(scope=s, period=p.id, limit_usd=limit, amount_usd=worst) for s, p, limit in budgets]
            verdict = await self.state.reserve(specs_b, request_id=ctx.id, ttl_s=self.limits.reservation_ttl_s)
            if not verdict.admitted:
                if admission.limit_keys:
                    await self.state.release(admission.limit_keys, member=ctx.id)
                raise _budget_error(budgets, verdict.hit.scope if verdict.hit else None, worst, principal.name)
            admission.budget_scopes = [(s, p.id) for s, p, _ in budgets]
        if admission.limit_keys or admission.budget_scopes:
            ctx.on_finish = lambda c: self.settle(admission, c)

    def settle(self, admission: Admission, ctx: RequestContext) -> None:
        if admission.settled:
            return
        admission.settled = True
        succeeded = ctx.status == 200 and ctx.error_code is None
        tokens = 0 if ctx.cache_hit else ctx.input_tokens + ctx.output_tokens
        self._spawn(self._settle(admission, succeeded, tokens, ctx.cost_usd))

    async def _settle(self, admission: Admission, succeeded: bool, tokens: int, cost: float) -> None:
        try:
            for key in admission.tpm_keys:
                await self.state.adjust(key, member=admission.member, amount=tokens, window_s=WINDOW_S)
            if admission.budget_scopes:
                if succeeded:
                    await self.state.commit(admission.budget_scopes, request_id=admission.member, cost_usd=cost)
                else:
                    await self.state.release_reservation(admission.budget_scopes, request_id=admission.member)
            # Last: the member (ctx.id, fresh per request) is never used again, so the in-process state
            # keeps its window entries as compact anonymous ones and forgets its committed id.
            await self.state.settle(admission.limit_keys, admission.member, scopes=admission.budget_scopes)
        except QuarterdeckError as exc:
            log.error("could not settle request %s (its reservation expires on its own): %s",
                      admission.member, exc.message)

    def _budgets(
        self, key_id: str | None, budget: float | None, period: str | None, team: TeamRecord | None
    ) -> list[tuple[str, Any, float]]:
        out = []
        if key_id and budget is not None:
            out.append((f"key:{key_id}", self._periods.current(period), budget))
        if team is not None and team.budget_usd is not None:
            out.append((f"team:{team.name}", self._periods.current(team.budget_period), team.budget_usd))
        return out

    def _worst_case_cost(self, route: Route, input_tokens: int, output_cap: int | None, embeddings: bool) -> float:
        prices = [d.price for r in self._chain(route) for d in r.deployments]
        dear_in = max(p.input_per_mtok for p in prices)
        dear_out = 0.0 if embeddings else max(p.output_per_mtok for p in prices)
        output = output_cap or self.limits.default_max_tokens
        return (input_tokens * dear_in + output * dear_out) / 1_000_000

    def _chain(self, route: Route) -> list[Route]:
        return [route] + [self.router.routes[name] for name in route.fallbacks if name in self.router.routes]


_PERIOD_NAMES = {"d": "day", "w": "week", "m": "month"}


def _budget_error(
    budgets: list[tuple[str, Any, float]], hit: str | None, worst: float, key_name: str
) -> BudgetExceededError:
    scope, period, limit = next((b for b in budgets if b[0] == hit), budgets[0])
    kind, _, name = scope.partition(":")
    if kind == "key":
        name = key_name
    unit = _PERIOD_NAMES.get(period.id[0]) if period.id != "all" else None
    per = f" per {unit}" if unit else ""
    return BudgetExceededError(
        f"Budget of the {kind} '{name}' exhausted: ${limit:.6f}{per}; this request could cost up to ${worst:.6f}.",
        retry_after=period.seconds_left(datetime.now(UTC)),
    )


def _limit_error(decision: LimitDecision, tokens: int) -> RateLimitError:
    hit = decision.hit
    assert hit is not None  # a refusal always names its limit
    kind, scope, name = hit.key.split(":", 2)
    unit = "requests" if kind == "rpm" else "tokens"
    if decision.too_large:
        return RateLimitError(
            f"This request needs about {tokens} tokens, more than the {scope} '{name}' may use in a minute "
            f"({hit.limit} {unit} per minute).",
            retry_after=None,
        )
    return RateLimitError(
        f"Rate limit of the {scope} '{name}' reached: {hit.limit} {unit} per minute "
        f"({hit.usage} used in the last minute).",
        retry_after=decision.retry_after,
    )
