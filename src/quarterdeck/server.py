"""The ASGI application (gateway + admin API) and the uvicorn server that runs it."""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from types import FrameType

import uvicorn
import uvloop
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.types import Message, Receive, Scope, Send
from uvicorn.supervisors import Multiprocess

from quarterdeck.api import create_admin_api
from quarterdeck.config.defaults import resolve_config
from quarterdeck.errors import InternalError
from quarterdeck.gateway.app import App, create_app
from quarterdeck.gateway.asgi import Handler, gateway_routes, hot_routes
from quarterdeck.gateway.envelopes import error_response

log = logging.getLogger("quarterdeck.server")


class HotPaths:
    """Dispatch the data plane's endpoints by exact method and path, before Starlette's router and
    middleware stack (a measurable share of a request's CPU); everything else goes to Starlette."""

    def __init__(self, hot: dict[tuple[str, str], Handler], fallback: Starlette) -> None:
        self.hot = hot
        self.fallback = fallback

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        handler = self.hot.get((scope.get("method", ""), scope.get("path", ""))) if scope["type"] == "http" else None
        if handler is None:
            await self.fallback(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = True
            await send(message)

        request = Request(scope, receive)
        try:
            response = await handler(request)
            await response(scope, receive, tracking_send)
        except Exception as exc:  # the edge: a bug must still answer with the envelope and be logged
            log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
            if started:
                raise
            error = InternalError("Internal error in the gateway; see the server log.")
            await error_response(error, anthropic=scope["path"] == "/v1/messages")(scope, receive, send)


def build_asgi(app: App) -> HotPaths:
    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await app.start()
        try:
            yield
        finally:
            await app.aclose()

    async def unexpected(request: Request, exc: Exception) -> Response:
        # The edge: anything not already a QuarterdeckError is a bug; answer with the envelope, log it.
        log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(
            InternalError("Internal error in the gateway; see the server log."),
            anthropic=request.url.path == "/v1/messages",
        )

    hot = hot_routes(app)
    routes = gateway_routes(app, hot)
    routes.append(Mount("/api", app=create_admin_api(app)))
    return HotPaths(hot, Starlette(routes=routes, lifespan=lifespan, exception_handlers={Exception: unexpected}))


def bind_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY on accepted connections only when the listening
    # socket says so, and without it small answers wait ~40 ms for the peer's delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def make_server(app: App, *, grace_s: float | None = None, log_level: str = "warning") -> uvicorn.Server:
    config = uvicorn.Config(
        build_asgi(app),
        lifespan="on",
        log_level=log_level,
        access_log=False,
        timeout_graceful_shutdown=int(grace_s if grace_s is not None else app.config.server.shutdown_grace_s),
        loop="uvloop",
        http="httptools",
        server_header=False,
    )
    return uvicorn.Server(config)


def serve(
    app: App,
    sock: socket.socket,
    *,
    on_ready: Callable[[], None] | None = None,
    log_level: str = "warning",
) -> None:
    """Serve until SIGINT/SIGTERM; then drain in-flight requests and flush the request log."""
    server = make_server(app, log_level=log_level)

    async def main() -> None:
        serving = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started and not serving.done():  # noqa: ASYNC110 - uvicorn exposes a flag, not an event
            await asyncio.sleep(0.02)
        if server.started and on_ready is not None:
            on_ready()
        await serving

    # uvicorn captures SIGINT/SIGTERM while serving, shuts down gracefully, then re-raises the signal
    # to the handler that was there before. A no-op handler there lets the process finish normally
    # (exit status 0) after the drain and the request-log flush.
    previous = {sig: signal.signal(sig, _ignore_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        uvloop.run(main())
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _ignore_signal(signum: int, frame: FrameType | None) -> None:
    """Placeholder handler: the graceful shutdown already happened when this runs."""


def asgi_from_env() -> HotPaths:
    """The ASGI app of one worker process (``up --workers N``): config from ``$QUARTERDECK_CONFIG``
    or the embedded default, exactly as the parent resolved it."""
    config, _ = resolve_config(None)
    return build_asgi(create_app(config))


def serve_workers(sock: socket.socket, workers: int, *, grace_s: float, log_level: str = "warning") -> None:
    """Run ``workers`` processes on one listening socket; SIGTERM drains and flushes each of them."""
    config = uvicorn.Config(
        "quarterdeck.server:asgi_from_env",
        factory=True,
        workers=workers,
        lifespan="on",
        log_level=log_level,
        access_log=False,
        timeout_graceful_shutdown=int(grace_s),
        loop="uvloop",
        http="httptools",
        server_header=False,
    )
    Multiprocess(config, sockets=[sock]).run()
