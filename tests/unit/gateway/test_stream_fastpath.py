"""The streamed chat completion's fast path: chunks that came in one read from the upstream are relayed
as one piece (after the first, which leaves alone), the server's stream hooks replace the loop turn and
the watcher task, and none of it changes what the client sees or what the request log records."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Sequence
from typing import Any, cast

import orjson
import pytest

from quarterdeck.errors import ProviderConnectionError, ProviderHTTPError, QuarterdeckError
from quarterdeck.gateway.context import RequestContext
from quarterdeck.gateway.endpoints.chat import OpenAIEncoder
from quarterdeck.gateway.endpoints.streams import UpstreamStream, open_stream, relay
from quarterdeck.gateway.guards import StreamGuard
from quarterdeck.gateway.metrics import Metrics
from quarterdeck.gateway.pricing import Price
from quarterdeck.gateway.routing import Deployment
from quarterdeck.gateway.sse import STREAM_HOOKS, SSEResponse
from quarterdeck.providers.openai import OpenAIProvider
from quarterdeck.providers.wire import HTTPClient
from quarterdeck.server import CoalescingTransport
from quarterdeck.store import RequestLogWriter

JSON = dict[str, Any]
PUBLIC = "public-model"
UPSTREAM = "upstream-model"
USAGE = {"prompt_tokens": 12, "completion_tokens": 4, "total_tokens": 16}


def content_chunk(text: str, *, last: bool = False) -> JSON:
    return {
        "id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": UPSTREAM,
        "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": "stop" if last else None}],
        "usage": None,  # what an upstream asked for usage sends on content chunks
    }


def usage_chunk() -> JSON:
    return {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": UPSTREAM,
            "choices": [], "usage": dict(USAGE)}


class Writer:
    pending = 0

    def __init__(self) -> None:
        self.records: list[Any] = []

    def submit(self, record: Any) -> None:
        self.records.append(record)


def deployment(provider: Any = None) -> Deployment:
    return Deployment(id="p/" + UPSTREAM, provider=provider, model=UPSTREAM, weight=1.0,
                      price=Price(input_per_mtok=1.0, output_per_mtok=2.0))


async def batches(*items: Sequence[JSON] | BaseException) -> AsyncGenerator[Any]:
    for item in items:
        if isinstance(item, BaseException):
            raise item
        yield list(item)


def events(pieces: list[bytes]) -> list[Any]:
    """The SSE events in what the client received (``[DONE]`` as the string)."""
    out: list[Any] = []
    for event in b"".join(pieces).split(b"\n\n"):
        if event:
            assert event.startswith(b"data: ")
            data = event.removeprefix(b"data: ")
            out.append("[DONE]" if data == b"[DONE]" else orjson.loads(data))
    return out


async def run_relay(upstream: UpstreamStream, *, include_usage: bool, guard: Any = None
                    ) -> tuple[list[bytes], RequestContext, Writer]:
    ctx = RequestContext(endpoint="chat.completions")
    ctx.public_model = PUBLIC
    ctx.stream = True
    ctx.trace.deployment = upstream.deployment
    writer = Writer()
    body = relay(ctx, upstream, OpenAIEncoder(PUBLIC, include_usage), writer=cast(RequestLogWriter, writer),
                 metrics=Metrics(), guard=cast(StreamGuard | None, guard))
    pieces = [piece async for piece in body]
    return pieces, ctx, writer


@pytest.mark.parametrize("include_usage", [False, True])
async def test_chunks_that_came_together_leave_together_after_the_first(include_usage: bool) -> None:
    upstream = UpstreamStream(
        deployment(), content_chunk("a"), batches([content_chunk("d", last=True), usage_chunk()]),
        buffered=[content_chunk("b"), content_chunk("c")], batched=True,
    )
    pieces, ctx, writer = await run_relay(upstream, include_usage=include_usage)

    # the first chunk alone (the response flushes it before the rest), the rest of its read in one piece, the
    # next read in one piece, then the end
    assert [len(events([piece])) for piece in pieces] == [1, 2, 2 if include_usage else 1, 1]
    got = events(pieces)
    assert got[-1] == "[DONE]"
    chunks = got[:-1]
    assert all(chunk["model"] == PUBLIC for chunk in chunks)  # the public name, never the upstream's
    assert "".join(c["choices"][0]["delta"]["content"] for c in chunks if c["choices"]) == "abcd"
    if include_usage:
        assert chunks[-1]["choices"] == [] and chunks[-1]["usage"] == USAGE
        assert all(chunk["usage"] is None for chunk in chunks[:-1])
    else:
        assert all("usage" not in chunk for chunk in chunks)  # not asked for: not sent
    # the request log has the usage either way
    assert (ctx.input_tokens, ctx.output_tokens) == (12, 4)
    assert ctx.cost_usd == pytest.approx((12 * 1.0 + 4 * 2.0) / 1_000_000)
    assert len(writer.records) == 1
    assert writer.records[0].status_code == 200


async def test_a_chunk_by_chunk_upstream_is_relayed_chunk_by_chunk() -> None:
    async def rest() -> AsyncGenerator[JSON]:
        yield content_chunk("b", last=True)
        yield usage_chunk()

    upstream = UpstreamStream(deployment(), content_chunk("a"), rest())
    pieces, ctx, _ = await run_relay(upstream, include_usage=False)
    assert [len(events([piece])) for piece in pieces] == [1, 1, 1]
    assert [c if c == "[DONE]" else c["model"] for c in events(pieces)] == [PUBLIC, PUBLIC, "[DONE]"]
    assert (ctx.input_tokens, ctx.output_tokens) == (12, 4)


class Guard:
    """A stream guard that blocks the chunk whose content is ``block``."""

    def __init__(self, block: str | None) -> None:
        self.block = block
        self.seen: list[str] = []

    async def check(self, chunk: JSON) -> QuarterdeckError | None:
        text = "".join(c["delta"].get("content") or "" for c in chunk.get("choices") or [])
        self.seen.append(text)
        return QuarterdeckError("blocked") if text == self.block else None

    async def finish(self) -> JSON | QuarterdeckError | None:
        return None


async def test_with_a_guard_every_chunk_is_checked_and_sent_alone() -> None:
    guard = Guard(block="c")
    upstream = UpstreamStream(
        deployment(), content_chunk("a"), batches([content_chunk("d", last=True), usage_chunk()]),
        buffered=[content_chunk("b"), content_chunk("c")], batched=True,
    )
    pieces, ctx, writer = await run_relay(upstream, include_usage=False, guard=guard)
    assert guard.seen == ["a", "b", "c"]
    assert [len(events([piece])) for piece in pieces] == [1, 1, 1]  # a, b, then the error event
    got = events(pieces)
    assert [c["choices"][0]["delta"]["content"] for c in got[:2]] == ["a", "b"]
    assert "error" in got[2]
    assert ctx.status == QuarterdeckError("x").status
    assert len(writer.records) == 1


async def test_without_a_guard_a_passing_guard_sees_every_chunk() -> None:
    guard = Guard(block=None)
    upstream = UpstreamStream(
        deployment(), content_chunk("a"), batches([content_chunk("c", last=True), usage_chunk()]),
        buffered=[content_chunk("b")], batched=True,
    )
    pieces, _, _ = await run_relay(upstream, include_usage=True, guard=guard)
    assert guard.seen == ["a", "b", "c", ""]
    assert [len(events([piece])) for piece in pieces] == [1, 1, 1, 1, 1]


async def test_an_upstream_failure_after_a_batch_ends_the_stream_with_an_error_event() -> None:
    upstream = UpstreamStream(
        deployment(), content_chunk("a"),
        batches([content_chunk("b")], ProviderConnectionError("cut")),
        batched=True,
    )
    pieces, ctx, writer = await run_relay(upstream, include_usage=False)
    got = events(pieces)
    assert [c["choices"][0]["delta"]["content"] for c in got[:2]] == ["a", "b"]
    assert "error" in got[2] and got[-1] != "[DONE]"
    assert ctx.status == 502 and ctx.error_code is not None
    assert len(writer.records) == 1


async def test_an_encoder_refusing_a_chunk_midway_through_a_read_still_sends_what_came_before_it() -> None:
    """/v1/messages: the Anthropic encoder refuses a tool call's arguments after another block began; the
    tool block and the text of the same read reach the client before the error event, as chunk by chunk."""
    from quarterdeck.gateway.endpoints.messages import AnthropicEncoder

    def chunk(delta: JSON) -> JSON:
        return {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": UPSTREAM,
                "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}

    opens = chunk({"tool_calls": [{"index": 0, "id": "t1", "function": {"name": "f", "arguments": ""}}]})
    late_arguments = chunk({"tool_calls": [{"index": 0, "function": {"arguments": "{}"}}]})
    upstream = UpstreamStream(deployment(), chunk({"role": "assistant"}),
                              batches([opens, chunk({"content": "hello"}), late_arguments]), batched=True)
    ctx = RequestContext(endpoint="messages")
    ctx.stream = True
    ctx.trace.deployment = upstream.deployment
    body = relay(ctx, upstream, AnthropicEncoder(PUBLIC), writer=cast(RequestLogWriter, Writer()),
                 metrics=Metrics())
    sent = b"".join([piece async for piece in body]).decode()
    assert "tool_use" in sent and "hello" in sent
    assert sent.index("hello") < sent.index("event: error")


# ---------------------------------------------------------------------------------------------- provider


class OneWriteServer:
    """An upstream that answers every request with ``events`` in one write (chunked SSE)."""

    def __init__(self, *events: bytes) -> None:
        body = b"".join(b"%x\r\n%s\r\n" % (len(e), e) for e in events) + b"0\r\n\r\n"
        self.answer = (b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n"
                       b"Connection: close\r\n\r\n" + body)
        self._server: asyncio.Server | None = None

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        length = int(next(line.split(b":")[1] for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length")))
        await reader.readexactly(length)
        writer.write(self.answer)
        await writer.drain()
        writer.close()

    async def __aenter__(self) -> str:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        return f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}/v1"

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()


def sse(chunk: JSON | str) -> bytes:
    return b"data: " + (chunk.encode() if isinstance(chunk, str) else orjson.dumps(chunk)) + b"\n\n"


async def provider_for(url: str) -> AsyncIterator[OpenAIProvider]:
    client = HTTPClient()
    try:
        yield OpenAIProvider("p", url, None, client)
    finally:
        await client.close()


async def collect(agen: AsyncIterator[Any]) -> tuple[list[Any], BaseException | None]:
    got: list[Any] = []
    try:
        async for item in agen:
            got.append(item)
    except Exception as exc:
        return got, exc
    return got, None


async def test_provider_batches_are_what_one_read_brought() -> None:
    server = OneWriteServer(sse(content_chunk("a")), sse(content_chunk("b", last=True)), sse(usage_chunk()),
                            sse("[DONE]"))
    async with server as url:
        async for provider in provider_for(url):
            got, error = await collect(provider.stream_batches(UPSTREAM, {"messages": []}, timeout=5))
            assert error is None
            assert len(got) == 1  # one write, one read, one list: the content chunks then the usage chunk
            assert [c["choices"][0]["delta"]["content"] for c in got[0][:2]] == ["a", "b"]
            assert got[0][2]["usage"] == USAGE and got[0][2]["choices"] == []
            # the chunk-by-chunk view is the same chunks
            chunks, error = await collect(provider.stream(UPSTREAM, {"messages": []}, timeout=5))
            assert error is None
            assert chunks == got[0]


async def test_provider_batches_give_the_chunks_before_an_error_first() -> None:
    error_event = {"error": {"message": "overloaded", "code": 503}}
    server = OneWriteServer(sse(content_chunk("a")), sse(content_chunk("b")), sse(error_event), sse("[DONE]"))
    async with server as url:
        async for provider in provider_for(url):
            got, error = await collect(provider.stream_batches(UPSTREAM, {"messages": []}, timeout=5))
            assert [[c["choices"][0]["delta"]["content"] for c in batch] for batch in got] == [["a", "b"]]
            assert isinstance(error, ProviderHTTPError) and error.status == 503
            chunks, error = await collect(provider.stream(UPSTREAM, {"messages": []}, timeout=5))
            assert [c["choices"][0]["delta"]["content"] for c in chunks] == ["a", "b"]
            assert isinstance(error, ProviderHTTPError)


async def test_provider_batches_without_done_are_an_error_after_the_chunks() -> None:
    server = OneWriteServer(sse(content_chunk("a")), sse(content_chunk("b")))
    async with server as url:
        async for provider in provider_for(url):
            got, error = await collect(provider.stream_batches(UPSTREAM, {"messages": []}, timeout=5))
            assert [len(batch) for batch in got] == [2]
            assert isinstance(error, ProviderConnectionError)


async def test_open_stream_takes_the_first_batch_and_keeps_the_rest_of_it() -> None:
    server = OneWriteServer(sse(content_chunk("a")), sse(content_chunk("b", last=True)), sse(usage_chunk()),
                            sse("[DONE]"))
    async with server as url:
        async for provider in provider_for(url):
            upstream = await open_stream(deployment(provider), {"messages": [], "stream": True}, 5)
            assert upstream.batched
            assert upstream.first["choices"][0]["delta"]["content"] == "a"
            assert len(upstream.buffered) == 2
            pieces, ctx, _ = await run_relay(upstream, include_usage=False)
            got = events(pieces)
            assert [c if c == "[DONE]" else c["model"] for c in got] == [PUBLIC, PUBLIC, "[DONE]"]
            assert all("usage" not in c for c in got[:-1])
            assert (ctx.input_tokens, ctx.output_tokens) == (12, 4)


# ---------------------------------------------------------------------------------------------- response


class Hooks:
    def __init__(self, log: list[str]) -> None:
        self.log = log
        self.callback: Callable[[], None] | None = None
        self.registered: list[bool] = []

    def flush(self) -> None:
        self.log.append("flush")

    def on_disconnect(self, callback: Callable[[], None] | None) -> None:
        self.callback = callback
        self.registered.append(callback is not None)


async def never_called() -> dict[str, Any]:
    raise AssertionError("with the server's hooks, nothing watches receive")


async def test_with_hooks_the_first_chunk_is_flushed_without_a_loop_turn() -> None:
    log: list[str] = []
    loop = asyncio.get_running_loop()
    hooks = Hooks(log)

    async def body() -> AsyncGenerator[bytes]:
        for n in range(3):
            yield b"data: %d\n\n" % n

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            log.append("head")
            loop.call_soon(log.append, "end of turn")
        elif message["body"]:
            log.append(message["body"].decode().strip())
        else:
            log.append("end")

    await SSEResponse(body())({"type": "http", STREAM_HOOKS: hooks}, never_called, send)
    assert log == ["head", "data: 0", "flush", "data: 1", "data: 2", "end"]
    assert hooks.registered == [True, False]  # watched while streaming, not after
    await asyncio.sleep(0)


async def test_with_hooks_the_client_leaving_cancels_the_stream_quietly() -> None:
    closed = asyncio.Event()
    hooks = Hooks([])
    sent: list[bytes] = []

    async def body() -> AsyncGenerator[bytes]:
        try:
            yield b"data: 0\n\n"
            await asyncio.Event().wait()  # the upstream is slow
            yield b"data: 1\n\n"
        finally:
            closed.set()

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.body":
            sent.append(message["body"])

    response = asyncio.ensure_future(
        SSEResponse(body())({"type": "http", STREAM_HOOKS: hooks}, never_called, send)
    )
    while not sent:
        await asyncio.sleep(0)
    assert hooks.callback is not None
    hooks.callback()  # the connection was lost
    await asyncio.wait_for(response, 2)  # ends without raising
    assert closed.is_set()
    assert sent == [b"data: 0\n\n"]
    assert hooks.registered == [True, False]


async def test_with_hooks_a_cancellation_from_outside_still_propagates() -> None:
    hooks = Hooks([])

    async def body() -> AsyncGenerator[bytes]:
        yield b"data: 0\n\n"
        await asyncio.Event().wait()
        yield b"data: 1\n\n"

    async def send(message: dict[str, Any]) -> None:
        return None

    response = asyncio.ensure_future(SSEResponse(body())({"type": "http", STREAM_HOOKS: hooks}, never_called, send))
    await asyncio.sleep(0.01)
    response.cancel()
    with pytest.raises(asyncio.CancelledError):
        await response
    assert hooks.registered == [True, False]


# --------------------------------------------------------------------------------------------- transport


class FakeTransport:
    def __init__(self) -> None:
        self.writes: list[bytes] = []

    def write(self, data: bytes) -> None:
        self.writes.append(data)

    def is_closing(self) -> bool:
        return False


async def test_coalescing_transport_flush_writes_now_and_the_turn_writes_the_rest_once() -> None:
    raw = FakeTransport()
    transport = CoalescingTransport(cast(asyncio.Transport, raw), asyncio.get_running_loop())
    transport.write(b"head")
    transport.write(b"first")
    transport.flush()
    assert raw.writes == [b"headfirst"]
    transport.write(b"b")
    transport.write(b"c")
    assert raw.writes == [b"headfirst"]
    await asyncio.sleep(0)
    assert raw.writes == [b"headfirst", b"bc"]
    await asyncio.sleep(0)
    assert raw.writes == [b"headfirst", b"bc"]
    transport.write(b"d")
    await asyncio.sleep(0)
    assert raw.writes == [b"headfirst", b"bc", b"d"]


# ------------------------------------------------------------------------------------- server's hooks


class RawTransport:
    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closing = False

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return default

    def write(self, data: bytes) -> None:
        self.writes.append(bytes(data))

    def is_closing(self) -> bool:
        return self.closing

    def close(self) -> None:
        self.closing = True

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


async def serve_one_stream(lose_before_start: bool) -> tuple[RawTransport, asyncio.Event, list[str]]:
    import uvicorn
    from uvicorn.server import ServerState

    from quarterdeck.server import CoalescingHttpToolsProtocol

    closed = asyncio.Event()
    sent_first = asyncio.Event()
    seen: list[str] = []

    async def body() -> AsyncGenerator[bytes]:
        try:
            yield b"data: 0\n\n"
            sent_first.set()
            await asyncio.Event().wait()  # the upstream is slow
            yield b"data: 1\n\n"
        finally:
            closed.set()

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.append("hooks" if scope.get(STREAM_HOOKS) is not None else "no hooks")
        await SSEResponse(body())(scope, receive, send)
        seen.append("returned")

    config = uvicorn.Config(app, lifespan="off", log_level="warning", proxy_headers=False)
    state = ServerState()
    protocol = CoalescingHttpToolsProtocol(config=config, server_state=state, app_state={},
                                           _loop=asyncio.get_running_loop())
    raw = RawTransport()
    protocol.connection_made(cast(asyncio.Transport, raw))
    protocol.data_received(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
    if lose_before_start:
        protocol.connection_lost(None)
    else:
        await asyncio.wait_for(sent_first.wait(), 2)
        # the head and the first chunk were written at once, before the turn ended
        assert len(raw.writes) == 1 and raw.writes[0].startswith(b"HTTP/1.1 200")
        assert raw.writes[0].endswith(b"data: 0\n\n\r\n")
        protocol.connection_lost(None)
    await asyncio.wait_for(asyncio.gather(*state.tasks), 2)
    return raw, closed, seen


@pytest.mark.parametrize("lose_before_start", [False, True])
async def test_the_server_tells_the_stream_when_the_client_leaves(lose_before_start: bool) -> None:
    _, closed, seen = await serve_one_stream(lose_before_start)
    assert seen == ["hooks", "returned"]  # the response ended quietly, without a watcher task
    assert closed.is_set()  # and closed the body (the upstream stream)
