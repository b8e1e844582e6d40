"""HTTP plumbing shared by the provider adapters: error mapping, error bodies, JSON calls, SSE.

The app owns one ``HTTPClient`` (``providers.wire``: a lean keep-alive HTTP/1.1 client) and hands it
to every adapter; an ``aiohttp.ClientSession`` works too (aiohttp is then the caller's import).
Nothing here closes either. Everything that can go wrong on the wire leaves this module as a
``quarterdeck.errors.ProviderError`` subclass:

- no answer in time                          -> ``ProviderTimeoutError``
- refused, reset, disconnected, body cut     -> ``ProviderConnectionError``
- an error status                            -> ``ProviderHTTPError`` (upstream message, Retry-After)
- a 200 whose body is not a JSON object      -> ``ProviderResponseError``

Timeouts: a non-stream call (``post_json``) is bounded as a whole by ``timeout``. A stream
(``post_sse``) is bounded from the request's start to its first event by ``timeout``, then by
``timeout`` for each gap between events. The bounds are only ever armed around this module's own
awaits, never across a ``yield``, so a slow consumer is never interrupted by them.
"""

from __future__ import annotations

import asyncio
import datetime
import email.utils
import io
import math
import re
import sys
import time
from collections.abc import AsyncGenerator, Mapping
from contextlib import aclosing
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias, TypeVar

import orjson
from yarl import URL

from quarterdeck.errors import (
    ProviderConnectionError,
    ProviderError,
    ProviderHTTPError,
    ProviderResponseError,
    ProviderTimeoutError,
)
from quarterdeck.providers.base import JSON
from quarterdeck.providers.wire import (
    HTTPClient,
    MalformedResponse,
    PayloadIncomplete,
    ServerDisconnected,
    WireError,
    WireResponse,
)

if TYPE_CHECKING:
    import aiohttp

__all__ = [
    "HTTPSession",
    "SSEEvent",
    "SSEParser",
    "SSESource",
    "error_message_from_body",
    "flattened",
    "iter_sse",
    "parse_json_event",
    "parse_retry_after",
    "post_json",
    "post_sse",
    "post_sse_batches",
    "raise_for_upstream_status",
    "upstream_errors",
]

HTTPSession: TypeAlias = "aiohttp.ClientSession | HTTPClient"
"""What the adapters send through: the app's lean ``HTTPClient``, or an aiohttp session."""


class _Never(Exception):
    """Stands for aiohttp's exception classes while aiohttp is not loaded: then nothing raises them."""


class _NoAiohttp:
    ServerDisconnectedError = ClientPayloadError = ClientConnectorError = _Never
    ClientConnectionError = ClientError = _Never


def _aio() -> Any:
    """aiohttp, when this process loaded it (it is imported only by whoever uses an aiohttp session)."""
    return sys.modules.get("aiohttp") or _NoAiohttp

SSEEvent = tuple[str | None, str]
"""One server-sent event: its ``event:`` name (``None`` when absent) and its data."""

_MAX_ERROR_TEXT = 500
_EOL = re.compile(rb"\r\n|\r|\n")
_BOM = b"\xef\xbb\xbf"

LARGE_BODY_BYTES = 1024 * 1024  # aiohttp warns above this for raw bytes


class _ByteSource(Protocol):
    async def readany(self) -> bytes: ...


class SSESource(Protocol):
    """What ``iter_sse`` reads from: an ``aiohttp.ClientResponse`` or anything with such ``content``."""

    @property
    def content(self) -> _ByteSource: ...


T = TypeVar("T")


# --------------------------------------------------------------------------------------------------
# Error mapping


def upstream_errors(timeout: float | None = None) -> _UpstreamErrors:
    """Map aiohttp/asyncio/OS errors raised inside the block to ``ProviderError`` subclasses (an async
    context manager; a class, not ``asynccontextmanager``: no generator per upstream call)."""
    return _UpstreamErrors(timeout)


class _UpstreamErrors:
    __slots__ = ("timeout",)

    def __init__(self, timeout: float | None) -> None:
        self.timeout = timeout

    async def __aenter__(self) -> None:
        return None

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> bool:
        if exc is None:
            return False
        mapped = _mapped_upstream_error(exc, self.timeout)
        if mapped is None:
            return False
        raise mapped from exc


def _mapped_upstream_error(exc: BaseException, timeout: float | None) -> ProviderError | None:
    """The ``ProviderError`` for an aiohttp/asyncio/OS error (``None``: not one of those, raised as it is)."""
    if not isinstance(exc, Exception):
        return None
    if isinstance(exc, TimeoutError):  # asyncio.TimeoutError, aiohttp.ServerTimeoutError and subclasses
        within = f" within {timeout:g}s" if timeout is not None else ""
        return ProviderTimeoutError(f"upstream did not answer{within}")
    if isinstance(exc, ServerDisconnected):
        return ProviderConnectionError("upstream closed the connection before answering")
    if isinstance(exc, PayloadIncomplete):
        return ProviderConnectionError(f"upstream closed the connection before the body was complete: {exc}")
    if isinstance(exc, MalformedResponse):
        return ProviderConnectionError(str(exc))
    aio = _aio()
    if isinstance(exc, aio.ServerDisconnectedError):
        return ProviderConnectionError("upstream closed the connection before answering")
    if isinstance(exc, aio.ClientPayloadError):
        return ProviderConnectionError(f"upstream closed the connection before the body was complete: {exc}")
    if isinstance(exc, aio.ClientConnectorError):
        return ProviderConnectionError(f"cannot connect to upstream: {exc}")
    if isinstance(exc, ConnectionResetError):  # includes aiohttp.ClientConnectionResetError
        return ProviderConnectionError("connection reset by upstream")
    if isinstance(exc, (WireError, aio.ClientConnectionError)):
        return ProviderConnectionError(f"connection to upstream failed: {str(exc) or type(exc).__name__}")
    if isinstance(exc, aio.ClientError):
        return ProviderConnectionError(f"request to upstream failed: {type(exc).__name__}: {exc}")
    if isinstance(exc, ConnectionError):  # refused / aborted / broken pipe raised as plain OS errors
        return ProviderConnectionError(f"connection to upstream failed: {exc}")
    return None


# --------------------------------------------------------------------------------------------------
# Error statuses


def parse_retry_after(headers: Mapping[str, str], *, now: float | None = None) -> float | None:
    """Seconds to wait from ``retry-after-ms`` or ``Retry-After`` (delta-seconds or HTTP-date)."""
    lowered = {key.lower(): value.strip() for key, value in headers.items()}
    millis = lowered.get("retry-after-ms")
    if millis is not None:
        try:
            value = float(millis)
        except ValueError:
            value = math.nan
        if math.isfinite(value) and value >= 0:
            return value / 1000.0
    raw = lowered.get("retry-after")
    if raw is None:
        return None
    try:
        seconds = float(raw)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:  # a "-0000" zone: UTC
            when = when.replace(tzinfo=datetime.UTC)
        current = time.time() if now is None else now
        return max(0.0, when.timestamp() - current)
    if not math.isfinite(seconds) or seconds < 0:
        return None
    return seconds


def error_message_from_body(body: bytes) -> str:
    """The human message of an upstream error body (OpenAI or Anthropic envelope, or raw text)."""
    text = body.decode("utf-8", errors="replace").strip()
    try:
        parsed: Any = orjson.loads(body)
    except orjson.JSONDecodeError:
        parsed = None
    if isinstance(parsed, dict):
        error = parsed.get("error")
        if isinstance(error, dict):
            message = error.get("message")
            if isinstance(message, str) and message:
                kind = error.get("type")
                # Anthropic's envelope names the error type next to the message; keep it.
                if parsed.get("type") == "error" and isinstance(kind, str) and kind:
                    return f"{kind}: {message}"
                return message
        elif isinstance(error, str) and error:
            return error
        for key in ("message", "detail"):
            value = parsed.get(key)
            if isinstance(value, str) and value:
                return value
    if len(text) > _MAX_ERROR_TEXT:
        return text[:_MAX_ERROR_TEXT] + "..."
    return text


async def raise_for_upstream_status(resp: aiohttp.ClientResponse | WireResponse) -> None:
    """Raise ``ProviderHTTPError`` when ``resp`` has an error status (>= 400); read its body to say why."""
    if resp.status < 400:
        return
    body = await resp.read()
    message = error_message_from_body(body) or resp.reason or "no message"
    raise ProviderHTTPError(resp.status, message, retry_after=parse_retry_after(resp.headers))


# --------------------------------------------------------------------------------------------------
# Requests


def _json_headers(headers: Mapping[str, str], accept: str) -> dict[str, str]:
    return {"Content-Type": "application/json", "Accept": accept, **headers}


def _load_json_object(body: bytes | str, what: str) -> JSON:
    try:
        parsed: Any = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        snippet = body[:200] if isinstance(body, str) else body[:200].decode("utf-8", errors="replace")
        raise ProviderResponseError(f"upstream sent a {what} that is not JSON: {snippet!r}") from exc
    if not isinstance(parsed, dict):
        raise ProviderResponseError(f"upstream sent a {what} that is not a JSON object")
    return parsed


async def post_json(
    session: HTTPSession,
    url: str | URL,
    body: JSON,
    *,
    headers: Mapping[str, str],
    timeout: float,
) -> JSON:
    """POST ``body`` as JSON and return the JSON object answered; the whole call is bounded by ``timeout``
    (one ``asyncio.timeout``: aiohttp's own per-request timer would only duplicate it)."""
    if isinstance(session, HTTPClient):
        async with upstream_errors(timeout), asyncio.timeout(timeout):
            answer = await session.post(URL(url), orjson.dumps(body), _json_headers(headers, "application/json"))
            try:
                await raise_for_upstream_status(answer)
                payload = await answer.read()
            finally:
                answer.release()
        return _load_json_object(payload, "response body")
    async with (
        upstream_errors(timeout),
        asyncio.timeout(timeout),
        session.post(
            url,
            data=_encode_body(body),
            headers=_json_headers(headers, "application/json"),
        ) as resp,
    ):
        await raise_for_upstream_status(resp)
        payload = await resp.read()
    return _load_json_object(payload, "response body")


def _encode_body(body: JSON) -> bytes | io.BytesIO:
    """The request body; over 1 MiB as a file object, which aiohttp sends without blocking the loop."""
    raw = orjson.dumps(body)
    return io.BytesIO(raw) if len(raw) > LARGE_BODY_BYTES else raw


def post_sse(
    session: HTTPSession,
    url: str | URL,
    body: JSON,
    *,
    headers: Mapping[str, str],
    timeout: float,
) -> AsyncGenerator[SSEEvent, None]:
    """POST ``body`` as JSON and yield the server-sent events of the answer.

    ``timeout`` bounds connect + status + first event, then each gap between events. The iterator
    ends when the upstream ends the body; checking that the protocol's end marker came is the
    caller's job. Use it under ``contextlib.aclosing`` so the connection is released on early exit.
    (One event at a time over ``post_sse_batches``.)
    """
    return flattened(post_sse_batches(session, url, body, headers=headers, timeout=timeout))


async def post_sse_batches(
    session: HTTPSession,
    url: str | URL,
    body: JSON,
    *,
    headers: Mapping[str, str],
    timeout: float,
) -> AsyncGenerator[list[SSEEvent], None]:
    """``post_sse``, but the events come as lists: those completed by one read of the body (never an
    empty list). A consumer that handles several events at once pays the generator layers per read, not
    per event. Same timeouts (the gap to the next read is timed from when the consumer takes the next
    list), same errors, same use under ``contextlib.aclosing``.
    """
    loop = asyncio.get_running_loop()
    first_deadline = loop.time() + timeout
    # The deadlines below bound connect + headers + first event, then each gap between events; aiohttp's
    # socket timers would duplicate them (and re-arm a timer on every read).
    if isinstance(session, HTTPClient):
        async with upstream_errors(timeout):
            async with asyncio.timeout_at(first_deadline):
                answer = await session.post(URL(url), orjson.dumps(body), _json_headers(headers, "text/event-stream"))
            try:
                if answer.status >= 400:  # an error body to read: bounded like the rest of the head
                    async with asyncio.timeout_at(first_deadline):
                        await raise_for_upstream_status(answer)
                if answer.content_type == "application/json":
                    raise ProviderResponseError("upstream answered a stream request with a JSON body")
                async for events in _sse_batches(answer, timeout, first_deadline):
                    yield events
            finally:
                answer.release()
        return
    async with upstream_errors(timeout):
        async with asyncio.timeout_at(first_deadline):
            resp = await session.post(
                url,
                data=_encode_body(body),
                headers=_json_headers(headers, "text/event-stream"),
            )
        async with resp:
            async with asyncio.timeout_at(first_deadline):
                await raise_for_upstream_status(resp)
            if resp.content_type == "application/json":
                raise ProviderResponseError("upstream answered a stream request with a JSON body")
            async for events in _sse_batches(resp, timeout, first_deadline):
                yield events


def parse_json_event(data: str) -> JSON:
    """The JSON object carried by one event's data (``ProviderResponseError`` when it is not one)."""
    return _load_json_object(data, "stream event")


# --------------------------------------------------------------------------------------------------
# Server-sent events


class SSEParser:
    """Incremental parser of the ``text/event-stream`` format (WHATWG HTML, "server-sent events").

    Feed it bytes cut anywhere; it returns the events completed so far. Lines end with CRLF, LF or
    CR (a CR at the end of a chunk waits for the next chunk in case an LF follows). ``data:`` lines
    of one event are joined with ``\\n``; comment lines (``:``) and the ``id``/``retry`` fields are
    ignored; an event without data is not dispatched. At the end of the body, an event not yet
    terminated by a blank line is discarded, as the standard says.
    """

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._data: list[str] = []
        self._event: str | None = None
        self._started = False

    def feed(self, chunk: bytes) -> list[SSEEvent]:
        self._buffer += chunk
        if not self._started:
            if _BOM.startswith(self._buffer):
                return []  # too short yet to tell whether the stream opens with a byte order mark
            self._started = True
            if self._buffer.startswith(_BOM):
                del self._buffer[: len(_BOM)]
        events: list[SSEEvent] = []
        if b"\r" not in self._buffer:  # the usual case, LF line ends only: split once, decode once
            cut = self._buffer.rfind(b"\n")
            if cut < 0:
                return events
            text = self._buffer[:cut].decode("utf-8", errors="replace")
            del self._buffer[: cut + 1]
            for line in text.split("\n"):
                if line.startswith("data: "):  # most lines: taken here, without ``_line``'s general parse
                    self._data.append(line[6:])
                elif (event := self._line(line)) is not None:
                    events.append(event)
            return events
        pos = 0
        while True:
            match = _EOL.search(self._buffer, pos)
            if match is None:
                break
            if match.group() == b"\r" and match.end() == len(self._buffer):
                break  # maybe the first half of a CRLF split across chunks
            line = bytes(self._buffer[pos : match.start()]).decode("utf-8", errors="replace")
            pos = match.end()
            event = self._line(line)
            if event is not None:
                events.append(event)
        del self._buffer[:pos]
        return events

    def _line(self, line: str) -> SSEEvent | None:
        if not line:
            return self._dispatch()
        if line.startswith(":"):
            return None
        field, sep, value = line.partition(":")
        if sep and value.startswith(" "):
            value = value[1:]
        if field == "data":
            self._data.append(value)
        elif field == "event":
            self._event = value or None
        return None

    def _dispatch(self) -> SSEEvent | None:
        data, event = self._data, self._event
        self._data, self._event = [], None
        if not data:
            return None
        return event, "\n".join(data)


def iter_sse(
    resp: SSESource,
    *,
    timeout: float | None = None,
    first_deadline: float | None = None,
) -> AsyncGenerator[SSEEvent, None]:
    """Yield ``(event name, data)`` for each event of ``resp``'s body until the body ends.

    ``timeout`` bounds the wait for each event (measured from when the previous one was taken);
    ``first_deadline`` (a ``loop.time()`` value) replaces it for the first event. A body cut by the
    network raises ``ProviderConnectionError``; a wait too long raises ``ProviderTimeoutError``.
    """
    return flattened(_sse_batches(resp, timeout, first_deadline))


async def flattened(batches: AsyncGenerator[list[T], None]) -> AsyncGenerator[T, None]:
    """The items of ``batches`` one at a time (closing ``batches`` when closed early)."""
    async with aclosing(batches):
        async for items in batches:
            for item in items:
                yield item


async def _sse_batches(
    resp: SSESource,
    timeout: float | None,
    first_deadline: float | None,
) -> AsyncGenerator[list[SSEEvent], None]:
    """The events of ``resp``'s body as ``iter_sse`` reads them, as one list per read that completed any
    (the wait for the next read is timed from when the consumer asks for the next list)."""
    loop = asyncio.get_running_loop()
    parser = SSEParser()
    received = 0
    seen = 0
    if first_deadline is not None:
        deadline: float | None = first_deadline
    else:
        deadline = None if timeout is None else loop.time() + timeout
    content = resp.content
    ready = getattr(content, "ready", None)  # the lean client's body says when a read would not wait
    while True:
        try:
            if ready is not None and ready():
                chunk = await content.readany()  # returns at once: no timer to arm
            else:
                async with asyncio.timeout_at(deadline):
                    chunk = await content.readany()
        except (TimeoutError, MalformedResponse, PayloadIncomplete, ConnectionResetError, WireError) as exc:
            raise _read_error(exc, timeout, seen, received) from exc
        except (_aio().ClientPayloadError, _aio().ClientConnectionError) as exc:
            raise _read_error(exc, timeout, seen, received) from exc
        if not chunk:
            return
        received += len(chunk)
        events = parser.feed(chunk)
        if events:
            seen += len(events)
            yield events
            if timeout is not None:
                deadline = loop.time() + timeout


def _read_error(exc: Exception, timeout: float | None, seen: int, received: int) -> ProviderError:
    """The ``ProviderError`` for a failed read of a stream's body."""
    if isinstance(exc, TimeoutError):
        return ProviderTimeoutError(
            f"upstream sent no event within {timeout:g}s (after {seen} events)"
            if timeout is not None
            else f"upstream sent no event in time (after {seen} events)"
        )
    if isinstance(exc, MalformedResponse):
        return ProviderConnectionError(f"{exc} (stream cut after {received} bytes)")
    aio = _aio()
    if isinstance(exc, (PayloadIncomplete, aio.ClientPayloadError)):
        return ProviderConnectionError(
            f"upstream closed the stream before it finished (stream cut after {received} bytes)"
        )
    return ProviderConnectionError(f"connection reset by upstream (stream cut after {received} bytes)")
