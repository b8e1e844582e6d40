"""Opening an upstream stream as one routing attempt: the attempt succeeds at the first chunk."""

from __future__ import annotations

import time
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any

from quarterdeck.errors import ProviderConnectionError
from quarterdeck.gateway.routing import Deployment

JSON = dict[str, Any]


class UpstreamStream:
    """The first chunk plus the rest of one deployment's stream; times the waits on the upstream."""

    def __init__(self, deployment: Deployment, first: JSON, rest: AsyncIterator[JSON]) -> None:
        self.deployment = deployment
        self._first: JSON | None = first
        self._rest = rest
        self.waited_s = 0.0

    async def chunks(self) -> AsyncGenerator[JSON]:
        if self._first is not None:
            first, self._first = self._first, None
            yield first
        while True:
            started = time.perf_counter()
            try:
                chunk = await anext(self._rest)
            except StopAsyncIteration:
                return
            finally:
                self.waited_s += time.perf_counter() - started
            yield chunk

    async def aclose(self) -> None:
        aclose = getattr(self._rest, "aclose", None)
        if aclose is not None:
            await aclose()


async def open_stream(deployment: Deployment, body: JSON, timeout: float) -> UpstreamStream:
    rest = deployment.provider.stream(deployment.model, body, timeout=timeout)
    try:
        first = await anext(rest)
    except StopAsyncIteration:
        raise ProviderConnectionError("the upstream closed the stream before sending anything") from None
    except BaseException:
        aclose = getattr(rest, "aclose", None)
        if aclose is not None:
            await aclose()
        raise
    return UpstreamStream(deployment, first, rest)
