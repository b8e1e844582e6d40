"""The SSE reader and HTTP helpers of quarterdeck.providers.http."""

from __future__ import annotations

import asyncio
import email.utils
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from quarterdeck.errors import (
    ProviderConnectionError,
    ProviderHTTPError,
    ProviderResponseError,
    ProviderTimeoutError,
)
from quarterdeck.providers.http import (
    SSEParser,
    error_message_from_body,
    iter_sse,
    parse_retry_after,
    post_json,
    post_sse,
)

# One body exercising the format: CRLF, LF and lone CR line ends, comments, multi-line data, named
# and unnamed events, ignored fields, an event without data, a field without a colon, UTF-8 text.
BODY = (
    b"\xef\xbb\xbf: keep-alive comment\r\n"
    b"\r\n"
    b"event: message_start\r\n"
    b'data: {"type":"message_start"}\r\n'
    b"\r\n"
    b"data: line one\n"
    b"data:line two\n"
    b"id: 7\n"
    b"retry: 1000\n"
    b"\n"
    b"event: lonely\n"
    b"\n"
    b"data: caf\xc3\xa9 \xe2\x98\x95\r"
    b"\r"
    b"data\n"
    b"\n"
    b"data: [DONE]\n"
    b"\n"
    b"data: never terminated"
)
EXPECTED = [
    ("message_start", '{"type":"message_start"}'),
    (None, "line one\nline two"),
    (None, "caf\u00e9 \u2615"),
    (None, ""),
    (None, "[DONE]"),
]


class FakeContent:
    def __init__(self, pieces: list[bytes]) -> None:
        self._pieces = list(pieces)

    async def readany(self) -> bytes:
        await asyncio.sleep(0)
        return self._pieces.pop(0) if self._pieces else b""


class FakeResponse:
    def __init__(self, pieces: list[bytes]) -> None:
        self.content = FakeContent(pieces)


async def collect(pieces: list[bytes], **kwargs: Any) -> list[tuple[str | None, str]]:
    return [event async for event in iter_sse(FakeResponse(pieces), **kwargs)]


async def test_sse_whole_body() -> None:
    assert await collect([BODY]) == EXPECTED


async def test_sse_one_byte_at_a_time() -> None:
    assert await collect([BODY[i : i + 1] for i in range(len(BODY))]) == EXPECTED


async def test_sse_every_two_way_split() -> None:
    for cut in range(1, len(BODY)):
        assert await collect([BODY[:cut], BODY[cut:]]) == EXPECTED, f"split at byte {cut}"


def test_sse_parser_crlf_split_across_chunks_is_one_line_end() -> None:
    parser = SSEParser()
    assert parser.feed(b"data: a\r") == []
    assert parser.feed(b"\n\r") == []
    assert parser.feed(b"\n") == [(None, "a")]


async def test_sse_timeout_between_events() -> None:
    class Stalling(FakeContent):
        async def readany(self) -> bytes:
            if self._pieces:
                return self._pieces.pop(0)
            await asyncio.sleep(10)
            return b""

    response = FakeResponse([])
    response.content = Stalling([b"data: 1\n\n"])
    seen = []
    with pytest.raises(ProviderTimeoutError, match="after 1 events"):
        async for event in iter_sse(response, timeout=0.05):
            seen.append(event)
    assert seen == [(None, "1")]


# ------------------------------------------------------------------------------------------------
# Against a real socket: a tiny HTTP server that writes its answer in scripted pieces

Script = list[bytes | float | None]  # bytes: write; float: sleep; None: drop the connection


@asynccontextmanager
async def raw_server(script: Script) -> AsyncIterator[str]:
    writers: list[asyncio.StreamWriter] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.append(writer)
        head = await reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.decode("latin-1").split("\r\n"):
            if line.lower().startswith("content-length:"):
                length = int(line.split(":", 1)[1])
        await reader.readexactly(length)
        for step in script:
            if step is None:
                writer.transport.abort()
                return
            if isinstance(step, float):
                await asyncio.sleep(step)
            else:
                writer.write(step)
                await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        for writer in writers:
            writer.transport.abort()
        server.close()
        await server.wait_closed()


def chunked(*pieces: bytes) -> list[bytes]:
    return [f"{len(p):x}\r\n".encode() + p + b"\r\n" for p in pieces]


SSE_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as s:
        yield s


async def stream_events(session: aiohttp.ClientSession, script: Script, timeout: float = 2.0) -> list[Any]:
    async with raw_server(script) as url:
        return [e async for e in post_sse(session, url, {"stream": True}, headers={}, timeout=timeout)]


async def test_post_sse_awkward_chunks_over_tcp(session: aiohttp.ClientSession) -> None:
    pieces = [BODY[:1], BODY[1:5], BODY[5:40], BODY[40:41], BODY[41:97], BODY[97:]]
    script: Script = [SSE_HEAD]
    for piece in chunked(*pieces):
        script += [piece, 0.01]
    script.append(b"0\r\n\r\n")
    assert await stream_events(session, script) == EXPECTED


async def test_post_sse_stream_cut_midway(session: aiohttp.ClientSession) -> None:
    script: Script = [SSE_HEAD, *chunked(b"data: 1\n\n", b"data: partial"), 0.05, None]
    with pytest.raises(ProviderConnectionError, match="stream cut after"):
        await stream_events(session, script)


async def test_post_sse_upstream_error_status(session: aiohttp.ClientSession) -> None:
    body = b'{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}'
    head = f"HTTP/1.1 529 Overloaded\r\nContent-Type: application/json\r\nRetry-After: 3\r\nContent-Length: {len(body)}"
    script: Script = [head.encode() + b"\r\n\r\n" + body]
    with pytest.raises(ProviderHTTPError) as exc_info:
        await stream_events(session, script)
    assert exc_info.value.status == 529
    assert exc_info.value.upstream_message == "overloaded_error: Overloaded"
    assert exc_info.value.retry_after == 3.0
    assert exc_info.value.retryable


async def test_post_sse_timeout_before_first_event(session: aiohttp.ClientSession) -> None:
    script: Script = [SSE_HEAD, *chunked(b": waiting\n"), 1.0]
    with pytest.raises(ProviderTimeoutError):
        await stream_events(session, script, timeout=0.2)


async def test_post_sse_slow_headers_count_against_first_event(session: aiohttp.ClientSession) -> None:
    script: Script = [0.15, SSE_HEAD, 0.15, *chunked(b"data: late\n\n"), b"0\r\n\r\n"]
    with pytest.raises(ProviderTimeoutError):
        await stream_events(session, script, timeout=0.2)


async def test_post_sse_json_answer_is_a_response_error(session: aiohttp.ClientSession) -> None:
    body = b'{"choices": []}'
    head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    with pytest.raises(ProviderResponseError):
        await stream_events(session, [head.encode() + body])


# ------------------------------------------------------------------------------------------------
# Non-stream calls and error statuses


def plain(status: str, body: bytes, content_type: str = "application/json", extra: str = "") -> Script:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n{extra}\r\n"
    return [head.encode() + body]


async def call_json(session: aiohttp.ClientSession, script: Script, timeout: float = 2.0) -> dict[str, Any]:
    async with raw_server(script) as url:
        return await post_json(session, url, {"a": 1}, headers={}, timeout=timeout)


async def test_post_json_ok(session: aiohttp.ClientSession) -> None:
    assert await call_json(session, plain("200 OK", b'{"ok": true}')) == {"ok": True}


async def test_post_json_openai_error_envelope(session: aiohttp.ClientSession) -> None:
    body = b'{"error": {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}}'
    script = plain("429 Too Many Requests", body, extra="retry-after-ms: 1500\r\nRetry-After: 2\r\n")
    with pytest.raises(ProviderHTTPError) as exc_info:
        await call_json(session, script)
    assert exc_info.value.status == 429
    assert exc_info.value.upstream_message == "Rate limit reached"
    assert exc_info.value.retry_after == 1.5


async def test_post_json_raw_text_error_is_truncated(session: aiohttp.ClientSession) -> None:
    with pytest.raises(ProviderHTTPError) as exc_info:
        await call_json(session, plain("502 Bad Gateway", b"x" * 2000, "text/plain"))
    assert exc_info.value.status == 502
    assert exc_info.value.upstream_message == "x" * 500 + "..."
    assert exc_info.value.retry_after is None


async def test_post_json_non_json_200(session: aiohttp.ClientSession) -> None:
    with pytest.raises(ProviderResponseError):
        await call_json(session, plain("200 OK", b"<html>hi</html>", "text/html"))
    with pytest.raises(ProviderResponseError):
        await call_json(session, plain("200 OK", b"[1, 2]"))


async def test_post_json_timeout(session: aiohttp.ClientSession) -> None:
    with pytest.raises(ProviderTimeoutError):
        await call_json(session, [1.0, *plain("200 OK", b"{}")], timeout=0.1)


async def test_post_json_connection_dropped(session: aiohttp.ClientSession) -> None:
    with pytest.raises(ProviderConnectionError):
        await call_json(session, [None])


async def test_post_json_connection_refused(session: aiohttp.ClientSession) -> None:
    server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()
    with pytest.raises(ProviderConnectionError, match="cannot connect"):
        await post_json(session, f"http://127.0.0.1:{port}", {}, headers={}, timeout=2.0)


async def test_request_body_and_headers_are_json(session: aiohttp.ClientSession) -> None:
    seen: dict[str, Any] = {}

    async def handler(request: Any) -> Any:
        seen["content_type"] = request.headers["Content-Type"]
        seen["auth"] = request.headers.get("Authorization")
        seen["body"] = await request.json()
        return web.json_response({"ok": True})

    await run_web(
        handler, lambda url: post_json(session, url, {"x": [1, "é"]}, headers={"Authorization": "Bearer k"}, timeout=2)
    )
    assert seen == {"content_type": "application/json", "auth": "Bearer k", "body": {"x": [1, "é"]}}


async def run_web(handler: Callable[[Any], Awaitable[Any]], call: Callable[[str], Awaitable[Any]]) -> Any:
    app = web.Application()
    app.router.add_post("/", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        port = runner.addresses[0][1]
        return await call(f"http://127.0.0.1:{port}/")
    finally:
        await runner.cleanup()


# ------------------------------------------------------------------------------------------------
# Pure helpers


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, None),
        ({"Retry-After": "7"}, 7.0),
        ({"retry-after": "4"}, 4.0),
        ({"Retry-After": "0.5"}, 0.5),
        ({"Retry-After": "-1"}, None),
        ({"Retry-After": "soon"}, None),
        ({"retry-after-ms": "250", "Retry-After": "9"}, 0.25),
        ({"retry-after-ms": "bad", "Retry-After": "9"}, 9.0),
    ],
)
def test_parse_retry_after(headers: dict[str, str], expected: float | None) -> None:
    assert parse_retry_after(headers) == expected


def test_parse_retry_after_http_date() -> None:
    now = 1_700_000_000.0
    assert parse_retry_after({"Retry-After": email.utils.formatdate(now + 30, usegmt=True)}, now=now) == 30.0
    assert parse_retry_after({"Retry-After": email.utils.formatdate(now - 30, usegmt=True)}, now=now) == 0.0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"error": {"message": "bad model", "type": "invalid_request_error"}}', "bad model"),
        (
            b'{"type": "error", "error": {"type": "not_found_error", "message": "no such model"}}',
            "not_found_error: no such model",
        ),
        (b'{"error": "plain string error"}', "plain string error"),
        (b'{"detail": "Not Found"}', "Not Found"),
        (b"upstream exploded", "upstream exploded"),
        (b"", ""),
    ],
)
def test_error_message_from_body(body: bytes, message: str) -> None:
    assert error_message_from_body(body) == message
