"""Translation between the OpenAI Chat Completions format and the Anthropic Messages format.

Pure functions, no I/O. This module is the one import point for the non-stream translations:

- the Anthropic adapter sends the gateway's canonical (OpenAI) requests to Anthropic:
  ``openai_request_to_anthropic`` and ``anthropic_response_to_openai`` (defined here);
- the gateway's ``/v1/messages`` endpoint takes Anthropic requests from clients and serves them from
  any deployment: ``anthropic_request_to_openai`` and ``openai_response_to_anthropic`` (defined in
  ``anthropic_inbound``, re-exported here).

Stop reason and usage mappings live in ``anthropic_mapping``; the stream converters in
``anthropic_stream``.

What cannot be expressed exactly, and what is done instead (best effort):

- ``response_format`` (``json_object`` / ``json_schema``) has no Anthropic equivalent: an
  instruction to answer with only a JSON object (quoting the schema when one is given) is appended
  to the system prompt. Nothing checks the answer against the schema.
- ``temperature`` is clamped to Anthropic's range [0, 1] (OpenAI allows up to 2).
- OpenAI sampling knobs Anthropic lacks (``frequency_penalty``, ``presence_penalty``, ``seed``,
  ``logit_bias``, ``logprobs`` ...) are dropped; ``n`` other than 1 is refused.
  ``parallel_tool_calls: false`` becomes ``disable_parallel_tool_use``.
- OpenAI ``max_completion_tokens`` (or else ``max_tokens``) becomes ``max_tokens``, 4096 when unset
  (Anthropic requires it). The other way, Anthropic ``max_tokens`` becomes OpenAI ``max_tokens``.
- Anthropic ``thinking`` blocks are dropped in both directions; Anthropic ``top_k`` is dropped when
  going to OpenAI; ``cache_control`` marks are kept going to Anthropic and dropped going to OpenAI.
- An Anthropic ``tool_result`` becomes an OpenAI ``tool`` message whose content is text only
  (``is_error`` is kept as an ``Error:`` prefix); images inside it move to the user message that
  follows the tool messages.
- Consecutive OpenAI messages that land in the same Anthropic role (e.g. several ``tool`` results
  and the user text after them) are merged into one turn, as Anthropic wants roles to alternate.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import orjson

from quarterdeck.errors import ProviderResponseError
from quarterdeck.providers.anthropic_inbound import anthropic_request_to_openai, openai_response_to_anthropic
from quarterdeck.providers.anthropic_mapping import (
    finish_reason_from_anthropic,
    invalid_field,
    is_int,
    is_number,
    json_text,
    openai_usage_from_anthropic,
)
from quarterdeck.providers.base import JSON

__all__ = [
    "DEFAULT_MAX_TOKENS",
    "anthropic_request_to_openai",
    "anthropic_response_to_openai",
    "openai_request_to_anthropic",
    "openai_response_to_anthropic",
]

DEFAULT_MAX_TOKENS = 4096
"""``max_tokens`` sent to Anthropic (which requires it) when the OpenAI request sets no limit."""

_TOOL_CHOICE_TO_ANTHROPIC = {"auto": "auto", "none": "none", "required": "any"}
_JSON_ONLY = "Answer with only a JSON object, with no other text before or after it."

# --------------------------------------------------------------------------------------------------
# OpenAI request -> Anthropic request


def _parse_data_url(url: str, path: str) -> tuple[str, str]:
    header, sep, data = url.partition(",")
    if not sep or not header.endswith(";base64"):
        raise invalid_field(path, "data URLs must be base64 encoded (data:<media type>;base64,<data>)")
    media_type = header.removeprefix("data:").removesuffix(";base64")
    return media_type, data


def _image_to_anthropic(part: JSON, path: str) -> JSON:
    image = part.get("image_url")
    url = image.get("url") if isinstance(image, dict) else image
    if not isinstance(url, str) or not url:
        raise invalid_field(f"{path}.image_url.url", "required string")
    if url.startswith("data:"):
        media_type, data = _parse_data_url(url, f"{path}.image_url.url")
        return {"type": "image", "source": {"type": "base64", "media_type": media_type, "data": data}}
    if url.startswith(("http://", "https://")):
        return {"type": "image", "source": {"type": "url", "url": url}}
    raise invalid_field(f"{path}.image_url.url", "must be an http(s) URL or a base64 data URL")


def _file_to_anthropic(part: JSON, path: str) -> JSON:
    file = part.get("file")
    data_url = file.get("file_data") if isinstance(file, dict) else None
    if not isinstance(data_url, str) or not data_url.startswith("data:"):
        raise invalid_field(f"{path}.file", "only inline file_data (a base64 data URL) can be sent to Anthropic")
    media_type, data = _parse_data_url(data_url, f"{path}.file.file_data")
    if media_type != "application/pdf":
        raise invalid_field(f"{path}.file.file_data", f"media type {media_type!r} not supported (only PDF)")
    return {"type": "document", "source": {"type": "base64", "media_type": media_type, "data": data}}


def _text_block(text: str, part: JSON | None = None) -> JSON:
    block: JSON = {"type": "text", "text": text}
    if part is not None and "cache_control" in part:
        block["cache_control"] = part["cache_control"]
    return block


def _parts_to_anthropic(content: Any, path: str, *, allowed: frozenset[str]) -> list[JSON]:
    """Anthropic content blocks for an OpenAI message ``content`` (string or list of parts)."""
    if content is None:
        return []
    if isinstance(content, str):
        return [_text_block(content)] if content else []
    if not isinstance(content, list):
        raise invalid_field(path, "must be a string or a list of content parts")
    blocks: list[JSON] = []
    for j, part in enumerate(content):
        part_path = f"{path}[{j}]"
        if not isinstance(part, dict):
            raise invalid_field(part_path, "must be an object")
        kind = part.get("type")
        if kind not in allowed:
            raise invalid_field(f"{part_path}.type", f"unsupported content part type {kind!r}")
        if kind in ("text", "refusal"):
            text = part.get(kind)
            if not isinstance(text, str):
                raise invalid_field(f"{part_path}.{kind}", "required string")
            if text:
                blocks.append(_text_block(text, part))
        elif kind == "image_url":
            blocks.append(_image_to_anthropic(part, part_path))
        else:
            blocks.append(_file_to_anthropic(part, part_path))
    return blocks


_USER_PARTS = frozenset({"text", "image_url", "file"})
_ASSISTANT_PARTS = frozenset({"text", "refusal"})
_SYSTEM_PARTS = frozenset({"text"})


def _tool_use_blocks(tool_calls: Any, path: str) -> list[JSON]:
    if tool_calls is None:
        return []
    if not isinstance(tool_calls, list):
        raise invalid_field(path, "must be a list")
    blocks: list[JSON] = []
    for j, call in enumerate(tool_calls):
        call_path = f"{path}[{j}]"
        function = call.get("function") if isinstance(call, dict) else None
        if not isinstance(call, dict) or not isinstance(function, dict):
            raise invalid_field(call_path, "must be an object with a 'function'")
        if not isinstance(call.get("id"), str) or not call["id"]:
            raise invalid_field(f"{call_path}.id", "required string")
        if not isinstance(function.get("name"), str) or not function["name"]:
            raise invalid_field(f"{call_path}.function.name", "required string")
        arguments = function.get("arguments")
        if arguments is None or (isinstance(arguments, str) and not arguments.strip()):
            arguments_obj: Any = {}
        elif isinstance(arguments, str):
            try:
                arguments_obj = orjson.loads(arguments)
            except orjson.JSONDecodeError as exc:
                raise invalid_field(f"{call_path}.function.arguments", f"invalid JSON ({exc})") from exc
        else:
            raise invalid_field(f"{call_path}.function.arguments", "must be a JSON string")
        if not isinstance(arguments_obj, dict):
            raise invalid_field(f"{call_path}.function.arguments", "must encode a JSON object")
        blocks.append({"type": "tool_use", "id": call["id"], "name": function["name"], "input": arguments_obj})
    return blocks


def _tool_result_block(msg: JSON, path: str) -> JSON:
    tool_call_id = msg.get("tool_call_id")
    if not isinstance(tool_call_id, str) or not tool_call_id:
        raise invalid_field(f"{path}.tool_call_id", "required string")
    block: JSON = {"type": "tool_result", "tool_use_id": tool_call_id}
    content = msg.get("content")
    if isinstance(content, str):
        if content:
            block["content"] = content
    else:
        parts = _parts_to_anthropic(content, f"{path}.content", allowed=_USER_PARTS)
        if parts:
            block["content"] = parts
    return block


def _system_text(content: Any, path: str) -> str:
    blocks = _parts_to_anthropic(content, path, allowed=_SYSTEM_PARTS)
    return "\n".join(block["text"] for block in blocks)


def _tools_to_anthropic(tools: Any) -> list[JSON]:
    if not isinstance(tools, list):
        raise invalid_field("tools", "must be a list")
    out: list[JSON] = []
    for j, tool in enumerate(tools):
        if not isinstance(tool, dict) or tool.get("type") != "function":
            raise invalid_field(f"tools[{j}].type", "only function tools can be sent to Anthropic")
        function = tool.get("function")
        if not isinstance(function, dict) or not isinstance(function.get("name"), str):
            raise invalid_field(f"tools[{j}].function.name", "required string")
        schema = function.get("parameters")
        if schema is None:
            schema = {"type": "object", "properties": {}}
        elif not isinstance(schema, dict):
            raise invalid_field(f"tools[{j}].function.parameters", "must be a JSON schema object")
        elif "type" not in schema:
            schema = {"type": "object", **schema}
        converted: JSON = {"name": function["name"]}
        if isinstance(function.get("description"), str) and function["description"]:
            converted["description"] = function["description"]
        converted["input_schema"] = schema
        out.append(converted)
    return out


def _tool_choice_to_anthropic(choice: Any) -> JSON:
    if isinstance(choice, str) and choice in _TOOL_CHOICE_TO_ANTHROPIC:
        return {"type": _TOOL_CHOICE_TO_ANTHROPIC[choice]}
    if isinstance(choice, dict) and choice.get("type") == "function":
        function = choice.get("function")
        name = function.get("name") if isinstance(function, dict) else None
        if isinstance(name, str) and name:
            return {"type": "tool", "name": name}
        raise invalid_field("tool_choice.function.name", "required string")
    raise invalid_field("tool_choice", "must be 'auto', 'none', 'required' or a function choice")


def _json_instruction(response_format: Any) -> str | None:
    if response_format is None:
        return None
    kind = response_format.get("type") if isinstance(response_format, dict) else None
    if kind == "text":
        return None
    if kind == "json_object":
        return _JSON_ONLY
    if kind == "json_schema":
        spec = response_format.get("json_schema")
        schema = spec.get("schema") if isinstance(spec, dict) else None
        if schema is None:
            return _JSON_ONLY
        return (
            "Answer with only a JSON object that conforms to this JSON schema, with no other text "
            f"before or after it:\n{json_text(schema)}"
        )
    raise invalid_field("response_format.type", "must be 'text', 'json_object' or 'json_schema'")


def _max_tokens(req: JSON) -> int:
    for key in ("max_completion_tokens", "max_tokens"):
        value = req.get(key)
        if value is None:
            continue
        if not is_int(value) or value < 1:
            raise invalid_field(key, "must be a positive integer")
        return int(value)
    return DEFAULT_MAX_TOKENS


def _collapse(content: list[JSON]) -> str | list[JSON]:
    if len(content) == 1 and content[0].keys() == {"type", "text"} and content[0]["type"] == "text":
        return str(content[0]["text"])
    return content


def openai_request_to_anthropic(req: JSON, model: str) -> JSON:
    """An Anthropic Messages request for the OpenAI chat request ``req``, for upstream ``model``."""
    n = req.get("n")
    if n is not None and n != 1:
        raise invalid_field("n", "Anthropic models generate a single choice; n must be 1")
    messages = req.get("messages")
    if not isinstance(messages, list) or not messages:
        raise invalid_field("messages", "must be a non-empty list")

    system_parts: list[str] = []
    turns: list[JSON] = []
    for i, msg in enumerate(messages):
        path = f"messages[{i}]"
        if not isinstance(msg, dict):
            raise invalid_field(path, "must be an object")
        role = msg.get("role")
        if role in ("system", "developer"):
            text = _system_text(msg.get("content"), f"{path}.content")
            if text:
                system_parts.append(text)
            continue
        if role == "user":
            blocks = _parts_to_anthropic(msg.get("content"), f"{path}.content", allowed=_USER_PARTS)
        elif role == "assistant":
            blocks = _parts_to_anthropic(msg.get("content"), f"{path}.content", allowed=_ASSISTANT_PARTS)
            blocks += _tool_use_blocks(msg.get("tool_calls"), f"{path}.tool_calls")
        elif role == "tool":
            role = "user"
            blocks = [_tool_result_block(msg, path)]
        else:
            raise invalid_field(f"{path}.role", f"unsupported role {role!r}")
        if not blocks:
            continue
        if turns and turns[-1]["role"] == role:  # Anthropic wants user and assistant turns to alternate
            turns[-1]["content"].extend(blocks)
        else:
            turns.append({"role": role, "content": blocks})
    if not turns:
        raise invalid_field("messages", "needs at least one user or assistant message with content")

    out: JSON = {
        "model": model,
        "messages": [{"role": t["role"], "content": _collapse(t["content"])} for t in turns],
        "max_tokens": _max_tokens(req),
    }
    instruction = _json_instruction(req.get("response_format"))
    if instruction:
        system_parts.append(instruction)
    if system_parts:
        out["system"] = "\n\n".join(system_parts)

    temperature = req.get("temperature")
    if is_number(temperature):
        out["temperature"] = min(max(float(temperature), 0.0), 1.0)
    for key in ("top_p", "top_k"):
        if req.get(key) is not None:
            out[key] = req[key]
    stop = req.get("stop")
    if isinstance(stop, str):
        out["stop_sequences"] = [stop]
    elif isinstance(stop, list) and stop:
        if not all(isinstance(s, str) for s in stop):
            raise invalid_field("stop", "must be a string or a list of strings")
        out["stop_sequences"] = list(stop)
    elif stop is not None and stop != []:
        raise invalid_field("stop", "must be a string or a list of strings")
    if isinstance(req.get("user"), str) and req["user"]:
        out["metadata"] = {"user_id": req["user"]}

    tools = req.get("tools")
    tool_choice = req.get("tool_choice")
    if tools:
        out["tools"] = _tools_to_anthropic(tools)
        choice: JSON = _tool_choice_to_anthropic(tool_choice) if tool_choice is not None else {"type": "auto"}
        if req.get("parallel_tool_calls") is False and choice["type"] != "none":
            choice["disable_parallel_tool_use"] = True
        if tool_choice is not None or "disable_parallel_tool_use" in choice:
            out["tool_choice"] = choice
    elif tool_choice not in (None, "auto", "none"):
        raise invalid_field("tool_choice", "a tool can only be required when tools are given")
    return out


# --------------------------------------------------------------------------------------------------
# Anthropic response -> OpenAI response


def anthropic_response_to_openai(resp: JSON, model: str) -> JSON:
    """An OpenAI ``chat.completion`` for the Anthropic ``message`` ``resp``."""
    content = resp.get("content")
    if not isinstance(content, list):
        raise ProviderResponseError("Anthropic response has no 'content' list")
    texts: list[str] = []
    tool_calls: list[JSON] = []
    for block in content:
        if not isinstance(block, dict):
            raise ProviderResponseError("Anthropic response has a content block that is not an object")
        kind = block.get("type")
        if kind == "text" and isinstance(block.get("text"), str):
            texts.append(block["text"])
        elif kind == "tool_use":
            tool_calls.append(
                {
                    "id": block.get("id") or f"toolu_{uuid.uuid4().hex}",
                    "type": "function",
                    "function": {"name": block.get("name", ""), "arguments": json_text(block.get("input", {}))},
                }
            )
        # thinking, redacted_thinking and server-tool blocks have no OpenAI form: dropped
    message: JSON = {
        "role": "assistant",
        "content": "".join(texts) if texts or not tool_calls else None,
        "refusal": None,
    }
    if tool_calls:
        message["tool_calls"] = tool_calls
    return {
        "id": resp.get("id") or f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": message,
                "logprobs": None,
                "finish_reason": finish_reason_from_anthropic(resp.get("stop_reason")),
            }
        ],
        "usage": openai_usage_from_anthropic(resp.get("usage")),
    }
