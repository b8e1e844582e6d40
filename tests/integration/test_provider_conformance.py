"""Every HTTP provider adapter honours the same contract (providers/base.py) against its wire protocol."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import aiohttp
import pytest

from quarterdeck.errors import (
    InvalidRequestError,
    ProviderConnectionError,
    ProviderHTTPError,
    ProviderResponseError,
    ProviderTimeoutError,
)
from quarterdeck.providers.anthropic import AnthropicProvider
from quarterdeck.providers.base import Provider
from quarterdeck.providers.openai import OpenAIProvider
from tests.upstreams import FakeUpstream, Fault

REQUEST: dict[str, Any] = {"model": "public", "messages": [{"role": "user", "content": "ping"}], "max_tokens": 50}
TOOLS = [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}]


@pytest.fixture(scope="module", params=["openai", "anthropic"])
def upstream(request: pytest.FixtureRequest) -> Iterator[FakeUpstream]:
    with FakeUpstream(request.param, f"fake-{request.param}", usage=(12, 4), api_key="sk-upstream") as up:
        yield up


@pytest.fixture
async def provider(upstream: FakeUpstream) -> AsyncIterator[Provider]:
    upstream.reset()
    upstream.reply_tool_call = None
    async with aiohttp.ClientSession() as session:
        if upstream.protocol == "openai":
            yield OpenAIProvider("p", upstream.url + "/v1", "sk-upstream", session)
        else:
            yield AnthropicProvider("p", upstream.url, "sk-upstream", session)


async def test_complete_returns_chat_completion_with_usage(provider: Provider, upstream: FakeUpstream) -> None:
    result = await provider.complete("upstream-model", REQUEST, timeout=5)
    assert result["object"] == "chat.completion"
    assert result["choices"][0]["message"]["content"] == f"Hello from {upstream.name}: ping"
    assert result["usage"]["prompt_tokens"] == 12 and result["usage"]["completion_tokens"] == 4
    assert upstream.calls[-1].json["model"] == "upstream-model"
    assert REQUEST["model"] == "public"  # the caller's request is not mutated


async def test_stream_yields_chunks_then_usage_last(provider: Provider, upstream: FakeUpstream) -> None:
    chunks = [c async for c in provider.stream("upstream-model", REQUEST, timeout=5)]
    text = "".join((c["choices"][0]["delta"].get("content") or "") for c in chunks if c["choices"])
    assert text == f"Hello from {upstream.name}: ping"
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["completion_tokens"] == 4
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)


async def test_tool_call_round_trip(provider: Provider, upstream: FakeUpstream) -> None:
    upstream.reply_tool_call = ("get_weather", {"city": "Paris"})
    result = await provider.complete("m", {**REQUEST, "tools": TOOLS}, timeout=5)
    call = result["choices"][0]["message"]["tool_calls"][0]
    assert result["choices"][0]["finish_reason"] == "tool_calls"
    assert call["function"]["name"] == "get_weather" and call["function"]["arguments"] == '{"city":"Paris"}'
    follow_up = {**REQUEST, "tools": TOOLS, "messages": [
        *REQUEST["messages"],
        {"role": "assistant", "content": None, "tool_calls": [call]},
        {"role": "tool", "tool_call_id": call["id"], "content": "sunny"},
    ]}
    answer = await provider.complete("m", follow_up, timeout=5)
    assert answer["choices"][0]["message"]["content"] == "tool result was: sunny"


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault("status", 500), ProviderHTTPError),
        (Fault("status", 429, retry_after=7), ProviderHTTPError),
        (Fault("reset"), ProviderConnectionError),
        (Fault("garbage"), ProviderResponseError),
        (Fault("delay", seconds=2), ProviderTimeoutError),
    ],
)
async def test_faults_map_to_provider_errors(
    provider: Provider, upstream: FakeUpstream, fault: Fault, error: type[Exception]
) -> None:
    upstream.add_faults(fault)
    with pytest.raises(error) as info:
        await provider.complete("m", REQUEST, timeout=0.5)
    if fault.retry_after:
        assert isinstance(info.value, ProviderHTTPError) and info.value.retry_after == 7


async def test_stream_cut_midway_raises_connection_error(provider: Provider, upstream: FakeUpstream) -> None:
    upstream.add_faults(Fault("cut_stream", after_chunks=2))
    with pytest.raises(ProviderConnectionError):
        async for _ in provider.stream("m", REQUEST, timeout=5):
            pass


async def test_wrong_upstream_key_is_an_http_error(upstream: FakeUpstream) -> None:
    upstream.reset()
    async with aiohttp.ClientSession() as session:
        bad: Provider = (
            OpenAIProvider("p", upstream.url + "/v1", "wrong", session)
            if upstream.protocol == "openai"
            else AnthropicProvider("p", upstream.url, "wrong", session)
        )
        with pytest.raises(ProviderHTTPError) as info:
            await bad.complete("m", REQUEST, timeout=5)
    assert info.value.status == 401


async def test_embeddings(provider: Provider, upstream: FakeUpstream) -> None:
    if isinstance(provider, AnthropicProvider):
        with pytest.raises(InvalidRequestError, match="does not serve embeddings"):
            await provider.embed("m", {"input": "x"}, timeout=5)
        return
    result = await provider.embed("emb", {"input": ["a", "b"]}, timeout=5)
    assert [d["index"] for d in result["data"]] == [0, 1]
