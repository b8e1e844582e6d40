"""The one ``App`` object: config, store, providers, router, metrics, request-log writer.

Built by ``create_app(config)`` (synchronous: opens the store and applies migrations), started with
``await app.start()`` inside the server's event loop (HTTP session, providers, log writer) and
stopped with ``await app.aclose()``, which flushes the request log.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Coroutine
from typing import Any

from quarterdeck import __version__
from quarterdeck.config import Config, KeyConfig, ModelConfig
from quarterdeck.gateway.admission import Admitter, TeamDirectory
from quarterdeck.gateway.cache import ResponseCache
from quarterdeck.gateway.circuit import CircuitBreaker
from quarterdeck.gateway.guards import GuardLink
from quarterdeck.gateway.keys import Authenticator, display_prefix, hash_key
from quarterdeck.gateway.metrics import Metrics
from quarterdeck.gateway.periods import period_of
from quarterdeck.gateway.pricing import Price
from quarterdeck.gateway.registry_link import RegistryLink
from quarterdeck.gateway.released_routes import ReleasedRoutes, RouteCanary
from quarterdeck.gateway.routing import Deployment, Route, Router
from quarterdeck.gateway.tokens import TokenCounter
from quarterdeck.gateway.tool_calls import ToolGate
from quarterdeck.providers.base import Provider
from quarterdeck.providers.http import HTTPSession
from quarterdeck.providers.registry import build_provider
from quarterdeck.providers.wire import HTTPClient
from quarterdeck.registry import RegistryView
from quarterdeck.state import State, create_state
from quarterdeck.store import KeyRecord, RequestLogWriter, Store, TeamRecord

log = logging.getLogger("quarterdeck.gateway")

VERSION = __version__
CIRCUIT_SYNC_S = 0.5
# A request is settled exactly once (its context guards that); the state's "already committed" marks
# only guard against a duplicated delivery, so a minute is plenty and keeps memory flat under load.
COMMIT_MARK_TTL_S = 60.0


class App:
    def __init__(self, config: Config, store: Store) -> None:
        self.config = config
        self.store = store
        self.metrics = Metrics()
        self.breaker = CircuitBreaker(
            failure_threshold=config.circuit_breaker.failure_threshold,
            cooldown_s=config.circuit_breaker.cooldown_s,
        )
        admin = config.admin_key.get_secret_value() if config.admin_key else None
        self.authenticator = Authenticator(store, admin)
        self.log_writer = RequestLogWriter(
            store.requests,
            batch_size=config.server.log_batch_size,
            flush_interval_s=config.server.log_flush_interval_s,
        )
        self.registry_link = RegistryLink(store, config.server.registry_poll_s, config.server.canary_check_s)
        self.registry_link.on_change = self._serve_view
        self.guards = GuardLink(
            lambda v: self.metrics.guard.labels(v.policy, v.stage, v.scanner, v.action).inc(),
            ToolGate(store, self.spawn, lambda policy, rule, decision: self.metrics.tool_calls.labels(
                policy, rule, decision).inc()),
        )
        self._released_routes = ReleasedRoutes(self._route)
        self._config_routes: dict[str, Route] = {}
        self.route_canaries: dict[str, RouteCanary] = {}
        self.providers: dict[str, Provider] = {}
        self.router = Router({}, self.breaker)
        self.tokens = TokenCounter()
        self.teams = TeamDirectory(store)
        self.state: State = create_state(None)
        self.cache = ResponseCache(self.state)
        self.admitter = Admitter(self.state, config.limits, self.teams, self.tokens, self.router, self.spawn)
        self._tasks: set[asyncio.Task[None]] = set()
        self._circuit_sync: asyncio.Task[None] | None = None
        self._session: HTTPSession | None = None
        self._started = False

    def spawn(self, work: Coroutine[Any, Any, None]) -> None:
        """Run bookkeeping off the request's path; ``aclose`` waits for it."""
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def start(self) -> None:
        if self._started:
            return
        self._session = self._http_client()
        self.providers = {p.name: build_provider(p, self._session) for p in self.config.providers}
        self._config_routes = {model.name: self._route(model) for model in self.config.models}
        self.router = Router(dict(self._config_routes), self.breaker)
        self.state = create_state(
            self.config.redis,
            fail_open=self.config.limits.fail_open,
            prefix=self.config.redis_prefix,
            committed_ttl_s=COMMIT_MARK_TTL_S,
        )
        self.cache = ResponseCache(self.state)
        self.admitter = Admitter(self.state, self.config.limits, self.teams, self.tokens, self.router, self.spawn)
        if await self._counts_tokens():
            await asyncio.to_thread(self.tokens.count_text, "warm up")  # load the encoding off the loop
        if self.config.redis is None:
            await self._rebuild_spend()
        else:
            self.breaker.on_open = lambda dep, secs: self.spawn(self.state.circuit_open(dep, time.time() + secs))
            self.breaker.on_close = lambda dep: self.spawn(self.state.circuit_close(dep))
            self._circuit_sync = asyncio.get_running_loop().create_task(self._sync_circuits())
        await self.registry_link.start()
        self._serve_view(self.registry_link.view)
        self.log_writer.start()
        self._started = True
        log.info("gateway started: %d provider(s), %d model(s)", len(self.providers), len(self.router.routes))

    def _http_client(self) -> HTTPSession:
        """The upstream HTTP client (``server.upstream_client``): the lean one (default), or aiohttp's."""
        if self.config.server.upstream_client == "lean":
            return HTTPClient()
        import aiohttp  # only this choice loads it

        return aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=0, limit_per_host=0, ttl_dns_cache=300),
            timeout=aiohttp.ClientTimeout(total=None),
            auto_decompress=True,
            # No proxy lookup from the environment: it doubled the CPU per request (0.38 -> 0.74 ms
            # measured with bench/cpu_per_request.py).
            trust_env=False,
        )

    def _route(self, model: ModelConfig) -> Route:
        deployments = [
            Deployment(
                id=f"{d.provider}/{d.model}",
                provider=self.providers[d.provider],
                model=d.model,
                weight=d.weight,
                price=Price(d.input_cost_per_mtok, d.output_cost_per_mtok),
            )
            for d in model.deployments
        ]
        return Route(
            name=model.name,
            deployments=deployments,
            strategy=model.strategy,
            fallbacks=list(model.fallbacks),
            timeout_s=model.timeout_s,
            attempt_timeout_s=model.attempt_timeout_s,
            retries=model.retries,
            rpm=model.rpm,
            tpm=model.tpm,
            cache_ttl_s=model.cache_ttl_s,
        )

    def _serve_view(self, view: RegistryView) -> None:
        """A new registry view: serve its released routes (and their canaries) from now on."""
        self.guards.refresh(view)
        if not self.providers:  # not started: start() applies the view once routes exist
            return
        self.router.routes, self.route_canaries = self._released_routes.apply(view, self._config_routes)

    async def _sync_circuits(self) -> None:
        """Every half second, take in the circuits other replicas opened."""
        while True:
            snapshot = await self.state.circuit_snapshot()
            now = time.time()
            self.breaker.apply_shared({dep: until - now for dep, until in snapshot.items()})
            await asyncio.sleep(CIRCUIT_SYNC_S)

    async def quiesce(self, timeout_s: float = 5.0) -> None:
        """Wait (bounded) until bookkeeping already started is done and the request log is written."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_s
        while (self._tasks or self.log_writer.pending) and loop.time() < deadline:
            if self._tasks:
                await asyncio.wait(list(self._tasks), timeout=max(0.0, deadline - loop.time()))
            else:
                await asyncio.sleep(0.05)

    async def _counts_tokens(self) -> bool:
        """Whether any TPM limit or budget exists (then requests will count tokens)."""
        if any(m.tpm for m in self.config.models):
            return True
        keys = await asyncio.to_thread(self.store.keys.list)
        teams = await asyncio.to_thread(self.store.teams.list)
        return any(k.tpm or k.budget_usd is not None for k in keys) or any(
            t.tpm or t.budget_usd is not None for t in teams
        )

    async def _rebuild_spend(self) -> None:
        """In-process counters start from the durable request log, so a restart keeps budgets."""
        keys = await asyncio.to_thread(self.store.keys.list)
        teams = await asyncio.to_thread(self.store.teams.list)
        scopes: list[tuple[str, str | None, str | None, str | None]] = [
            (f"key:{k.id}", k.budget_period, k.id, None) for k in keys if k.budget_usd is not None
        ] + [(f"team:{t.name}", t.budget_period, None, t.name) for t in teams if t.budget_usd is not None]
        for scope, kind, key_id, team in scopes:
            period = period_of(kind)
            spent = await asyncio.to_thread(self.store.requests.spend, key_id=key_id, team=team, since=period.start)
            await self.state.set_spent(scope, period.id, spent)

    async def aclose(self) -> None:
        """Finish bookkeeping, flush the request log, then release providers, the session and the store."""
        if self._circuit_sync is not None:
            self._circuit_sync.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._circuit_sync
        await self.registry_link.aclose()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.log_writer.aclose()
        await self.state.aclose()
        for provider in self.providers.values():
            await provider.aclose()
        if self._session is not None:
            await self._session.close()
            self._session = None
        await asyncio.to_thread(self.store.close)
        self._started = False


def create_app(config: Config, *, store: Store | None = None) -> App:
    """Open the store, apply migrations and sync the config's bootstrap keys."""
    store = store or Store(config.store)
    store.migrate()
    store.keys.sync_config_keys([_config_key(k) for k in config.keys])
    store.teams.sync_config_teams(
        [
            TeamRecord(name=t.name, rpm=t.rpm, tpm=t.tpm, budget_usd=t.budget_usd, budget_period=t.budget_period,
                       source="config")
            for t in config.teams
        ]
    )
    return App(config, store)


def _config_key(key: KeyConfig) -> KeyRecord:
    raw = key.key.get_secret_value()
    return KeyRecord(
        name=key.name,
        key_hash=hash_key(raw),
        key_prefix=display_prefix(raw),
        role="app",
        team=key.team,
        models=list(key.models) if key.models is not None else None,
        rpm=key.rpm,
        tpm=key.tpm,
        budget_usd=key.budget_usd,
        budget_period=key.budget_period,
        source="config",
    )

