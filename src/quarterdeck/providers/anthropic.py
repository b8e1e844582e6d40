"""Adapter for the Anthropic Messages API (``POST {base_url}/v1/messages``).

Canonical (OpenAI) requests are translated with ``anthropic_format``; streams are converted event
by event with ``anthropic_stream.AnthropicStreamToOpenAI``. A stream that ends before
``message_stop`` was cut and raises ``ProviderConnectionError``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import aclosing

from quarterdeck.errors import InvalidRequestError, ProviderConnectionError, ProviderResponseError
from quarterdeck.providers.anthropic_format import anthropic_response_to_openai, openai_request_to_anthropic
from quarterdeck.providers.anthropic_stream import AnthropicStreamToOpenAI
from quarterdeck.providers.base import JSON
from quarterdeck.providers.http import HTTPSession, parse_json_event, post_json, post_sse

__all__ = ["ANTHROPIC_VERSION", "AnthropicProvider"]

ANTHROPIC_VERSION = "2023-06-01"


class AnthropicProvider:
    """Speaks the Anthropic Messages API at ``base_url`` (e.g. ``https://api.anthropic.com``)."""

    type = "anthropic"

    def __init__(
        self,
        name: str,
        base_url: str,
        api_key: str | None,
        session: HTTPSession,
    ) -> None:
        self.name = name
        self.base_url = base_url.rstrip("/")
        root = self.base_url.removesuffix("/v1")
        self.messages_url = f"{root}/v1/messages"
        self._api_key = api_key
        self._session = session

    def __repr__(self) -> str:
        return f"AnthropicProvider(name={self.name!r}, base_url={self.base_url!r})"

    def _headers(self) -> dict[str, str]:
        headers = {"anthropic-version": ANTHROPIC_VERSION}
        if self._api_key:
            headers["x-api-key"] = self._api_key
        return headers

    async def complete(self, model: str, request: JSON, *, timeout: float) -> JSON:
        body = openai_request_to_anthropic(request, model)
        result = await post_json(self._session, self.messages_url, body, headers=self._headers(), timeout=timeout)
        if result.get("type") not in (None, "message"):
            raise ProviderResponseError(f"Anthropic answered a {result.get('type')!r} instead of a message")
        return anthropic_response_to_openai(result, model)

    async def stream(self, model: str, request: JSON, *, timeout: float) -> AsyncIterator[JSON]:
        body = {**openai_request_to_anthropic(request, model), "stream": True}
        converter = AnthropicStreamToOpenAI(model)
        count = 0
        events = post_sse(self._session, self.messages_url, body, headers=self._headers(), timeout=timeout)
        async with aclosing(events):
            async for event, data in events:
                count += 1
                for chunk in converter.feed(event, parse_json_event(data)):
                    yield chunk
                if converter.finished:
                    break
        if not converter.finished:
            raise ProviderConnectionError(
                f"upstream closed the stream before it finished (no message_stop after {count} events)"
            )

    async def embed(self, model: str, request: JSON, *, timeout: float) -> JSON:
        raise InvalidRequestError(f"provider '{self.name}' (anthropic) does not serve embeddings", param="model")

    async def aclose(self) -> None:
        """Nothing to release: the HTTP session belongs to the app."""
