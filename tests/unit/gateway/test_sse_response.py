"""The SSE response's ordering of writes: the first chunk leaves before the rest are relayed."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from typing import Any

from quarterdeck.gateway.sse import SSEResponse


async def test_the_first_chunk_is_flushed_before_buffered_chunks_are_relayed() -> None:
    """The server writes what a loop turn sent when the turn ends (CoalescingTransport). When the upstream
    sent several chunks at once, the relay would otherwise encode them all in one turn, holding the first
    token back; the response ends the turn after the first chunk."""
    events: list[str] = []
    loop = asyncio.get_running_loop()

    async def body() -> AsyncGenerator[bytes]:
        for n in range(3):  # nothing awaited in between: all three are buffered already
            yield b"data: %d\n\n" % n

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            events.append("head")
            loop.call_soon(events.append, "end of turn")  # where the server's coalesced write happens
        elif message["body"]:
            events.append(message["body"].decode().strip())
        else:
            events.append("end")

    async def receive() -> dict[str, Any]:
        await asyncio.Event().wait()  # the client stays
        return {"type": "http.disconnect"}

    await SSEResponse(body())({"type": "http"}, receive, send)
    assert events == ["head", "data: 0", "end of turn", "data: 1", "data: 2", "end"]
