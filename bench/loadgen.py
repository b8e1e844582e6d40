"""Closed-loop HTTP load generator for the benchmark (its own process); prints one JSON object.

    python bench/loadgen.py --url http://127.0.0.1:8080/v1/chat/completions --key sk-... \\
        --concurrency 16 --warmup 2 --duration 10 [--stream] [--pid target=1234 --pid upstream=99]

``--concurrency`` keep-alive connections each send one request, wait for the whole answer, and send
the next, for ``warmup + duration`` seconds. Only answers completed inside the ``duration`` window
count. Built on uvloop and httptools' C response parser (no HTTP client library), so the generator
itself spends little CPU: it shares the machine with the server under test.

Measured per answer: latency (request written -> last byte) and, for streams, time to first token
(request written -> first SSE event with non-empty ``content``). An answer is an error unless it is
HTTP 200 with content (and, for streams, ``data: [DONE]``). At the window's edges the CPU seconds of
each ``--pid`` process tree and of the whole machine are read from /proc, so the CPU cost per request
is exact for the window and load from other processes on the machine shows.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import resource
import socket
import sys
import time
from dataclasses import dataclass, field
from typing import cast
from urllib.parse import urlsplit

import httptools
import uvloop
from procstat import cpu_seconds, machine_busy_seconds, tree_pids

_CONTENT = re.compile(rb'"content"\s*:\s*"[^"]')
_MAX_ERROR_SAMPLES = 5
_RECONNECTS_PER_WORKER = 1000


class ConnectionClosed(Exception):
    """The server closed the connection before the answer was complete."""


class ClientConnection(asyncio.Protocol):
    """One keep-alive HTTP/1.1 connection that carries one request at a time."""

    def __init__(self, stream: bool) -> None:
        self.stream = stream
        self.transport: asyncio.Transport | None = None
        self.parser = httptools.HttpResponseParser(self)
        self.done: asyncio.Future[None] | None = None
        self.status = 0
        self.first_token_at = 0.0
        self.saw_content = False
        self.head = b""  # stream bytes before the first content, kept to find it across reads
        self.tail = b""  # the last bytes of the body, to check for [DONE]
        self.body_bytes = 0
        self.keep_alive = True

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's transports are not subclasses
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None
        if self.done is not None and not self.done.done():
            self.done.set_exception(ConnectionClosed(str(exc) if exc else "connection closed by the server"))

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as exc:
            if self.done is not None and not self.done.done():
                self.done.set_exception(exc)
            if self.transport is not None:
                self.transport.close()

    def send(self, request: bytes) -> asyncio.Future[None]:
        assert self.transport is not None
        self.done = asyncio.get_running_loop().create_future()
        self.status = 0
        self.first_token_at = 0.0
        self.saw_content = False
        self.head = b""
        self.tail = b""
        self.body_bytes = 0
        self.transport.write(request)
        return self.done

    # httptools callbacks
    def on_headers_complete(self) -> None:
        self.status = self.parser.get_status_code()
        self.keep_alive = self.parser.should_keep_alive()

    def on_body(self, body: bytes) -> None:
        self.body_bytes += len(body)
        if not self.saw_content:
            self.head += body
            if _CONTENT.search(self.head) is not None:
                self.first_token_at = time.perf_counter()
                self.saw_content = True
                self.head = b""
        self.tail = (self.tail + body)[-64:]

    def on_message_complete(self) -> None:
        if self.done is not None and not self.done.done():
            self.done.set_result(None)


@dataclass
class Window:
    start: float
    end: float
    cpu_start: dict[str, float] = field(default_factory=dict)
    cpu_end: dict[str, float] = field(default_factory=dict)
    pids: dict[str, list[int]] = field(default_factory=dict)


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    ttfts: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)

    def error(self, message: str, counted: bool) -> None:
        if counted:
            self.errors += 1
        if len(self.error_samples) < _MAX_ERROR_SAMPLES and message not in self.error_samples:
            self.error_samples.append(message)


def build_request(url: str, key: str, model: str, stream: bool) -> tuple[str, int, bytes]:
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"only http:// loopback URLs are benchmarked, got {url}")
    payload: dict[str, object] = {
        "model": model,
        "messages": [{"role": "user", "content": "Say hello in five words."}],
        "max_tokens": 16,
    }
    if stream:
        payload["stream"] = True
        payload["stream_options"] = {"include_usage": True}
    body = json.dumps(payload, separators=(",", ":")).encode()
    host_header = parts.netloc
    head = (
        f"POST {parts.path or '/'} HTTP/1.1\r\nHost: {host_header}\r\nAuthorization: Bearer {key}\r\n"
        f"Content-Type: application/json\r\nAccept: {'text/event-stream' if stream else 'application/json'}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return parts.hostname or "127.0.0.1", parts.port or 80, head.encode() + body


async def worker(
    host: str, port: int, request: bytes, stream: bool, window: Window, stats: Stats, timeout: float
) -> None:
    loop = asyncio.get_running_loop()
    conn: ClientConnection | None = None
    reconnects = 0
    while time.perf_counter() < window.end and reconnects < _RECONNECTS_PER_WORKER:
        if conn is None or conn.transport is None or not conn.keep_alive:
            if conn is not None and conn.transport is not None:
                conn.transport.close()
            try:
                _, conn = await loop.create_connection(lambda: ClientConnection(stream), host, port)
            except OSError as exc:
                reconnects += 1
                stats.error(f"connect: {exc}", counted=time.perf_counter() >= window.start)
                await asyncio.sleep(0.05)
                continue
            reconnects += 1
        started = time.perf_counter()
        try:
            async with asyncio.timeout(timeout):
                await conn.send(request)
        except (TimeoutError, ConnectionClosed, httptools.HttpParserError) as exc:
            finished = time.perf_counter()
            stats.error(f"{type(exc).__name__}: {exc}", counted=window.start <= finished <= window.end)
            if conn.transport is not None:
                conn.transport.close()
            conn = None
            continue
        finished = time.perf_counter()
        if not window.start <= finished <= window.end:
            continue
        stats.statuses[conn.status] = stats.statuses.get(conn.status, 0) + 1
        if conn.status != 200:
            stats.error(f"HTTP {conn.status}", counted=True)
        elif not conn.saw_content:
            stats.error("answer without content", counted=True)
        elif stream and b"[DONE]" not in conn.tail:
            stats.error("stream without data: [DONE]", counted=True)
        else:
            stats.latencies.append(finished - started)
            if stream:
                stats.ttfts.append(conn.first_token_at - started)
    if conn is not None and conn.transport is not None:
        conn.transport.close()


def percentiles(values: list[float]) -> dict[str, float]:
    """p50/p95/p99/mean/max in milliseconds (linear interpolation between closest ranks)."""
    if not values:
        return {}
    ordered = sorted(values)

    def pct(p: float) -> float:
        rank = (len(ordered) - 1) * p / 100
        low = int(rank)
        high = min(low + 1, len(ordered) - 1)
        return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)

    return {
        "p50": pct(50) * 1000,
        "p95": pct(95) * 1000,
        "p99": pct(99) * 1000,
        "mean": sum(ordered) / len(ordered) * 1000,
        "max": ordered[-1] * 1000,
    }


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def run(args: argparse.Namespace) -> dict[str, object]:
    host, port, request = build_request(args.url, args.key, args.model, args.stream)
    now = time.perf_counter()
    window = Window(start=now + args.warmup, end=now + args.warmup + args.duration)
    tracked: dict[str, int] = {}
    for spec in args.pid:
        name, _, pid = spec.partition("=")
        tracked[name] = int(pid)
    own: dict[str, float] = {}

    def snapshot(into: dict[str, float]) -> None:
        for name, root in tracked.items():
            if name not in window.pids:
                window.pids[name] = tree_pids(root)
            into[name] = cpu_seconds(window.pids[name])
        into["machine"] = machine_busy_seconds()
        own["end" if into is window.cpu_end else "start"] = own_cpu_seconds()

    loop = asyncio.get_running_loop()
    loop.call_at(loop.time() + args.warmup, snapshot, window.cpu_start)
    loop.call_at(loop.time() + args.warmup + args.duration, snapshot, window.cpu_end)
    stats = Stats()
    workers = [
        asyncio.create_task(worker(host, port, request, args.stream, window, stats, args.timeout))
        for _ in range(args.concurrency)
    ]
    await asyncio.wait(workers, timeout=args.warmup + args.duration + args.timeout + 5)
    for task in workers:
        task.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    if not window.cpu_end:  # every worker ended early (e.g. nothing listening): still report the window
        snapshot(window.cpu_end)
    if not window.cpu_start:
        window.cpu_start.update(window.cpu_end)
    elapsed = args.duration
    completed = len(stats.latencies)
    return {
        "concurrency": args.concurrency,
        "stream": args.stream,
        "duration_s": elapsed,
        "ok": completed,
        "errors": stats.errors,
        "error_samples": stats.error_samples,
        "statuses": {str(k): v for k, v in sorted(stats.statuses.items())},
        "rps": completed / elapsed,
        "latency_ms": percentiles(stats.latencies),
        "ttft_ms": percentiles(stats.ttfts),
        "cpu_s": {name: window.cpu_end[name] - window.cpu_start.get(name, 0.0) for name in [*tracked, "machine"]},
        "pids": window.pids,
        "loadgen_cpu_s": own.get("end", 0.0) - own.get("start", 0.0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="http://127.0.0.1:PORT/v1/chat/completions")
    parser.add_argument("--key", default="sk-bench", help="Bearer key")
    parser.add_argument("--model", default="bench")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds before the window")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds in the window")
    parser.add_argument("--timeout", type=float, default=30.0, help="per-request timeout in seconds")
    parser.add_argument("--stream", action="store_true")
    parser.add_argument("--pid", action="append", default=[], help="NAME=PID: a process tree to read CPU of")
    args = parser.parse_args()
    if not 1 <= args.concurrency <= 1024 or args.duration <= 0 or args.warmup < 0:
        parser.error("need 1 <= concurrency <= 1024, duration > 0, warmup >= 0")
    json.dump(uvloop.run(run(args)), sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
