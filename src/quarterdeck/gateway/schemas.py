"""The shape checks the gateway applies to request bodies before routing them.

Only the fields the gateway itself relies on are checked (with strict types, as OpenAI does);
everything else is passed through to the upstream untouched.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)


Role = Literal["system", "developer", "user", "assistant", "tool", "function"]
_ROLES = frozenset(get_args(Role))


class ChatMessage(_Open):
    role: Role
    content: str | list[dict[str, Any]] | None = None


class StreamOptions(_Open):
    include_usage: bool | None = None


class FunctionDef(_Open):
    name: str = Field(min_length=1)


class Tool(_Open):
    type: Literal["function"]
    function: FunctionDef


class ResponseFormat(_Open):
    type: Literal["text", "json_object", "json_schema"]


def plain_chat_request(body: dict[str, Any]) -> bool:
    """True when ``body`` certainly passes :class:`ChatRequest` (the common shape: text messages, a few plain
    scalars), checked without building pydantic models (~1.5% of a request's CPU); False means "let pydantic
    decide" (it accepts or names the problem), never "invalid"."""
    model = body.get("model")
    messages = body.get("messages")
    if type(model) is not str or not model or type(messages) is not list or not messages:
        return False
    for message in messages:
        if type(message) is not dict or message.get("role") not in _ROLES:
            return False
        content = message.get("content")
        if content is not None and type(content) is not str:
            return False
    for key, value in body.items():
        if key in ("model", "messages"):
            continue
        if key in ("max_tokens", "max_completion_tokens"):
            if type(value) is not int or value < 1:
                return False
        elif key == "stream":
            if value is not None and type(value) is not bool:
                return False
        elif key == "stream_options":
            if type(value) is not dict or type(value.get("include_usage", False)) is not bool:
                return False
        elif key in _CHECKED:
            return False
    return True


class ChatRequest(_Open):
    model: str = Field(min_length=1)
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool | None = None
    stream_options: StreamOptions | None = None
    tools: list[Tool] | None = None
    response_format: ResponseFormat | None = None
    n: int | None = Field(default=None, ge=1, le=128)
    max_tokens: int | None = Field(default=None, ge=1)
    max_completion_tokens: int | None = Field(default=None, ge=1)
    temperature: float | None = Field(default=None, ge=0, le=2)
    top_p: float | None = Field(default=None, ge=0, le=1)
    user: str | None = None


class EmbeddingsRequest(_Open):
    model: str = Field(min_length=1)
    input: str | list[str] | list[int] | list[list[int]]
    encoding_format: Literal["float", "base64"] | None = None
    user: str | None = None


class MessagesRequest(_Open):
    """Anthropic Messages: the translation layer checks the content blocks in detail."""

    model: str = Field(min_length=1)
    messages: list[dict[str, Any]] = Field(min_length=1)
    max_tokens: int = Field(ge=1)
    stream: bool | None = None
    system: str | list[dict[str, Any]] | None = None


_CHECKED = frozenset(ChatRequest.model_fields)
"""The fields :class:`ChatRequest` checks; any other key passes through unchecked."""
