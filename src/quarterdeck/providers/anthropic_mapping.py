"""Mappings shared by the OpenAI <-> Anthropic translations: stop reasons, usage, ids, validation.

Used by ``anthropic_format`` (requests and responses, both directions) and ``anthropic_stream``
(the stream converters). Pure functions, no I/O.
"""

from __future__ import annotations

import uuid
from typing import Any, TypeGuard

import orjson

from quarterdeck.errors import InvalidRequestError
from quarterdeck.providers.base import JSON

__all__ = [
    "anthropic_usage_from_openai",
    "finish_reason_from_anthropic",
    "int_or_zero",
    "invalid_field",
    "is_int",
    "is_number",
    "json_text",
    "message_id_from_openai",
    "openai_usage_from_anthropic",
    "stop_reason_from_openai",
    "tool_input_from_arguments",
]

_FINISH_FROM_STOP = {
    "end_turn": "stop",
    "stop_sequence": "stop",
    "pause_turn": "stop",
    "max_tokens": "length",
    "model_context_window_exceeded": "length",
    "tool_use": "tool_calls",
    "refusal": "content_filter",
}
_STOP_FROM_FINISH = {
    "stop": "end_turn",
    "length": "max_tokens",
    "tool_calls": "tool_use",
    "function_call": "tool_use",
    "content_filter": "refusal",
}


def invalid_field(path: str, problem: str) -> InvalidRequestError:
    """``InvalidRequestError`` naming the offending field, e.g. ``messages[2].content[0].type: ...``."""
    return InvalidRequestError(f"{path}: {problem}", param=path)


def is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def int_or_zero(value: Any) -> int:
    return value if is_int(value) else 0


def json_text(value: Any) -> str:
    return orjson.dumps(value).decode("utf-8")


def finish_reason_from_anthropic(stop_reason: Any) -> str:
    """OpenAI ``finish_reason`` for an Anthropic ``stop_reason`` (unknown or absent: ``stop``)."""
    return _FINISH_FROM_STOP.get(stop_reason, "stop") if isinstance(stop_reason, str) else "stop"


def stop_reason_from_openai(finish_reason: Any) -> str:
    """Anthropic ``stop_reason`` for an OpenAI ``finish_reason`` (unknown or absent: ``end_turn``)."""
    return _STOP_FROM_FINISH.get(finish_reason, "end_turn") if isinstance(finish_reason, str) else "end_turn"


def openai_usage_from_anthropic(usage: Any) -> JSON:
    """OpenAI ``usage``: prompt tokens include Anthropic's cache reads and cache writes."""
    usage = usage if isinstance(usage, dict) else {}
    cache_read = int_or_zero(usage.get("cache_read_input_tokens"))
    prompt = int_or_zero(usage.get("input_tokens")) + cache_read + int_or_zero(usage.get("cache_creation_input_tokens"))
    completion = int_or_zero(usage.get("output_tokens"))
    out: JSON = {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}
    if cache_read:
        out["prompt_tokens_details"] = {"cached_tokens": cache_read}
    return out


def anthropic_usage_from_openai(usage: Any) -> JSON:
    """Anthropic ``usage``: ``input_tokens`` excludes the cached part, reported as cache reads."""
    usage = usage if isinstance(usage, dict) else {}
    details = usage.get("prompt_tokens_details")
    cached = int_or_zero(details.get("cached_tokens")) if isinstance(details, dict) else 0
    prompt = int_or_zero(usage.get("prompt_tokens"))
    cached = min(cached, prompt)
    return {
        "input_tokens": prompt - cached,
        "output_tokens": int_or_zero(usage.get("completion_tokens")),
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": cached,
    }


def message_id_from_openai(completion_id: Any) -> str:
    """An Anthropic-style ``msg_...`` id derived from an OpenAI completion id (or a new one)."""
    if isinstance(completion_id, str) and completion_id:
        if completion_id.startswith("msg_"):
            return completion_id
        return "msg_" + completion_id.removeprefix("chatcmpl-")
    return f"msg_{uuid.uuid4().hex}"


def tool_input_from_arguments(arguments: Any) -> JSON:
    """The ``input`` object for OpenAI tool call ``arguments`` (``{}`` when they are not a JSON object)."""
    if not isinstance(arguments, str) or not arguments.strip():
        return {}
    try:
        parsed: Any = orjson.loads(arguments)
    except orjson.JSONDecodeError:
        return {}
    return parsed if isinstance(parsed, dict) else {}
