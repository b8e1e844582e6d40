"""A minimal, fast OpenAI-compatible upstream for the benchmark (its own process).

    python bench/upstream.py --port 0      # prints "READY <port>" once it listens on 127.0.0.1

Raw asyncio protocol on uvloop with httptools' C parser: no framework, no per-request task, so it
costs a few tens of microseconds per request and is never the bottleneck. It answers

- ``POST /v1/chat/completions`` (and ``/chat/completions``): a fixed short completion with usage; with
  ``"stream": true`` an SSE stream of 5 content chunks, a usage chunk when
  ``stream_options.include_usage`` is true, then ``data: [DONE]`` (chunked transfer encoding, one
  write per event);
- ``GET /v1/models`` and ``GET /health``.

Authentication is not checked. Keep-alive is honoured; SIGINT/SIGTERM stop it.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import socket
import time
from contextlib import suppress
from typing import Any, cast

import httptools
import orjson
import uvloop

PIECES = ("Hello", " from", " the", " bench", " upstream.")
CONTENT = "".join(PIECES)
USAGE = {"prompt_tokens": 12, "completion_tokens": len(PIECES), "total_tokens": 12 + len(PIECES)}
CHAT_PATHS = (b"/v1/chat/completions", b"/chat/completions")
_MAX_CACHED_MODELS = 16


def _head(status: str, content_type: bytes, length: int | None, keep_alive: bool) -> bytes:
    framing = b"Transfer-Encoding: chunked" if length is None else b"Content-Length: %d" % length
    connection = b"keep-alive" if keep_alive else b"close"
    return (
        b"HTTP/1.1 "
        + status.encode()
        + b"\r\nContent-Type: "
        + content_type
        + b"\r\n"
        + framing
        + b"\r\nConnection: "
        + connection
        + b"\r\n\r\n"
    )


def _json_response(status: str, payload: Any, keep_alive: bool) -> bytes:
    body = orjson.dumps(payload)
    return _head(status, b"application/json", len(body), keep_alive) + body


def _chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


def _completion(model: str) -> bytes:
    return orjson.dumps(
        {
            "id": "chatcmpl-bench",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": CONTENT},
                    "logprobs": None,
                    "finish_reason": "stop",
                }
            ],
            "usage": USAGE,
        }
    )


def _stream_events(model: str, include_usage: bool) -> list[bytes]:
    """The SSE events of one streamed answer, each already framed as one HTTP chunk."""
    base: dict[str, Any] = {
        "id": "chatcmpl-bench",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
    }
    events: list[dict[str, Any]] = []
    for i, piece in enumerate(PIECES):
        delta = {"role": "assistant", "content": piece} if i == 0 else {"content": piece}
        last = i == len(PIECES) - 1
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": "stop" if last else None}
        events.append({**base, "choices": [choice], **({"usage": None} if include_usage else {})})
    if include_usage:
        events.append({**base, "choices": [], "usage": USAGE})
    framed = [_chunk(b"data: " + orjson.dumps(event) + b"\n\n") for event in events]
    framed.append(_chunk(b"data: [DONE]\n\n") + b"0\r\n\r\n")
    return framed


class _Answers:
    """Pre-serialised answers per model name (the model is echoed back, as real servers do)."""

    def __init__(self) -> None:
        self._complete: dict[str, bytes] = {}
        self._stream: dict[tuple[str, bool], list[bytes]] = {}

    def completion(self, model: str) -> bytes:
        body = self._complete.get(model)
        if body is None:
            body = _completion(model)
            if len(self._complete) < _MAX_CACHED_MODELS:
                self._complete[model] = body
        return body

    def stream(self, model: str, include_usage: bool) -> list[bytes]:
        events = self._stream.get((model, include_usage))
        if events is None:
            events = _stream_events(model, include_usage)
            if len(self._stream) < _MAX_CACHED_MODELS:
                self._stream[(model, include_usage)] = events
        return events


ANSWERS = _Answers()


class UpstreamProtocol(asyncio.Protocol):
    """One HTTP/1.1 connection; requests are answered synchronously in ``on_message_complete``."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.parser = httptools.HttpRequestParser(self)
        self.url = b""
        self.body: list[bytes] = []

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's transports are not subclasses
        sock = transport.get_extra_info("socket")
        if sock is not None:
            with suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError:
            self._send(_json_response("400 Bad Request", {"error": {"message": "bad HTTP request"}}, False))
            self._close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None

    # httptools callbacks
    def on_message_begin(self) -> None:
        self.url = b""
        self.body = []

    def on_url(self, url: bytes) -> None:
        self.url += url

    def on_body(self, body: bytes) -> None:
        self.body.append(body)

    def on_message_complete(self) -> None:
        keep_alive = self.parser.should_keep_alive()
        method = self.parser.get_method()
        path = self.url.split(b"?", 1)[0]
        if method == b"POST" and path in CHAT_PATHS:
            self._chat(keep_alive)
        elif method == b"GET" and path in (b"/v1/models", b"/models"):
            models = {"object": "list", "data": [{"id": "bench", "object": "model", "created": 0, "owned_by": "bench"}]}
            self._send(_json_response("200 OK", models, keep_alive))
        elif method == b"GET" and path == b"/health":
            self._send(_json_response("200 OK", {"status": "ok"}, keep_alive))
        else:
            self._send(_json_response("404 Not Found", {"error": {"message": "not found"}}, keep_alive))
        if not keep_alive:
            self._close()

    def _chat(self, keep_alive: bool) -> None:
        try:
            request = orjson.loads(b"".join(self.body))
        except orjson.JSONDecodeError:
            request = None
        if not isinstance(request, dict):
            self._send(_json_response("400 Bad Request", {"error": {"message": "body is not JSON"}}, keep_alive))
            return
        model = request.get("model")
        model = model if isinstance(model, str) else "bench"
        if request.get("stream") is True:
            options = request.get("stream_options")
            include_usage = isinstance(options, dict) and options.get("include_usage") is True
            events = ANSWERS.stream(model, include_usage)
            self._send(_head("200 OK", b"text/event-stream", None, keep_alive) + events[0])
            for event in events[1:]:
                self._send(event)
        else:
            body = ANSWERS.completion(model)
            self._send(_head("200 OK", b"application/json", len(body), keep_alive) + body)

    def _send(self, data: bytes) -> None:
        if self.transport is not None:
            self.transport.write(data)

    def _close(self) -> None:
        if self.transport is not None:
            self.transport.close()


async def serve(host: str, port: int) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(UpstreamProtocol, host, port, backlog=2048, reuse_address=True)
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    print(f"READY {server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await stop.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", choices=["127.0.0.1", "::1", "localhost"])
    parser.add_argument("--port", type=int, default=0, help="0: any free port (printed as READY <port>)")
    args = parser.parse_args()
    uvloop.run(serve(args.host, args.port))


if __name__ == "__main__":
    main()
