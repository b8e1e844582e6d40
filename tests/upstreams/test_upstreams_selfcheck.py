"""Proof that the fake upstreams speak the real wire protocols: the official SDKs drive them directly."""

from __future__ import annotations

import http.client
import json
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import anthropic
import httpx2
import openai
import pytest

from . import FakeUpstream, Fault, embedding_vector

OPENAI_KEY = "sk-test-openai-key"
ANTHROPIC_KEY = "sk-ant-test-key"
TOOLS: list[Any] = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
        },
    }
]
ANTHROPIC_TOOLS: list[Any] = [
    {"name": "get_weather", "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}}
]
HELLO: list[Any] = [{"role": "user", "content": "hi there"}]


@pytest.fixture(scope="module")
def openai_server() -> Iterator[FakeUpstream]:
    with FakeUpstream("openai", "alpha", api_key=OPENAI_KEY) as up:
        yield up


@pytest.fixture(scope="module")
def openai_client(openai_server: FakeUpstream) -> Iterator[openai.OpenAI]:
    url = openai_server.url + "/v1"
    with openai.OpenAI(base_url=url, api_key=OPENAI_KEY, max_retries=0, timeout=5) as client:
        yield client


@pytest.fixture
def oai_up(openai_server: FakeUpstream) -> Iterator[FakeUpstream]:
    """The module's OpenAI fake, with no calls, faults or tool-call reply left over from other tests."""
    openai_server.reset()
    openai_server.reply_tool_call = None
    yield openai_server
    openai_server.reset()


@pytest.fixture
def oai(oai_up: FakeUpstream, openai_client: openai.OpenAI) -> openai.OpenAI:
    return openai_client


@pytest.fixture(scope="module")
def anthropic_server() -> Iterator[FakeUpstream]:
    with FakeUpstream("anthropic", "beta", api_key=ANTHROPIC_KEY, usage=(12, 7)) as up:
        yield up


@pytest.fixture(scope="module")
def anthropic_client(anthropic_server: FakeUpstream) -> Iterator[anthropic.Anthropic]:
    with anthropic.Anthropic(base_url=anthropic_server.url, api_key=ANTHROPIC_KEY, max_retries=0, timeout=5) as client:
        yield client


@pytest.fixture
def ant_up(anthropic_server: FakeUpstream) -> Iterator[FakeUpstream]:
    anthropic_server.reset()
    anthropic_server.reply_tool_call = None
    yield anthropic_server
    anthropic_server.reset()


@pytest.fixture
def ant(ant_up: FakeUpstream, anthropic_client: anthropic.Anthropic) -> anthropic.Anthropic:
    return anthropic_client


def raw_request(
    up: FakeUpstream, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """One plain HTTP exchange, to look at the bytes on the wire."""
    connection = http.client.HTTPConnection("127.0.0.1", urlsplit(up.url).port, timeout=5)
    try:
        payload = None if body is None else json.dumps(body).encode()
        connection.request(method, path, body=payload, headers={"Content-Type": "application/json", **(headers or {})})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def sse_events(raw: bytes) -> list[tuple[str | None, str]]:
    """(event name, data) for each server-sent event in ``raw``."""
    events: list[tuple[str | None, str]] = []
    for frame in raw.decode().split("\n\n"):
        if not frame:
            continue
        fields = dict(line.split(": ", 1) for line in frame.split("\n"))
        events.append((fields.get("event"), fields["data"]))
    return events


# --------------------------------------------------------------------------- OpenAI: chat completions


def test_openai_chat_completion_is_complete_and_recorded(oai_up: FakeUpstream, oai: openai.OpenAI) -> None:
    completion = oai.chat.completions.create(model="gpt-test", messages=HELLO)

    assert completion.id.startswith("chatcmpl-")
    assert completion.object == "chat.completion"
    assert completion.model == "gpt-test"
    choice = completion.choices[0]
    assert (choice.index, choice.finish_reason, choice.logprobs) == (0, "stop", None)
    assert choice.message.role == "assistant"
    assert choice.message.content == "Hello from alpha: hi there"
    assert completion.usage is not None
    assert (completion.usage.prompt_tokens, completion.usage.completion_tokens, completion.usage.total_tokens) == (
        10,
        5,
        15,
    )
    [call] = oai_up.calls
    assert (call.method, call.path) == ("POST", "/v1/chat/completions")
    assert call.headers["authorization"] == f"Bearer {OPENAI_KEY}"
    assert call.json["messages"] == HELLO
    assert oai_up.count() == oai_up.count("/v1/chat/completions") == 1
    assert oai_up.count("/v1/embeddings") == 0


def test_openai_content_parts_and_fixed_reply(openai_client: openai.OpenAI) -> None:
    with FakeUpstream("openai", "alpha", reply="fixed words", usage=(3, 2)) as up:
        client = openai_client.with_options(base_url=up.url + "/v1")
        parts: list[Any] = [{"type": "text", "text": "one"}, {"type": "text", "text": "two"}]
        assert client.chat.completions.create(model="m", messages=HELLO).choices[0].message.content == "fixed words"
        up.reply = None
        messages: list[Any] = [{"role": "user", "content": parts}]
        completion = client.chat.completions.create(model="m", messages=messages)
        assert completion.choices[0].message.content == "Hello from alpha: one two"
        assert completion.usage is not None and completion.usage.total_tokens == 5


def test_openai_stream_with_usage_matches_the_wire_format(oai_up: FakeUpstream, oai: openai.OpenAI) -> None:
    chunks = list(
        oai.chat.completions.create(
            model="gpt-test", messages=HELLO, stream=True, stream_options={"include_usage": True}
        )
    )

    assert chunks[0].choices[0].delta.role == "assistant" and chunks[0].choices[0].delta.content == ""
    text_chunks = chunks[1:-2]
    assert len(text_chunks) == 3
    assert "".join(c.choices[0].delta.content or "" for c in text_chunks) == "Hello from alpha: hi there"
    assert chunks[-2].choices[0].finish_reason == "stop"
    assert chunks[-1].choices == [] and chunks[-1].usage is not None
    assert (chunks[-1].usage.prompt_tokens, chunks[-1].usage.completion_tokens) == (10, 5)
    assert all(c.usage is None for c in chunks[:-1])
    assert len({c.id for c in chunks}) == 1 and all(c.object == "chat.completion.chunk" for c in chunks)

    body = {"model": "m", "messages": HELLO, "stream": True, "stream_options": {"include_usage": True}}
    status, headers, raw = raw_request(
        oai_up, "POST", "/v1/chat/completions", body, {"Authorization": f"Bearer {OPENAI_KEY}"}
    )
    assert status == 200 and headers["content-type"].startswith("text/event-stream")
    events = sse_events(raw)
    assert all(name is None for name, _ in events)
    assert events[-1][1] == "[DONE]"
    assert all(json.loads(data)["usage"] is None for _, data in events[:-2])


def test_openai_stream_without_usage_has_no_usage_field(oai_up: FakeUpstream) -> None:
    body = {"model": "m", "messages": HELLO, "stream": True}
    _, _, raw = raw_request(oai_up, "POST", "/v1/chat/completions", body, {"Authorization": f"Bearer {OPENAI_KEY}"})
    chunks = [json.loads(data) for _, data in sse_events(raw)[:-1]]
    assert all("usage" not in chunk for chunk in chunks)
    assert chunks[-1]["choices"][0] == {"index": 0, "delta": {}, "logprobs": None, "finish_reason": "stop"}


def test_openai_tool_call_round_trip(oai_up: FakeUpstream, oai: openai.OpenAI) -> None:
    oai_up.reply_tool_call = ("get_weather", {"city": "Paris"})

    completion = oai.chat.completions.create(model="m", messages=HELLO, tools=TOOLS)
    choice = completion.choices[0]
    assert choice.finish_reason == "tool_calls" and choice.message.content is None
    [call] = choice.message.tool_calls or []
    assert call.id.startswith("call_") and call.type == "function"
    assert call.function.name == "get_weather" and json.loads(call.function.arguments) == {"city": "Paris"}

    streamed = list(oai.chat.completions.create(model="m", messages=HELLO, tools=TOOLS, stream=True))
    first = (streamed[0].choices[0].delta.tool_calls or [])[0]
    assert first.id and first.id.startswith("call_") and first.function and first.function.name == "get_weather"
    arguments = "".join(
        (d.function.arguments or "") if d.function else ""
        for c in streamed
        for d in c.choices[0].delta.tool_calls or []
    )
    assert json.loads(arguments) == {"city": "Paris"}
    assert streamed[-1].choices[0].finish_reason == "tool_calls"

    follow_up: list[Any] = [
        *HELLO,
        {"role": "assistant", "content": None, "tool_calls": [call.model_dump()]},
        {"role": "tool", "tool_call_id": call.id, "content": "18C and sunny"},
    ]
    answer = oai.chat.completions.create(model="m", messages=follow_up, tools=TOOLS)
    assert answer.choices[0].message.content == "tool result was: 18C and sunny"
    none = oai.chat.completions.create(model="m", messages=HELLO, tools=TOOLS, tool_choice="none")
    assert none.choices[0].message.content == "Hello from alpha: hi there"
    assert oai.chat.completions.create(model="m", messages=HELLO).choices[0].message.tool_calls is None


def test_openai_json_object_and_max_tokens(oai: openai.OpenAI) -> None:
    completion = oai.chat.completions.create(model="m", messages=HELLO, response_format={"type": "json_object"})
    assert json.loads(completion.choices[0].message.content or "") == {"answer": "Hello from alpha: hi there"}

    short = oai.chat.completions.create(model="m", messages=HELLO, max_completion_tokens=2)
    assert short.choices[0].finish_reason == "length"
    assert short.choices[0].message.content == "Hello from"
    assert short.usage is not None and short.usage.completion_tokens == 2


def test_openai_validation_and_auth_errors(oai_up: FakeUpstream, oai: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as bad:
        oai.chat.completions.create(model="m", messages=[])
    assert bad.value.code == "empty_array" and bad.value.param == "messages"

    with pytest.raises(openai.AuthenticationError) as denied:
        oai.with_options(api_key="sk-wrong-key-123").chat.completions.create(model="m", messages=HELLO)
    assert denied.value.status_code == 401
    assert denied.value.body == {
        "message": denied.value.body["message"],  # type: ignore[index]
        "type": "invalid_request_error",
        "code": "invalid_api_key",
        "param": None,
    }

    status, _, raw = raw_request(oai_up, "POST", "/v1/nope", {}, {"Authorization": f"Bearer {OPENAI_KEY}"})
    assert status == 404 and json.loads(raw)["error"]["message"] == "Invalid URL (POST /v1/nope)"


def test_openai_embeddings_base64_and_float(oai: openai.OpenAI) -> None:
    default = oai.embeddings.create(model="emb", input=["alpha", "beta"])  # the SDK asks for base64
    assert [item.index for item in default.data] == [0, 1]
    assert default.data[0].embedding == embedding_vector("alpha")
    assert default.data[1].embedding == embedding_vector("beta")
    assert abs(sum(x * x for x in default.data[0].embedding) - 1.0) < 1e-5
    assert default.model == "emb" and default.usage.prompt_tokens == default.usage.total_tokens == 10

    floats = oai.embeddings.create(model="emb", input="alpha", encoding_format="float", dimensions=16)
    assert floats.data[0].embedding == embedding_vector("alpha", 16)


def test_openai_models(oai: openai.OpenAI, oai_up: FakeUpstream) -> None:
    assert [model.id for model in oai.models.list()] == [oai_up.model_id]
    assert oai.models.retrieve(oai_up.model_id).owned_by == "system"
    with pytest.raises(openai.NotFoundError):
        oai.models.retrieve("missing-model")


# --------------------------------------------------------------------------- OpenAI: faults seen by the SDK


def test_openai_status_faults(oai_up: FakeUpstream, oai: openai.OpenAI) -> None:
    oai_up.add_faults(Fault("status", 500), Fault("status", 429, retry_after=2, message="slow down"))

    with pytest.raises(openai.InternalServerError) as server_error:
        oai.chat.completions.create(model="m", messages=HELLO)
    assert server_error.value.status_code == 500 and server_error.value.type == "server_error"

    with pytest.raises(openai.RateLimitError) as limited:
        oai.chat.completions.create(model="m", messages=HELLO)
    assert limited.value.response.headers["retry-after"] == "2"
    assert (limited.value.message, limited.value.code, limited.value.type) == (
        "Error code: 429 - slow down",
        "rate_limit_exceeded",
        "requests",
    )
    assert oai.chat.completions.create(model="m", messages=HELLO).choices[0].finish_reason == "stop"


def test_openai_sdk_retries_consume_queued_faults(oai_up: FakeUpstream, oai: openai.OpenAI) -> None:
    oai_up.add_faults(Fault("status", 503, retry_after=0.01), Fault("status", 500, retry_after=0.01))
    assert oai.with_options(max_retries=2).chat.completions.create(model="m", messages=HELLO).choices[0].message.content
    assert oai_up.count("/v1/chat/completions") == 3
    assert [call.headers["x-stainless-retry-count"] for call in oai_up.calls] == ["0", "1", "2"]
    assert oai_up.calls[1].time - oai_up.calls[0].time >= 0.01


def test_openai_reset_is_a_connection_error(oai_up: FakeUpstream, oai: openai.OpenAI) -> None:
    oai_up.add_faults(Fault("reset"))
    with pytest.raises(openai.APIConnectionError) as lost:
        oai.chat.completions.create(model="m", messages=HELLO)
    assert not isinstance(lost.value, openai.APITimeoutError)
    assert "disconnected" in repr(lost.value.__cause__)


def test_openai_cut_stream_fails_mid_iteration(oai_up: FakeUpstream, oai: openai.OpenAI) -> None:
    oai_up.add_faults(Fault("cut_stream", after_chunks=2), Fault("cut_stream"))
    received: list[str] = []
    with pytest.raises(openai.APIConnectionError):  # raised while iterating
        for chunk in oai.chat.completions.create(model="m", messages=HELLO, stream=True):
            received.append(chunk.choices[0].delta.content or "")
    assert received == ["", "Hello fro"]

    with pytest.raises(openai.APIConnectionError):  # a non-streamed answer is cut half-way through its body
        oai.chat.completions.create(model="m", messages=HELLO)


def test_openai_delay_and_client_timeout(oai_up: FakeUpstream, oai: openai.OpenAI) -> None:
    oai_up.add_faults(Fault("delay", seconds=2.0), Fault("delay", seconds=0.15))
    started = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        oai.with_options(timeout=0.2).chat.completions.create(model="m", messages=HELLO)
    assert time.monotonic() - started < 1.5

    started = time.monotonic()
    assert oai.chat.completions.create(model="m", messages=HELLO).choices[0].message.content
    assert time.monotonic() - started >= 0.15


def test_openai_garbage_and_always_faults(oai_up: FakeUpstream, oai: openai.OpenAI) -> None:
    oai_up.add_faults(Fault("garbage"), Fault("garbage"))
    with pytest.raises(ValueError, match="Expecting value"):  # json.JSONDecodeError from the SDK
        oai.chat.completions.create(model="m", messages=HELLO)
    with pytest.raises(ValueError, match="Expecting value"):  # garbage in an SSE stream
        for _ in oai.chat.completions.create(model="m", messages=HELLO, stream=True):
            pass

    oai_up.set_always(Fault("status", 503))
    for _ in range(2):
        with pytest.raises(openai.InternalServerError):
            oai.models.list()
    oai_up.set_always(None)
    assert oai.models.list().data

    oai_up.add_faults(Fault("status", 500))
    oai.models.list()  # /v1/models never pops queued faults
    with pytest.raises(openai.InternalServerError):
        oai.chat.completions.create(model="m", messages=HELLO)

    oai_up.add_faults(Fault("reset"))
    oai_up.set_always(Fault("reset"))
    oai_up.reset()
    assert oai_up.calls == [] and oai_up.count() == 0
    assert oai.chat.completions.create(model="m", messages=HELLO).choices[0].message.content


def test_chunk_delay_paces_the_stream(openai_client: openai.OpenAI) -> None:
    with FakeUpstream("openai", chunk_delay=0.03) as up:
        client = openai_client.with_options(base_url=up.url + "/v1")
        started = time.monotonic()
        stream = client.chat.completions.create(model="m", messages=HELLO, stream=True)
        assert len(list(stream)) == 5
        assert time.monotonic() - started >= 0.03 * 5  # 6 events including [DONE]


async def test_usable_from_async_tests() -> None:
    with FakeUpstream("openai", "async") as up:
        async with openai.AsyncOpenAI(base_url=up.url + "/v1", api_key="k", max_retries=0) as client:
            completion = await client.chat.completions.create(model="m", messages=HELLO)
            assert completion.choices[0].message.content == "Hello from async: hi there"
            chunks = [
                chunk async for chunk in await client.chat.completions.create(model="m", messages=HELLO, stream=True)
            ]
            assert chunks[-1].choices[0].finish_reason == "stop"


def test_start_stop_lifecycle() -> None:
    up = FakeUpstream("anthropic")
    with pytest.raises(RuntimeError):
        _ = up.url
    up.start()
    thread = up._thread
    assert thread is not None and thread.is_alive()
    with pytest.raises(RuntimeError):
        up.start()
    up.stop()
    up.stop()
    assert not thread.is_alive()
    with up:  # restartable, on a new port
        assert raw_request(up, "GET", "/v1/models", headers={"anthropic-version": "2023-06-01"})[0] == 200


# --------------------------------------------------------------------------- Anthropic


def test_anthropic_message_is_complete(ant_up: FakeUpstream, ant: anthropic.Anthropic) -> None:
    message = ant.messages.create(model="claude-test", max_tokens=100, messages=HELLO, system="be nice")

    assert message.id.startswith("msg_") and message.type == "message" and message.role == "assistant"
    assert message.model == "claude-test"
    assert [(block.type, getattr(block, "text", None)) for block in message.content] == [
        ("text", "Hello from beta: hi there")
    ]
    assert (message.stop_reason, message.stop_sequence) == ("end_turn", None)
    assert (message.usage.input_tokens, message.usage.output_tokens) == (12, 7)
    [call] = ant_up.calls
    assert call.path == "/v1/messages" and call.headers["anthropic-version"]
    assert call.json["system"] == "be nice"


def test_anthropic_stream_event_sequence(ant_up: FakeUpstream, ant: anthropic.Anthropic) -> None:
    with ant.messages.stream(model="claude-test", max_tokens=100, messages=HELLO) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert text == "Hello from beta: hi there"
    assert final.stop_reason == "end_turn" and (final.usage.input_tokens, final.usage.output_tokens) == (12, 7)

    body = {"model": "claude-test", "max_tokens": 100, "messages": HELLO, "stream": True}
    headers = {"x-api-key": ANTHROPIC_KEY, "anthropic-version": "2023-06-01"}
    status, response_headers, raw = raw_request(ant_up, "POST", "/v1/messages", body, headers)
    assert status == 200 and response_headers["content-type"].startswith("text/event-stream")
    events = sse_events(raw)
    assert [name for name, _ in events] == [
        "message_start",
        "content_block_start",
        "ping",
        "content_block_delta",
        "content_block_delta",
        "content_block_delta",
        "content_block_stop",
        "message_delta",
        "message_stop",
    ]
    payloads = [json.loads(data) for _, data in events]
    assert all(payload["type"] == name for (name, _), payload in zip(events, payloads, strict=True))
    assert payloads[0]["message"]["usage"]["output_tokens"] == 1
    assert payloads[7]["usage"] == {"output_tokens": 7}


def test_anthropic_tool_use_round_trip(ant_up: FakeUpstream, ant: anthropic.Anthropic) -> None:
    ant_up.reply_tool_call = ("get_weather", {"city": "Paris"})

    message = ant.messages.create(model="c", max_tokens=100, messages=HELLO, tools=ANTHROPIC_TOOLS)
    [block] = message.content
    assert block.type == "tool_use" and block.id.startswith("toolu_")
    assert (block.name, block.input, message.stop_reason) == ("get_weather", {"city": "Paris"}, "tool_use")

    with ant.messages.stream(model="c", max_tokens=100, messages=HELLO, tools=ANTHROPIC_TOOLS) as stream:
        streamed = stream.get_final_message()
    assert streamed.content[0].type == "tool_use" and streamed.content[0].input == {"city": "Paris"}

    follow_up: list[Any] = [
        *HELLO,
        {"role": "assistant", "content": [block.model_dump(include={"type", "id", "name", "input"})]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": block.id, "content": "18C"}]},
    ]
    answer = ant.messages.create(model="c", max_tokens=100, messages=follow_up, tools=ANTHROPIC_TOOLS)
    assert answer.content[0].type == "text" and answer.content[0].text == "tool result was: 18C"
    assert answer.stop_reason == "end_turn"


def test_anthropic_max_tokens_stop_reason(ant: anthropic.Anthropic) -> None:
    message = ant.messages.create(model="c", max_tokens=3, messages=HELLO)
    assert message.stop_reason == "max_tokens" and message.usage.output_tokens == 3
    assert message.content[0].type == "text" and message.content[0].text == "Hello from beta:"


def test_anthropic_request_validation(ant_up: FakeUpstream, ant: anthropic.Anthropic) -> None:
    key = {"x-api-key": ANTHROPIC_KEY}
    ok = {"model": "c", "max_tokens": 10, "messages": HELLO}
    status, _, raw = raw_request(ant_up, "POST", "/v1/messages", ok, key)
    assert status == 400
    assert json.loads(raw)["error"] == {
        "type": "invalid_request_error",
        "message": "anthropic-version: header is required",
    }

    versioned = {**key, "anthropic-version": "2023-06-01"}
    assert raw_request(ant_up, "POST", "/v1/messages", ok, versioned)[0] == 200
    for body, message in [
        ({"model": "c", "messages": HELLO}, "max_tokens: Field required"),
        ({"model": "c", "max_tokens": 10, "messages": []}, "messages: at least one message is required"),
    ]:
        status, _, raw = raw_request(ant_up, "POST", "/v1/messages", body, versioned)
        assert status == 400
        assert json.loads(raw)["type"] == "error"
        assert json.loads(raw)["error"] == {"type": "invalid_request_error", "message": message}

    with pytest.raises(anthropic.BadRequestError):
        ant.messages.create(model="c", max_tokens=10, messages=[])
    with pytest.raises(anthropic.AuthenticationError) as denied:
        ant.with_options(api_key="wrong").messages.create(model="c", max_tokens=10, messages=HELLO)
    assert denied.value.body == {
        "type": "error",
        "error": {"type": "authentication_error", "message": "invalid x-api-key"},
        "request_id": denied.value.body["request_id"],  # type: ignore[index]
    }


@pytest.mark.parametrize(
    ("status", "error", "kind"),
    [
        (429, anthropic.RateLimitError, "rate_limit_error"),
        (500, anthropic.InternalServerError, "api_error"),
        (529, anthropic.OverloadedError, "overloaded_error"),
    ],
)
def test_anthropic_status_faults(
    ant_up: FakeUpstream, ant: anthropic.Anthropic, status: int, error: type[anthropic.APIStatusError], kind: str
) -> None:
    ant_up.add_faults(Fault("status", status, retry_after=1.5))
    with pytest.raises(error) as raised:
        ant.messages.create(model="c", max_tokens=10, messages=HELLO)
    assert raised.value.status_code == status
    assert raised.value.response.headers["retry-after"] == "1.5"
    assert raised.value.body["error"]["type"] == kind  # type: ignore[index]


def test_anthropic_connection_faults(ant_up: FakeUpstream, ant: anthropic.Anthropic) -> None:
    ant_up.add_faults(Fault("reset"), Fault("cut_stream", after_chunks=4))
    with pytest.raises(anthropic.APIConnectionError):
        ant.messages.create(model="c", max_tokens=10, messages=HELLO)

    seen: list[str] = []
    # The Anthropic SDK lets the transport error out of the stream iterator unwrapped.
    with (
        pytest.raises(httpx2.RemoteProtocolError, match="incomplete chunked read"),
        ant.messages.stream(model="c", max_tokens=10, messages=HELLO) as stream,
    ):
        seen.extend(event.type for event in stream)
    assert seen[:3] == ["message_start", "content_block_start", "content_block_delta"]
    assert "message_stop" not in seen
