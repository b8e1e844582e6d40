"""A server-sent-events response that notices when the client leaves.

Starlette's StreamingResponse would do, but the gateway must know *when* a stream ends early (the
request log records it and, later, budget reservations are released), and must close the upstream
stream promptly. This response runs the body in the request's task, learns that the client left from the
server's hooks (``STREAM_HOOKS``: Quarterdeck's uvicorn protocol calls back on ``connection_lost``) or, under
another server, from a second task watching ``receive`` for ``http.disconnect``, cancels the body then, and
always closes the body generator.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, Callable
from typing import Protocol

from starlette.types import Message, Receive, Scope, Send

STREAM_HOOKS = "quarterdeck.stream_hooks"
"""The scope key under which the server (``server.CoalescingHttpToolsProtocol``) offers its ``StreamHooks``."""


class StreamHooks(Protocol):
    """What the server can do for a streamed response beyond ASGI (absent: ASGI alone does the same)."""

    def flush(self) -> None:
        """Write what was sent so far now, not at the end of the loop's turn."""

    def on_disconnect(self, callback: Callable[[], None] | None) -> None:
        """Call ``callback`` (once) when the client leaves, or soon if it has left; ``None``: no longer."""


class SSEResponse:
    media_type = "text/event-stream"

    def __init__(self, body: AsyncGenerator[bytes, None], *, headers: dict[str, str] | None = None) -> None:
        self.body = body
        self.headers = headers or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw_headers = [
            (b"content-type", b"text/event-stream; charset=utf-8"),
            (b"cache-control", b"no-cache"),
            (b"x-accel-buffering", b"no"),
        ] + [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in self.headers.items()]
        # The body runs in this task; the client leaving cancels it: told by the server's hooks when it offers
        # them, else by a second task watching ``receive`` (one task per stream at most, not two: task switches
        # are a good part of a short stream's cost).
        task = asyncio.current_task()
        if task is None:
            raise RuntimeError("SSEResponse must run in an asyncio task")
        state = _Watch(task)
        hooks: StreamHooks | None = scope.get(STREAM_HOOKS)
        watcher: asyncio.Task[None] | None = None
        if hooks is not None:
            hooks.on_disconnect(state.client_leaves)
        else:
            watcher = asyncio.create_task(self._watch(receive, state))
        try:
            await self._stream(send, raw_headers, hooks)
        except asyncio.CancelledError:
            if not state.client_left:
                raise  # cancelled from outside (shutdown): not ours to swallow
            task.uncancel()
        except OSError:
            pass  # the connection broke while writing: the client is gone
        finally:
            state.finished = True
            if hooks is not None:
                hooks.on_disconnect(None)
            if watcher is not None:
                watcher.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await watcher

    async def _stream(self, send: Send, raw_headers: list[tuple[bytes, bytes]], hooks: StreamHooks | None) -> None:
        try:
            # The head is sent in the same turn of the loop as the first chunk when that one is ready (it
            # usually is: the upstream's first chunk came before this response was made), so the server
            # writes both at once.
            await send({"type": "http.response.start", "status": 200, "headers": raw_headers})
            first = True
            async for chunk in self.body:
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
                if first:
                    # The head and the first chunk leave now: when the upstream sent several chunks at once,
                    # relaying the rest first would hold the first token back until all of them are encoded.
                    # The server's hooks write them at once; else the loop's turn ends, and the server with it.
                    first = False
                    if hooks is not None:
                        hooks.flush()
                    else:
                        await asyncio.sleep(0)
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            await self.body.aclose()

    @staticmethod
    async def _watch(receive: Receive, state: _Watch) -> None:
        while True:
            message: Message = await receive()
            if message["type"] == "http.disconnect":
                state.client_leaves()
                return


class _Watch:
    """What the response's task and its watcher share."""

    __slots__ = ("client_left", "finished", "task")

    def __init__(self, task: asyncio.Task[object]) -> None:
        self.task = task
        self.client_left = False
        self.finished = False

    def client_leaves(self) -> None:
        if not self.finished:
            self.client_left = True
            self.task.cancel()
