"""The lean upstream HTTP client (quarterdeck.providers.wire) the app sends provider calls through.

Every socket-level scenario of the aiohttp path (tests/unit/providers/test_provider_sse.py) runs
again over ``HTTPClient`` and must end the same way; then what only a connection pool can get wrong:
reuse, answers not read to their end, cancellation, compressed and close-delimited bodies; then
what a hostile or broken upstream can try: interim answers, oversized heads, compression bombs,
many connections at once, kept-alive connections closed as they are reused.
"""

from __future__ import annotations

import asyncio
import base64
import gc
import gzip
import importlib
import socket
import ssl
import struct
import time
import warnings
import zlib
from collections.abc import AsyncIterator
from typing import Any

import pytest
from yarl import URL

from quarterdeck.errors import ProviderConnectionError, ProviderTimeoutError
from quarterdeck.providers import wire, wire_connect
from quarterdeck.providers.http import post_json, post_sse
from quarterdeck.providers.wire import HTTPClient, ResponseTooLarge, ServerDisconnected, WireError

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
    """An HTTP/1.1 server answering each request with ``answer(n)``; counts connections and requests.

    ``answer(n)`` gives steps: bytes are written, a float is slept, ``None`` closes the connection,
    ``RESET`` resets it (RST); it also counts the connections open at once (``open_now``, ``open_peak``).
    """

    def __init__(self, answer: Any) -> None:
        self.answer = answer
        self.connections = 0
        self.requests = 0
        self.open_now = 0
        self.open_peak = 0
        self.heads: list[str] = []
        self._server: asyncio.Server | None = None
        self._writers: list[asyncio.StreamWriter] = []

    async def __aenter__(self) -> str:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0, backlog=1024)
        return f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}/v1/x"

    async def __aexit__(self, *exc: object) -> None:
        for writer in self._writers:
            writer.transport.abort()
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self.open_now += 1
        self.open_peak = max(self.open_peak, self.open_now)
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
                    elif step is RESET:
                        writer.get_extra_info("socket").setsockopt(
                            socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                        writer.transport.abort()
                        return
                    else:
                        writer.write(step)
                        await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()
        finally:
            self.open_now -= 1


RESET = object()


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


def origin_of(url: str) -> tuple[str, str, int]:
    parsed = URL(url)
    assert parsed.host is not None and parsed.port is not None
    return (parsed.scheme, parsed.host, parsed.port)


def pool_of(client: HTTPClient, url: str) -> Any:
    return client._pools[origin_of(url)]


# -- interim (1xx) answers --------------------------------------------------------------------------


async def test_interim_answers_are_skipped_for_the_real_one(client: HTTPClient) -> None:
    interim = [b"HTTP/1.1 100 Continue\r\n\r\n", 0.01,
               b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n", 0.01,
               b"HTTP/1.1 199 Whatever\r\nX-Note: soon\r\n\r\n"]
    server = CountingServer(lambda n: [*interim, json_answer(b'{"n": %d}' % n, "X-Final: yes\r\n")])
    async with server as url:
        answer = await client.post(URL(url), b"{}", {})
        assert (answer.status, answer.reason, answer.headers.get("x-final")) == (200, "OK", "yes")
        assert "link" not in answer.headers and "x-note" not in answer.headers
        assert await answer.read() == b'{"n": 1}'
        answer.release()
        assert await post_json(client, url, {}, headers={}, timeout=2) == {"n": 2}
    assert server.connections == 1  # the connection stays usable after interim answers


async def test_interim_answer_in_one_packet_with_a_stream(client: HTTPClient) -> None:
    head = (b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n")
    event = b"data: {}\n\n"
    chunk = b"%x\r\n%s\r\n" % (len(event), event)
    async with CountingServer(lambda n: [head + chunk, chunk + b"0\r\n\r\n"]) as url:
        got = [e async for e in post_sse(client, url, {}, headers={}, timeout=2)]
    assert got == [(None, "{}"), (None, "{}")]


async def test_switching_protocols_is_an_error(client: HTTPClient) -> None:
    upgrade = b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
    server = CountingServer(lambda n: [upgrade, b"\x81\x05hello"] if n < 3 else [json_answer(b"{}")])
    async with server as url:
        with pytest.raises(WireError, match="101"):
            await client.post(URL(url), b"{}", {})
        with pytest.raises(ProviderConnectionError, match="101"):
            await post_json(client, url, {}, headers={}, timeout=2)
        assert await post_json(client, url, {}, headers={}, timeout=2) == {}
    assert server.connections == 3  # a connection that saw a 101 is never reused


# -- bounded heads ----------------------------------------------------------------------------------


def head_with(extra: bytes) -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + extra + b"Content-Length: 2\r\n\r\n{}"


@pytest.mark.parametrize("extra", [
    b"".join(b"X-H%d: v\r\n" % i for i in range(wire.MAX_HEADER_LINES)),  # with Content-Type and -Length: over
    b"X-Big: " + b"a" * wire.MAX_HEAD_BYTES + b"\r\n",
    b"".join(b"X-H%d: %s\r\n" % (i, b"b" * 1000) for i in range(70)),
], ids=["lines", "one-value", "total"])
async def test_an_oversized_head_is_refused(client: HTTPClient, extra: bytes) -> None:
    async with CountingServer(lambda n: [head_with(extra)]) as url:
        with pytest.raises(ResponseTooLarge):
            await client.post(URL(url), b"{}", {})
        with pytest.raises(ProviderConnectionError, match="head"):
            await post_json(client, url, {}, headers={}, timeout=2)


@pytest.mark.parametrize("spare", [0, 1])
async def test_a_head_at_the_bounds_is_read(client: HTTPClient, spare: int) -> None:
    lines = [b"X-H%02d: " % i for i in range(wire.MAX_HEADER_LINES - 2)]  # with Content-Type and -Length: 100
    room = wire.MAX_HEAD_BYTES - len(head_with(b"".join(line + b"\r\n" for line in lines))) + 2 - spare
    lines[0] += b"c" * room
    answer_head = head_with(b"".join(line + b"\r\n" for line in lines))
    assert len(answer_head) - 2 == wire.MAX_HEAD_BYTES - spare  # the head, without the body "{}"
    interim = b"HTTP/1.1 100 Continue\r\n\r\n"
    async with CountingServer(lambda n: [answer_head] if n == 1 else [interim, answer_head]) as url:
        answer = await client.post(URL(url), b"{}", {})
        assert len(answer.headers) == wire.MAX_HEADER_LINES and await answer.read() == b"{}"
        answer.release()
        with pytest.raises(ResponseTooLarge):  # the same head after an interim one: over the bound
            await client.post(URL(url), b"{}", {})


async def test_trailers_are_not_kept(client: HTTPClient) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    trailers = b"".join(b"X-T%d: %s\r\n" % (i, b"t" * 100) for i in range(2000))  # 2000 lines, ~230 KB: dropped
    server = CountingServer(lambda n: [head + b"2\r\n{}\r\n0\r\n" + trailers + b"\r\n"])
    async with server as url:
        for _ in range(2):
            answer = await client.post(URL(url), b"{}", {})
            assert await answer.read() == b"{}" and "x-t1" not in answer.headers
            answer.release()
    assert server.connections == 1


async def test_an_endless_head_fails_at_the_bound_not_at_the_timeout(client: HTTPClient) -> None:
    endless = [b"HTTP/1.1 200 OK\r\nX-Endless: "] + [b"z" * 8192, 0.001] * 20 + [30.0]
    async with CountingServer(lambda n: endless) as url:
        started = time.monotonic()
        with pytest.raises(ResponseTooLarge, match="head"):
            await asyncio.wait_for(client.post(URL(url), b"{}", {}), 5)
        assert time.monotonic() - started < 2


async def test_endless_interim_answers_are_bounded_too(client: HTTPClient) -> None:
    hints = [b"HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"] * 3000
    async with CountingServer(lambda n: [b"".join(hints), 30.0]) as url:
        with pytest.raises(ResponseTooLarge):
            await asyncio.wait_for(client.post(URL(url), b"{}", {}), 5)


# -- bounded decoded bodies -------------------------------------------------------------------------


def bomb(size: int, wbits: int) -> bytes:
    packer = zlib.compressobj(1, zlib.DEFLATED, wbits)
    block = bytes(1 << 20)
    whole, rest = divmod(size, len(block))
    return b"".join([*(packer.compress(block) for _ in range(whole)), packer.compress(bytes(rest)), packer.flush()])


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    return bomb(wire.MAX_DECODED_BODY + (16 << 20), 16 + zlib.MAX_WBITS)  # 80 MiB of zeros in ~370 KB


async def test_a_gzip_bomb_is_stopped_at_the_bound(client: HTTPClient, gzip_bomb: bytes) -> None:
    async with CountingServer(lambda n: [json_answer(gzip_bomb, "Content-Encoding: gzip\r\n")]) as url:
        answer = await client.post(URL(url), b"{}", {})
        with pytest.raises(ResponseTooLarge, match="decodes"):
            await answer.read()
        answer.release()
        with pytest.raises(ProviderConnectionError, match="decodes"):
            await post_json(client, url, {}, headers={}, timeout=5)


async def test_a_compressed_stream_is_bounded_as_it_comes(client: HTTPClient, gzip_bomb: bytes) -> None:
    head = (b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Encoding: gzip\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n")
    pieces = [gzip_bomb[i:i + 16384] for i in range(0, len(gzip_bomb), 16384)]
    body = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"
    async with CountingServer(lambda n: [head, body]) as url:
        with pytest.raises(ProviderConnectionError):
            async for _ in post_sse(client, url, {}, headers={}, timeout=5):
                pass


@pytest.mark.parametrize(("encoding", "wbits"), [("gzip", 16 + zlib.MAX_WBITS), ("deflate", zlib.MAX_WBITS),
                                                 ("deflate", -zlib.MAX_WBITS)])
async def test_the_decoded_bound_is_exact(client: HTTPClient, monkeypatch: pytest.MonkeyPatch,
                                          encoding: str, wbits: int) -> None:
    monkeypatch.setattr(wire, "MAX_DECODED_BODY", 100_000)
    sizes = {1: 100_000, 2: 100_001}
    async with CountingServer(lambda n: [json_answer(bomb(sizes[n], wbits), f"Content-Encoding: {encoding}\r\n")]) \
            as url:
        answer = await client.post(URL(url), b"{}", {})
        assert await answer.read() == bytes(100_000)
        answer.release()
        answer = await client.post(URL(url), b"{}", {})
        with pytest.raises(ResponseTooLarge):
            await answer.read()
        answer.release()


# -- connections per origin -------------------------------------------------------------------------


async def test_connections_per_origin_are_capped() -> None:
    client = HTTPClient(max_connections_per_origin=3)
    server = CountingServer(lambda n: [0.02, json_answer(b'{"n": %d}' % n)])
    try:
        async with server as url:
            got = await asyncio.gather(*(post_json(client, url, {}, headers={}, timeout=5) for _ in range(20)))
            assert sorted(g["n"] for g in got) == list(range(1, 21))
            pool = pool_of(client, url)
            assert pool.open == 3 and len(pool.idle) == 3 and not pool.waiters
    finally:
        await client.close()
    assert server.connections == 3 and server.open_peak == 3


async def test_the_default_cap_holds_under_many_concurrent_requests(client: HTTPClient) -> None:
    assert wire.MAX_CONNECTIONS_PER_ORIGIN == 512
    server = CountingServer(lambda n: [0.2, json_answer(b"{}")])
    async with server as url:
        got = await asyncio.gather(*(post_json(client, url, {}, headers={}, timeout=20) for _ in range(540)))
        assert got == [{}] * 540
    assert server.connections == wire.MAX_CONNECTIONS_PER_ORIGIN
    assert server.open_peak == wire.MAX_CONNECTIONS_PER_ORIGIN


async def test_waiters_are_served_first_come_first_served() -> None:
    client = HTTPClient(max_connections_per_origin=1)
    server = CountingServer(lambda n: [0.02, json_answer(b'{"n": %d}' % n)])
    try:
        async with server as url:
            calls = []
            for _ in range(6):
                calls.append(asyncio.ensure_future(post_json(client, url, {}, headers={}, timeout=5)))
                await asyncio.sleep(0.001)
            got = await asyncio.gather(*calls)
    finally:
        await client.close()
    assert [g["n"] for g in got] == [1, 2, 3, 4, 5, 6]
    assert server.connections == 1


async def test_a_cancelled_waiter_leaks_nothing() -> None:
    client = HTTPClient(max_connections_per_origin=1)
    server = CountingServer(lambda n: [0.2 if n == 1 else 0.0, json_answer(b'{"n": %d}' % n)])
    try:
        async with server as url:
            first = asyncio.ensure_future(post_json(client, url, {}, headers={}, timeout=5))
            await asyncio.sleep(0.05)
            waiting = asyncio.ensure_future(post_json(client, url, {}, headers={}, timeout=5))
            third = asyncio.ensure_future(post_json(client, url, {}, headers={}, timeout=5))
            await asyncio.sleep(0.02)
            waiting.cancel()
            with pytest.raises(asyncio.CancelledError):
                await waiting
            with pytest.raises(ProviderTimeoutError):  # a wait cut by the caller's timeout
                await post_json(client, url, {}, headers={}, timeout=0.05)
            assert await first == {"n": 1} and await third == {"n": 2}
            pool = pool_of(client, url)
            assert pool.open == 1 and len(pool.idle) == 1 and not pool.waiters
    finally:
        await client.close()
    assert server.connections == 1


async def test_a_waiter_cancelled_as_it_is_handed_a_connection_passes_it_on() -> None:
    client = HTTPClient(max_connections_per_origin=1)
    server = CountingServer(lambda n: [0.1 if n == 1 else 0.0, json_answer(b'{"n": %d}' % n)])
    try:
        async with server as url:
            waiting: asyncio.Future[Any] | None = None

            async def first() -> Any:
                got = await post_json(client, url, {}, headers={}, timeout=5)
                assert waiting is not None and not waiting.done()
                waiting.cancel()  # the connection was handed to it already; it has not run yet
                return got

            call = asyncio.ensure_future(first())
            await asyncio.sleep(0.03)
            waiting = asyncio.ensure_future(post_json(client, url, {}, headers={}, timeout=5))
            later = asyncio.ensure_future(post_json(client, url, {}, headers={}, timeout=5))
            assert await call == {"n": 1}
            with pytest.raises(asyncio.CancelledError):
                await waiting
            assert await later == {"n": 2}
            pool = pool_of(client, url)
            assert pool.open == 1 and len(pool.idle) == 1 and not pool.waiters
    finally:
        await client.close()
    assert server.connections == 1


async def test_a_failed_connect_frees_its_slot() -> None:
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{holder.getsockname()[1]}/v1/x"  # bound, not listening: refused
    client = HTTPClient(max_connections_per_origin=1)
    try:
        for _ in range(3):
            with pytest.raises(ProviderConnectionError, match="cannot connect"):
                await post_json(client, url, {}, headers={}, timeout=2)
        assert pool_of(client, url).open == 0
    finally:
        holder.close()
        await client.close()


async def test_a_connect_cut_by_the_timeout_frees_its_slot() -> None:
    handlers: list[asyncio.Task[None]] = []

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        handler = asyncio.current_task()
        assert handler is not None
        handlers.append(handler)
        try:
            await reader.read()  # never answers the TLS handshake
        finally:
            writer.transport.abort()

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    url = f"https://127.0.0.1:{server.sockets[0].getsockname()[1]}/v1/x"
    client = HTTPClient(max_connections_per_origin=1)
    try:
        for _ in range(2):
            with pytest.raises(ProviderTimeoutError):
                await post_json(client, url, {}, headers={}, timeout=0.1)
            assert pool_of(client, url).open == 0 and not client._conns
    finally:
        await client.close()
        server.close()
        await server.wait_closed()
        for handler in handlers:
            handler.cancel()
        await asyncio.gather(*handlers, return_exceptions=True)
        await asyncio.sleep(0)


async def test_closing_the_client_ends_the_waiters() -> None:
    client = HTTPClient(max_connections_per_origin=1)
    async with CountingServer(lambda n: [1.0, json_answer(b"{}")]) as url:
        calls = [asyncio.ensure_future(post_json(client, url, {}, headers={}, timeout=5)) for _ in range(2)]
        await asyncio.sleep(0.05)
        await client.close()
        for call in calls:
            with pytest.raises(ProviderConnectionError):
                await call


# -- kept-alive connections closed by the upstream --------------------------------------------------


async def test_a_connection_the_upstream_closed_while_idle_leaves_the_pool(client: HTTPClient) -> None:
    async with CountingServer(lambda n: [json_answer(b"{}"), None]) as url:
        await post_json(client, url, {}, headers={}, timeout=2)
        await asyncio.sleep(0.05)
        pool = pool_of(client, url)
        assert pool.idle == [] and pool.open == 0 and not client._conns


async def test_no_resend_once_a_byte_of_the_answer_came(client: HTTPClient) -> None:
    server = CountingServer(lambda n: [b"HTTP/1.1 2", None] if n == 2 else [json_answer(b"{}")])
    async with server as url:
        await post_json(client, url, {}, headers={}, timeout=2)
        with pytest.raises(ServerDisconnected):
            await client.post(URL(url), b"{}", {})
    assert server.requests == 2


async def test_a_new_connection_closed_before_answering_is_an_error(client: HTTPClient) -> None:
    server = CountingServer(lambda n: [None])
    async with server as url:
        with pytest.raises(ProviderConnectionError, match="before answering"):
            await post_json(client, url, {}, headers={}, timeout=2)
    assert server.requests == 1


@pytest.mark.parametrize("drop", [None, RESET], ids=["eof", "reset"])
async def test_no_request_is_sent_twice_by_default(client: HTTPClient, drop: Any) -> None:
    """RFC 9112 §9.3.1: a POST is not resent unless asked (the router's ``retries`` decide)."""
    server = CountingServer(lambda n: [drop] if n == 2 else [json_answer(b"{}")])
    async with server as url:
        await post_json(client, url, {}, headers={}, timeout=2)
        with pytest.raises(ProviderConnectionError, match=r"before answering|reset"):
            await post_json(client, url, {}, headers={}, timeout=2)
        assert await post_json(client, url, {}, headers={}, timeout=2) == {}  # the next call: a new connection
    assert server.requests == 3 and server.connections == 2


# -- gzip members -----------------------------------------------------------------------------------


def chunked(*pieces: bytes, extra: str = "") -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n{extra}\r\n"
    return head.encode() + b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces if p) + b"0\r\n\r\n"


async def test_a_gzip_body_of_several_members_is_decoded_whole(client: HTTPClient) -> None:
    members = gzip.compress(b'{"a":') + gzip.compress(b"") + gzip.compress(b' "' + b"x" * 5000 + b'"}')
    split = len(gzip.compress(b'{"a":')) + 4  # the second member's header cut across two chunks
    answers = {1: [json_answer(members, "Content-Encoding: gzip\r\n")],
               2: [chunked(members[:split], members[split:], extra="Content-Encoding: gzip\r\n")],
               3: [chunked(*(members[i:i + 7] for i in range(0, len(members), 7)), extra="Content-Encoding: gzip\r\n")]}
    async with CountingServer(lambda n: answers[n]) as url:
        for _ in answers:
            assert await post_json(client, url, {}, headers={}, timeout=2) == {"a": "x" * 5000}


@pytest.mark.parametrize(("encoding", "body"), [
    ("gzip", gzip.compress(b'{"a": 1}') + b"garbage after the member"),
    ("gzip", gzip.compress(b'{"a": 1}') + gzip.compress(b" " * 100)[:15]),  # a second member cut short
    ("gzip", gzip.compress(b'{"a": 1}') + b"\x1f"),
    ("deflate", zlib.compress(b'{"a": 1}') + b"trailing"),
], ids=["garbage", "cut-member", "one-byte", "deflate-trailing"])
async def test_bytes_after_the_compressed_stream_are_an_error(client: HTTPClient, encoding: str, body: bytes) -> None:
    async with CountingServer(lambda n: [json_answer(body, f"Content-Encoding: {encoding}\r\n")]) as url:
        with pytest.raises(ProviderConnectionError, match=r"decode|ends before"):
            await post_json(client, url, {}, headers={}, timeout=2)


async def test_the_decoded_bound_counts_every_gzip_member(client: HTTPClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wire, "MAX_DECODED_BODY", 100_000)
    member = gzip.compress(bytes(40_000))
    bodies = {1: member + gzip.compress(bytes(60_000)), 2: member * 3}  # 100 000 bytes: at the bound; 120 000: over
    async with CountingServer(lambda n: [json_answer(bodies[n], "Content-Encoding: gzip\r\n")]) as url:
        answer = await client.post(URL(url), b"{}", {})
        assert await answer.read() == bytes(100_000)
        answer.release()
        answer = await client.post(URL(url), b"{}", {})
        with pytest.raises(ResponseTooLarge):
            await answer.read()
        answer.release()


# -- idle connections -------------------------------------------------------------------------------


async def test_idle_connections_are_closed_by_the_timer(client: HTTPClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wire, "IDLE_TIMEOUT_S", 0.2)
    server = CountingServer(lambda n: [json_answer(b"{}")])
    async with server as url:
        await post_json(client, url, {}, headers={}, timeout=2)
        await asyncio.sleep(0.05)
        assert len(pool_of(client, url).idle) == 1 and server.open_now == 1
        await asyncio.sleep(0.4)
        pool = pool_of(client, url)
        assert pool.idle == [] and pool.open == 0 and not client._conns and server.open_now == 0
        assert client._sweeper is None  # nothing idle: no timer
        await post_json(client, url, {}, headers={}, timeout=2)
    assert server.connections == 2


async def test_an_expired_idle_connection_is_not_taken(client: HTTPClient) -> None:
    server = CountingServer(lambda n: [json_answer(b'{"n": %d}' % n)])
    async with server as url:
        await post_json(client, url, {}, headers={}, timeout=2)
        stale = pool_of(client, url).idle[0]
        stale.idle_since -= wire.IDLE_TIMEOUT_S + 1  # as if idle for longer (the timer has not run yet)
        assert await post_json(client, url, {}, headers={}, timeout=2) == {"n": 2}
        assert not stale.usable()
        assert pool_of(client, url).open == 1
    assert server.connections == 2


async def test_new_sockets_have_nodelay_and_keepalive(client: HTTPClient) -> None:
    async with CountingServer(lambda n: [json_answer(b"{}")]) as url:
        await post_json(client, url, {}, headers={}, timeout=2)
        sock = pool_of(client, url).idle[0].transport.get_extra_info("socket")
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE)


# -- connecting: DNS cache, Happy Eyeballs ----------------------------------------------------------


async def test_names_are_resolved_once_per_ttl(client: HTTPClient, monkeypatch: pytest.MonkeyPatch) -> None:
    loop = asyncio.get_running_loop()
    lookups: list[str] = []
    real = loop.getaddrinfo

    async def counting(host: str, port: int, **kwargs: Any) -> Any:
        lookups.append(host)
        return await real(host, port, **kwargs)

    monkeypatch.setattr(loop, "getaddrinfo", counting)
    server = CountingServer(lambda n: [json_answer(b"{}"), None])  # each answer closes its connection
    async with server as url:
        by_name = url.replace("127.0.0.1", "localhost")  # may resolve to ::1 too, refused: 127.0.0.1 is raced next
        for _ in range(3):
            await post_json(client, by_name, {}, headers={}, timeout=2)
            await asyncio.sleep(0.02)
        assert lookups == ["localhost"] and server.connections == 3
        await post_json(client, url, {}, headers={}, timeout=2)  # an IP literal: no lookup
        assert lookups == ["localhost"]
        monkeypatch.setattr(wire_connect, "DNS_TTL_S", 0.0)
        client._connector._dns.clear()
        await post_json(client, by_name, {}, headers={}, timeout=2)
        await asyncio.sleep(0.02)
        await post_json(client, by_name, {}, headers={}, timeout=2)
        assert lookups == ["localhost"] * 3


async def test_the_dns_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wire_connect, "DNS_CACHE_SIZE", 2)
    loop = asyncio.get_running_loop()

    async def fake(host: str, port: int, **kwargs: Any) -> Any:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(loop, "getaddrinfo", fake)
    connector = wire_connect.Connector()
    for name in ("a.test", "b.test", "c.test", "b.test"):
        assert await connector.resolve(name, 80) == [(socket.AF_INET, ("127.0.0.1", 80))]
    assert list(connector._dns) == [("b.test", 80), ("c.test", 80)]  # "a.test" went; "b.test" was a hit


def refused_address() -> tuple[int, tuple[object, ...], socket.socket]:
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))  # bound, not listening: refused
    return socket.AF_INET, holder.getsockname(), holder


async def test_happy_eyeballs_starts_the_next_address_after_the_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    async with CountingServer(lambda n: [json_answer(b"{}")]) as url:
        port = URL(url).port
        assert port is not None
        slow: list[asyncio.Task[Any]] = []
        real = wire_connect._connect_one

        async def connect_one(address: Any) -> socket.socket:
            if address[1][0] == "192.0.2.1":  # TEST-NET: as if its SYNs went unanswered
                task = asyncio.current_task()
                assert task is not None
                slow.append(task)
                await asyncio.sleep(30)
            return await real(address)

        monkeypatch.setattr(wire_connect, "_connect_one", connect_one)
        _, refused, holder = refused_address()
        connector = wire_connect.Connector()
        addresses = [(socket.AF_INET, ("192.0.2.1", port)), (socket.AF_INET, refused), (socket.AF_INET,
                                                                                       ("127.0.0.1", port))]
        monkeypatch.setattr(connector, "resolve", lambda host, port: asyncio.sleep(0, addresses))
        try:
            started = time.monotonic()
            sock = await connector.connect("upstream.test", port)
            took = time.monotonic() - started
        finally:
            holder.close()
        assert sock.getpeername() == ("127.0.0.1", port)
        sock.close()
        # the slow one after 0.25 s, the refused one failed at once: the third then started at once
        assert wire_connect.HAPPY_EYEBALLS_DELAY_S <= took < wire_connect.HAPPY_EYEBALLS_DELAY_S + 0.2
        await asyncio.sleep(0)
        assert slow and slow[0].cancelled()


async def test_happy_eyeballs_gives_every_error_when_all_fail() -> None:
    _, first, holder1 = refused_address()
    _, second, holder2 = refused_address()
    connector = wire_connect.Connector()
    connector._dns[("two.test", 1)] = (time.monotonic() + 60, [(socket.AF_INET, first), (socket.AF_INET, second)])
    try:
        started = time.monotonic()
        with pytest.raises(OSError, match=r"Multiple exceptions: .*Connect call failed"):
            await connector.connect("two.test", 1)
        assert time.monotonic() - started < 0.2  # a failure starts the next attempt at once
    finally:
        holder1.close()
        holder2.close()
    assert ("two.test", 1) not in connector._dns  # resolved afresh next time


def test_the_interleaving_of_families() -> None:
    v4 = [(socket.AF_INET, (f"10.0.0.{i}", 1)) for i in range(3)]
    v6 = [(socket.AF_INET6, (f"::{i}", 1, 0, 0)) for i in range(2)]
    assert wire_connect._interleave([*v6, *v4]) == [v6[0], v4[0], v6[1], v4[1], v4[2]]


def test_the_client_works_on_uvloop() -> None:
    uvloop = pytest.importorskip("uvloop")

    async def main() -> None:
        client = HTTPClient()
        server = CountingServer(lambda n: [json_answer(b'{"n": %d}' % n, "Content-Encoding: identity\r\n")])
        try:
            async with server as url:
                assert await post_json(client, url.replace("127.0.0.1", "localhost"), {}, headers={}, timeout=2) \
                    == {"n": 1}
                assert await post_json(client, url, {}, headers={}, timeout=2) == {"n": 2}
        finally:
            await client.close()
        assert not client._conns

    uvloop.run(main())


# -- malformed answers ------------------------------------------------------------------------------


async def test_bare_lf_line_ends_in_the_head_are_accepted(client: HTTPClient) -> None:
    answer = b"HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 8\n\n{\"a\": 1}"
    async with CountingServer(lambda n: [answer]) as url:
        for _ in range(2):
            assert await post_json(client, url, {}, headers={}, timeout=2) == {"a": 1}


@pytest.mark.parametrize("answer", [
    b"HTTP/1.1 200 OK\r\nX-A: a\r\n b\r\nContent-Length: 2\r\n\r\n{}",
    b"HTTP/1.1 200 OK\r\nContent-Length : 2\r\n\r\n{}",
    b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}",  # the second time: a chunk size that is not one
], ids=["obs-fold", "space-before-colon", "bad-chunk"])
async def test_a_malformed_answer_is_a_clear_error(client: HTTPClient, answer: bytes) -> None:
    if b"X-A" not in answer and b" :" not in answer:
        answer = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"
    async with CountingServer(lambda n: [answer]) as url:
        with pytest.raises(wire.MalformedResponse, match=r"^upstream sent a malformed HTTP response: "):
            response = await client.post(URL(url), b"{}", {})
            await response.read()
        with pytest.raises(ProviderConnectionError, match=r"^upstream sent a malformed HTTP response: "):
            await post_json(client, url, {}, headers={}, timeout=2)


async def test_bytes_on_an_idle_connection_end_it(client: HTTPClient) -> None:
    server = CountingServer(lambda n: [json_answer(b'{"n": %d}' % n), 0.01, b"\x00garbage\r\n"] if n == 1
                            else [json_answer(b'{"n": %d}' % n)])
    async with server as url:
        assert await post_json(client, url, {}, headers={}, timeout=2) == {"n": 1}
        await asyncio.sleep(0.1)
        assert await post_json(client, url, {}, headers={}, timeout=2) == {"n": 2}
    assert server.connections == 2


# -- credentials in the URL -------------------------------------------------------------------------


async def test_credentials_in_the_url_are_sent_as_basic_auth(client: HTTPClient) -> None:
    server = CountingServer(lambda n: [json_answer(b"{}")])
    async with server as url:
        with_auth = url.replace("http://", "http://us%40er:p%3Ass@")
        assert await post_json(client, with_auth, {}, headers={}, timeout=2) == {}
        with pytest.raises(ProviderConnectionError, match="both an Authorization header and credentials"):
            await post_json(client, with_auth, {}, headers={"authorization": "Bearer k"}, timeout=2)
        assert await post_json(client, url.replace("http://", "http://only@"), {}, headers={}, timeout=2) == {}
    head = server.heads[0]
    assert f"Authorization: Basic {base64.b64encode(b'us@er:p:ss').decode()}\r\n" in head
    assert f"Host: {url.split('/')[2]}\r\n" in head and "@" not in head.split("\r\n")[1]
    assert f"Authorization: Basic {base64.b64encode(b'only:').decode()}\r\n" in server.heads[1]
    assert len(server.heads) == 2


# -- closing ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    folder = tmp_path_factory.mktemp("tls")
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption()))
    return str(folder / "cert.pem"), str(folder / "key.pem")


async def test_close_waits_for_tls_transports_to_end(tls_files: tuple[str, str]) -> None:
    cert, key = tls_files
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
                await reader.readexactly(length)
                writer.write(json_answer(b"{}"))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=server_context)
    url = f"https://localhost:{server.sockets[0].getsockname()[1]}/v1/x"
    client = HTTPClient(ssl_context=ssl.create_default_context(cafile=cert))
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ResourceWarning)
            await asyncio.gather(*(post_json(client, url, {}, headers={}, timeout=5) for _ in range(3)))
            conns = [conn for pool in client._pools.values() for conn in pool.idle]
            assert len(conns) == 3
            await client.close()
            assert not client._conns and all(conn.transport is None for conn in conns)  # connection_lost came
            del conns
            gc.collect()
        assert not [w for w in caught if issubclass(w.category, ResourceWarning)]
    finally:
        server.close()
        await server.wait_closed()


async def test_close_aborts_a_transport_that_does_not_end(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wire, "CLOSE_WAIT_S", 0.1)
    client = HTTPClient()
    async with CountingServer(lambda n: [json_answer(b"{}")]) as url:
        await post_json(client, url, {}, headers={}, timeout=2)
        conn = pool_of(client, url).idle[0]
        transport = conn.transport
        monkeypatch.setattr(conn, "close", lambda: None)  # as a TLS transport waiting for a close_notify
        started = time.monotonic()
        await client.close()
        assert time.monotonic() - started < 1 and transport.is_closing()
        await asyncio.sleep(0.01)
        assert not client._conns
