"""A server-sent-events response that notices when the client leaves.

Starlette's StreamingResponse would do, but the gateway must know *when* a stream ends early (the
request log records it and, later, budget reservations are released), and must close the upstream
stream promptly. This response runs the body in the request's task, watches ``receive`` for
``http.disconnect`` in a second one, cancels the body on disconnect, and always closes the body generator.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator

from starlette.types import Message, Receive, Scope, Send


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
        # The body runs in this task; a second one watches ``receive`` and cancels this one when the client
        # leaves (one task per stream, not two: task switches are a good part of a short stream's cost).
        task = asyncio.current_task()
        if task is None:
            raise RuntimeError("SSEResponse must run in an asyncio task")
        state = _Watch(task)
        watcher = asyncio.create_task(self._watch(receive, state))
        try:
            await self._stream(send, raw_headers)
        except asyncio.CancelledError:
            if not state.client_left:
                raise  # cancelled from outside (shutdown): not ours to swallow
            task.uncancel()
        except OSError:
            pass  # the connection broke while writing: the client is gone
        finally:
            state.finished = True
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher

    async def _stream(self, send: Send, raw_headers: list[tuple[bytes, bytes]]) -> None:
        try:
            # The head is sent in the same turn of the loop as the first chunk when that one is ready (it
            # usually is: the upstream's first chunk came before this response was made), so the server
            # writes both at once.
            await send({"type": "http.response.start", "status": 200, "headers": raw_headers})
            first = True
            async for chunk in self.body:
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
                if first:
                    # Let the loop turn end, so the server writes the head and the first chunk now: when the
                    # upstream sent several chunks at once, relaying the rest first would hold the first
                    # token back until all of them are encoded.
                    first = False
                    await asyncio.sleep(0)
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            await self.body.aclose()

    @staticmethod
    async def _watch(receive: Receive, state: _Watch) -> None:
        while True:
            message: Message = await receive()
            if message["type"] == "http.disconnect":
                if not state.finished:
                    state.client_left = True
                    state.task.cancel()
                return


class _Watch:
    """What the response's task and its watcher share."""

    __slots__ = ("client_left", "finished", "task")

    def __init__(self, task: asyncio.Task[object]) -> None:
        self.task = task
        self.client_left = False
        self.finished = False
