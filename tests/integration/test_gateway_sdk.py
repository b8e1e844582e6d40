"""Every gateway endpoint driven by the official OpenAI and Anthropic SDKs, both protocols both ways.

The gateway (``gw``) serves ``gpt`` from an OpenAI fake ("alpha"), ``claude`` from an Anthropic fake
("beta") and ``embed`` from the OpenAI fake; deployments cost 1.0 / 2.0 USD per Mtok in / out and the
fakes report usage (10, 5), so every chat request costs 0.00002 USD.
"""

from __future__ import annotations

import json
from typing import Any

import openai
import pytest

from tests.gateway_harness import APP_KEY
from tests.upstreams import FakeUpstream, embedding_vector

COST = 10 * 1.0 / 1e6 + 5 * 2.0 / 1e6  # 0.00002
HELLO: list[Any] = [{"role": "user", "content": "hi there"}]
OPENAI_TOOLS: list[Any] = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Weather in a city",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
        },
    }
]
ANTHROPIC_TOOLS: list[Any] = [
    {
        "name": "get_weather",
        "description": "Weather in a city",
        "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    }
]
PARIS = {"city": "Paris"}

# public model -> (fake fixture name, upstream name, upstream model, deployment id)
MODELS = {
    "gpt": ("oai_up", "alpha", "gpt-up", "openai-up/gpt-up"),
    "claude": ("ant_up", "beta", "claude-up", "anthropic-up/claude-up"),
}


def _upstream(request: pytest.FixtureRequest, model: str) -> FakeUpstream:
    up: FakeUpstream = request.getfixturevalue(MODELS[model][0])
    return up


def _check_row(row: Any, *, model: str, endpoint: str, stream: bool, tokens: tuple[int, int] = (10, 5)) -> None:
    assert row.endpoint == endpoint
    assert row.public_model == model
    assert row.deployment == MODELS[model][3]
    assert row.stream is stream
    assert (row.input_tokens, row.output_tokens) == tokens
    assert row.cost_usd == pytest.approx(tokens[0] * 1e-6 + tokens[1] * 2e-6, rel=1e-9)
    assert row.status_code == 200
    assert row.error_class is None
    assert row.key_name == "app"
    assert row.fallback_hops == 0 and row.attempts == []
    assert row.latency_ms is not None and row.latency_ms > 0


# ------------------------------------------------------------------------------ chat completions


@pytest.mark.parametrize("model", ["gpt", "claude"])
def test_chat_completion_non_stream(gw: Any, request: pytest.FixtureRequest, model: str) -> None:
    up = _upstream(request, model)
    upstream_name, upstream_model, deployment = MODELS[model][1:]
    with gw.openai() as client:
        raw = client.chat.completions.with_raw_response.create(
            model=model,
            messages=[{"role": "system", "content": "be brief"}, *HELLO],
            max_tokens=50,
            extra_headers={"X-Quarterdeck-Feature": "greeter", "X-Quarterdeck-User": "u-1"},
        )
        completion = raw.parse()

    assert completion.model == model
    assert completion.choices[0].message.content == f"Hello from {upstream_name}: hi there"
    assert completion.choices[0].finish_reason == "stop"
    assert completion.usage is not None
    assert (completion.usage.prompt_tokens, completion.usage.completion_tokens) == (10, 5)
    assert raw.headers["x-quarterdeck-deployment"] == deployment

    [call] = up.calls
    assert call.json["model"] == upstream_model
    if up.protocol == "openai":
        assert call.path == "/v1/chat/completions"
        assert call.json["messages"] == [{"role": "system", "content": "be brief"}, *HELLO]
        assert call.json["max_tokens"] == 50
    else:  # translated: the system message moves to ``system``
        assert call.path == "/v1/messages"
        assert call.json["system"] == "be brief"
        assert call.json["messages"] == HELLO
        assert call.json["max_tokens"] == 50
        assert call.headers["anthropic-version"]

    row = gw.row(raw.headers["x-request-id"])
    assert row.id == raw.headers["x-request-id"]
    _check_row(row, model=model, endpoint="chat.completions", stream=False)
    assert (row.feature, row.user_id) == ("greeter", "u-1")
    assert row.ttft_ms is None


@pytest.mark.parametrize("model", ["gpt", "claude"])
@pytest.mark.parametrize("include_usage", [True, False])
def test_chat_completion_stream(gw: Any, request: pytest.FixtureRequest, model: str, include_usage: bool) -> None:
    up = _upstream(request, model)
    options: dict[str, Any] = {"stream_options": {"include_usage": True}} if include_usage else {}
    with gw.openai() as client:
        stream = client.chat.completions.create(model=model, messages=HELLO, stream=True, **options)
        request_id = stream.response.headers["x-request-id"]
        assert stream.response.headers["x-quarterdeck-deployment"] == MODELS[model][3]
        chunks = list(stream)

    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == f"Hello from {MODELS[model][1]}: hi there"
    assert all(c.model == model for c in chunks)
    finishes = [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason]
    assert finishes == ["stop"]
    with_usage = [c for c in chunks if c.usage is not None]
    if include_usage:
        assert len(with_usage) == 1 and chunks[-1] is with_usage[0]
        assert chunks[-1].choices == []
        assert (chunks[-1].usage.prompt_tokens, chunks[-1].usage.completion_tokens) == (10, 5)
    else:
        assert with_usage == [], "no usage chunk may reach a client that did not ask for it"
        assert all(c.choices for c in chunks)

    [call] = up.calls
    assert call.json["stream"] is True
    if up.protocol == "openai":  # the gateway always asks for usage, to log tokens and cost
        assert call.json["stream_options"] == {"include_usage": True}

    row = gw.row(request_id)
    _check_row(row, model=model, endpoint="chat.completions", stream=True)
    assert row.ttft_ms is not None and 0 < row.ttft_ms <= row.latency_ms


@pytest.mark.parametrize("model", ["gpt", "claude"])
def test_streamed_and_plain_requests_cost_the_same(gw: Any, model: str) -> None:
    with gw.openai() as client, gw.anthropic() as ant:
        plain = client.chat.completions.with_raw_response.create(model=model, messages=HELLO)
        stream = client.chat.completions.create(model=model, messages=HELLO, stream=True)
        list(stream)
        message = ant.messages.with_raw_response.create(model=model, max_tokens=100, messages=HELLO)
        with ant.messages.stream(model=model, max_tokens=100, messages=HELLO) as ant_stream:
            ant_stream.until_done()
            ant_stream_id = ant_stream.response.headers["x-request-id"]

    rows = [
        gw.row(plain.headers["x-request-id"]),
        gw.row(stream.response.headers["x-request-id"]),
        gw.row(message.headers["x-request-id"]),
        gw.row(ant_stream_id),
    ]
    assert [r.stream for r in rows] == [False, True, False, True]
    assert [(r.input_tokens, r.output_tokens) for r in rows] == [(10, 5)] * 4
    assert [r.cost_usd for r in rows] == [pytest.approx(COST, rel=1e-9)] * 4
    assert len({r.cost_usd for r in rows}) == 1, f"same usage, different costs: {[r.cost_usd for r in rows]}"


@pytest.mark.parametrize("model", ["gpt", "claude"])
def test_tool_call_round_trip_openai_sdk(gw: Any, request: pytest.FixtureRequest, model: str) -> None:
    up = _upstream(request, model)
    up.reply_tool_call = ("get_weather", PARIS)
    with gw.openai() as client:
        first = client.chat.completions.create(model=model, messages=HELLO, tools=OPENAI_TOOLS, tool_choice="auto")
        choice = first.choices[0]
        assert choice.finish_reason == "tool_calls"
        [tool_call] = choice.message.tool_calls or []
        assert tool_call.type == "function" and tool_call.id
        assert tool_call.function.name == "get_weather"
        assert json.loads(tool_call.function.arguments) == PARIS

        sent = up.calls[-1].json
        if up.protocol == "openai":
            assert sent["tools"] == OPENAI_TOOLS and sent["tool_choice"] == "auto"
        else:
            assert sent["tools"] == ANTHROPIC_TOOLS and sent["tool_choice"] == {"type": "auto"}

        follow_up: list[Any] = [
            *HELLO,
            choice.message.model_dump(include={"role", "content", "tool_calls"}, exclude_none=True),
            {"role": "tool", "tool_call_id": tool_call.id, "content": "18C"},
        ]
        second = client.chat.completions.create(model=model, messages=follow_up, tools=OPENAI_TOOLS)

    assert second.choices[0].message.content == "tool result was: 18C"
    assert second.choices[0].finish_reason == "stop"
    messages = up.calls[-1].json["messages"]
    if up.protocol == "openai":
        assert messages[-1] == {"role": "tool", "tool_call_id": tool_call.id, "content": "18C"}
        assert messages[-2]["tool_calls"][0]["id"] == tool_call.id
    else:  # Anthropic wire format: tool_use in the assistant turn, tool_result in the next user turn
        assert messages[-2]["role"] == "assistant"
        assert messages[-2]["content"] == [
            {"type": "tool_use", "id": tool_call.id, "name": "get_weather", "input": PARIS}
        ]
        assert messages[-1] == {
            "role": "user",
            "content": [{"type": "tool_result", "tool_use_id": tool_call.id, "content": "18C"}],
        }


@pytest.mark.parametrize("model", ["gpt", "claude"])
def test_tool_call_round_trip_anthropic_sdk(gw: Any, request: pytest.FixtureRequest, model: str) -> None:
    up = _upstream(request, model)
    up.reply_tool_call = ("get_weather", PARIS)
    with gw.anthropic() as client:
        first = client.messages.create(model=model, max_tokens=200, messages=HELLO, tools=ANTHROPIC_TOOLS)
        assert first.stop_reason == "tool_use"
        [block] = first.content
        assert block.type == "tool_use" and block.id
        assert (block.name, block.input) == ("get_weather", PARIS)

        sent = up.calls[-1].json
        if up.protocol == "openai":
            assert sent["tools"] == OPENAI_TOOLS
        else:
            assert sent["tools"] == ANTHROPIC_TOOLS

        follow_up: list[Any] = [
            *HELLO,
            {"role": "assistant", "content": [block.model_dump(include={"type", "id", "name", "input"})]},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": block.id, "content": "18C"}]},
        ]
        second = client.messages.create(model=model, max_tokens=200, messages=follow_up, tools=ANTHROPIC_TOOLS)

    assert second.stop_reason == "end_turn"
    assert [(b.type, getattr(b, "text", None)) for b in second.content] == [("text", "tool result was: 18C")]
    messages = up.calls[-1].json["messages"]
    if up.protocol == "openai":  # OpenAI wire format: tool_calls on the assistant, then a tool message
        assert messages[-1] == {"role": "tool", "tool_call_id": block.id, "content": "18C"}
        [call] = messages[-2]["tool_calls"]
        assert call["id"] == block.id and call["function"]["name"] == "get_weather"
        assert json.loads(call["function"]["arguments"]) == PARIS
    else:
        assert messages[-1]["content"][0]["tool_use_id"] == block.id
        assert messages[-2]["content"][0]["id"] == block.id


@pytest.mark.parametrize("model", ["gpt", "claude"])
def test_streamed_tool_call_openai_sdk(gw: Any, request: pytest.FixtureRequest, model: str) -> None:
    _upstream(request, model).reply_tool_call = ("get_weather", PARIS)
    with gw.openai() as client:
        chunks = list(client.chat.completions.create(model=model, messages=HELLO, tools=OPENAI_TOOLS, stream=True))
    deltas = [tc for c in chunks if c.choices for tc in (c.choices[0].delta.tool_calls or [])]
    assert deltas, "no tool_calls deltas in the stream"
    assert {d.index for d in deltas} == {0}
    assert [d.function.name for d in deltas if d.function and d.function.name] == ["get_weather"]
    assert next(d.id for d in deltas if d.id)
    arguments = "".join(d.function.arguments or "" for d in deltas if d.function)
    assert json.loads(arguments) == PARIS
    assert [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason] == ["tool_calls"]


@pytest.mark.parametrize("model", ["gpt", "claude"])
def test_streamed_tool_use_anthropic_sdk(gw: Any, request: pytest.FixtureRequest, model: str) -> None:
    _upstream(request, model).reply_tool_call = ("get_weather", PARIS)
    with (
        gw.anthropic() as client,
        client.messages.stream(model=model, max_tokens=200, messages=HELLO, tools=ANTHROPIC_TOOLS) as stream,
    ):
        events = [event.type for event in stream]
        final = stream.get_final_message()
    assert events[0] == "message_start" and events[-1] == "message_stop"
    assert "content_block_start" in events and "content_block_stop" in events
    [block] = final.content
    assert block.type == "tool_use" and block.id
    assert (block.name, block.input) == ("get_weather", PARIS)
    assert final.stop_reason == "tool_use"
    assert (final.usage.input_tokens, final.usage.output_tokens) == (10, 5)


@pytest.mark.parametrize("model", ["gpt", "claude"])
def test_tool_choice_is_translated(gw: Any, request: pytest.FixtureRequest, model: str) -> None:
    up = _upstream(request, model)
    up.reply_tool_call = ("get_weather", PARIS)
    forced = {"type": "function", "function": {"name": "get_weather"}}
    with gw.openai() as client:
        client.chat.completions.create(model=model, messages=HELLO, tools=OPENAI_TOOLS, tool_choice="required")
        required = up.calls[-1].json["tool_choice"]
        client.chat.completions.create(model=model, messages=HELLO, tools=OPENAI_TOOLS, tool_choice=forced)
        named = up.calls[-1].json["tool_choice"]
    with gw.anthropic() as ant:
        ant.messages.create(
            model=model,
            max_tokens=50,
            messages=HELLO,
            tools=ANTHROPIC_TOOLS,
            tool_choice={"type": "tool", "name": "get_weather"},
        )
        from_anthropic = up.calls[-1].json["tool_choice"]
    if up.protocol == "openai":
        assert (required, named, from_anthropic) == ("required", forced, forced)
    else:
        tool = {"type": "tool", "name": "get_weather"}
        assert (required, named, from_anthropic) == ({"type": "any"}, tool, tool)


@pytest.mark.parametrize("model", ["gpt", "claude"])
def test_length_limit_and_stop_sequences_across_protocols(gw: Any, request: pytest.FixtureRequest, model: str) -> None:
    up = _upstream(request, model)
    with gw.openai() as client:
        cut = client.chat.completions.create(model=model, messages=HELLO, max_tokens=3, stop=["END"])
    sent = up.calls[-1].json
    with gw.anthropic() as ant:
        message = ant.messages.create(model=model, max_tokens=3, messages=HELLO, stop_sequences=["END"])
    sent_from_anthropic = up.calls[-1].json

    assert cut.choices[0].finish_reason == "length"
    assert cut.usage is not None and cut.usage.completion_tokens == 3
    assert message.stop_reason == "max_tokens" and message.usage.output_tokens == 3
    if up.protocol == "openai":
        assert (sent["stop"], sent["max_tokens"]) == (["END"], 3)
        assert (sent_from_anthropic["stop"], sent_from_anthropic["max_tokens"]) == (["END"], 3)
    else:
        assert (sent["stop_sequences"], sent["max_tokens"]) == (["END"], 3)
        assert (sent_from_anthropic["stop_sequences"], sent_from_anthropic["max_tokens"]) == (["END"], 3)


@pytest.mark.parametrize("model", ["gpt", "claude"])
def test_response_format_json_object(gw: Any, request: pytest.FixtureRequest, model: str) -> None:
    up = _upstream(request, model)
    with gw.openai() as client:
        completion = client.chat.completions.create(
            model=model, messages=HELLO, response_format={"type": "json_object"}
        )
    content = completion.choices[0].message.content
    assert content is not None
    sent = up.calls[-1].json
    if up.protocol == "openai":
        assert sent["response_format"] == {"type": "json_object"}
        assert json.loads(content) == {"answer": "Hello from alpha: hi there"}
    else:  # no JSON mode at Anthropic: an instruction in the system prompt (best effort)
        assert "response_format" not in sent
        assert "JSON" in sent["system"]


# ------------------------------------------------------------------------------ embeddings


def test_embeddings_base64_default_and_float(gw: Any, oai_up: FakeUpstream) -> None:
    texts = ["first text", "second text"]
    with gw.openai() as client:
        raw = client.embeddings.with_raw_response.create(model="embed", input=texts)
        default = raw.parse()
        floats = client.embeddings.create(model="embed", input=texts[0], encoding_format="float")

    assert oai_up.calls[0].json["encoding_format"] == "base64"  # what the SDK asks by default
    assert oai_up.calls[0].json["model"] == "embed-up"
    assert oai_up.calls[1].json["encoding_format"] == "float"
    assert default.model == "embed" and floats.model == "embed"
    assert [d.index for d in default.data] == [0, 1]
    for item, text in zip(default.data, texts, strict=True):
        assert item.embedding == pytest.approx(embedding_vector(text), abs=1e-7)
    assert floats.data[0].embedding == pytest.approx(embedding_vector(texts[0]), abs=1e-7)
    assert default.usage.prompt_tokens == 10

    row = gw.row(raw.headers["x-request-id"])
    assert row.endpoint == "embeddings" and row.public_model == "embed"
    assert row.deployment == "openai-up/embed-up" and row.status_code == 200
    assert (row.input_tokens, row.output_tokens) == (10, 0)
    assert row.cost_usd == pytest.approx(10 * 0.5 / 1e6, rel=1e-9)


def test_embeddings_on_an_anthropic_model_are_refused(gw: Any, ant_up: FakeUpstream) -> None:
    with gw.openai() as client, pytest.raises(openai.BadRequestError) as refused:
        client.embeddings.create(model="claude", input="text")
    assert refused.value.status_code == 400
    assert refused.value.body["code"] == "invalid_request"  # type: ignore[index]
    assert ant_up.calls == []


# ------------------------------------------------------------------------------ models


def test_models_lists_only_the_keys_models(gw: Any) -> None:
    with gw.openai() as client:
        assert sorted(m.id for m in client.models.list()) == ["claude", "embed", "gpt"]
    with gw.openai(api_key=gw.restricted_key) as client:
        assert [m.id for m in client.models.list()] == ["gpt"]

    created = gw.create_key("models-claude-only", models=["claude"])
    assert created["models"] == ["claude"] and created["key"].startswith("qd-")
    with gw.openai(api_key=created["key"]) as client:
        listed = client.models.list()
        assert [m.id for m in listed] == ["claude"]
        assert listed.data[0].object == "model"
        with pytest.raises(openai.PermissionDeniedError):
            client.chat.completions.create(model="gpt", messages=HELLO)
        assert client.chat.completions.create(model="claude", messages=HELLO).choices[0].message.content


# ------------------------------------------------------------------------------ /v1/messages


@pytest.mark.parametrize("model", ["gpt", "claude"])
def test_messages_non_stream(gw: Any, request: pytest.FixtureRequest, model: str) -> None:
    up = _upstream(request, model)
    with gw.anthropic() as client:
        raw = client.messages.with_raw_response.create(
            model=model, max_tokens=64, system="be brief", messages=[{"role": "user", "content": "yo"}]
        )
        message = raw.parse()
    assert message.type == "message" and message.role == "assistant"
    assert message.model == model
    assert [(b.type, getattr(b, "text", None)) for b in message.content] == [
        ("text", f"Hello from {MODELS[model][1]}: yo")
    ]
    assert message.stop_reason == "end_turn"
    assert (message.usage.input_tokens, message.usage.output_tokens) == (10, 5)

    [call] = up.calls
    assert call.json["model"] == MODELS[model][2]
    if up.protocol == "openai":  # translated to Chat Completions
        assert call.path == "/v1/chat/completions"
        assert call.json["messages"] == [{"role": "system", "content": "be brief"}, {"role": "user", "content": "yo"}]
        assert call.json["max_tokens"] == 64
    else:
        assert call.path == "/v1/messages"
        assert call.json["system"] == "be brief" and call.json["max_tokens"] == 64

    _check_row(gw.row(raw.headers["x-request-id"]), model=model, endpoint="messages", stream=False)


@pytest.mark.parametrize("model", ["gpt", "claude"])
def test_messages_stream(gw: Any, request: pytest.FixtureRequest, model: str) -> None:
    up = _upstream(request, model)
    with (
        gw.anthropic() as client,
        client.messages.stream(model=model, max_tokens=64, messages=[{"role": "user", "content": "yo"}]) as stream,
    ):
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
        request_id = stream.response.headers["x-request-id"]
    assert text == f"Hello from {MODELS[model][1]}: yo"
    assert final.model == model
    assert final.stop_reason == "end_turn"
    assert (final.usage.input_tokens, final.usage.output_tokens) == (10, 5)
    assert [(b.type, getattr(b, "text", None)) for b in final.content] == [("text", text)]
    assert up.calls[-1].json["stream"] is True

    row = gw.row(request_id)
    _check_row(row, model=model, endpoint="messages", stream=True)
    assert row.ttft_ms is not None


def test_messages_stream_event_sequence(gw: Any, oai_up: FakeUpstream) -> None:
    """An OpenAI upstream's stream reaches an Anthropic client as Anthropic's own event sequence."""
    body = {"model": "gpt", "max_tokens": 64, "stream": True, "messages": [{"role": "user", "content": "yo"}]}
    headers = {"x-api-key": APP_KEY, "anthropic-version": "2023-06-01"}
    with gw.http() as client, client.stream("POST", "/v1/messages", json=body, headers=headers) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        names = [line.removeprefix("event: ") for line in response.iter_lines() if line.startswith("event: ")]
    names = [n for n in names if n != "ping"]
    assert names[:2] == ["message_start", "content_block_start"]
    assert set(names[2:-3]) == {"content_block_delta"}
    assert names[-3:] == ["content_block_stop", "message_delta", "message_stop"]


# ------------------------------------------------------------------------------ headers, metrics, health


def test_user_and_session_attribution(gw: Any) -> None:
    with gw.openai() as client:
        from_body = client.chat.completions.with_raw_response.create(model="gpt", messages=HELLO, user="body-user")
        from_headers = client.chat.completions.with_raw_response.create(
            model="gpt",
            messages=HELLO,
            user="body-user",
            extra_headers={"X-Quarterdeck-User": "header-user", "X-Quarterdeck-Session": "s-42"},
        )
    row = gw.row(from_body.headers["x-request-id"])
    assert (row.user_id, row.session_id) == ("body-user", None)
    row = gw.row(from_headers.headers["x-request-id"])
    assert (row.user_id, row.session_id) == ("header-user", "s-42")


def test_request_id_header_is_the_log_row_id(gw: Any) -> None:
    with gw.openai() as client:
        first = client.chat.completions.with_raw_response.create(model="gpt", messages=HELLO)
        second = client.chat.completions.with_raw_response.create(model="gpt", messages=HELLO)
    ids = [first.headers["x-request-id"], second.headers["x-request-id"]]
    assert ids[0] != ids[1]
    assert [gw.row(i).id for i in ids] == ids


def test_metrics_after_traffic(gw: Any) -> None:
    def snapshot() -> dict[str, float]:
        m = gw.metrics()
        return {
            "requests": m.value("quarterdeck_requests_total", endpoint="chat.completions", model="gpt", status="200"),
            "messages": m.value("quarterdeck_requests_total", endpoint="messages", model="claude", status="200"),
            "duration": m.value("quarterdeck_request_duration_seconds_count", endpoint="chat.completions"),
            "ttft": m.value("quarterdeck_time_to_first_token_seconds_count", endpoint="chat.completions"),
            "ttft_sum": m.value("quarterdeck_time_to_first_token_seconds_sum", endpoint="chat.completions"),
            "overhead": m.value("quarterdeck_gateway_overhead_seconds_count", endpoint="chat.completions"),
            "overhead_sum": m.value("quarterdeck_gateway_overhead_seconds_sum", endpoint="chat.completions"),
            "input": m.value("quarterdeck_tokens_total", model="gpt", kind="input"),
            "output": m.value("quarterdeck_tokens_total", model="gpt", kind="output"),
            "cost": m.value("quarterdeck_cost_usd_total", model="gpt"),
            "ok": m.value("quarterdeck_upstream_attempts_total", deployment="openai-up/gpt-up", outcome="ok"),
        }

    before = snapshot()
    with gw.openai() as client, gw.anthropic() as ant:
        client.chat.completions.create(model="gpt", messages=HELLO)
        client.chat.completions.create(model="gpt", messages=HELLO)
        stream = client.chat.completions.create(model="gpt", messages=HELLO, stream=True)
        list(stream)
        ant.messages.create(model="claude", max_tokens=10, messages=HELLO)
    gw.row(stream.response.headers["x-request-id"])  # a stream's metrics are observed when it ends
    after = snapshot()
    delta = {name: after[name] - before[name] for name in before}

    assert delta["requests"] == 3
    assert delta["messages"] == 1
    assert delta["duration"] == 3
    assert delta["ttft"] == 1  # the one stream
    assert 0 < delta["ttft_sum"] < 5
    assert delta["overhead"] == 3
    assert 0 <= delta["overhead_sum"] / 3 < 0.25  # the fakes answer at once: the overhead is most of it
    assert delta["input"] == 30 and delta["output"] == 15
    assert delta["cost"] == pytest.approx(3 * COST, rel=1e-6)
    assert delta["ok"] == 3

    text = gw.metrics().text
    for family in (
        "quarterdeck_requests_total",
        "quarterdeck_errors_total",
        "quarterdeck_time_to_first_token_seconds",
        "quarterdeck_gateway_overhead_seconds",
        "quarterdeck_tokens_total",
        "quarterdeck_cost_usd_total",
        "quarterdeck_request_log_pending",
    ):
        assert f"# TYPE {family.removesuffix('_total')}" in text, family


def test_healthz(gw: Any) -> None:
    response = gw.request("GET", "/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["store"] == "ok"
    assert body["models"] == 3
