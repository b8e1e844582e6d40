"""The quick check of chat bodies never accepts what the pydantic schema refuses."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from quarterdeck.gateway.schemas import ChatRequest, plain_chat_request

USER = {"role": "user", "content": "hi"}
PLAIN: list[dict[str, Any]] = [
    {"model": "m", "messages": [USER]},
    {"model": "m", "messages": [USER], "max_tokens": 16, "stream": True, "stream_options": {"include_usage": True}},
    {"model": "m", "messages": [{"role": "system", "content": "be brief"}, USER, {"role": "assistant"}],
     "max_completion_tokens": 1, "stream": None, "seed": 3, "metadata": {"x": "y"}},
]
OTHER: list[dict[str, Any]] = [
    {"model": "", "messages": [USER]},
    {"model": 3, "messages": [USER]},
    {"messages": [USER]},
    {"model": "m", "messages": []},
    {"model": "m", "messages": "hi"},
    {"model": "m", "messages": [{"role": "robot", "content": "hi"}]},
    {"model": "m", "messages": [{"content": "hi"}]},
    {"model": "m", "messages": ["hi"]},
    {"model": "m", "messages": [{"role": "user", "content": 5}]},
    {"model": "m", "messages": [{"role": "user", "content": [{"type": "text", "text": "hi"}]}]},
    {"model": "m", "messages": [USER], "max_tokens": 0},
    {"model": "m", "messages": [USER], "max_tokens": True},
    {"model": "m", "messages": [USER], "max_tokens": "16"},
    {"model": "m", "messages": [USER], "max_tokens": 1.0},
    {"model": "m", "messages": [USER], "stream": "yes"},
    {"model": "m", "messages": [USER], "stream": 1},
    {"model": "m", "messages": [USER], "stream_options": None},
    {"model": "m", "messages": [USER], "stream_options": {"include_usage": "yes"}},
    {"model": "m", "messages": [USER], "stream_options": []},
    {"model": "m", "messages": [USER], "temperature": 0.5},
    {"model": "m", "messages": [USER], "temperature": 3},
    {"model": "m", "messages": [USER], "tools": [{"type": "function", "function": {"name": "f"}}]},
    {"model": "m", "messages": [USER], "n": 0},
    {"model": "m", "messages": [USER], "response_format": {"type": "xml"}},
]


def _pydantic_accepts(body: dict[str, Any]) -> bool:
    try:
        ChatRequest.model_validate(body)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("body", PLAIN)
def test_plain_bodies_take_the_quick_path(body: dict[str, Any]) -> None:
    assert plain_chat_request(body)
    assert _pydantic_accepts(body)


@pytest.mark.parametrize("body", OTHER)
def test_everything_else_goes_to_pydantic(body: dict[str, Any]) -> None:
    assert not plain_chat_request(body)
