"""A server-sent-events response that notices when the client leaves.

Starlette's StreamingResponse would do, but the gateway must know *when* a stream ends early (the
request log records it and, later, budget reservations are released), and must close the upstream
stream promptly. This response runs the body in a task, watches ``receive`` for
``http.disconnect``, cancels the body on disconnect, and always closes the body generator.
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
        streamer = asyncio.create_task(self._stream(send, raw_headers))
        watcher = asyncio.create_task(self._watch(receive, streamer))
        try:
            with contextlib.suppress(asyncio.CancelledError, OSError):
                await streamer
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher

    async def _stream(self, send: Send, raw_headers: list[tuple[bytes, bytes]]) -> None:
        try:
            # The head is sent from here, in the same turn of the loop as the first chunk when that one is
            # ready (it usually is: the upstream's first chunk came before this response was made), so
            # the server writes both at once.
            await send({"type": "http.response.start", "status": 200, "headers": raw_headers})
            async for chunk in self.body:
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            await self.body.aclose()

    @staticmethod
    async def _watch(receive: Receive, streamer: asyncio.Task[None]) -> None:
        while True:
            message: Message = await receive()
            if message["type"] == "http.disconnect":
                if not streamer.done():
                    streamer.cancel()
                return
