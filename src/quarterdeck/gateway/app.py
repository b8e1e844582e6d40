"""The one ``App`` object: config, store, providers, router, metrics, request-log writer.

Built by ``create_app(config)`` (synchronous: opens the store and applies migrations), started with
``await app.start()`` inside the server's event loop (HTTP session, providers, log writer) and
stopped with ``await app.aclose()``, which flushes the request log.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp

from quarterdeck import __version__
from quarterdeck.config import Config, KeyConfig
from quarterdeck.gateway.circuit import CircuitBreaker
from quarterdeck.gateway.keys import Authenticator, display_prefix, hash_key
from quarterdeck.gateway.metrics import Metrics
from quarterdeck.gateway.pricing import Price
from quarterdeck.gateway.routing import Deployment, Route, Router
from quarterdeck.providers.base import Provider
from quarterdeck.providers.registry import build_provider
from quarterdeck.store import KeyRecord, RequestLogWriter, Store

log = logging.getLogger("quarterdeck.gateway")

VERSION = __version__


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
        self.providers: dict[str, Provider] = {}
        self.router = Router({}, self.breaker)
        self._session: aiohttp.ClientSession | None = None
        self._started = False

    async def start(self) -> None:
        if self._started:
            return
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=0, limit_per_host=0, ttl_dns_cache=300),
            timeout=aiohttp.ClientTimeout(total=None),
            auto_decompress=True,
        )
        self.providers = {p.name: build_provider(p, self._session) for p in self.config.providers}
        self.router = Router(self._build_routes(), self.breaker)
        self.log_writer.start()
        self._started = True
        log.info("gateway started: %d provider(s), %d model(s)", len(self.providers), len(self.router.routes))

    def _build_routes(self) -> dict[str, Route]:
        routes: dict[str, Route] = {}
        for model in self.config.models:
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
            routes[model.name] = Route(
                name=model.name,
                deployments=deployments,
                strategy=model.strategy,
                fallbacks=list(model.fallbacks),
                timeout_s=model.timeout_s,
                attempt_timeout_s=model.attempt_timeout_s,
                retries=model.retries,
            )
        return routes

    async def aclose(self) -> None:
        """Flush the request log, then release providers, the HTTP session and the store."""
        await self.log_writer.aclose()
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

