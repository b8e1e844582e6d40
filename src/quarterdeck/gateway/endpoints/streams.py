"""Opening an upstream stream as one routing attempt: the attempt succeeds at the first chunk."""

from __future__ import annotations

import time
from collections.abc import AsyncGenerator, AsyncIterator, Sequence
from typing import Any, Protocol

from quarterdeck.errors import ProviderConnectionError, ProviderError, QuarterdeckError, UpstreamError
from quarterdeck.gateway.context import RequestContext
from quarterdeck.gateway.guards import StreamGuard
from quarterdeck.gateway.metrics import Metrics
from quarterdeck.gateway.routing import Deployment
from quarterdeck.store import RequestLogWriter

JSON = dict[str, Any]


class UpstreamStream:
    """The first chunk plus the rest of one deployment's stream; ``waited_s`` is the time spent waiting on
    the upstream (the relay adds to it: it iterates ``rest`` itself, one generator layer fewer per chunk).

    ``batched``: ``rest`` yields lists of chunks (a provider's ``stream_batches``: those that came in one
    read), and ``buffered`` holds the chunks that came with the first one; otherwise ``rest`` yields
    chunks one by one."""

    def __init__(
        self,
        deployment: Deployment,
        first: JSON,
        rest: AsyncIterator[Any],
        *,
        buffered: Sequence[JSON] = (),
        batched: bool = False,
    ) -> None:
        self.deployment = deployment
        self.first = first
        self.rest = rest
        self.buffered = buffered
        self.batched = batched
        self.waited_s = 0.0

    async def aclose(self) -> None:
        aclose = getattr(self.rest, "aclose", None)
        if aclose is not None:
            await aclose()


async def open_stream(deployment: Deployment, body: JSON, timeout: float) -> UpstreamStream:
    provider = deployment.provider
    batches = getattr(provider, "stream_batches", None)
    rest: AsyncIterator[Any] = (
        provider.stream(deployment.model, body, timeout=timeout)
        if batches is None
        else batches(deployment.model, body, timeout=timeout)
    )
    try:
        first = await anext(rest)
        if batches is not None and not first:
            raise ProviderConnectionError("the upstream stream gave an empty batch")  # a provider bug
    except StopAsyncIteration:
        raise ProviderConnectionError("the upstream closed the stream before sending anything") from None
    except BaseException:
        aclose = getattr(rest, "aclose", None)
        if aclose is not None:
            await aclose()
        raise
    if batches is None:
        return UpstreamStream(deployment, first, rest)
    return UpstreamStream(deployment, first[0], rest, buffered=first[1:], batched=True)


class Encoder(Protocol):
    """How one wire format writes a relayed stream: each chunk, the end, and a mid-stream error."""

    def chunk(self, chunk: JSON) -> bytes | None:
        """The bytes for one upstream chunk, or None to send nothing for it."""

    def end(self) -> bytes:
        """The bytes that close a complete stream."""

    def error(self, error: QuarterdeckError) -> bytes:
        """The bytes that tell the client the stream failed midway."""


async def relay(
    ctx: RequestContext,
    upstream: UpstreamStream,
    encoder: Encoder,
    *,
    writer: RequestLogWriter,
    metrics: Metrics,
    guard: StreamGuard | None = None,
) -> AsyncGenerator[bytes]:
    """Relay an upstream stream to the client; record usage, errors and disconnects; always log once.
    A ``guard`` sees each chunk before it is sent and may cut the stream with an error event."""
    rest = upstream.rest
    batched = upstream.batched
    # The first chunk alone (the response flushes it before the rest), then the chunks that came with it,
    # then what ``rest`` gives: without a guard, the chunks that came together leave in one piece.
    batch: Sequence[JSON] | None = (upstream.first,)
    buffered: Sequence[JSON] | None = upstream.buffered
    clock = time.perf_counter
    try:
        while batch is not None:
            parts: list[bytes] = []  # encoded, not yet sent
            try:
                for chunk in batch:
                    usage = chunk.get("usage")
                    if usage:
                        ctx.set_usage(usage)
                    if guard is not None and (blocked := await guard.check(chunk)) is not None:
                        ctx.fail(blocked)
                        yield encoder.error(blocked)
                        return
                    data = encoder.chunk(chunk)
                    if data:
                        parts.append(data)
                        if guard is not None:  # a guarded stream leaves chunk by chunk, each one checked first
                            waited = clock()
                            yield parts.pop()
                            ctx.client_wait_s += clock() - waited
            except ProviderError:  # an encoder refusing a chunk: what came before it still goes first
                if parts:
                    yield b"".join(parts)
                raise
            if parts:
                waited = clock()
                yield parts[0] if len(parts) == 1 else b"".join(parts)
                ctx.client_wait_s += clock() - waited
            if buffered:
                batch, buffered = buffered, None
                continue
            started = clock()
            try:
                got = await anext(rest)
                batch = got if batched else (got,)
            except StopAsyncIteration:
                batch = None
            finally:
                upstream.waited_s += clock() - started
        last = await guard.finish() if guard is not None else None
        if isinstance(last, QuarterdeckError):
            ctx.fail(last)
            yield encoder.error(last)
            return
        if last is not None and (data := encoder.chunk(last)):
            yield data
        tail = encoder.end()
        if tail:
            yield tail
    except ProviderError as exc:
        error = UpstreamError(f"The upstream stream failed ({upstream.deployment.id}): {exc.message}")
        ctx.fail(error)
        yield encoder.error(error)
    except BaseException:
        ctx.client_closed()
        raise
    finally:
        await upstream.aclose()
        ctx.trace.upstream_s += upstream.waited_s
        ctx.finish(writer, metrics)
