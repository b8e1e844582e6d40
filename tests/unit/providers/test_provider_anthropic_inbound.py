"""Anthropic requests -> OpenAI, OpenAI responses -> Anthropic (the /v1/messages direction)."""

from __future__ import annotations

from typing import Any

import pytest

from quarterdeck.errors import InvalidRequestError
from quarterdeck.providers.anthropic_format import (
    anthropic_request_to_openai,
    openai_request_to_anthropic,
    openai_response_to_anthropic,
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


def invalid(exc_info: pytest.ExceptionInfo[InvalidRequestError]) -> str:
    return exc_info.value.message


# ------------------------------------------------------------------------------------------------
# Anthropic request -> OpenAI request (/v1/messages)


def test_anthropic_request_basic() -> None:
    out = anthropic_request_to_openai(
        {
            "model": "claude-public",
            "max_tokens": 256,
            "system": [{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}],
            "messages": [
                {"role": "user", "content": "Hi"},
                {"role": "assistant", "content": [{"type": "text", "text": "Hello!"}]},
                {"role": "user", "content": [{"type": "text", "text": "Bye"}]},
            ],
            "temperature": 0.5,
            "top_p": 0.8,
            "top_k": 40,
            "stop_sequences": ["###"],
            "metadata": {"user_id": "u-1"},
            "stream": True,
        }
    )
    assert out == {
        "model": "claude-public",
        "max_tokens": 256,
        "messages": [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "Hi"},
            {"role": "assistant", "content": "Hello!"},
            {"role": "user", "content": "Bye"},
        ],
        "temperature": 0.5,
        "top_p": 0.8,
        "stop": ["###"],
        "user": "u-1",
        "stream": True,
    }


def test_anthropic_request_tools_tool_use_and_results() -> None:
    out = anthropic_request_to_openai(
        {
            "model": "m",
            "max_tokens": 100,
            "tools": [WEATHER_TOOL_ANTHROPIC],
            "tool_choice": {"type": "any", "disable_parallel_tool_use": True},
            "messages": [
                {"role": "user", "content": "Weather in Paris and Rome?"},
                {
                    "role": "assistant",
                    "content": [
                        {"type": "thinking", "thinking": "...", "signature": "s"},
                        {"type": "text", "text": "Checking both."},
                        {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Paris"}},
                        {"type": "tool_use", "id": "toolu_2", "name": "get_weather", "input": {"city": "Rome"}},
                    ],
                },
                {
                    "role": "user",
                    "content": [
                        {"type": "tool_result", "tool_use_id": "toolu_1", "content": "18C"},
                        {
                            "type": "tool_result",
                            "tool_use_id": "toolu_2",
                            "is_error": True,
                            "content": [{"type": "text", "text": "service down"}],
                        },
                        {"type": "text", "text": "Summarise."},
                    ],
                },
            ],
        }
    )
    assert out["tools"] == [WEATHER_TOOL_OPENAI]
    assert out["tool_choice"] == "required"
    assert out["parallel_tool_calls"] is False
    assert out["messages"] == [
        {"role": "user", "content": "Weather in Paris and Rome?"},
        {
            "role": "assistant",
            "content": "Checking both.",
            "tool_calls": [
                {
                    "id": "toolu_1",
                    "type": "function",
                    "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'},
                },
                {
                    "id": "toolu_2",
                    "type": "function",
                    "function": {"name": "get_weather", "arguments": '{"city":"Rome"}'},
                },
            ],
        },
        {"role": "tool", "tool_call_id": "toolu_1", "content": "18C"},
        {"role": "tool", "tool_call_id": "toolu_2", "content": "Error: service down"},
        {"role": "user", "content": "Summarise."},
    ]


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ({"type": "auto"}, "auto"),
        ({"type": "none"}, "none"),
        ({"type": "any"}, "required"),
        ({"type": "tool", "name": "get_weather"}, {"type": "function", "function": {"name": "get_weather"}}),
    ],
)
def test_anthropic_tool_choice(choice: dict[str, Any], expected: Any) -> None:
    out = anthropic_request_to_openai(
        {
            "model": "m",
            "max_tokens": 1,
            "messages": [{"role": "user", "content": "x"}],
            "tools": [WEATHER_TOOL_ANTHROPIC],
            "tool_choice": choice,
        }
    )
    assert out["tool_choice"] == expected
    assert "parallel_tool_calls" not in out


def test_anthropic_request_images() -> None:
    out = anthropic_request_to_openai(
        {
            "model": "m",
            "max_tokens": 10,
            "messages": [
                {
                    "role": "user",
                    "content": [
                        {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": "/9j/4AA="}},
                        {"type": "image", "source": {"type": "url", "url": "https://example.com/a.png"}},
                        {"type": "text", "text": "Describe"},
                    ],
                }
            ],
        }
    )
    assert out["messages"] == [
        {
            "role": "user",
            "content": [
                {"type": "image_url", "image_url": {"url": "data:image/jpeg;base64,/9j/4AA="}},
                {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}},
                {"type": "text", "text": "Describe"},
            ],
        }
    ]


def test_images_round_trip_through_both_directions() -> None:
    anthropic_req = {
        "model": "m",
        "max_tokens": 10,
        "messages": [
            {
                "role": "user",
                "content": [
                    {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AAAA"}},
                    {"type": "text", "text": "What is it?"},
                ],
            }
        ],
    }
    back = openai_request_to_anthropic(anthropic_request_to_openai(anthropic_req), "m")
    assert back["messages"] == anthropic_req["messages"]


def test_tool_result_with_image_moves_image_to_user_message() -> None:
    out = anthropic_request_to_openai(
        {
            "model": "m",
            "max_tokens": 10,
            "messages": [
                {
                    "role": "user",
                    "content": [
                        {
                            "type": "tool_result",
                            "tool_use_id": "toolu_1",
                            "content": [
                                {"type": "text", "text": "screenshot:"},
                                {"type": "image", "source": {"type": "url", "url": "https://x/s.png"}},
                            ],
                        }
                    ],
                }
            ],
        }
    )
    assert out["messages"] == [
        {"role": "tool", "tool_call_id": "toolu_1", "content": "screenshot:"},
        {"role": "user", "content": [{"type": "image_url", "image_url": {"url": "https://x/s.png"}}]},
    ]


BASE = {"model": "m", "max_tokens": 10}


@pytest.mark.parametrize(
    ("req", "field", "words"),
    [
        (
            {**BASE, "messages": [{"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "foo"}]}]},
            "messages[0].content[1].type",
            "unknown block type 'foo'",
        ),
        (
            {
                **BASE,
                "messages": [
                    {"role": "user", "content": "a"},
                    {"role": "assistant", "content": "b"},
                    {"role": "user", "content": [{"type": "foo"}]},
                ],
            },
            "messages[2].content[0].type",
            "unknown block type 'foo'",
        ),
        ({"model": "m", "messages": [{"role": "user", "content": "a"}]}, "max_tokens", "required"),
        ({**BASE, "messages": [{"role": "user", "content": "a"}], "model": ""}, "model", "required"),
        ({**BASE, "messages": []}, "messages", "non-empty"),
        ({**BASE, "messages": [{"role": "system", "content": "a"}]}, "messages[0].role", "user"),
        ({**BASE, "messages": [{"role": "user", "content": 5}]}, "messages[0].content", "string"),
        ({**BASE, "messages": [{"role": "user", "content": [{"type": "text"}]}]}, "messages[0].content[0].text", ""),
        (
            {**BASE, "messages": [{"role": "user", "content": [{"type": "tool_result"}]}]},
            "messages[0].content[0].tool_use_id",
            "",
        ),
        (
            {
                **BASE,
                "messages": [
                    {"role": "assistant", "content": [{"type": "tool_use", "id": "t", "name": "f", "input": []}]}
                ],
            },
            "messages[0].content[0].input",
            "object",
        ),
        (
            {
                **BASE,
                "messages": [
                    {"role": "user", "content": [{"type": "image", "source": {"type": "file", "file_id": "f"}}]}
                ],
            },
            "messages[0].content[0].source.type",
            "file",
        ),
        (
            {**BASE, "messages": [{"role": "user", "content": "a"}], "tools": [{"type": "web_search_20250305"}]},
            "tools[0].type",
            "web_search_20250305",
        ),
        (
            {**BASE, "messages": [{"role": "user", "content": "a"}], "tool_choice": {"type": "sometimes"}},
            "tool_choice.type",
            "",
        ),
        ({**BASE, "messages": [{"role": "user", "content": "a"}], "stop_sequences": "x"}, "stop_sequences", ""),
        ({**BASE, "messages": [{"role": "user", "content": "a"}], "system": [{"type": "image"}]}, "system[0].type", ""),
    ],
)
def test_anthropic_request_errors_name_the_field(req: dict[str, Any], field: str, words: str) -> None:
    with pytest.raises(InvalidRequestError) as exc_info:
        anthropic_request_to_openai(req)
    assert invalid(exc_info).startswith(f"{field}: ")
    assert words in invalid(exc_info)


# ------------------------------------------------------------------------------------------------
# OpenAI response -> Anthropic response


def openai_completion(message: dict[str, Any], finish_reason: str, **choice: Any) -> dict[str, Any]:
    return {
        "id": "chatcmpl-abc123",
        "object": "chat.completion",
        "created": 1700000000,
        "model": "gpt-x",
        "choices": [{"index": 0, "message": message, "finish_reason": finish_reason, **choice}],
        "usage": {"prompt_tokens": 20, "completion_tokens": 7, "total_tokens": 27},
    }


def test_openai_text_response_to_anthropic() -> None:
    out = openai_response_to_anthropic(
        openai_completion({"role": "assistant", "content": "Hello there"}, "stop"), "claude-public"
    )
    assert out == {
        "id": "msg_abc123",
        "type": "message",
        "role": "assistant",
        "model": "claude-public",
        "content": [{"type": "text", "text": "Hello there"}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {
            "input_tokens": 20,
            "output_tokens": 7,
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
        },
    }


def test_openai_tool_calls_response_to_anthropic() -> None:
    message = {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": '{"city":"Rome"}'}},
            {"id": "call_2", "type": "function", "function": {"name": "broken", "arguments": "{not json"}},
        ],
    }
    out = openai_response_to_anthropic(openai_completion(message, "tool_calls"), "m")
    assert out["content"] == [
        {"type": "tool_use", "id": "call_1", "name": "get_weather", "input": {"city": "Rome"}},
        {"type": "tool_use", "id": "call_2", "name": "broken", "input": {}},
    ]
    assert out["stop_reason"] == "tool_use"


@pytest.mark.parametrize(
    ("finish_reason", "stop_reason"),
    [("stop", "end_turn"), ("length", "max_tokens"), ("tool_calls", "tool_use"), ("content_filter", "refusal")],
)
def test_finish_reasons_to_anthropic(finish_reason: str, stop_reason: str) -> None:
    out = openai_response_to_anthropic(openai_completion({"role": "assistant", "content": "x"}, finish_reason), "m")
    assert out["stop_reason"] == stop_reason
    assert out["stop_sequence"] is None


def test_matched_stop_sequence_is_reported_when_known() -> None:
    resp = openai_completion({"role": "assistant", "content": "x"}, "stop", stop_reason="###")
    out = openai_response_to_anthropic(resp, "m")
    assert (out["stop_reason"], out["stop_sequence"]) == ("stop_sequence", "###")


def test_cached_prompt_tokens_become_cache_reads() -> None:
    resp = openai_completion({"role": "assistant", "content": "x"}, "stop")
    resp["usage"]["prompt_tokens_details"] = {"cached_tokens": 15}
    assert openai_response_to_anthropic(resp, "m")["usage"] == {
        "input_tokens": 5,
        "output_tokens": 7,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 15,
    }
