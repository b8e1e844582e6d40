"""Adapter for any OpenAI-compatible server (OpenAI, vLLM, llama.cpp server, Ollama, ...).

The canonical internal format *is* the OpenAI wire format, so this adapter mostly passes bodies
through. What it adds: the upstream model name, the ``stream`` flag, usage in every stream (it asks
with ``stream_options.include_usage`` and synthesises a zero usage chunk when the upstream ignores
that), and the check that a stream really ended with ``data: [DONE]``.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import aclosing
from typing import Any

from yarl import URL

from quarterdeck.errors import ProviderConnectionError, ProviderError, ProviderHTTPError, ProviderResponseError
from quarterdeck.providers.base import JSON
from quarterdeck.providers.http import HTTPSession, flattened, parse_json_event, post_json, post_sse_batches

__all__ = ["OpenAIProvider"]

_DONE = "[DONE]"


def _zero_usage() -> JSON:
    return {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}


def _complete_usage(usage: Any) -> JSON:
    """``usage`` with integer prompt/completion/total tokens (zeros for what the upstream left out)."""
    if not isinstance(usage, dict):
        return _zero_usage()
    out = dict(usage)
    for key in ("prompt_tokens", "completion_tokens"):
        if not isinstance(out.get(key), int):
            out[key] = 0
    if not isinstance(out.get("total_tokens"), int):
        out["total_tokens"] = out["prompt_tokens"] + out["completion_tokens"]
    return out


def _stream_error(chunk: JSON) -> ProviderHTTPError:
    """An error object sent in the middle of a stream (``data: {"error": {...}}``), as an HTTP error."""
    error = chunk.get("error")
    message = "upstream reported an error in the stream"
    status = 500
    if isinstance(error, dict):
        if isinstance(error.get("message"), str) and error["message"]:
            message = error["message"]
        code = error.get("code")
        if isinstance(code, int) and 400 <= code <= 599:
            status = code
        elif isinstance(code, str) and code.isdigit() and 400 <= int(code) <= 599:
            status = int(code)
    elif isinstance(error, str) and error:
        message = error
    return ProviderHTTPError(status, message)


class OpenAIProvider:
    """Speaks the OpenAI Chat Completions and Embeddings API at ``base_url`` (e.g. ``http://host/v1``)."""

    type = "openai"

    def __init__(
        self,
        name: str,
        base_url: str,
        api_key: str | None,
        session: HTTPSession,
    ) -> None:
        self.name = name
        self.base_url = base_url.rstrip("/")
        self._api_key = api_key
        self._session = session
        # parsed once: aiohttp would parse a string URL on every request
        self._chat_url = URL(f"{self.base_url}/chat/completions")
        self._embeddings_url = URL(f"{self.base_url}/embeddings")
        self._auth = {"Authorization": f"Bearer {api_key}"} if api_key else {}

    def __repr__(self) -> str:
        return f"OpenAIProvider(name={self.name!r}, base_url={self.base_url!r})"

    def _headers(self) -> dict[str, str]:
        return self._auth

    async def complete(self, model: str, request: JSON, *, timeout: float) -> JSON:
        body = {**request, "model": model, "stream": False}
        body.pop("stream_options", None)  # OpenAI rejects stream_options unless stream is true
        result = await post_json(
            self._session,
            self._chat_url,
            body,
            headers=self._headers(),
            timeout=timeout,
        )
        choices = result.get("choices")
        if not isinstance(choices, list) or not choices:
            raise ProviderResponseError("upstream chat completion has no 'choices'")
        result["usage"] = _complete_usage(result.get("usage"))
        return result

    def stream(self, model: str, request: JSON, *, timeout: float) -> AsyncIterator[JSON]:
        return flattened(self.stream_batches(model, request, timeout=timeout))

    async def stream_batches(self, model: str, request: JSON, *, timeout: float) -> AsyncGenerator[list[JSON], None]:
        """``stream``'s chunks, as lists of those that came in one read from the upstream (never an empty
        list): the gateway's relay handles a list at once, through its generator layers once per read. The
        chunks before a failure come first, in a list of their own; then the error is raised."""
        options = request.get("stream_options")
        body = {
            **request,
            "model": model,
            "stream": True,
            "stream_options": {**(options if isinstance(options, dict) else {}), "include_usage": True},
        }
        usage_chunk: JSON | None = None  # the upstream's usage-only chunk, held to be yielded last
        last_usage: Any = None
        # the last id, created and model the upstream sent: the synthesised usage chunk's (when it sends none)
        last_id: Any = None
        last_created: Any = None
        last_model: Any = model
        count = 0
        done = False
        out: list[JSON] = []
        events = post_sse_batches(
            self._session,
            self._chat_url,
            body,
            headers=self._headers(),
            timeout=timeout,
        )
        async with aclosing(events):
            async for batch in events:
                out = []
                try:
                    for _event, data in batch:
                        if data.strip() == _DONE:
                            done = True
                            break
                        chunk = parse_json_event(data)
                        if "error" in chunk and not chunk.get("choices"):
                            raise _stream_error(chunk)
                        count += 1
                        if (value := chunk.get("id")) is not None:
                            last_id = value
                        if (value := chunk.get("created")) is not None:
                            last_created = value
                        if (value := chunk.get("model")) is not None:
                            last_model = value
                        usage = chunk.get("usage")
                        if isinstance(usage, dict):
                            last_usage = usage
                            if not chunk.get("choices"):
                                usage_chunk = chunk
                                continue
                        out.append(chunk)
                except ProviderError:  # a malformed event or an error event
                    if out:
                        yield out  # what came before the failure is relayed first
                    raise
                if done:
                    break
                if out:
                    yield out
        if not done:
            raise ProviderConnectionError(
                f"upstream closed the stream before it finished (no 'data: [DONE]' after {count} chunks)"
            )
        if usage_chunk is None:
            usage_chunk = {
                "id": last_id or f"chatcmpl-{uuid.uuid4().hex}",
                "object": "chat.completion.chunk",
                "created": last_created or int(time.time()),
                "model": last_model,
                "choices": [],
            }
        usage_chunk["usage"] = _complete_usage(last_usage)
        out.append(usage_chunk)
        yield out

    async def embed(self, model: str, request: JSON, *, timeout: float) -> JSON:
        result = await post_json(
            self._session,
            self._embeddings_url,
            {**request, "model": model},
            headers=self._headers(),
            timeout=timeout,
        )
        if not isinstance(result.get("data"), list):
            raise ProviderResponseError("upstream embeddings response has no 'data' list")
        usage = result.get("usage")
        usage = dict(usage) if isinstance(usage, dict) else {}
        if not isinstance(usage.get("prompt_tokens"), int):
            usage["prompt_tokens"] = 0
        if not isinstance(usage.get("total_tokens"), int):
            usage["total_tokens"] = usage["prompt_tokens"]
        result["usage"] = usage
        return result

    async def aclose(self) -> None:
        """Nothing to release: the HTTP session belongs to the app."""
