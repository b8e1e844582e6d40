"""A lean HTTP/1.1 client for the upstream calls on the gateway's hot path.

aiohttp's client does much per request that a gateway talking to a few fixed upstreams never uses
(cookie jars, redirects, proxies, tracing, middlewares, per-request timers, a task per request
body): ~100 µs of CPU per call, the largest single cost of a proxied request. ``HTTPClient`` keeps
keep-alive connections per origin and speaks just what the provider adapters need: a POST with a
body, a status and headers parsed by httptools (llhttp, in C), a body read whole or as it comes
(chunked or not, gzip/deflate decoded), TLS through the event loop.

It has no timeouts of its own: the callers (``providers.http``) bound every await with
``asyncio.timeout``. Failures are ``ServerDisconnected`` (no answer), ``PayloadIncomplete`` (a body
cut or undecodable), ``ConnectionResetError``, which ``providers.http`` maps to ``ProviderError``
as it does aiohttp's, or ``ProviderConnectionError`` when no connection can be made. It does not
import aiohttp (~20 MB of modules a serving process then never loads). A response not read to its end
(an abandoned stream, a cancellation) closes its connection; a complete one frees it for the next
request at once.
"""

from __future__ import annotations

import asyncio
import re
import ssl
import zlib
from collections import deque
from collections.abc import Iterable, Mapping

import httptools
from multidict import CIMultiDict
from yarl import URL

from quarterdeck import __version__
from quarterdeck.errors import ProviderConnectionError

__all__ = ["HTTPClient", "PayloadIncomplete", "ServerDisconnected", "WireError", "WireResponse"]

USER_AGENT = f"quarterdeck/{__version__}"
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # RFC 9110 token: a header name
_BAD_VALUE = re.compile(r"[\r\n\0]")
_OWN_HEADERS = frozenset({"host", "content-length", "transfer-encoding", "connection"})  # the client sets them
MAX_IDLE_PER_ORIGIN = 256
_HIGH_WATER = 256 * 1024  # buffered body bytes at which reading from the socket pauses
_DEFAULT_PORTS = {"http": 80, "https": 443}

Origin = tuple[str, str, int]


class WireError(ConnectionError):
    """A failure of an upstream connection (see the subclasses)."""


class ServerDisconnected(WireError):
    """The upstream closed the connection before answering."""


class PayloadIncomplete(WireError):
    """The answer's body was cut (or could not be decoded)."""


class _Body:
    """The body of one response as it arrives: ``readany`` gives what is there, or waits."""

    __slots__ = ("_chunks", "_conn", "_error", "_size", "_waiter", "eof")

    def __init__(self, conn: _Connection) -> None:
        self._conn = conn
        self._chunks: deque[bytes] = deque()
        self._size = 0
        self._waiter: asyncio.Future[None] | None = None
        self._error: BaseException | None = None
        self.eof = False

    def feed(self, data: bytes) -> None:
        self._chunks.append(data)
        self._size += len(data)
        if self._size > _HIGH_WATER and self._conn.body is self:
            self._conn.pause()
        self._wake()

    def finish(self, error: BaseException | None = None) -> None:
        self.eof = True
        self._error = error
        self._wake()

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def ready(self) -> bool:
        """Whether ``readany`` would return at once (data, the end, or an error is in)."""
        return bool(self._chunks) or self.eof

    async def readany(self) -> bytes:
        while not self._chunks:
            if self._error is not None:
                raise self._error
            if self.eof:
                return b""
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        data = self._chunks.popleft() if len(self._chunks) == 1 else b"".join(self._drain())
        self._size -= len(data)
        if self._size <= _HIGH_WATER and self._conn.body is self:
            self._conn.resume()
        return data

    def _drain(self) -> Iterable[bytes]:
        while self._chunks:
            yield self._chunks.popleft()

    async def read(self) -> bytes:
        parts = []
        while chunk := await self.readany():
            parts.append(chunk)
        return b"".join(parts)


class WireResponse:
    """What ``providers.http`` reads of an answer: status, headers, body (whole or as it comes)."""

    def __init__(self, conn: _Connection, status: int, reason: str, headers: CIMultiDict[str]) -> None:
        self._conn = conn
        self.status = status
        self.reason = reason
        self.headers = headers
        self.content = conn.body

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "application/octet-stream").partition(";")[0].strip().lower()

    async def read(self) -> bytes:
        return await self.content.read()

    def release(self) -> None:
        """Done with the answer: a connection whose answer was not read to its end is closed."""
        self._conn.release(self.content)


class _Connection(asyncio.Protocol):
    """One keep-alive connection; one request at a time."""

    def __init__(self, client: HTTPClient, origin: Origin) -> None:
        self.client = client
        self.origin = origin
        self.transport: asyncio.Transport | None = None
        self.parser = httptools.HttpResponseParser(self)
        self.body = _Body(self)
        self._headers: list[tuple[str, str]] = []
        self._reason = ""
        self._head: asyncio.Future[WireResponse] | None = None
        self._decoder: zlib._Decompress | None = None
        self._deflate = False
        self._compressed = False  # compressed body bytes were received
        self._done = True  # no request in flight
        self._keep_alive = True
        self._paused = False

    # -- asyncio protocol ---------------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # a stream transport

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._fail(PayloadIncomplete(f"upstream sent a malformed answer: {exc}"))

    def eof_received(self) -> bool:
        return False  # close our side too

    def connection_lost(self, exc: Exception | None) -> None:
        self.client._forget(self)
        self.transport = None
        if self._done:
            return
        if self._head is not None and not self._head.done():
            error: BaseException = (exc if isinstance(exc, ConnectionResetError)
                                    else ServerDisconnected("upstream closed the connection before answering"))
            self._fail(error)
        elif self._close_delimited() and exc is None:
            self._complete()
        else:
            self._fail(PayloadIncomplete("Response payload is not completed"))

    def pause_writing(self) -> None:
        """Nothing to pause: a request body is written once and the transport buffers what is left."""

    def resume_writing(self) -> None:
        """Nothing was paused (see ``pause_writing``)."""

    # -- httptools callbacks ------------------------------------------------------------------------

    def on_message_begin(self) -> None:
        if self._done and self.transport is not None:  # an answer nobody asked for: drop the connection
            self.transport.close()

    def on_status(self, status: bytes) -> None:
        self._reason += status.decode("latin-1")

    def on_header(self, name: bytes, value: bytes) -> None:
        self._headers.append((name.decode("latin-1"), value.decode("latin-1")))

    def on_headers_complete(self) -> None:
        if self._done:
            return
        headers = CIMultiDict(self._headers)
        self._keep_alive = bool(self.parser.should_keep_alive())
        encoding = headers.get("content-encoding", "").strip().lower()
        if encoding == "gzip":
            self._decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._deflate = True  # zlib-wrapped or raw: told by the first byte of the body
        response = WireResponse(self, self.parser.get_status_code(), self._reason, headers)
        if self._head is not None and not self._head.done():
            self._head.set_result(response)

    def on_body(self, body: bytes) -> None:
        if self._done:
            return
        if self._deflate and body:
            self._deflate = False
            self._decoder = zlib.decompressobj(zlib.MAX_WBITS if body[0] & 0x0F == 8 else -zlib.MAX_WBITS)
        if self._decoder is not None:
            self._compressed = self._compressed or bool(body)
            try:
                body = self._decoder.decompress(body)
            except zlib.error as exc:
                self._fail(PayloadIncomplete(f"cannot decode the answer's body: {exc}"))
                return
        if body:
            self.body.feed(body)

    def on_message_complete(self) -> None:
        self._complete()

    # -- request cycle ------------------------------------------------------------------------------

    def send(self, head: bytes, body: bytes) -> asyncio.Future[WireResponse]:
        assert self.transport is not None
        loop = asyncio.get_running_loop()
        self._head = loop.create_future()
        self.body = _Body(self)
        self._headers = []
        self._reason = ""
        self._decoder = None
        self._deflate = False
        self._compressed = False
        self._done = False
        self.transport.write(head + body if len(body) < 65536 else head)
        if len(body) >= 65536:
            self.transport.write(body)
        return self._head

    def _close_delimited(self) -> bool:
        """A body without Content-Length and not chunked ends when the connection does."""
        if self._head is None or not self._head.done() or self._head.exception() is not None:
            return False
        headers = self._head.result().headers
        return "content-length" not in headers and "chunked" not in headers.get("transfer-encoding", "").lower()

    def _complete(self) -> None:
        if self._done:
            return
        if self._decoder is not None:
            tail = self._decoder.flush()
            if tail:
                self.body.feed(tail)
            if self._compressed and not self._decoder.eof:
                self._fail(PayloadIncomplete("the compressed body ends before its compressed stream does"))
                return
        self._done = True
        self.body.finish()
        self.resume()
        if self._keep_alive and self.transport is not None and not self.transport.is_closing():
            self.client._idle(self)
        elif self.transport is not None:
            self.transport.close()

    def _fail(self, error: BaseException) -> None:
        if self._head is not None and not self._head.done():
            self._head.set_exception(error)
            self._head.exception()  # marked as retrieved: the caller may be gone (cancelled)
        self.abort(error)

    def release(self, body: _Body) -> None:
        """The caller is done with the answer whose body is ``body``: unless it was complete (then this
        connection may already carry the next request), the connection cannot be reused."""
        if body is self.body and not self._done:
            self.abort(WireError("the answer was released before its end"))

    def abort(self, error: BaseException) -> None:
        self._done = True
        self.body.finish(error)
        if self.transport is not None:
            self.transport.close()

    def pause(self) -> None:
        if not self._paused and self.transport is not None:
            self._paused = True
            self.transport.pause_reading()

    def resume(self) -> None:
        if self._paused and self.transport is not None:
            self._paused = False
            self.transport.resume_reading()


class HTTPClient:
    """Keep-alive HTTP/1.1 connections per origin; see the module's docstring."""

    def __init__(self, *, ssl_context: ssl.SSLContext | None = None) -> None:
        self._ssl = ssl_context
        self._idle_conns: dict[Origin, list[_Connection]] = {}
        self._busy: set[_Connection] = set()
        self.closed = False

    def _ssl_context(self) -> ssl.SSLContext:
        if self._ssl is None:
            self._ssl = ssl.create_default_context()
        return self._ssl

    async def post(self, url: URL, body: bytes, headers: Mapping[str, str]) -> WireResponse:
        """Send ``body`` and return the answer once its status and headers are in (its body may follow)."""
        if self.closed:
            raise RuntimeError("the HTTP client is closed")
        scheme = url.scheme
        if scheme not in _DEFAULT_PORTS or not url.raw_host:
            raise ProviderConnectionError(f"cannot connect to upstream: unsupported URL {url}")
        origin = (scheme, url.raw_host, url.port or _DEFAULT_PORTS[scheme])
        head = self._head(url, headers) + b"Content-Length: %d\r\n\r\n" % len(body)  # checked before a socket
        conn = await self._acquire(origin)
        self._busy.add(conn)
        answer = conn.send(head, body)
        mine = conn.body
        got = False
        try:
            response = await answer
            got = True
            return response
        finally:
            if not got and conn.body is mine:  # cancelled or failed before the answer's head: spent
                conn.abort(WireError("the request was abandoned"))

    def _head(self, url: URL, headers: Mapping[str, str]) -> bytes:
        host = url.host_port_subcomponent or url.raw_host or ""
        lines = [f"POST {url.raw_path_qs} HTTP/1.1", f"Host: {host}", f"User-Agent: {USER_AGENT}",
                 "Accept-Encoding: gzip, deflate"]
        for name, value in headers.items():
            if not _TOKEN.fullmatch(name) or name.lower() in _OWN_HEADERS or _BAD_VALUE.search(value):
                raise ProviderConnectionError(f"cannot send the header {name!r}: not a valid or allowed HTTP header")
            lines.append(f"{name}: {value}")
        try:
            return ("\r\n".join(lines) + "\r\n").encode("latin-1", errors="strict")
        except UnicodeEncodeError as exc:
            raise ProviderConnectionError("cannot send a header value that is not Latin-1 text") from exc

    async def _acquire(self, origin: Origin) -> _Connection:
        idle = self._idle_conns.get(origin)
        while idle:
            conn = idle.pop()
            if conn.transport is not None and not conn.transport.is_closing():
                return conn
        scheme, host, port = origin
        loop = asyncio.get_running_loop()
        try:
            _, conn = await loop.create_connection(
                lambda: _Connection(self, origin), host, port,
                ssl=self._ssl_context() if scheme == "https" else None,
                server_hostname=host if scheme == "https" else None,
            )
        except OSError as exc:
            raise ProviderConnectionError(f"cannot connect to upstream: {host}:{port}: {exc}") from exc
        return conn

    def _idle(self, conn: _Connection) -> None:
        self._busy.discard(conn)
        idle = self._idle_conns.setdefault(conn.origin, [])
        if len(idle) >= MAX_IDLE_PER_ORIGIN or self.closed:
            if conn.transport is not None:
                conn.transport.close()
            return
        idle.append(conn)

    def _forget(self, conn: _Connection) -> None:
        self._busy.discard(conn)
        idle = self._idle_conns.get(conn.origin)
        if idle and conn in idle:
            idle.remove(conn)

    async def close(self) -> None:
        """Close every connection (in-flight answers end with a connection error)."""
        self.closed = True
        conns = [c for idle in self._idle_conns.values() for c in idle] + list(self._busy)
        self._idle_conns.clear()
        self._busy.clear()
        for conn in conns:
            if conn.transport is not None:
                conn.transport.close()
        if conns:
            await asyncio.sleep(0)  # let the transports finish closing
