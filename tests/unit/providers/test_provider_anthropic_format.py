"""OpenAI requests -> Anthropic, Anthropic responses -> OpenAI (the Anthropic adapter's direction)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from quarterdeck.errors import InvalidRequestError, ProviderResponseError
from quarterdeck.providers.anthropic_format import (
    DEFAULT_MAX_TOKENS,
    anthropic_response_to_openai,
    openai_request_to_anthropic,
)

WEATHER_TOOL_OPENAI = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather in a city",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}
WEATHER_TOOL_ANTHROPIC = {
    "name": "get_weather",
    "description": "Current weather in a city",
    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
}


def to_anthropic(**req: Any) -> dict[str, Any]:
    return openai_request_to_anthropic(req, "claude-test")


def invalid(exc_info: pytest.ExceptionInfo[InvalidRequestError]) -> str:
    return exc_info.value.message


# ------------------------------------------------------------------------------------------------
# OpenAI request -> Anthropic request


def test_plain_text_request() -> None:
    out = to_anthropic(model="public", messages=[{"role": "user", "content": "Hello"}])
    assert out == {
        "model": "claude-test",
        "messages": [{"role": "user", "content": "Hello"}],
        "max_tokens": DEFAULT_MAX_TOKENS,
    }


def test_system_and_developer_messages_join_into_system() -> None:
    out = to_anthropic(
        messages=[
            {"role": "system", "content": "Be brief."},
            {"role": "developer", "content": [{"type": "text", "text": "Answer in French."}]},
            {"role": "user", "content": "Hi"},
        ]
    )
    assert out["system"] == "Be brief.\n\nAnswer in French."
    assert out["messages"] == [{"role": "user", "content": "Hi"}]


def test_multi_turn_and_sampling_parameters() -> None:
    out = to_anthropic(
        messages=[
            {"role": "user", "content": "What is 2+2?"},
            {"role": "assistant", "content": "4"},
            {"role": "user", "content": "And 3+3?"},
        ],
        max_tokens=100,
        temperature=0.2,
        top_p=0.9,
        stop=["\n\n", "END"],
        user="user-42",
        frequency_penalty=0.5,
        seed=7,
    )
    assert out["messages"] == [
        {"role": "user", "content": "What is 2+2?"},
        {"role": "assistant", "content": "4"},
        {"role": "user", "content": "And 3+3?"},
    ]
    assert out["max_tokens"] == 100
    assert out["temperature"] == 0.2
    assert out["top_p"] == 0.9
    assert out["stop_sequences"] == ["\n\n", "END"]
    assert out["metadata"] == {"user_id": "user-42"}
    assert "frequency_penalty" not in out and "seed" not in out


def test_max_completion_tokens_wins_and_single_stop_and_temperature_clamped() -> None:
    out = to_anthropic(
        messages=[{"role": "user", "content": "x"}],
        max_tokens=10,
        max_completion_tokens=20,
        stop="STOP",
        temperature=1.7,
    )
    assert out["max_tokens"] == 20
    assert out["stop_sequences"] == ["STOP"]
    assert out["temperature"] == 1.0


def test_consecutive_same_role_messages_are_merged() -> None:
    out = to_anthropic(
        messages=[
            {"role": "user", "content": "first"},
            {"role": "user", "content": "second"},
            {"role": "assistant", "content": "ok"},
        ]
    )
    assert out["messages"] == [
        {"role": "user", "content": [{"type": "text", "text": "first"}, {"type": "text", "text": "second"}]},
        {"role": "assistant", "content": "ok"},
    ]


def test_images_data_url_and_http_url() -> None:
    out = to_anthropic(
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "Compare these"},
                    {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
                    {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg", "detail": "low"}},
                ],
            }
        ]
    )
    assert out["messages"][0]["content"] == [
        {"type": "text", "text": "Compare these"},
        {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
        {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.jpg"}},
    ]


def test_tools_tool_calls_and_tool_results() -> None:
    out = to_anthropic(
        messages=[
            {"role": "user", "content": "Weather in Paris and Rome?"},
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
                    },
                    {
                        "id": "call_2",
                        "type": "function",
                        "function": {"name": "get_weather", "arguments": '{"city": "Rome"}'},
                    },
                ],
            },
            {"role": "tool", "tool_call_id": "call_1", "content": "18C sunny"},
            {"role": "tool", "tool_call_id": "call_2", "content": [{"type": "text", "text": "22C"}]},
            {"role": "user", "content": "Which is warmer?"},
        ],
        tools=[WEATHER_TOOL_OPENAI],
        tool_choice="auto",
    )
    assert out["tools"] == [WEATHER_TOOL_ANTHROPIC]
    assert out["tool_choice"] == {"type": "auto"}
    assert out["messages"] == [
        {"role": "user", "content": "Weather in Paris and Rome?"},
        {
            "role": "assistant",
            "content": [
                {"type": "tool_use", "id": "call_1", "name": "get_weather", "input": {"city": "Paris"}},
                {"type": "tool_use", "id": "call_2", "name": "get_weather", "input": {"city": "Rome"}},
            ],
        },
        {
            "role": "user",
            "content": [
                {"type": "tool_result", "tool_use_id": "call_1", "content": "18C sunny"},
                {"type": "tool_result", "tool_use_id": "call_2", "content": [{"type": "text", "text": "22C"}]},
                {"type": "text", "text": "Which is warmer?"},
            ],
        },
    ]


def test_assistant_text_with_tool_call_and_empty_arguments() -> None:
    out = to_anthropic(
        messages=[
            {"role": "user", "content": "time?"},
            {
                "role": "assistant",
                "content": "Let me check.",
                "tool_calls": [{"id": "call_9", "type": "function", "function": {"name": "now", "arguments": ""}}],
            },
        ]
    )
    assert out["messages"][1]["content"] == [
        {"type": "text", "text": "Let me check."},
        {"type": "tool_use", "id": "call_9", "name": "now", "input": {}},
    ]


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("auto", {"type": "auto"}),
        ("none", {"type": "none"}),
        ("required", {"type": "any"}),
        ({"type": "function", "function": {"name": "get_weather"}}, {"type": "tool", "name": "get_weather"}),
    ],
)
def test_tool_choice(choice: Any, expected: dict[str, Any]) -> None:
    out = to_anthropic(messages=[{"role": "user", "content": "x"}], tools=[WEATHER_TOOL_OPENAI], tool_choice=choice)
    assert out["tool_choice"] == expected


def test_parallel_tool_calls_false_disables_parallel_tool_use() -> None:
    out = to_anthropic(
        messages=[{"role": "user", "content": "x"}], tools=[WEATHER_TOOL_OPENAI], parallel_tool_calls=False
    )
    assert out["tool_choice"] == {"type": "auto", "disable_parallel_tool_use": True}


def test_response_format_adds_json_instruction() -> None:
    schema = {"type": "object", "properties": {"answer": {"type": "string"}}}
    out = to_anthropic(
        messages=[{"role": "system", "content": "You are terse."}, {"role": "user", "content": "x"}],
        response_format={"type": "json_schema", "json_schema": {"name": "a", "schema": schema}},
    )
    assert out["system"].startswith("You are terse.\n\n")
    assert "only a JSON object" in out["system"]
    assert json.dumps(schema, separators=(",", ":")) in out["system"]
    plain = to_anthropic(messages=[{"role": "user", "content": "x"}], response_format={"type": "json_object"})
    assert "only a JSON object" in plain["system"]


@pytest.mark.parametrize(
    ("req", "field"),
    [
        ({"messages": [{"role": "user", "content": "x"}], "n": 2}, "n"),
        ({"messages": []}, "messages"),
        ({"messages": [{"role": "system", "content": "only system"}]}, "messages"),
        ({"messages": [{"role": "wizard", "content": "x"}]}, "messages[0].role"),
        (
            {
                "messages": [
                    {"role": "user", "content": "x"},
                    {
                        "role": "assistant",
                        "tool_calls": [
                            {"id": "c", "type": "function", "function": {"name": "f", "arguments": "{oops"}}
                        ],
                    },
                ]
            },
            "messages[1].tool_calls[0].function.arguments",
        ),
        ({"messages": [{"role": "tool", "content": "r"}]}, "messages[0].tool_call_id"),
        (
            {"messages": [{"role": "user", "content": [{"type": "input_audio", "input_audio": {}}]}]},
            "messages[0].content[0].type",
        ),
        (
            {"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "ftp://x"}}]}]},
            "messages[0].content[0].image_url.url",
        ),
        ({"messages": [{"role": "user", "content": "x"}], "tools": [{"type": "web_search"}]}, "tools[0].type"),
        ({"messages": [{"role": "user", "content": "x"}], "tool_choice": "required"}, "tool_choice"),
        ({"messages": [{"role": "user", "content": "x"}], "max_tokens": 0}, "max_tokens"),
        ({"messages": [{"role": "user", "content": "x"}], "response_format": {"type": "xml"}}, "response_format.type"),
    ],
)
def test_openai_request_errors_name_the_field(req: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidRequestError) as exc_info:
        openai_request_to_anthropic(req, "claude-test")
    assert invalid(exc_info).startswith(f"{field}:")
    assert exc_info.value.param == field


def test_request_is_not_mutated() -> None:
    req = {
        "messages": [{"role": "user", "content": "x"}, {"role": "user", "content": [{"type": "text", "text": "y"}]}],
        "tools": [WEATHER_TOOL_OPENAI],
    }
    snapshot = json.dumps(req)
    openai_request_to_anthropic(req, "claude-test")
    assert json.dumps(req) == snapshot


# ------------------------------------------------------------------------------------------------
# Anthropic response -> OpenAI response


def test_text_response() -> None:
    resp = {
        "id": "msg_01",
        "type": "message",
        "role": "assistant",
        "model": "claude-test",
        "content": [
            {"type": "thinking", "thinking": "hmm", "signature": "sig"},
            {"type": "text", "text": "Hello"},
            {"type": "text", "text": " world"},
        ],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 12, "output_tokens": 5},
    }
    out = anthropic_response_to_openai(resp, "public-model")
    assert out["object"] == "chat.completion"
    assert out["model"] == "public-model"
    assert out["id"] == "msg_01"
    assert isinstance(out["created"], int)
    assert out["choices"] == [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "Hello world", "refusal": None},
            "logprobs": None,
            "finish_reason": "stop",
        }
    ]
    assert out["usage"] == {"prompt_tokens": 12, "completion_tokens": 5, "total_tokens": 17}


def test_tool_use_response_and_cache_usage() -> None:
    resp = {
        "id": "msg_02",
        "type": "message",
        "role": "assistant",
        "content": [
            {"type": "text", "text": "Checking."},
            {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Paris"}},
        ],
        "stop_reason": "tool_use",
        "usage": {
            "input_tokens": 10,
            "cache_read_input_tokens": 100,
            "cache_creation_input_tokens": 20,
            "output_tokens": 30,
        },
    }
    out = anthropic_response_to_openai(resp, "m")
    message = out["choices"][0]["message"]
    assert message["content"] == "Checking."
    assert message["tool_calls"] == [
        {
            "id": "toolu_1",
            "type": "function",
            "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'},
        }
    ]
    assert out["choices"][0]["finish_reason"] == "tool_calls"
    assert out["usage"] == {
        "prompt_tokens": 130,
        "completion_tokens": 30,
        "total_tokens": 160,
        "prompt_tokens_details": {"cached_tokens": 100},
    }


def test_tool_only_response_has_null_content() -> None:
    resp = {
        "content": [{"type": "tool_use", "id": "toolu_1", "name": "f", "input": {}}],
        "stop_reason": "tool_use",
        "usage": {"input_tokens": 1, "output_tokens": 1},
    }
    assert anthropic_response_to_openai(resp, "m")["choices"][0]["message"]["content"] is None


@pytest.mark.parametrize(
    ("stop_reason", "finish_reason"),
    [
        ("end_turn", "stop"),
        ("stop_sequence", "stop"),
        ("max_tokens", "length"),
        ("tool_use", "tool_calls"),
        ("refusal", "content_filter"),
    ],
)
def test_stop_reasons_to_openai(stop_reason: str, finish_reason: str) -> None:
    resp = {"content": [{"type": "text", "text": "x"}], "stop_reason": stop_reason, "usage": {}}
    assert anthropic_response_to_openai(resp, "m")["choices"][0]["finish_reason"] == finish_reason


def test_anthropic_response_without_content_is_a_response_error() -> None:
    with pytest.raises(ProviderResponseError):
        anthropic_response_to_openai({"type": "message"}, "m")
