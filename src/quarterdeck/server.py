"""The ASGI application (gateway + admin API) and the uvicorn server that runs it."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import math
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn, cast

import uvicorn
import uvloop
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from quarterdeck.config.defaults import resolve_config
from quarterdeck.errors import ConfigError, InternalError
from quarterdeck.gateway.app import App, create_app
from quarterdeck.gateway.asgi import Handler, gateway_routes, hot_routes
from quarterdeck.gateway.envelopes import error_response
from quarterdeck.gateway.sse import STREAM_HOOKS
from quarterdeck.store import Store

log = logging.getLogger("quarterdeck.server")

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
STOPPED_MESSAGE = "Quarterdeck stopped: in-flight requests drained, request log flushed."


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

        def tracking_send(message: Message) -> Awaitable[None]:
            # a plain function handing back ``send``'s awaitable: no coroutine of its own per message
            nonlocal started
            started = True
            return send(message)

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


class LazyAdminApi:
    """The admin API (FastAPI, ~10 MB of modules), built on its first request: a serving worker that
    is never administered through this process does not load it."""

    def __init__(self, app: App) -> None:
        self.app = app
        self._asgi: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._asgi is None:
            from quarterdeck.api import create_admin_api

            self._asgi = create_admin_api(self.app)
        await self._asgi(scope, receive, send)


class CoalescingTransport:
    """A transport whose writes made during one turn of the event loop leave in one ``send``.

    uvicorn writes a response's status line and headers as soon as they are known and its body
    next, and a stream's every event apart; on a busy gateway each write is a system call and a
    packet, and the status line costs one for itself. Here the writes are queued and flushed by a
    callback the loop runs right after the current turn (no wait on the network in between), so a
    response's head and body, or stream events produced together, go out in one write. Nothing is
    delayed past the turn that produced it; ``close`` flushes first."""

    __slots__ = ("_loop", "_pending", "_scheduled", "_transport")

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []
        self._scheduled = False  # a ``_flush`` is due after this turn

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not self._scheduled:
            self._scheduled = True
            self._loop.call_soon(self._flush)
        self._pending.append(bytes(data))

    def writelines(self, lines: Sequence[bytes | bytearray | memoryview]) -> None:
        for data in lines:
            self.write(data)

    def _flush(self) -> None:
        self._scheduled = False
        self.flush()

    def flush(self) -> None:
        """Write what is queued now, not after the turn (what is written later in the turn still waits)."""
        pending = self._pending
        if pending:
            self._pending = []
            if not self._transport.is_closing():
                self._transport.write(pending[0] if len(pending) == 1 else b"".join(pending))

    def close(self) -> None:
        self._flush()
        self._transport.close()

    def abort(self) -> None:
        self._pending = []
        self._transport.abort()

    def is_closing(self) -> bool:
        return self._transport.is_closing()

    def get_write_buffer_size(self) -> int:
        return self._transport.get_write_buffer_size() + sum(len(data) for data in self._pending)

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        self._flush()
        self._transport.set_protocol(protocol)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class CoalescingHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol writing through a ``CoalescingTransport``, and the connection's
    ``StreamHooks`` for a streamed response (in the scope as ``STREAM_HOOKS``): flush now, and a callback
    when the client leaves (no task per stream watching ``receive`` for ``http.disconnect``)."""

    _on_lost: Callable[[], None] | None = None
    _lost = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._coalescing = CoalescingTransport(transport, self.loop)
        super().connection_made(cast(asyncio.Transport, self._coalescing))

    def on_headers_complete(self) -> None:
        self.scope[STREAM_HOOKS] = self  # type: ignore[literal-required]  # an extension key of our own
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        super().connection_lost(exc)  # the request's cycle sees ``http.disconnect`` from now on
        self._lost = True
        callback, self._on_lost = self._on_lost, None
        if callback is not None:
            callback()

    # StreamHooks

    def flush(self) -> None:
        self._coalescing.flush()

    def on_disconnect(self, callback: Callable[[], None] | None) -> None:
        self._on_lost = callback
        if callback is None:
            return
        if self._lost:  # gone already: told in the next turn, as a watcher on ``receive`` would be
            self.loop.call_soon(callback)
        else:
            self.flow.resume_reading()  # as ``receive`` does: a paused connection would not notice the close


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
    routes.append(Mount("/api", app=LazyAdminApi(app)))
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
        timeout_graceful_shutdown=math.ceil(grace_s if grace_s is not None else app.config.server.shutdown_grace_s),
        loop="uvloop",
        http=CoalescingHttpToolsProtocol,
        ws="none",  # no WebSocket endpoints: not loading the websockets package saves ~2 MB per worker
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
        if server.started:
            settle_heap()
            if on_ready is not None:
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


def settle_heap() -> None:
    """Once the process is serving: collect start-up garbage, then move every object alive now (modules,
    config, routes, compiled policies) out of the cyclic collector's reach, so its full collections only
    walk what requests create."""
    gc.collect()
    gc.freeze()


def _ignore_signal(signum: int, frame: FrameType | None) -> None:
    """Placeholder handler: the graceful shutdown already happened when this runs."""


def asgi_from_env() -> HotPaths:
    """The ASGI app of one worker process (``up --workers N``): config from ``$QUARTERDECK_CONFIG``
    or the embedded default, exactly as the parent resolved it."""
    config, _ = resolve_config(None)
    asgi = build_asgi(create_app(config))
    settle_heap()
    return asgi


def prefer_one_malloc_arena() -> None:
    """Serving processes inherit ``MALLOC_ARENA_MAX=1`` unless the environment sets it. glibc gives each thread
    that mallocs its own arena; the request-log writer's and executor threads' freed batches then sit in arenas of
    their own: one arena kept a worker's peak RSS ~9 MB lower at ~3,000 req/s (bench config, 30 s; same
    throughput). Called before the exec and before the workers start (new interpreters read it at start)."""
    os.environ.setdefault("MALLOC_ARENA_MAX", "1")


def serve_workers(sock: socket.socket, workers: int, *, grace_s: float, log_level: str = "warning") -> None:
    """Run ``workers`` processes on one listening socket; SIGTERM drains and flushes each of them."""
    prefer_one_malloc_arena()
    config = uvicorn.Config(
        "quarterdeck.server:asgi_from_env",
        factory=True,
        workers=workers,
        lifespan="on",
        log_level=log_level,
        access_log=False,
        timeout_graceful_shutdown=math.ceil(grace_s),
        loop="uvloop",
        http=CoalescingHttpToolsProtocol,
        ws="none",  # no WebSocket endpoints: not loading the websockets package saves ~2 MB per worker
        server_header=False,
    )
    from uvicorn.supervisors import Multiprocess  # its reload support pulls in watchfiles: only here

    Multiprocess(config, sockets=[sock]).run()


# --------------------------------------------------------------------------------------------------
# The lean serving process: `quarterdeck up` (one worker) replaces itself with it


def exec_serving_process(
    sock: socket.socket, *, config: Path | None, log_level: str, server_log_level: str, ready_text: str
) -> NoReturn:
    """Replace this process (same pid, same stdout/stderr, same listening socket) with
    ``python -m quarterdeck.server``, which imports only what serving needs: the command-line
    interface's libraries (typer/rich, evals, guard tooling, ...) and Alembic stay out of the worker's
    memory. The caller has migrated the store and synced the config's keys; ``ready_text`` (which
    may hold first-start keys) goes through a pipe, never argv or the environment."""
    read_fd, write_fd = os.pipe()
    try:
        os.write(write_fd, ready_text.encode())  # a few hundred bytes: far below the pipe's buffer
    finally:
        os.close(write_fd)
    os.set_inheritable(read_fd, True)
    sock.set_inheritable(True)
    argv = [sys.executable, "-m", "quarterdeck.server", "--listen-fd", str(sock.fileno()),
            "--ready-fd", str(read_fd), "--log-level", log_level, "--server-log-level", server_log_level]
    if config is not None:
        argv += ["--config", str(config.resolve())]
    sys.stdout.flush()
    sys.stderr.flush()
    prefer_one_malloc_arena()
    os.execv(sys.executable, argv)


def serving_main(argv: Sequence[str] | None = None) -> None:
    """The serving process ``exec_serving_process`` starts: open the store (already migrated), serve
    on the inherited socket, print the ready text once listening, and the stop line at the end."""
    parser = argparse.ArgumentParser(prog="python -m quarterdeck.server")
    parser.add_argument("--listen-fd", type=int, required=True)
    parser.add_argument("--ready-fd", type=int, required=True)
    parser.add_argument("--log-level", default="info")
    parser.add_argument("--server-log-level", default="warning")
    parser.add_argument("--config", type=Path, default=None)
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), stream=sys.stderr, format=LOG_FORMAT)
    with os.fdopen(args.ready_fd, "r") as ready:
        ready_text = ready.read()
    sock = socket.socket(fileno=args.listen_fd)
    try:
        config, _ = resolve_config(args.config)
        app = App(config, Store(config.store))
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr, flush=True)
        sys.exit(2)
    serve(app, sock, on_ready=lambda: print(ready_text, flush=True), log_level=args.server_log_level)
    print(STOPPED_MESSAGE, flush=True)


if __name__ == "__main__":
    serving_main()
