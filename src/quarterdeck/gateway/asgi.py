"""The data plane's routes: /v1/*, /healthz, /metrics."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable

import orjson
from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from quarterdeck.errors import MethodNotAllowedError, NotFoundError, QuarterdeckError
from quarterdeck.gateway.app import VERSION, App
from quarterdeck.gateway.context import new_request_id
from quarterdeck.gateway.endpoints.chat import ChatCompletions
from quarterdeck.gateway.endpoints.embeddings import Embeddings
from quarterdeck.gateway.endpoints.messages import Messages
from quarterdeck.gateway.endpoints.models import ModelsList
from quarterdeck.gateway.endpoints.tool_approvals import ToolApprovalStatus
from quarterdeck.gateway.envelopes import error_response

Handler = Callable[[Request], Awaitable[Response]]


def hot_routes(app: App) -> dict[tuple[str, str], Handler]:
    """The data plane's endpoints by exact method and path (the server dispatches these first)."""
    return {
        ("POST", "/v1/chat/completions"): ChatCompletions(app).__call__,
        ("POST", "/v1/messages"): Messages(app).__call__,
        ("POST", "/v1/embeddings"): Embeddings(app).__call__,
        ("GET", "/v1/models"): ModelsList(app).__call__,
    }


def gateway_routes(app: App, hot: dict[tuple[str, str], Handler] | None = None) -> list[BaseRoute]:
    async def healthz(request: Request) -> Response:
        try:
            await asyncio.to_thread(app.store.meta.get, "schema")
            store = "ok"
        except SQLAlchemyError as exc:
            store = f"error: {type(exc).__name__}"
        body = {"status": "ok" if store == "ok" else "degraded", "version": VERSION, "store": store,
                "models": len(app.router.routes), "request_log_pending": app.log_writer.pending,
                "pid": os.getpid()}
        return Response(orjson.dumps(body), status_code=200 if store == "ok" else 503,
                        media_type="application/json")

    async def metrics(request: Request) -> Response:
        app.metrics.log_pending.set(app.log_writer.pending)
        return Response(app.metrics.render(), media_type="text/plain; version=0.0.4; charset=utf-8")

    hot = hot if hot is not None else hot_routes(app)
    routes: list[BaseRoute] = [Route(path, handler, methods=[method]) for (method, path), handler in hot.items()]
    routes += [Route("/healthz", healthz, methods=["GET"]), Route("/metrics", metrics, methods=["GET"]),
               Route("/v1/tool-approvals/{approval_id}", ToolApprovalStatus(app).handle, methods=["GET"])]
    allowed = {r.path: sorted(r.methods or ()) for r in routes if isinstance(r, Route)}

    async def unknown(request: Request) -> Response:
        path = request.url.path
        error: QuarterdeckError
        if path in allowed:
            error = MethodNotAllowedError(f"{request.method} is not allowed on {path}.", allowed=allowed[path])
        else:
            error = NotFoundError(f"Unknown endpoint: {request.method} {path}")
        return error_response(error, anthropic=path == "/v1/messages", request_id=new_request_id())

    routes.append(Route("/v1/{path:path}", unknown, methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]))
    return routes
