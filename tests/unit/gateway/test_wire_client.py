"""The lean upstream HTTP client (quarterdeck.providers.wire) the app sends provider calls through.

Every socket-level scenario of the aiohttp path (tests/unit/providers/test_provider_sse.py) runs
again over ``HTTPClient`` and must end the same way; then what only a connection pool can get wrong:
reuse, answers not read to their end, cancellation, compressed and close-delimited bodies.
"""

from __future__ import annotations

import asyncio
import gzip
import importlib
import zlib
from collections.abc import AsyncIterator
from typing import Any

import pytest

from quarterdeck.errors import ProviderConnectionError
from quarterdeck.providers.http import post_json, post_sse
from quarterdeck.providers.wire import HTTPClient

sse = importlib.import_module("tests.unit.providers.test_provider_sse")

SOCKET_SCENARIOS = sorted(
    name for name in dir(sse) if name.startswith("test_post_") or name == "test_request_body_and_headers_are_json"
)


@pytest.fixture
async def client() -> AsyncIterator[HTTPClient]:
    lean = HTTPClient()
    yield lean
    await lean.close()


@pytest.mark.parametrize("scenario", SOCKET_SCENARIOS)
async def test_socket_scenarios_end_as_over_aiohttp(scenario: str, client: HTTPClient) -> None:
    await getattr(sse, scenario)(client)


class CountingServer:
    """An HTTP/1.1 server answering each request with ``answer(n)``; counts connections and requests."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer
        self.connections = 0
        self.requests = 0
        self.heads: list[str] = []
        self._server: asyncio.Server | None = None
        self._writers: list[asyncio.StreamWriter] = []

    async def __aenter__(self) -> str:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        return f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}/v1/x"

    async def __aexit__(self, *exc: object) -> None:
        for writer in self._writers:
            writer.transport.abort()
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self._writers.append(writer)
        try:
            while True:
                head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
                self.heads.append(head)
                length = next(int(line.split(":", 1)[1]) for line in head.split("\r\n")
                              if line.lower().startswith("content-length:"))
                await reader.readexactly(length)
                self.requests += 1
                for step in self.answer(self.requests):
                    if isinstance(step, float):
                        await asyncio.sleep(step)
                    elif step is None:
                        writer.close()
                        return
                    else:
                        writer.write(step)
                        await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()


def json_answer(body: bytes, extra: str = "") -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n{extra}\r\n"
    return head.encode() + body


async def test_sequential_requests_reuse_one_connection(client: HTTPClient) -> None:
    server = CountingServer(lambda n: [json_answer(b'{"n": %d}' % n)])
    async with server as url:
        auth = {"Authorization": "Bearer k"}
        got = [await post_json(client, url, {"i": i}, headers=auth, timeout=2) for i in range(5)]
    assert got == [{"n": n} for n in range(1, 6)]
    assert server.connections == 1
    head = server.heads[0]
    assert head.startswith("POST /v1/x HTTP/1.1\r\n")
    assert "Authorization: Bearer k\r\n" in head and "Content-Type: application/json\r\n" in head
    assert f"Host: {url.split('/')[2]}\r\n" in head


async def test_concurrent_requests_open_their_own_connections(client: HTTPClient) -> None:
    server = CountingServer(lambda n: [0.05, json_answer(b"{}")])
    async with server as url:
        await asyncio.gather(*(post_json(client, url, {}, headers={}, timeout=2) for _ in range(3)))
        await asyncio.gather(*(post_json(client, url, {}, headers={}, timeout=2) for _ in range(3)))
    assert server.connections == 3 and server.requests == 6


async def test_gzip_and_deflate_bodies_are_decoded(client: HTTPClient) -> None:
    payload = b'{"text": "' + b"hello " * 200 + b'"}'
    answers = [gzip.compress(payload), zlib.compress(payload), zlib.compress(payload)[2:-4]]  # zlib and raw deflate
    encodings = ["gzip", "deflate", "deflate"]

    def answer(n: int) -> list[bytes]:
        return [json_answer(answers[n - 1], f"Content-Encoding: {encodings[n - 1]}\r\n")]

    async with CountingServer(answer) as url:
        for _ in answers:
            assert await post_json(client, url, {}, headers={}, timeout=2) == {"text": "hello " * 200}


async def test_close_delimited_body(client: HTTPClient) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n"
    server = CountingServer(lambda n: [head + b'{"a":', 0.02, b" 1}", None])
    async with server as url:
        assert await post_json(client, url, {}, headers={}, timeout=2) == {"a": 1}
        assert await post_json(client, url, {}, headers={}, timeout=2) == {"a": 1}
    assert server.connections == 2  # the end of the body closed the first one


async def test_an_abandoned_stream_closes_its_connection(client: HTTPClient) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
    event = b"data: {}\n\n"
    chunk = b"%x\r\n%s\r\n" % (len(event), event)
    server = CountingServer(lambda n: [head, chunk, 0.5, chunk, b"0\r\n\r\n"])
    async with server as url:
        events = post_sse(client, url, {}, headers={}, timeout=2)
        assert await anext(events) == (None, "{}")
        await events.aclose()  # left before the end: that connection is not reused
        got = [e async for e in post_sse(client, url, {}, headers={}, timeout=2)]
    assert got == [(None, "{}"), (None, "{}")]
    assert server.connections == 2


async def test_a_cancelled_request_does_not_leave_its_connection_for_the_next(client: HTTPClient) -> None:
    server = CountingServer(lambda n: [0.3 if n == 1 else 0.0, json_answer(b'{"n": %d}' % n)])
    async with server as url:
        call = asyncio.ensure_future(post_json(client, url, {}, headers={}, timeout=2))
        await asyncio.sleep(0.05)
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
        assert await post_json(client, url, {}, headers={}, timeout=2) == {"n": 2}
    assert server.connections == 2


async def test_a_connection_the_upstream_closed_while_idle_is_not_used(client: HTTPClient) -> None:
    server = CountingServer(lambda n: [json_answer(b"{}"), None])  # answers, then closes the connection
    async with server as url:
        await post_json(client, url, {}, headers={}, timeout=2)
        await asyncio.sleep(0.05)
        await post_json(client, url, {}, headers={}, timeout=2)
    assert server.connections == 2


async def test_unsupported_url(client: HTTPClient) -> None:
    with pytest.raises(ProviderConnectionError, match="unsupported URL"):
        await post_json(client, "ftp://example.invalid/x", {}, headers={}, timeout=2)


@pytest.mark.parametrize(("name", "value"), [
    ("Authorization", "Bearer k\r\nX-Injected: 1"), ("Authorization", "Bearer k\nX-Injected: 1"),
    ("Content-Length", "0"), ("Transfer-Encoding", "chunked"), ("Bad Name", "x"), ("X-Key", "кл\u044e\u0447"),
])
async def test_headers_that_could_smuggle_or_not_encode_are_refused_before_sending(
        client: HTTPClient, name: str, value: str) -> None:
    server = CountingServer(lambda n: [json_answer(b"{}")])
    async with server as url:
        with pytest.raises(ProviderConnectionError, match="header"):
            await post_json(client, url, {}, headers={name: value}, timeout=2)
        assert await post_json(client, url, {}, headers={}, timeout=2) == {}  # nothing was leaked or sent
    assert server.requests == 1 and all("X-Injected" not in head for head in server.heads)


async def test_a_compressed_body_cut_inside_its_length_is_incomplete(client: HTTPClient) -> None:
    compressed = gzip.compress(b'{"text": "' + b"hello " * 2000 + b'"}')
    half = compressed[: len(compressed) // 2]
    server = CountingServer(lambda n: [json_answer(half, "Content-Encoding: gzip\r\n")])
    async with server as url:
        with pytest.raises(ProviderConnectionError):
            await post_json(client, url, {}, headers={}, timeout=2)
