"""Fake LLM upstreams that speak the real OpenAI and Anthropic wire protocols.

A :class:`FakeUpstream` is an aiohttp server on ``127.0.0.1`` (ephemeral port) running in its own
thread with its own event loop, so it can be started and stopped from synchronous test code while a
gateway (in another thread or process) and the official SDKs talk to it over real HTTP. It records
every request, answers deterministically and can inject faults (see :class:`~.faults.Fault`).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import math
import secrets
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Literal, Protocol, Self

import orjson
from aiohttp import web

from .anthropic_wire import AnthropicWire
from .faults import GARBAGE_BODY, Fault, format_retry_after
from .openai_wire import OpenAIWire

JSON = dict[str, Any]
SSEEvent = tuple[str | None, JSON | str]
"""One server-sent event: (``event:`` name or None, data as a JSON object or a raw string)."""

Handler = Callable[["Exchange"], Awaitable[web.StreamResponse]]
StopReason = Literal["end", "length", "tool"]

_START_TIMEOUT = 10.0
_SHUTDOWN_GRACE = 0.5  # seconds aiohttp waits for in-flight handlers before cancelling them


@dataclass(frozen=True)
class Call:
    """One request received by a fake upstream.

    ``headers`` has lower-cased names; ``json`` is the parsed body (None when empty or not JSON);
    ``time`` is a :func:`time.monotonic` timestamp (useful to measure retry back-off).
    """

    path: str
    method: str
    headers: dict[str, str]
    json: Any
    time: float


@dataclass(frozen=True)
class Answer:
    """What the fake model says, independent of the wire format."""

    text: str | None
    tool_call: tuple[str, dict[str, Any]] | None
    prompt_tokens: int
    completion_tokens: int
    stop: StopReason

    @property
    def arguments(self) -> str:
        """The tool call arguments as the JSON string sent on the wire."""
        return orjson.dumps(self.tool_call[1]).decode() if self.tool_call else ""

    def pieces(self) -> list[str]:
        """The streamed text (or tool arguments) split into about three deltas."""
        return split_pieces(self.arguments if self.tool_call else self.text or "")


def split_pieces(text: str, parts: int = 3) -> list[str]:
    """Split ``text`` into at most ``parts`` non-empty pieces that concatenate back to it."""
    if not text:
        return []
    size = math.ceil(len(text) / min(parts, len(text)))
    return [text[i : i + size] for i in range(0, len(text), size)]


class Wire(Protocol):
    """A vendor protocol: routing, auth, error envelopes. Implemented by the *_wire modules."""

    request_id_header: str

    def route(self, method: str, path: str) -> Handler | None: ...

    def is_model_endpoint(self, path: str) -> bool: ...

    def error_payload(self, status: int, message: str) -> JSON: ...

    def not_found(self, method: str, path: str) -> tuple[int, JSON]: ...

    def check_headers(self, headers: Mapping[str, str], api_key: str | None) -> tuple[int, JSON] | None: ...


class Exchange:
    """One request being answered; the wire handlers build their response through it."""

    def __init__(self, upstream: FakeUpstream, request: web.Request, body: Any, cut_after: int | None):
        self.upstream = upstream
        self.request = request
        self.body = body
        self.cut_after = cut_after

    @property
    def usage(self) -> tuple[int, int]:
        return self.upstream.usage

    def answer(
        self,
        *,
        user_text: str,
        tool_results: str | None,
        tools_enabled: bool,
        limit: int | None,
        json_mode: bool = False,
    ) -> Answer:
        """Decide the deterministic answer (see :class:`FakeUpstream` for the rules)."""
        up = self.upstream
        prompt_tokens, completion_tokens = up.usage
        if tool_results is None and tools_enabled and up.reply_tool_call is not None:
            name, arguments = up.reply_tool_call
            return Answer(None, (name, dict(arguments)), prompt_tokens, completion_tokens, "tool")
        if tool_results is not None:
            text = f"tool result was: {tool_results}"
        elif up.responder is not None:
            text = up.responder(self.body)
        elif up.reply is not None:
            text = up.reply
        else:
            text = f"Hello from {up.name}: {user_text}"
        if json_mode and not up.verbatim_json:
            text = orjson.dumps({"answer": text}).decode()
        stop: StopReason = "end"
        if limit is not None and limit < completion_tokens:
            completion_tokens, stop = limit, "length"
            text = " ".join(text.split()[:limit])
        return Answer(text, None, prompt_tokens, completion_tokens, stop)

    def _headers(self, content_type: str) -> dict[str, str]:
        wire = self.upstream.wire
        return {"Content-Type": content_type, wire.request_id_header: f"req_{secrets.token_hex(12)}"}

    async def json(
        self, payload: JSON, status: int = 200, headers: Mapping[str, str] | None = None
    ) -> web.StreamResponse:
        """Send a JSON response (or half of it, then drop the connection, under ``cut_stream``)."""
        data = orjson.dumps(payload)
        all_headers = self._headers("application/json") | dict(headers or {})
        if self.cut_after is None:
            return web.Response(status=status, body=data, headers=all_headers)
        response = web.StreamResponse(status=status, headers=all_headers)
        response.content_length = len(data)
        await response.prepare(self.request)
        await response.write(data[: len(data) // 2])
        self.drop_connection()
        return response

    async def error(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> web.StreamResponse:
        """Send an error in the vendor's envelope."""
        return await self.json(self.upstream.wire.error_payload(status, message), status, headers)

    async def sse(self, events: Iterable[SSEEvent]) -> web.StreamResponse:
        """Stream server-sent events, honouring ``chunk_delay`` and a ``cut_stream`` fault."""
        frames = [encode_event(name, data) for name, data in events]
        response = web.StreamResponse(status=200, headers=self._headers("text/event-stream; charset=utf-8"))
        response.headers["Cache-Control"] = "no-cache"
        await response.prepare(self.request)
        if self.cut_after is not None:
            frames = frames[: min(self.cut_after, len(frames) - 1)]
        with contextlib.suppress(ConnectionError):  # the client may go away mid-stream
            for index, frame in enumerate(frames):
                if index and self.upstream.chunk_delay > 0:
                    await asyncio.sleep(self.upstream.chunk_delay)
                await response.write(frame)
            if self.cut_after is not None:
                self.drop_connection()
            else:
                await response.write_eof()
        return response

    def drop_connection(self) -> None:
        """Close the TCP connection now; whatever aiohttp tries to send afterwards is discarded."""
        transport = self.request.transport
        if transport is not None:
            transport.close()


def encode_event(name: str | None, data: JSON | str) -> bytes:
    """Frame one server-sent event."""
    payload = data.encode() if isinstance(data, str) else orjson.dumps(data)
    prefix = f"event: {name}\n".encode() if name else b""
    return prefix + b"data: " + payload + b"\n\n"


class FakeUpstream:
    """An OpenAI- or Anthropic-compatible upstream for tests.

    Endpoints: OpenAI ``POST /v1/chat/completions``, ``POST /v1/embeddings``, ``GET /v1/models``
    (and ``/v1/models/{id}``); Anthropic ``POST /v1/messages`` and ``GET /v1/models``. Anything else
    gets the vendor's 404.

    Answers are deterministic:

    - ``reply_tool_call`` set, the request has tools (and ``tool_choice`` is not "none") and the
      last message is not a tool result: a tool call to that name with those arguments;
    - last message(s) are tool results: ``"tool result was: <content>"`` (several joined by newlines);
    - otherwise ``responder(body)`` if set, else ``reply`` if given, else
      ``f"Hello from {name}: <last user message text>"`` (text parts joined by a space); OpenAI
      ``response_format={"type": "json_object"}`` wraps it as ``{"answer": <text>}``;
    - usage is always ``usage=(prompt_tokens, completion_tokens)``, except that a request whose
      ``max_tokens`` (``max_completion_tokens``) is below ``completion_tokens`` gets that many
      completion tokens, the text cut to that many words and finish reason length / max_tokens.

    Faults: ``add_faults`` queues faults that are popped one per request on a model endpoint
    (chat completions, embeddings, messages); ``set_always`` applies a fault to every request,
    including ``/v1/models``, until cleared. A queued fault wins over the "always" fault.
    """

    def __init__(
        self,
        protocol: Literal["openai", "anthropic"],
        name: str = "upstream",
        *,
        usage: tuple[int, int] = (10, 5),
        reply: str | None = None,
        api_key: str | None = None,
        chunk_delay: float = 0.0,
    ) -> None:
        if protocol == "openai":
            self.wire: Wire = OpenAIWire()
            self.model_id = "gpt-4o-mini"
        elif protocol == "anthropic":
            self.wire = AnthropicWire()
            self.model_id = "claude-3-5-haiku-20241022"
        else:
            raise ValueError(f"unknown protocol {protocol!r}")
        self.protocol = protocol
        self.name = name
        self.usage = usage
        self.reply = reply
        self.api_key = api_key
        self.chunk_delay = chunk_delay
        self.reply_tool_call: tuple[str, dict[str, Any]] | None = None
        self.responder: Callable[[Any], str] | None = None  # answer text from the request body (wins over reply)
        # OpenAI chat only, for answers the Answer model cannot express (several tool calls, legacy
        # function_call, streams that stop early): the message of a non-streamed completion, and the
        # chunks of a stream (given the model name; ``[DONE]`` is added).
        self.message_script: JSON | None = None
        # JSON mode sends the responder's text as it is (a judge answering with its verdict object)
        # instead of wrapping it as {"answer": ...}.
        self.verbatim_json = False
        self.stream_script: Callable[[str], list[JSON]] | None = None
        self.calls: list[Call] = []
        self._faults: collections.deque[Fault] = collections.deque()
        self._always: Fault | None = None
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._port: int | None = None

    # ----------------------------------------------------------------- public control API

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``; OpenAI clients use ``url + "/v1"`` as their base URL."""
        if self._port is None:
            raise RuntimeError(f"fake upstream {self.name!r} is not running")
        return f"http://127.0.0.1:{self._port}"

    def add_faults(self, *faults: Fault) -> None:
        with self._lock:
            self._faults.extend(faults)

    def set_always(self, fault: Fault | None) -> None:
        with self._lock:
            self._always = fault

    def reset(self) -> None:
        """Forget recorded calls and all faults (queued and always)."""
        with self._lock:
            self.calls.clear()
            self._faults.clear()
            self._always = None

    def count(self, path: str | None = None) -> int:
        """How many requests were received (on ``path`` only, when given)."""
        with self._lock:
            return sum(1 for call in self.calls if path is None or call.path == path)

    def start(self) -> FakeUpstream:
        if self._thread is not None:
            raise RuntimeError(f"fake upstream {self.name!r} is already running")
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=_run_loop, args=(loop,), name=f"fake-upstream-{self.name}", daemon=True)
        thread.start()
        self._loop, self._thread = loop, thread
        try:
            self._port = asyncio.run_coroutine_threadsafe(self._serve(), loop).result(_START_TIMEOUT)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Shut the server down, cancel in-flight handlers and join the thread. Idempotent."""
        loop, thread, runner = self._loop, self._thread, self._runner
        if loop is None or thread is None:
            return
        try:
            if runner is not None:
                asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(_START_TIMEOUT)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join()
            self._loop = self._thread = self._runner = None
            self._port = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        where = self.url if self._port is not None else "stopped"
        return f"<FakeUpstream {self.protocol} {self.name!r} {where}>"

    # ----------------------------------------------------------------- server side

    async def _serve(self) -> int:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        runner = web.AppRunner(app, access_log=None, handler_cancellation=True, shutdown_timeout=_SHUTDOWN_GRACE)
        await runner.setup()
        self._runner = runner
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        return int(runner.addresses[0][1])

    def _next_fault(self, path: str) -> Fault | None:
        with self._lock:
            if self._faults and self.wire.is_model_endpoint(path):
                return self._faults.popleft()
            return self._always

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        try:
            body: Any = orjson.loads(raw) if raw else None
        except orjson.JSONDecodeError:
            body = None
        headers = {key.lower(): value for key, value in request.headers.items()}
        with self._lock:
            self.calls.append(Call(request.path, request.method, headers, body, time.monotonic()))

        fault = self._next_fault(request.path)
        streaming = isinstance(body, dict) and body.get("stream") is True
        exchange = Exchange(self, request, body, fault.after_chunks if fault and fault.kind == "cut_stream" else None)
        if fault is not None:
            faulted = await self._apply_fault(exchange, fault, streaming)
            if faulted is not None:
                return faulted

        handler = self.wire.route(request.method, request.path)
        if handler is None:
            status, payload = self.wire.not_found(request.method, request.path)
            return await exchange.json(payload, status)
        rejected = self.wire.check_headers(headers, self.api_key)
        if rejected is not None:
            return await exchange.json(rejected[1], rejected[0])
        return await handler(exchange)

    async def _apply_fault(self, exchange: Exchange, fault: Fault, streaming: bool) -> web.StreamResponse | None:
        """Answer according to ``fault``, or return None to carry on with the normal answer."""
        if fault.kind == "delay":
            await asyncio.sleep(fault.seconds)
            return None
        if fault.kind == "status":
            headers = {} if fault.retry_after is None else {"Retry-After": format_retry_after(fault.retry_after)}
            return await exchange.error(fault.status, fault.message, headers)
        if fault.kind == "reset":
            exchange.drop_connection()
            return web.Response(status=500)  # never reaches the client: the transport is closed
        if fault.kind == "garbage":
            if streaming:
                return await exchange.sse([(None, GARBAGE_BODY.decode())])
            return web.Response(status=200, body=GARBAGE_BODY, content_type="application/json")
        return None  # cut_stream: the normal handler runs and Exchange cuts it short


def _run_loop(loop: asyncio.AbstractEventLoop) -> None:
    """Thread body: run ``loop`` until stopped, then cancel leftovers and close it."""
    asyncio.set_event_loop(loop)
    try:
        loop.run_forever()
    finally:
        pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
        for task in pending:
            task.cancel()
        with contextlib.suppress(Exception):
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
        asyncio.set_event_loop(None)
        loop.close()
