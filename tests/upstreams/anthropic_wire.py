"""Anthropic wire protocol: Messages (plain and streamed) and Models, with Anthropic's error envelopes."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aiohttp import web

    from .server import Answer, Exchange, Handler, SSEEvent

JSON = dict[str, Any]

MESSAGES_PATH = "/v1/messages"
MODELS_PATH = "/v1/models"
MODEL_CREATED_AT = "2024-10-22T00:00:00Z"

_STOP_REASONS = {"end": "end_turn", "length": "max_tokens", "tool": "tool_use"}
_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    402: "billing_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    504: "timeout_error",
    529: "overloaded_error",
}


def error_type(status: int) -> str:
    """The ``error.type`` Anthropic sends with ``status``."""
    return _ERROR_TYPES.get(status, "api_error" if status >= 500 else "invalid_request_error")


def error_payload(status: int, message: str) -> JSON:
    """Anthropic's error envelope."""
    return {
        "type": "error",
        "error": {"type": error_type(status), "message": message},
        "request_id": f"req_{secrets.token_hex(12)}",
    }


class AnthropicWire:
    """Routing and request checks for the Anthropic API."""

    request_id_header = "request-id"

    def route(self, method: str, path: str) -> Handler | None:
        if method == "POST" and path == MESSAGES_PATH:
            return create_message
        if method == "GET" and path == MODELS_PATH:
            return list_models
        return None

    def is_model_endpoint(self, path: str) -> bool:
        return path == MESSAGES_PATH

    def error_payload(self, status: int, message: str) -> JSON:
        return error_payload(status, message)

    def not_found(self, method: str, path: str) -> tuple[int, JSON]:
        return 404, error_payload(404, "Not Found")

    def check_headers(self, headers: Mapping[str, str], api_key: str | None) -> tuple[int, JSON] | None:
        if api_key is not None:
            # The key travels as ``x-api-key``; recent SDKs send it as ``Authorization: Bearer`` instead.
            scheme, _, bearer = headers.get("authorization", "").partition(" ")
            given = headers.get("x-api-key") or (bearer.strip() if scheme.lower() == "bearer" else "")
            if not given:
                return 401, error_payload(401, "x-api-key header is required")
            if given != api_key:
                return 401, error_payload(401, "invalid x-api-key")
        if not headers.get("anthropic-version"):
            return 400, error_payload(400, "anthropic-version: header is required")
        return None


# --------------------------------------------------------------------------- messages


def blocks_text(content: Any) -> str:
    """The text of a message ``content``: a string, or its text blocks joined by spaces."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(
            str(block.get("text", "")) for block in content if isinstance(block, dict) and block.get("type") == "text"
        )
    return ""


def last_user_text(messages: list[Any]) -> str:
    for message in reversed(messages):
        if isinstance(message, dict) and message.get("role") == "user":
            return blocks_text(message.get("content"))
    return ""


def tool_results(messages: list[Any]) -> str | None:
    """Contents of the ``tool_result`` blocks of the final user message, or None if it has none."""
    last = messages[-1]
    if not (isinstance(last, dict) and last.get("role") == "user" and isinstance(last.get("content"), list)):
        return None
    results = [
        blocks_text(block.get("content"))
        for block in last["content"]
        if isinstance(block, dict) and block.get("type") == "tool_result"
    ]
    return "\n".join(results) if results else None


def _validate(body: Any) -> str | None:
    if not isinstance(body, dict):
        return "There was an issue with your request: the body is not valid JSON"
    for field in ("model", "max_tokens", "messages"):
        if field not in body:
            return f"{field}: Field required"
    if not isinstance(body["max_tokens"], int) or body["max_tokens"] < 1:
        return "max_tokens: Input should be a valid integer greater than or equal to 1"
    if not isinstance(body["messages"], list) or not body["messages"]:
        return "messages: at least one message is required"
    return None


async def create_message(exchange: Exchange) -> web.StreamResponse:
    problem = _validate(exchange.body)
    if problem is not None:
        return await exchange.json(error_payload(400, problem), 400)
    body: JSON = exchange.body
    messages: list[Any] = body["messages"]
    tool_choice = body.get("tool_choice")
    answer = exchange.answer(
        user_text=last_user_text(messages),
        tool_results=tool_results(messages),
        tools_enabled=bool(body.get("tools"))
        and not (isinstance(tool_choice, dict) and tool_choice.get("type") == "none"),
        limit=body["max_tokens"],
    )
    if body.get("stream") is True:
        return await exchange.sse(message_events(body["model"], answer))
    return await exchange.json(message(body["model"], answer))


def _usage(answer: Answer, output_tokens: int) -> JSON:
    return {
        "input_tokens": answer.prompt_tokens,
        "output_tokens": output_tokens,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 0,
    }


def _message_id() -> str:
    return f"msg_{secrets.token_hex(12)}"


def _tool_use_block(answer: Answer, with_input: bool) -> JSON:
    assert answer.tool_call is not None
    name, arguments = answer.tool_call
    return {
        "type": "tool_use",
        "id": f"toolu_{secrets.token_hex(12)}",
        "name": name,
        "input": arguments if with_input else {},
    }


def message(model: str, answer: Answer) -> JSON:
    """A complete ``message`` object."""
    if answer.tool_call is not None:
        content = [_tool_use_block(answer, with_input=True)]
    else:
        content = [{"type": "text", "text": answer.text or ""}]
    return {
        "id": _message_id(),
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content,
        "stop_reason": _STOP_REASONS[answer.stop],
        "stop_sequence": None,
        "usage": _usage(answer, answer.completion_tokens),
    }


def message_events(model: str, answer: Answer) -> list[SSEEvent]:
    """The named events of a streamed message, from ``message_start`` to ``message_stop``."""
    start: JSON = {
        "id": _message_id(),
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
        "usage": _usage(answer, 1),
    }
    if answer.tool_call is not None:
        block = _tool_use_block(answer, with_input=False)
        deltas = [{"type": "input_json_delta", "partial_json": piece} for piece in answer.pieces()]
    else:
        block = {"type": "text", "text": ""}
        deltas = [{"type": "text_delta", "text": piece} for piece in answer.pieces()]
    events: list[SSEEvent] = [
        ("message_start", {"type": "message_start", "message": start}),
        ("content_block_start", {"type": "content_block_start", "index": 0, "content_block": block}),
        ("ping", {"type": "ping"}),
    ]
    events += [("content_block_delta", {"type": "content_block_delta", "index": 0, "delta": d}) for d in deltas]
    events += [
        ("content_block_stop", {"type": "content_block_stop", "index": 0}),
        (
            "message_delta",
            {
                "type": "message_delta",
                "delta": {"stop_reason": _STOP_REASONS[answer.stop], "stop_sequence": None},
                "usage": {"output_tokens": answer.completion_tokens},
            },
        ),
        ("message_stop", {"type": "message_stop"}),
    ]
    return events


# --------------------------------------------------------------------------- models


async def list_models(exchange: Exchange) -> web.StreamResponse:
    model_id = exchange.upstream.model_id
    return await exchange.json(
        {
            "data": [{"type": "model", "id": model_id, "display_name": model_id, "created_at": MODEL_CREATED_AT}],
            "has_more": False,
            "first_id": model_id,
            "last_id": model_id,
        }
    )
