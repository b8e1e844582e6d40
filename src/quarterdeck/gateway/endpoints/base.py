"""What every /v1 handler does: authenticate, read the body, check the model, answer errors."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import Response

from quarterdeck.errors import PermissionDeniedError, QuarterdeckError, RateLimitError
from quarterdeck.gateway.app import App
from quarterdeck.gateway.cache import cache_key, wants_no_cache
from quarterdeck.gateway.context import RequestContext
from quarterdeck.gateway.edge import ClientGone, api_key_of, parse_json_object, read_body, validate
from quarterdeck.gateway.envelopes import error_response
from quarterdeck.gateway.routing import Deployment, Route
from quarterdeck.gateway.sse import SSEResponse
from quarterdeck.registry import assign_canary

log = logging.getLogger("quarterdeck.gateway")

Handler = Callable[[Request, RequestContext], Awaitable[Response]]


class Endpoint(ABC):
    """Base of the /v1 handlers. ``anthropic`` selects the error envelope."""

    endpoint = ""
    anthropic = False

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, request: Request) -> Response:
        ctx = RequestContext(endpoint=self.endpoint)
        headers = request.headers
        ctx.feature = headers.get("x-quarterdeck-feature")
        ctx.user_id = headers.get("x-quarterdeck-user")
        ctx.session_id = headers.get("x-quarterdeck-session")
        try:
            return await self.handle(request, ctx)  # type: ignore[return-value]  # SSEResponse is an ASGI app too
        except QuarterdeckError as exc:
            if isinstance(exc, RateLimitError):
                self.app.metrics.limited.labels(ctx.public_model or "-", exc.code).inc()
            ctx.fail(exc)
            ctx.finish(self.app.log_writer, self.app.metrics)
            return error_response(exc, anthropic=self.anthropic, request_id=ctx.id)
        except ClientGone:
            ctx.client_closed()
            ctx.finish(self.app.log_writer, self.app.metrics)
            return Response(status_code=400)

    @abstractmethod
    async def handle(self, request: Request, ctx: RequestContext) -> Response | SSEResponse:
        """Serve one request; raise a ``QuarterdeckError`` to answer with an error."""

    async def authorize(self, request: Request, ctx: RequestContext) -> None:
        ctx.principal = await self.app.authenticator.authenticate(api_key_of(request))

    async def read_json(self, request: Request, schema: type[BaseModel] | None) -> dict[str, Any]:
        """The body as a JSON object, checked against ``schema`` (None: the caller validates later)."""
        body = parse_json_object(await read_body(request, self.app.config.server.max_body_bytes))
        if schema is not None:
            validate(schema, body)
        return body

    def route_for(self, ctx: RequestContext, model: str) -> Route:
        """The route for ``model`` (or its kill switch's fallback), if the key may use ``model``."""
        ctx.public_model = model
        principal = ctx.principal
        if principal is not None and not principal.may_use(model):
            raise PermissionDeniedError(
                f"The key '{principal.name}' is not allowed to use the model '{model}'.", param="model"
            )
        served = self.app.registry_link.model_for(model)
        ctx.public_model = served
        route = self.app.router.route(served)
        canary = self.app.route_canaries.get(served)
        if canary is None:
            return route
        chosen = assign_canary(canary.release_id, ctx.user_id or ctx.session_id, canary.weight)
        if ctx.release_id is None:  # a prompt's own canary, when one runs, is what the row records
            ctx.release_id, ctx.release_variant = canary.release_id, "canary" if chosen else "stable"
        return canary.route if chosen else route

    async def cached_or_routed(
        self,
        request: Request,
        ctx: RequestContext,
        route: Route,
        body: dict[str, Any],
        attempt: Callable[[Deployment, float], Awaitable[dict[str, Any]]],
    ) -> dict[str, Any]:
        """A non-streamed answer: from the response cache when the route has one and the request allows
        it, else routed (and then cached). Hits set ``ctx.cache_hit`` and cost nothing."""
        key = None
        if route.cache_ttl_s and not wants_no_cache(request.headers.get("cache-control")):
            key = cache_key(self.endpoint, route.name, body)
            hit = await self.app.cache.get(key)
            self.app.metrics.cache.labels(route.name, "hit" if hit is not None else "miss").inc()
            if hit is not None:
                ctx.cache_hit = True
                hit["model"] = route.name
                return hit
        result = (await self.app.router.run(route, attempt, ctx.trace)).value
        result["model"] = route.name
        if key is not None:
            self.app.spawn(self.app.cache.put(key, result, route.cache_ttl_s))
        return result

    def response_headers(self, ctx: RequestContext) -> dict[str, str]:
        headers = {"X-Request-Id": ctx.id}
        if ctx.cache_hit:
            headers["X-Quarterdeck-Cache"] = "hit"
        if ctx.cost_usd:
            headers["X-Quarterdeck-Cost"] = f"{ctx.cost_usd:.10f}"
        deployment = ctx.trace.deployment_id
        if deployment:
            headers["X-Quarterdeck-Deployment"] = deployment
        if ctx.pending_approvals:
            headers["X-Quarterdeck-Pending-Approvals"] = ",".join(ctx.pending_approvals)
        return headers
