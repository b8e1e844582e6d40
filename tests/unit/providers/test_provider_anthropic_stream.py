"""Stream converters between Anthropic SSE events and OpenAI chunks (quarterdeck.providers.anthropic_stream)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from quarterdeck.errors import ProviderHTTPError
from quarterdeck.providers.anthropic_stream import AnthropicStreamToOpenAI, OpenAIStreamToAnthropic

Event = tuple[str, dict[str, Any]]


def validate_openai_chunks(chunks: list[dict[str, Any]]) -> None:
    """Each chunk parses as the official SDK's ChatCompletionChunk."""
    chat = pytest.importorskip("openai.types.chat")
    for chunk in chunks:
        chat.ChatCompletionChunk.model_validate(chunk)


def validate_anthropic_events(events: list[Event]) -> None:
    """Each event parses as the official SDK's raw stream event of the same type."""
    types = pytest.importorskip("anthropic.types")
    pydantic = pytest.importorskip("pydantic")
    adapter = pydantic.TypeAdapter(types.RawMessageStreamEvent)
    for name, data in events:
        assert data["type"] == name
        assert adapter.validate_python(data).type == name


# ------------------------------------------------------------------------------------------------
# Anthropic events -> OpenAI chunks


def message_start(input_tokens: int = 472, **usage: int) -> Event:
    return (
        "message_start",
        {
            "type": "message_start",
            "message": {
                "id": "msg_014p7gG3wDgGV9EUtLvnow3U",
                "type": "message",
                "role": "assistant",
                "model": "claude-sonnet-4-5",
                "content": [],
                "stop_reason": None,
                "stop_sequence": None,
                "usage": {"input_tokens": input_tokens, "output_tokens": 2, **usage},
            },
        },
    )


def text_block(index: int, *pieces: str) -> list[Event]:
    events: list[Event] = [
        (
            "content_block_start",
            {"type": "content_block_start", "index": index, "content_block": {"type": "text", "text": ""}},
        )
    ]
    events += [
        (
            "content_block_delta",
            {"type": "content_block_delta", "index": index, "delta": {"type": "text_delta", "text": p}},
        )
        for p in pieces
    ]
    events.append(("content_block_stop", {"type": "content_block_stop", "index": index}))
    return events


def tool_block(index: int, tool_id: str, name: str, *pieces: str) -> list[Event]:
    events: list[Event] = [
        (
            "content_block_start",
            {
                "type": "content_block_start",
                "index": index,
                "content_block": {"type": "tool_use", "id": tool_id, "name": name, "input": {}},
            },
        )
    ]
    events += [
        (
            "content_block_delta",
            {"type": "content_block_delta", "index": index, "delta": {"type": "input_json_delta", "partial_json": p}},
        )
        for p in ("", *pieces)
    ]
    events.append(("content_block_stop", {"type": "content_block_stop", "index": index}))
    return events


def message_end(stop_reason: str, output_tokens: int) -> list[Event]:
    return [
        (
            "message_delta",
            {
                "type": "message_delta",
                "delta": {"stop_reason": stop_reason, "stop_sequence": None},
                "usage": {"output_tokens": output_tokens},
            },
        ),
        ("message_stop", {"type": "message_stop"}),
    ]


def run_anthropic(events: list[Event]) -> tuple[list[dict[str, Any]], AnthropicStreamToOpenAI]:
    converter = AnthropicStreamToOpenAI("public-model")
    chunks: list[dict[str, Any]] = []
    for name, data in events:
        chunks += converter.feed(name, data)
    validate_openai_chunks(chunks)
    return chunks, converter


def accumulate_openai(chunks: list[dict[str, Any]]) -> dict[str, Any]:
    """What an OpenAI client rebuilds from the chunks."""
    content = ""
    calls: dict[int, dict[str, Any]] = {}
    finish = None
    for chunk in chunks:
        for choice in chunk["choices"]:
            delta = choice["delta"]
            content += delta.get("content") or ""
            for call in delta.get("tool_calls") or []:
                slot = calls.setdefault(call["index"], {"id": None, "name": "", "arguments": ""})
                slot["id"] = call.get("id") or slot["id"]
                slot["name"] += call.get("function", {}).get("name") or ""
                slot["arguments"] += call.get("function", {}).get("arguments") or ""
            finish = choice["finish_reason"] or finish
    return {"content": content, "tool_calls": [calls[i] for i in sorted(calls)], "finish_reason": finish}


def test_anthropic_text_stream() -> None:
    events = [
        message_start(),
        *text_block(0, "Hello", ", world"),
        ("ping", {"type": "ping"}),
        *message_end("end_turn", 15),
    ]
    chunks, converter = run_anthropic(events)
    assert converter.finished
    assert chunks[0]["choices"][0]["delta"] == {"role": "assistant", "content": ""}
    assert chunks[0]["id"] == "msg_014p7gG3wDgGV9EUtLvnow3U"
    assert chunks[0]["model"] == "public-model"
    assert [c["choices"][0]["delta"] for c in chunks[1:3]] == [{"content": "Hello"}, {"content": ", world"}]
    assert chunks[3]["choices"][0] == {"index": 0, "delta": {}, "logprobs": None, "finish_reason": "stop"}
    assert chunks[-1]["choices"] == []
    assert chunks[-1]["usage"] == {"prompt_tokens": 472, "completion_tokens": 15, "total_tokens": 487}
    assert len(chunks) == 5
    assert accumulate_openai(chunks)["content"] == "Hello, world"


def test_anthropic_text_then_tool_call() -> None:
    events = [
        message_start(),
        *text_block(0, "Okay, let's check the weather."),
        *tool_block(1, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather", '{"location":', ' "San Fra', 'ncisco, CA"}'),
        *message_end("tool_use", 89),
    ]
    chunks, _ = run_anthropic(events)
    result = accumulate_openai(chunks)
    assert result["content"] == "Okay, let's check the weather."
    assert result["finish_reason"] == "tool_calls"
    assert result["tool_calls"] == [
        {
            "id": "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
            "name": "get_weather",
            "arguments": '{"location": "San Francisco, CA"}',
        }
    ]
    first_tool_delta = next(c for c in chunks if c["choices"] and "tool_calls" in c["choices"][0]["delta"])
    assert first_tool_delta["choices"][0]["delta"]["tool_calls"] == [
        {
            "index": 0,
            "id": "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
            "type": "function",
            "function": {"name": "get_weather", "arguments": ""},
        }
    ]


def test_anthropic_two_tool_calls_and_thinking_dropped() -> None:
    thinking = [
        (
            "content_block_start",
            {"type": "content_block_start", "index": 0, "content_block": {"type": "thinking", "thinking": ""}},
        ),
        (
            "content_block_delta",
            {"type": "content_block_delta", "index": 0, "delta": {"type": "thinking_delta", "thinking": "Two cities"}},
        ),
        (
            "content_block_delta",
            {"type": "content_block_delta", "index": 0, "delta": {"type": "signature_delta", "signature": "EqQB"}},
        ),
        ("content_block_stop", {"type": "content_block_stop", "index": 0}),
    ]
    events = [
        message_start(10, cache_read_input_tokens=100),
        *thinking,
        *tool_block(1, "toolu_a", "get_weather", '{"city": "Paris"}'),
        *tool_block(2, "toolu_b", "get_weather", '{"city":', ' "Rome"}'),
        *message_end("tool_use", 60),
    ]
    chunks, _ = run_anthropic(events)
    result = accumulate_openai(chunks)
    assert result["content"] == ""
    assert result["tool_calls"] == [
        {"id": "toolu_a", "name": "get_weather", "arguments": '{"city": "Paris"}'},
        {"id": "toolu_b", "name": "get_weather", "arguments": '{"city": "Rome"}'},
    ]
    assert [json.loads(c["arguments"]) for c in result["tool_calls"]] == [{"city": "Paris"}, {"city": "Rome"}]
    assert chunks[-1]["usage"] == {
        "prompt_tokens": 110,
        "completion_tokens": 60,
        "total_tokens": 170,
        "prompt_tokens_details": {"cached_tokens": 100},
    }


def test_anthropic_message_delta_cumulative_input_tokens_win() -> None:
    events = [message_start(5), *text_block(0, "x")]
    events.append(
        (
            "message_delta",
            {
                "type": "message_delta",
                "delta": {"stop_reason": "max_tokens", "stop_sequence": None},
                "usage": {"input_tokens": 7, "output_tokens": 3},
            },
        )
    )
    events.append(("message_stop", {"type": "message_stop"}))
    chunks, _ = run_anthropic(events)
    assert accumulate_openai(chunks)["finish_reason"] == "length"
    assert chunks[-1]["usage"] == {"prompt_tokens": 7, "completion_tokens": 3, "total_tokens": 10}


def test_anthropic_stream_without_message_stop_is_not_finished() -> None:
    _, converter = run_anthropic([message_start(), *text_block(0, "cut")])
    assert not converter.finished


@pytest.mark.parametrize(
    ("error_type", "status"),
    [("overloaded_error", 529), ("rate_limit_error", 429), ("api_error", 500), ("invalid_request_error", 500)],
)
def test_anthropic_error_event_raises(error_type: str, status: int) -> None:
    converter = AnthropicStreamToOpenAI("m")
    converter.feed(*message_start())
    with pytest.raises(ProviderHTTPError) as exc_info:
        converter.feed("error", {"type": "error", "error": {"type": error_type, "message": "Overloaded"}})
    assert exc_info.value.status == status
    assert "Overloaded" in exc_info.value.upstream_message


# ------------------------------------------------------------------------------------------------
# OpenAI chunks -> Anthropic events


def chunk(delta: dict[str, Any] | None = None, finish: str | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": "chatcmpl-9xYz",
        "object": "chat.completion.chunk",
        "created": 1700000000,
        "model": "gpt-x",
        "choices": [{"index": 0, "delta": delta or {}, "logprobs": None, "finish_reason": finish}],
    }
    body.update(extra)
    return body


def usage_chunk(prompt: int, completion: int) -> dict[str, Any]:
    body = chunk()
    body["choices"] = []
    body["usage"] = {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}
    return body


def tool_delta(index: int, *, call_id: str | None = None, name: str | None = None, args: str = "") -> dict[str, Any]:
    call: dict[str, Any] = {"index": index, "function": {"arguments": args}}
    if call_id is not None:
        call["id"] = call_id
        call["type"] = "function"
        call["function"]["name"] = name
    return chunk({"tool_calls": [call]})


def run_openai(chunks: list[dict[str, Any]], *, finish: bool = True) -> list[Event]:
    converter = OpenAIStreamToAnthropic("claude-public")
    events: list[Event] = []
    for c in chunks:
        events += converter.feed(c)
    if finish:
        events += converter.finish()
        assert converter.done
        assert converter.finish() == []
    validate_anthropic_events(events)
    return events


def accumulate_anthropic(events: list[Event]) -> dict[str, Any]:
    """What an Anthropic client rebuilds, checking the protocol's ordering rules on the way."""
    assert events[0][0] == "message_start"
    assert [name for name, _ in events[-2:]] == ["message_delta", "message_stop"]
    blocks: list[dict[str, Any]] = []
    open_index: int | None = None
    partial: dict[int, str] = {}
    for name, data in events[1:-2]:
        if name == "content_block_start":
            assert open_index is None, "a block opened before the previous one closed"
            assert data["index"] == len(blocks)
            open_index = data["index"]
            blocks.append(dict(data["content_block"]))
        elif name == "content_block_delta":
            assert data["index"] == open_index
            delta = data["delta"]
            if delta["type"] == "text_delta":
                blocks[open_index]["text"] += delta["text"]
            else:
                assert delta["type"] == "input_json_delta"
                partial[open_index] = partial.get(open_index, "") + delta["partial_json"]
        else:
            assert name == "content_block_stop"
            assert data["index"] == open_index
            open_index = None
    assert open_index is None
    for index, text in partial.items():
        blocks[index]["input"] = json.loads(text)
    end = events[-2][1]
    return {"message": events[0][1]["message"], "content": blocks, "delta": end["delta"], "usage": end["usage"]}


def test_openai_text_stream_to_anthropic() -> None:
    events = run_openai(
        [
            chunk({"role": "assistant", "content": ""}),
            chunk({"content": "Hello"}),
            chunk({"content": " there"}),
            chunk({}, "stop"),
            usage_chunk(11, 2),
        ],
        finish=False,
    )
    assert [name for name, _ in events] == [
        "message_start",
        "content_block_start",
        "content_block_delta",
        "content_block_delta",
        "content_block_stop",
        "message_delta",
        "message_stop",
    ]
    start = events[0][1]["message"]
    assert start["id"] == "msg_9xYz"
    assert start["model"] == "claude-public"
    assert start["content"] == []
    assert start["usage"]["output_tokens"] == 0
    assert events[1][1] == {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}
    assert events[2][1] == {
        "type": "content_block_delta",
        "index": 0,
        "delta": {"type": "text_delta", "text": "Hello"},
    }
    assert events[5][1] == {
        "type": "message_delta",
        "delta": {"stop_reason": "end_turn", "stop_sequence": None},
        "usage": {
            "input_tokens": 11,
            "output_tokens": 2,
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
        },
    }
    assert events[6][1] == {"type": "message_stop"}


def test_openai_message_delta_is_held_until_usage_chunk() -> None:
    converter = OpenAIStreamToAnthropic("m")
    converter.feed(chunk({"content": "x"}))
    held = converter.feed(chunk({}, "length"))
    assert [name for name, _ in held] == ["content_block_stop"]
    end = converter.feed(usage_chunk(3, 4))
    assert [name for name, _ in end] == ["message_delta", "message_stop"]
    assert end[0][1]["delta"]["stop_reason"] == "max_tokens"
    assert end[0][1]["usage"]["output_tokens"] == 4
    assert converter.done and converter.finish() == []


def test_openai_stream_without_usage_is_flushed_by_finish() -> None:
    converter = OpenAIStreamToAnthropic("m")
    converter.feed(chunk({"content": "x"}))
    converter.feed(chunk({}, "stop"))
    end = converter.finish()
    assert [name for name, _ in end] == ["message_delta", "message_stop"]
    assert end[0][1]["usage"] == {"output_tokens": 0}


def test_openai_text_then_tool_call_to_anthropic() -> None:
    events = run_openai(
        [
            chunk({"role": "assistant", "content": "Let me look."}),
            tool_delta(0, call_id="call_abc", name="get_weather"),
            tool_delta(0, args='{"ci'),
            tool_delta(0, args='ty": "Oslo"}'),
            chunk({}, "tool_calls"),
            usage_chunk(30, 12),
        ]
    )
    result = accumulate_anthropic(events)
    assert result["content"] == [
        {"type": "text", "text": "Let me look."},
        {"type": "tool_use", "id": "call_abc", "name": "get_weather", "input": {"city": "Oslo"}},
    ]
    assert result["delta"] == {"stop_reason": "tool_use", "stop_sequence": None}
    assert result["usage"]["output_tokens"] == 12


def test_openai_two_tool_calls_to_anthropic() -> None:
    events = run_openai(
        [
            chunk({"role": "assistant", "content": None}),
            tool_delta(0, call_id="call_1", name="get_weather", args=""),
            tool_delta(0, args='{"city": "Paris"}'),
            tool_delta(1, call_id="call_2", name="get_time", args=""),
            tool_delta(1, args='{"tz": '),
            tool_delta(1, args='"CET"}'),
            chunk({}, "tool_calls"),
            usage_chunk(50, 25),
        ]
    )
    result = accumulate_anthropic(events)
    assert result["content"] == [
        {"type": "tool_use", "id": "call_1", "name": "get_weather", "input": {"city": "Paris"}},
        {"type": "tool_use", "id": "call_2", "name": "get_time", "input": {"tz": "CET"}},
    ]
    starts = [data for name, data in events if name == "content_block_start"]
    assert starts[0]["content_block"] == {"type": "tool_use", "id": "call_1", "name": "get_weather", "input": {}}
    assert result["delta"]["stop_reason"] == "tool_use"


def test_openai_empty_stream_finishes_well_formed() -> None:
    events = run_openai([])
    assert [name for name, _ in events] == ["message_start", "message_delta", "message_stop"]
    assert events[1][1]["delta"] == {"stop_reason": "end_turn", "stop_sequence": None}


def test_openai_stream_with_known_input_tokens() -> None:
    converter = OpenAIStreamToAnthropic("m", input_tokens=42)
    start = converter.feed(chunk({"role": "assistant", "content": ""}))
    assert start[0][1]["message"]["usage"]["input_tokens"] == 42
    assert len(start) == 1  # an empty first delta opens no block


def test_openai_tool_call_whose_name_comes_later_opens_once_named() -> None:
    converter = OpenAIStreamToAnthropic("m")
    converter.feed(chunk({"role": "assistant"}))
    early = converter.feed(chunk({"tool_calls": [{"index": 0, "id": "call_7", "function": {"arguments": '{"a"'}}]}))
    assert early == []
    named = converter.feed(chunk({"tool_calls": [{"index": 0, "function": {"name": "f", "arguments": ": 1}"}}]}))
    assert [name for name, _ in named] == ["content_block_start", "content_block_delta", "content_block_delta"]
    assert named[0][1]["content_block"] == {"type": "tool_use", "id": "call_7", "name": "f", "input": {}}
    assert "".join(data["delta"]["partial_json"] for _, data in named[1:]) == '{"a": 1}'
