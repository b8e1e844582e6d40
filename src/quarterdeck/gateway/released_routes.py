"""Routes served from the registry: a route artifact's ``production`` label replaces the config's
route of the same model name (or adds a model), with its canary when one runs.

Built ``Route`` objects are kept per (model, version): versions are immutable, so a label moving
back and forth reuses them (and their latency estimates).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from quarterdeck.config import ModelConfig
from quarterdeck.errors import ConfigError
from quarterdeck.gateway.routing import Route
from quarterdeck.registry import RegistryView

log = logging.getLogger("quarterdeck.gateway")

SERVED_LABEL = "production"


@dataclass(frozen=True, slots=True)
class RouteCanary:
    route: Route
    weight: float
    release_id: str


class ReleasedRoutes:
    def __init__(self, build: Callable[[ModelConfig], Route]) -> None:
        self._build = build
        self._built: dict[tuple[str, int], Route | None] = {}

    def _route(self, view: RegistryView, name: str, number: int) -> Route | None:
        key = (name, number)
        if key not in self._built:
            content: dict[str, Any] | None = view.contents.get(("route", name, number))
            route: Route | None = None
            if content is not None:
                try:
                    route = self._build(ModelConfig.model_validate({**content, "name": name}))
                except (ValidationError, ConfigError, KeyError) as exc:
                    log.error("route %s version %d cannot be served, keeping the previous route: %s", name, number, exc)
            self._built[key] = route
        return self._built[key]

    def apply(self, view: RegistryView, config_routes: dict[str, Route]) -> tuple[dict[str, Route],
                                                                                  dict[str, RouteCanary]]:
        """The routes to serve (config routes with released ones on top) and the running route canaries."""
        routes = dict(config_routes)
        canaries: dict[str, RouteCanary] = {}
        for (kind, name, label), record in view.labels.items():
            if kind != "route" or label != SERVED_LABEL:
                continue
            stable = self._route(view, name, record.version)
            if stable is None:
                continue
            routes[name] = stable
            if record.canary_version is not None and record.canary_release_id is not None:
                canary = self._route(view, name, record.canary_version)
                if canary is not None:
                    canaries[name] = RouteCanary(canary, record.canary_weight or 0.0, record.canary_release_id)
        return routes, canaries
