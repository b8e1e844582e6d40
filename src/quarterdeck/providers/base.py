"""The one narrow interface every provider adapter implements.

The gateway speaks one canonical format internally: the OpenAI Chat Completions wire format, as
plain dicts (already parsed JSON). Adapters translate to and from their vendor's protocol and map
vendor errors to ``quarterdeck.errors.ProviderError`` subclasses at this boundary; nothing above
this layer sees a vendor exception.

Contract of each method:

``complete(model, request, timeout=...)``
    ``request`` is an OpenAI chat request body (``messages``, ``tools``, ``response_format``, sampling
    parameters ...); ``model`` is the upstream's model name and replaces ``request["model"]``. Returns
    an OpenAI ``chat.completion`` dict whose ``usage`` has ``prompt_tokens`` and
    ``completion_tokens``. Must not mutate ``request``.

``stream(model, request, timeout=...)``
    Async iterator of OpenAI ``chat.completion.chunk`` dicts. The adapter always asks its upstream
    for usage; the last chunk it yields carries ``usage`` (with ``choices: []``). ``timeout`` bounds
    the wait for the first chunk and for each following chunk. A stream cut midway raises
    ``ProviderConnectionError`` from the iterator.

``embed(model, request, timeout=...)``
    ``request`` is an OpenAI embeddings body (``input`` a string or list of strings). Returns an
    OpenAI ``list`` of ``embedding`` objects with ``usage.prompt_tokens``.

``aclose()`` releases what the adapter holds (the shared HTTP session is not its to close).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Protocol, runtime_checkable

JSON = dict[str, Any]


@runtime_checkable
class Provider(Protocol):
    name: str
    type: str

    async def complete(self, model: str, request: JSON, *, timeout: float) -> JSON: ...

    def stream(self, model: str, request: JSON, *, timeout: float) -> AsyncIterator[JSON]: ...

    async def embed(self, model: str, request: JSON, *, timeout: float) -> JSON: ...

    async def aclose(self) -> None: ...
