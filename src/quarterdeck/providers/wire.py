"""A lean HTTP/1.1 client for the upstream calls on the gateway's hot path.

aiohttp's client does much per request that a gateway talking to a few fixed upstreams never uses
(cookie jars, redirects, proxies, tracing, middlewares, per-request timers, a task per request
body): ~100 µs of CPU per call, the largest single cost of a proxied request. ``HTTPClient`` keeps
keep-alive connections per origin and speaks just what the provider adapters need: a POST with a
body, a status and headers parsed by httptools (llhttp, in C), a body read whole or as it comes
(chunked or not, gzip/deflate decoded), TLS through the event loop.

What a hostile or broken upstream can cost is bounded: interim answers (``1xx``) are skipped, a
``101`` is an error; the status and header lines of one request's answers are at most
``MAX_HEAD_BYTES`` and ``MAX_HEADER_LINES`` lines; a compressed body decodes to at most
``MAX_DECODED_BODY`` bytes; at most ``max_connections_per_origin`` connections are open to one
origin, further requests wait for one in arrival order; a connection idle for ``IDLE_TIMEOUT_S`` is
closed (looked at when one is taken, and by a timer). A request is never sent twice (a POST sent on a
kept-alive connection the upstream had just closed fails; the router's retries decide). New sockets:
names resolved through a cache, addresses raced as Happy Eyeballs says,
TCP_NODELAY and SO_KEEPALIVE (``providers.wire_connect``). Credentials in the URL are sent as Basic
auth. Head lines ended by a bare LF are accepted (as aiohttp does); other malformed answers (obs-fold,
a space before a header's colon, ...) are ``MalformedResponse``.

It has no timeouts of its own: the callers (``providers.http``) bound every await with
``asyncio.timeout``. Failures are ``ServerDisconnected`` (no answer), ``PayloadIncomplete`` (a body
cut or undecodable), ``ResponseTooLarge`` (over a limit above), ``MalformedResponse`` (the parser
refused the answer), ``WireError`` (another protocol
failure), ``ConnectionResetError``, which ``providers.http`` maps to ``ProviderError`` as it does
aiohttp's, or ``ProviderConnectionError`` when no connection can be made. It does not
import aiohttp (~20 MB of modules a serving process then never loads). A response not read to its end
(an abandoned stream, a cancellation) closes its connection; a complete one frees it for the next
request at once.
"""

from __future__ import annotations

import asyncio
import base64
import re
import ssl
import time
import zlib
from collections import deque
from collections.abc import Mapping, MutableSequence

import httptools
from multidict import CIMultiDict
from yarl import URL

from quarterdeck import __version__
from quarterdeck.errors import ProviderConnectionError
from quarterdeck.providers.wire_connect import Connector

__all__ = [
    "HTTPClient", "MalformedResponse", "PayloadIncomplete", "ResponseTooLarge", "ServerDisconnected", "WireError",
    "WireResponse",
]

USER_AGENT = f"quarterdeck/{__version__}"
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # RFC 9110 token: a header name
_BAD_VALUE = re.compile(r"[\r\n\0]")
_OWN_HEADERS = frozenset({"host", "content-length", "transfer-encoding", "connection"})  # the client sets them
MAX_IDLE_PER_ORIGIN = 256
MAX_CONNECTIONS_PER_ORIGIN = 512  # open or opening, busy or idle; more requests wait (FIFO) for one
MAX_HEAD_BYTES = 64 * 1024  # status and header lines of one request's answers (interim ones and trailers included)
MAX_HEADER_LINES = 100  # header lines of one answer (its trailers included)
MAX_DECODED_BODY = 64 * 1024 * 1024  # what one compressed body may decode to
IDLE_TIMEOUT_S = 15.0  # an idle connection older than this is closed (aiohttp's keepalive_timeout)
CLOSE_WAIT_S = 1.0  # how long ``close()`` waits for a transport to end before aborting it
_HIGH_WATER = 256 * 1024  # buffered body bytes at which reading from the socket pauses
_DEFAULT_PORTS = {"http": 80, "https": 443}

Origin = tuple[str, str, int]
_TRAILERS: deque[tuple[str, str]] = deque(maxlen=0)  # where trailers go: nowhere (nothing reads them)


class WireError(ConnectionError):
    """A failure of an upstream connection (see the subclasses)."""


class ServerDisconnected(WireError):
    """The upstream closed the connection before answering."""


class PayloadIncomplete(WireError):
    """The answer's body was cut (or could not be decoded)."""


class ResponseTooLarge(WireError):
    """The answer's head or decoded body is over the client's bounds (see the module's constants)."""


class MalformedResponse(WireError):
    """The answer is not HTTP/1.1 that the parser accepts (httptools' message says why)."""


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
        chunks = self._chunks
        if len(chunks) == 1:
            data = chunks.popleft()
        else:
            data = b"".join(chunks)
            chunks.clear()
        self._size -= len(data)
        if self._size <= _HIGH_WATER and self._conn.body is self:
            self._conn.resume()
        return data

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

    def __init__(self, client: HTTPClient, pool: _Pool) -> None:
        self.client = client
        self.pool = pool
        self.counted = True  # holds one of its pool's connection slots (given back once, when it ends)
        self.transport: asyncio.Transport | None = None
        self.idle_since = 0.0  # ``time.monotonic()`` when it last went idle
        self.lost: asyncio.Future[None] | None = None  # set by ``close()`` of the client: resolved when it ends
        self.parser = httptools.HttpResponseParser(self)
        self.parser.set_dangerous_leniencies(lenient_optional_cr_before_lf=True)  # bare LF line ends, as aiohttp
        self.body = _Body(self)
        self._headers: MutableSequence[tuple[str, str]] = []
        self._reason = ""
        self._head: asyncio.Future[WireResponse] | None = None
        self._decoder: zlib._Decompress | None = None
        self._deflate = False
        self._gzip = False  # the body is gzip: members may follow one another
        self._compressed = False  # compressed body bytes were received
        self._room = MAX_DECODED_BODY  # decoded bytes the answer's body may still have
        self._done = True  # no request in flight
        self._in_head = False  # the final answer's head is not complete yet
        self._interim = False  # the answer being parsed is a 1xx one
        self.head_bytes = 0  # bytes received for the request in flight while its answer's head was not complete
        self._interim_size = 0  # of the status and header lines of the interim answers to the request in flight
        self._keep_alive = True
        self._paused = False

    def usable(self) -> bool:
        return self.transport is not None and not self.transport.is_closing()

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()

    # -- asyncio protocol ---------------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # a stream transport

    def data_received(self, data: bytes) -> None:
        if self._in_head:
            self.head_bytes += len(data)
        try:
            self.parser.feed_data(data)
        except (httptools.HttpParserError, httptools.HttpParserUpgrade) as exc:
            if not self._done:
                self._fail(MalformedResponse(f"upstream sent a malformed HTTP response: {exc}"))
            elif self.transport is not None:  # bytes nobody asked for: the parser is spent
                self.transport.close()
            return
        if self._in_head and self.head_bytes > MAX_HEAD_BYTES and not self._done:  # a head not ended yet
            self._fail(ResponseTooLarge(f"upstream's answer head is over {MAX_HEAD_BYTES} bytes"))

    def eof_received(self) -> bool:
        return False  # close our side too

    def connection_lost(self, exc: Exception | None) -> None:
        self.client._forget(self)
        self.transport = None
        if self.lost is not None and not self.lost.done():
            self.lost.set_result(None)
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
        # Bounded without a check per line: a head's lines by its bytes (``data_received``), then counted in
        # on_headers_complete; trailers go to ``_TRAILERS``, which keeps none.
        self._headers.append((name.decode("latin-1"), value.decode("latin-1")))

    def on_headers_complete(self) -> None:
        if self._done:
            return
        if len(self._headers) > MAX_HEADER_LINES:
            self._fail(ResponseTooLarge(f"upstream's answer has over {MAX_HEADER_LINES} header lines"))
            return
        status = self.parser.get_status_code()
        if status < 200:
            if status == 101:
                self._fail(WireError("upstream switched protocols (101) though no request asks it to"))
            else:
                self._interim = True  # 100 Continue, 103 Early Hints, ...: the answer follows
            return
        self._in_head = False
        # Heads over the bound that have not ended are refused in data_received; one that ended in a large
        # read (``head_bytes`` counts the body bytes of that read too) is measured here.
        if self.head_bytes > MAX_HEAD_BYTES and self._interim_size + self._head_size() > MAX_HEAD_BYTES:
            self._fail(ResponseTooLarge(f"upstream's answer head is over {MAX_HEAD_BYTES} bytes"))
            return
        headers = CIMultiDict(self._headers)
        self._headers = _TRAILERS
        self._keep_alive = bool(self.parser.should_keep_alive())
        encoding = headers.get("content-encoding", "").strip().lower()
        if encoding == "gzip":
            self._decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
            self._gzip = True
        elif encoding == "deflate":
            self._deflate = True  # zlib-wrapped or raw: told by the first byte of the body
        response = WireResponse(self, status, self._reason, headers)
        if self._head is not None and not self._head.done():
            self._head.set_result(response)

    def on_body(self, body: bytes) -> None:
        if self._done:
            return
        if self._interim:  # llhttp without the rule that a 1xx has no body
            self._fail(WireError("upstream sent a body with an interim (1xx) answer"))
            return
        if self._deflate and body:
            self._deflate = False
            self._decoder = zlib.decompressobj(zlib.MAX_WBITS if body[0] & 0x0F == 8 else -zlib.MAX_WBITS)
        if self._decoder is not None:
            self._compressed = self._compressed or bool(body)
            try:
                body = self._decode(body)
            except zlib.error as exc:
                self._fail(PayloadIncomplete(f"cannot decode the answer's body: {exc}"))
                return
            if self._room < 0:
                self._fail(ResponseTooLarge(f"the answer's body decodes to over {MAX_DECODED_BODY} bytes"))
                return
        if body:
            self.body.feed(body)

    def _decode(self, data: bytes) -> bytes:
        """Decompress what came, member after member for gzip (RFC 1952 §2.2), never more than one byte over
        the room left; bytes after a deflate stream, or after a gzip member that are not one, are an error."""
        decoder = self._decoder
        assert decoder is not None
        out = decoder.decompress(data, self._room + 1)
        self._room -= len(out)
        while decoder.eof and decoder.unused_data and self._room >= 0:
            if not self._gzip:
                raise zlib.error("data after the end of the compressed stream")
            data = decoder.unused_data
            self._decoder = decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)  # the next member
            more = decoder.decompress(data, self._room + 1)
            self._room -= len(more)
            out += more
        return out

    def on_message_complete(self) -> None:
        if self._interim:  # the end of an interim answer: the real one comes next
            self._interim = False
            self._interim_size += self._head_size()
            self._headers = []
            self._reason = ""
            return
        self._complete()

    # -- request cycle ------------------------------------------------------------------------------

    def send(self, head: bytes, body: bytes) -> asyncio.Future[WireResponse]:
        self._head = answer = asyncio.get_running_loop().create_future()
        self.body = _Body(self)
        self._headers = []
        self._reason = ""
        self._decoder = None
        self._deflate = False
        self._gzip = False
        self._compressed = False
        self._room = MAX_DECODED_BODY
        self._interim = False
        self._in_head = True
        self.head_bytes = 0
        self._interim_size = 0
        self._done = False
        transport = self.transport
        if transport is None:  # lost since it was handed out
            self._fail(ServerDisconnected("upstream closed the connection before answering"))
        elif len(body) < 65536:
            transport.write(head + body)
        else:
            transport.write(head)
            transport.write(body)
        return answer

    def _head_size(self) -> int:
        """The size of the status and header lines of the answer being parsed (``HTTP/1.1 200 `` counted as 13)."""
        return 13 + len(self._reason) + 2 + sum(len(name) + len(value) + 4 for name, value in self._headers) + 2

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
            if len(tail) > self._room:
                self._fail(ResponseTooLarge(f"the answer's body decodes to over {MAX_DECODED_BODY} bytes"))
                return
            if tail:
                self.body.feed(tail)
            if self._compressed and not self._decoder.eof:
                self._fail(PayloadIncomplete("the compressed body ends before its compressed stream does"))
                return
        self._done = True
        self.body.finish()
        self.resume()
        if self._keep_alive and self.transport is not None and not self.transport.is_closing():
            self.client._checkin(self)
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
        self._in_head = False
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


class _Pool:
    """The connections to one origin: the idle ones, how many are open (or opening), who waits for one."""

    __slots__ = ("idle", "open", "waiters")

    def __init__(self) -> None:
        self.idle: list[_Connection] = []
        self.open = 0  # slots taken: connections open or being opened
        self.waiters: deque[asyncio.Future[_Connection | None]] = deque()  # a connection, or None: a free slot


class HTTPClient:
    """Keep-alive HTTP/1.1 connections per origin; see the module's docstring.

    ``max_connections_per_origin`` caps the connections open to one origin (a request over it waits,
    first come first served, for one to be freed).
    """

    def __init__(self, *, ssl_context: ssl.SSLContext | None = None,
                 max_connections_per_origin: int = MAX_CONNECTIONS_PER_ORIGIN) -> None:
        if max_connections_per_origin < 1:
            raise ValueError("max_connections_per_origin must be at least 1")
        self._ssl = ssl_context
        self._limit = max_connections_per_origin
        self._pools: dict[Origin, _Pool] = {}
        self._conns: set[_Connection] = set()  # every connection open or opening
        self._connector = Connector()
        self._sweeper: asyncio.TimerHandle | None = None  # closes the connections idle too long
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
        pool = self._pools.get(origin)
        if pool is None:
            pool = self._pools[origin] = _Pool()
        conn = await self._acquire(pool, origin)
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
            if url.raw_user is not None:
                lines.append(_basic_auth(url, headers))
            return ("\r\n".join(lines) + "\r\n").encode("latin-1", errors="strict")
        except UnicodeEncodeError as exc:
            raise ProviderConnectionError("cannot send a header value that is not Latin-1 text") from exc

    async def _acquire(self, pool: _Pool, origin: Origin) -> _Connection:
        """A connection for one request: an idle one, else a new one if the origin has a free slot, else
        the first freed (connection or slot) in turn."""
        while True:
            if pool.idle:
                conn = self._take_idle(pool)
                if conn is not None:
                    return conn
            if pool.open < self._limit and not pool.waiters:
                pool.open += 1
                break
            got = await self._wait(pool)
            if got is None:
                break  # the slot of a connection that ended is ours
            if got.usable():
                return got
            if got.counted:  # closing: its slot becomes ours
                got.counted = False
                got.close()
                break
        return await self._connect(pool, origin)

    def _take_idle(self, pool: _Pool) -> _Connection | None:
        """The most recently freed idle connection still open and not idle over ``IDLE_TIMEOUT_S``; the
        others looked at are closed (older ones than an expired one are expired too)."""
        idle = pool.idle
        now = time.monotonic()
        while idle:
            conn = idle.pop()
            if conn.usable() and now - conn.idle_since < IDLE_TIMEOUT_S:
                return conn
            self._discard(conn)
        return None

    def _discard(self, conn: _Connection) -> None:
        """Close ``conn`` (not in use) and free its slot now, not when the transport ends."""
        conn.close()
        self._release(conn)

    async def _wait(self, pool: _Pool) -> _Connection | None:
        waiter: asyncio.Future[_Connection | None] = asyncio.get_running_loop().create_future()
        pool.waiters.append(waiter)
        try:
            return await waiter
        except BaseException:
            if not waiter.done() or waiter.cancelled():
                if waiter in pool.waiters:
                    pool.waiters.remove(waiter)
            elif waiter.exception() is None:  # handed something just as we were cancelled: pass it on
                got = waiter.result()
                if got is None:
                    self._free_slot(pool)
                elif got.usable():
                    self._checkin(got)
            raise

    async def _connect(self, pool: _Pool, origin: Origin) -> _Connection:
        """A new connection on a slot already taken in ``pool`` (given back if none can be made)."""
        scheme, host, port = origin
        made: list[_Connection] = []

        def protocol() -> _Connection:
            conn = _Connection(self, pool)
            made.append(conn)
            self._conns.add(conn)
            return conn

        try:
            sock = await self._connector.connect(host, port)
            _, conn = await asyncio.get_running_loop().create_connection(
                protocol, sock=sock,
                ssl=self._ssl_context() if scheme == "https" else None,
                server_hostname=host if scheme == "https" else None,
            )
        except OSError as exc:
            self._unmade(pool, made)
            raise ProviderConnectionError(f"cannot connect to upstream: {host}:{port}: {exc}") from exc
        except BaseException:
            self._unmade(pool, made)
            raise
        if self.closed:
            conn.close()
            raise WireError("the HTTP client is closed")
        return conn

    def _unmade(self, pool: _Pool, made: list[_Connection]) -> None:
        """Give back the slot of a connection that could not be made (once: it may still see ``connection_lost``)."""
        if not made:
            self._free_slot(pool)
            return
        conn = made[0]
        self._conns.discard(conn)
        conn.close()
        self._release(conn)

    def _checkin(self, conn: _Connection) -> None:
        """``conn`` finished an answer: to the first waiter, else idle (closed past ``MAX_IDLE_PER_ORIGIN``)."""
        pool = conn.pool
        waiters = pool.waiters
        while waiters:
            waiter = waiters.popleft()
            if not waiter.done():
                waiter.set_result(conn)
                return
        if self.closed or len(pool.idle) >= MAX_IDLE_PER_ORIGIN:
            conn.close()
            return
        conn.idle_since = time.monotonic()
        pool.idle.append(conn)  # in the order they went idle: the oldest first
        if self._sweeper is None:
            self._sweeper = asyncio.get_running_loop().call_later(IDLE_TIMEOUT_S, self._sweep)

    def _sweep(self) -> None:
        """Close the connections idle over ``IDLE_TIMEOUT_S``; come back when the next one will be."""
        self._sweeper = None
        now = time.monotonic()
        next_due: float | None = None
        for pool in self._pools.values():
            idle = pool.idle
            while idle and now - idle[0].idle_since >= IDLE_TIMEOUT_S:
                self._discard(idle.pop(0))
            if idle:
                due = idle[0].idle_since + IDLE_TIMEOUT_S
                next_due = due if next_due is None else min(next_due, due)
        if next_due is not None and not self.closed:
            self._sweeper = asyncio.get_running_loop().call_later(max(next_due - now, 0.01), self._sweep)

    def _free_slot(self, pool: _Pool) -> None:
        waiters = pool.waiters
        while waiters:
            waiter = waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)  # the slot passes to the waiter
                return
        pool.open -= 1

    def _release(self, conn: _Connection) -> None:
        if conn.counted:
            conn.counted = False
            self._free_slot(conn.pool)

    def _forget(self, conn: _Connection) -> None:
        """``conn`` is closed: out of the idle list, and its slot is free."""
        self._conns.discard(conn)
        idle = conn.pool.idle
        if conn in idle:
            idle.remove(conn)
        self._release(conn)

    async def close(self) -> None:
        """Close every connection (in-flight answers end with a connection error, waiting requests too) and
        wait for their transports to end (TLS ones exchange close_notify), at most ``CLOSE_WAIT_S``: then
        they are aborted."""
        self.closed = True
        if self._sweeper is not None:
            self._sweeper.cancel()
            self._sweeper = None
        for pool in self._pools.values():
            while pool.waiters:
                waiter = pool.waiters.popleft()
                if not waiter.done():
                    waiter.set_exception(WireError("the HTTP client is closed"))
            pool.idle.clear()
        loop = asyncio.get_running_loop()
        ending: dict[asyncio.Future[None], _Connection] = {}
        for conn in list(self._conns):
            if conn.transport is not None:
                conn.lost = loop.create_future()
                ending[conn.lost] = conn
            conn.close()
        if ending:
            _, late = await asyncio.wait(ending, timeout=CLOSE_WAIT_S)
            for future in late:
                transport = ending[future].transport
                if transport is not None:
                    transport.abort()
        await asyncio.sleep(0)  # let the transports finish closing


def _basic_auth(url: URL, headers: Mapping[str, str]) -> str:
    """The ``Authorization`` line for the credentials in ``url`` (``user:pass@``), as aiohttp sends them."""
    if any(name.lower() == "authorization" for name in headers):
        raise ProviderConnectionError("cannot send both an Authorization header and credentials in the URL")
    credentials = f"{url.user or ''}:{url.password or ''}".encode("latin-1", errors="strict")
    return f"Authorization: Basic {base64.b64encode(credentials).decode('ascii')}"
