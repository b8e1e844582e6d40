"""Anthropic Messages requests from clients -> canonical requests, canonical responses -> Anthropic.

The direction used by the gateway's ``/v1/messages`` endpoint, which serves Anthropic clients from
any deployment. Pure functions, no I/O; bad input raises ``InvalidRequestError`` naming the field
(e.g. ``messages[2].content[0].type: unknown block type 'foo'``). See ``anthropic_format`` for what
is translated only on a best-effort basis.
"""

from __future__ import annotations

import uuid
from typing import Any

from quarterdeck.providers.anthropic_mapping import (
    anthropic_usage_from_openai,
    invalid_field,
    is_int,
    json_text,
    message_id_from_openai,
    stop_reason_from_openai,
    tool_input_from_arguments,
)
from quarterdeck.providers.base import JSON

__all__ = ["anthropic_request_to_openai", "openai_response_to_anthropic"]

_TOOL_CHOICE_TO_OPENAI = {"auto": "auto", "none": "none", "any": "required"}


def _block_text(block: JSON, path: str) -> str:
    text = block.get("text")
    if not isinstance(text, str):
        raise invalid_field(f"{path}.text", "required string")
    return text


def _image_to_openai(block: JSON, path: str) -> JSON:
    source = block.get("source")
    if not isinstance(source, dict):
        raise invalid_field(f"{path}.source", "required object")
    kind = source.get("type")
    if kind == "base64":
        media_type, data = source.get("media_type"), source.get("data")
        if not isinstance(media_type, str) or not isinstance(data, str):
            raise invalid_field(f"{path}.source", "base64 sources need string 'media_type' and 'data'")
        return {"type": "image_url", "image_url": {"url": f"data:{media_type};base64,{data}"}}
    if kind == "url":
        if not isinstance(source.get("url"), str):
            raise invalid_field(f"{path}.source.url", "required string")
        return {"type": "image_url", "image_url": {"url": source["url"]}}
    raise invalid_field(f"{path}.source.type", f"unsupported image source {kind!r}")


def _document_to_openai(block: JSON, path: str) -> JSON:
    source = block.get("source")
    kind = source.get("type") if isinstance(source, dict) else None
    if isinstance(source, dict) and kind == "text" and isinstance(source.get("data"), str):
        return {"type": "text", "text": source["data"]}
    if isinstance(source, dict) and kind == "base64" and isinstance(source.get("data"), str):
        media_type = source.get("media_type", "application/pdf")
        title = block.get("title")
        return {
            "type": "file",
            "file": {
                "filename": title if isinstance(title, str) and title else "document.pdf",
                "file_data": f"data:{media_type};base64,{source['data']}",
            },
        }
    raise invalid_field(f"{path}.source.type", f"unsupported document source {kind!r}")


def _blocks(content: Any, path: str) -> list[tuple[str, JSON, str]]:
    """``(type, block, path)`` for each block of a message's content, validated to be objects."""
    if not isinstance(content, list):
        raise invalid_field(path, "must be a string or a list of content blocks")
    out: list[tuple[str, JSON, str]] = []
    for j, block in enumerate(content):
        block_path = f"{path}[{j}]"
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            raise invalid_field(block_path, "must be a content block object with a 'type'")
        out.append((block["type"], block, block_path))
    return out


def _tool_result_to_openai(block: JSON, path: str) -> tuple[JSON, list[JSON]]:
    """The ``tool`` message for a ``tool_result`` block, and the image parts it carried."""
    tool_use_id = block.get("tool_use_id")
    if not isinstance(tool_use_id, str) or not tool_use_id:
        raise invalid_field(f"{path}.tool_use_id", "required string")
    content = block.get("content")
    texts: list[str] = []
    images: list[JSON] = []
    if isinstance(content, str):
        texts.append(content)
    elif content is not None:
        for kind, inner, inner_path in _blocks(content, f"{path}.content"):
            if kind == "text":
                texts.append(_block_text(inner, inner_path))
            elif kind == "image":
                images.append(_image_to_openai(inner, inner_path))
            elif kind == "document":
                images.append(_document_to_openai(inner, inner_path))
            else:
                raise invalid_field(f"{inner_path}.type", f"unknown block type {kind!r}")
    text = "\n".join(texts)
    if block.get("is_error") is True:
        text = f"Error: {text}" if text else "Error"
    return {"role": "tool", "tool_call_id": tool_use_id, "content": text}, images


def _user_to_openai(content: Any, path: str) -> list[JSON]:
    if isinstance(content, str):
        return [{"role": "user", "content": content}]
    tool_messages: list[JSON] = []
    parts: list[JSON] = []
    for kind, block, block_path in _blocks(content, path):
        if kind == "text":
            parts.append({"type": "text", "text": _block_text(block, block_path)})
        elif kind == "image":
            parts.append(_image_to_openai(block, block_path))
        elif kind == "document":
            parts.append(_document_to_openai(block, block_path))
        elif kind == "tool_result":
            message, carried = _tool_result_to_openai(block, block_path)
            tool_messages.append(message)
            parts.extend(carried)
        else:
            raise invalid_field(f"{block_path}.type", f"unknown block type {kind!r}")
    out = list(tool_messages)
    if parts:
        if len(parts) == 1 and parts[0]["type"] == "text":
            out.append({"role": "user", "content": parts[0]["text"]})
        else:
            out.append({"role": "user", "content": parts})
    return out


def _assistant_to_openai(content: Any, path: str) -> JSON:
    if isinstance(content, str):
        return {"role": "assistant", "content": content}
    texts: list[str] = []
    tool_calls: list[JSON] = []
    for kind, block, block_path in _blocks(content, path):
        if kind == "text":
            texts.append(_block_text(block, block_path))
        elif kind == "tool_use":
            for key in ("id", "name"):
                if not isinstance(block.get(key), str) or not block[key]:
                    raise invalid_field(f"{block_path}.{key}", "required string")
            tool_input = block.get("input", {})
            if not isinstance(tool_input, dict):
                raise invalid_field(f"{block_path}.input", "must be an object")
            tool_calls.append(
                {
                    "id": block["id"],
                    "type": "function",
                    "function": {"name": block["name"], "arguments": json_text(tool_input)},
                }
            )
        elif kind not in ("thinking", "redacted_thinking"):
            raise invalid_field(f"{block_path}.type", f"unknown block type {kind!r}")
    message: JSON = {"role": "assistant", "content": "".join(texts) if texts or not tool_calls else None}
    if tool_calls:
        message["tool_calls"] = tool_calls
    return message


def _system_to_openai(system: Any) -> str:
    if isinstance(system, str):
        return system
    texts = []
    for kind, block, block_path in _blocks(system, "system"):
        if kind != "text":
            raise invalid_field(f"{block_path}.type", f"system blocks must be text, not {kind!r}")
        texts.append(_block_text(block, block_path))
    return "\n\n".join(texts)


def _tools_to_openai(tools: Any) -> list[JSON]:
    if not isinstance(tools, list):
        raise invalid_field("tools", "must be a list")
    out: list[JSON] = []
    for j, tool in enumerate(tools):
        path = f"tools[{j}]"
        if not isinstance(tool, dict):
            raise invalid_field(path, "must be an object")
        kind = tool.get("type")
        if kind not in (None, "custom"):
            raise invalid_field(f"{path}.type", f"Anthropic server tool {kind!r} is not supported")
        if not isinstance(tool.get("name"), str) or not tool["name"]:
            raise invalid_field(f"{path}.name", "required string")
        schema = tool.get("input_schema")
        if not isinstance(schema, dict):
            raise invalid_field(f"{path}.input_schema", "required JSON schema object")
        function: JSON = {"name": tool["name"]}
        if isinstance(tool.get("description"), str):
            function["description"] = tool["description"]
        function["parameters"] = schema
        out.append({"type": "function", "function": function})
    return out


def _tool_choice_to_openai(choice: Any) -> str | JSON:
    kind = choice.get("type") if isinstance(choice, dict) else None
    if isinstance(kind, str) and kind in _TOOL_CHOICE_TO_OPENAI:
        return _TOOL_CHOICE_TO_OPENAI[kind]
    if kind == "tool":
        if not isinstance(choice.get("name"), str) or not choice["name"]:
            raise invalid_field("tool_choice.name", "required string")
        return {"type": "function", "function": {"name": choice["name"]}}
    raise invalid_field("tool_choice.type", "must be 'auto', 'any', 'tool' or 'none'")


def anthropic_request_to_openai(req: JSON) -> JSON:
    """The canonical (OpenAI) chat request for the Anthropic Messages request ``req``."""
    if not isinstance(req, dict):
        raise invalid_field("body", "must be a JSON object")
    if not isinstance(req.get("model"), str) or not req["model"]:
        raise invalid_field("model", "required string")
    max_tokens = req.get("max_tokens")
    if not is_int(max_tokens) or max_tokens < 1:
        raise invalid_field("max_tokens", "required positive integer")
    messages = req.get("messages")
    if not isinstance(messages, list) or not messages:
        raise invalid_field("messages", "must be a non-empty list")

    out_messages: list[JSON] = []
    system = req.get("system")
    if system is not None:
        text = _system_to_openai(system)
        if text:
            out_messages.append({"role": "system", "content": text})
    for i, msg in enumerate(messages):
        path = f"messages[{i}]"
        if not isinstance(msg, dict):
            raise invalid_field(path, "must be an object")
        role, content = msg.get("role"), msg.get("content")
        if role == "user":
            out_messages.extend(_user_to_openai(content, f"{path}.content"))
        elif role == "assistant":
            out_messages.append(_assistant_to_openai(content, f"{path}.content"))
        else:
            raise invalid_field(f"{path}.role", f"must be 'user' or 'assistant', not {role!r}")

    out: JSON = {"model": req["model"], "messages": out_messages, "max_tokens": max_tokens}
    for key in ("temperature", "top_p"):
        if req.get(key) is not None:
            out[key] = req[key]
    stop = req.get("stop_sequences")
    if stop is not None:
        if not isinstance(stop, list) or not all(isinstance(s, str) for s in stop):
            raise invalid_field("stop_sequences", "must be a list of strings")
        if stop:
            out["stop"] = list(stop)
    metadata = req.get("metadata")
    if metadata is not None:
        if not isinstance(metadata, dict):
            raise invalid_field("metadata", "must be an object")
        if isinstance(metadata.get("user_id"), str) and metadata["user_id"]:
            out["user"] = metadata["user_id"]
    tools = req.get("tools")
    if tools:
        out["tools"] = _tools_to_openai(tools)
    choice = req.get("tool_choice")
    if choice is not None:
        out["tool_choice"] = _tool_choice_to_openai(choice)
        if tools and choice.get("disable_parallel_tool_use") is True:
            out["parallel_tool_calls"] = False
    if "stream" in req:
        if not isinstance(req["stream"], bool):
            raise invalid_field("stream", "must be a boolean")
        out["stream"] = req["stream"]
    return out


# --------------------------------------------------------------------------------------------------
# OpenAI response -> Anthropic response


def _message_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part["text"] for part in content if isinstance(part, dict) and isinstance(part.get("text"), str))
    return ""


def openai_response_to_anthropic(resp: JSON, model: str) -> JSON:
    """An Anthropic ``message`` for the OpenAI ``chat.completion`` ``resp``, reported as ``model``."""
    choices = resp.get("choices")
    choice = choices[0] if isinstance(choices, list) and choices and isinstance(choices[0], dict) else {}
    message: JSON = choice["message"] if isinstance(choice.get("message"), dict) else {}
    content: list[JSON] = []
    text = _message_text(message.get("content"))
    refusal = message.get("refusal")
    if not text and isinstance(refusal, str):
        text = refusal
    if text:
        content.append({"type": "text", "text": text})
    tool_calls = message.get("tool_calls")
    for call in tool_calls if isinstance(tool_calls, list) else []:
        function = call.get("function") if isinstance(call, dict) else None
        if not isinstance(function, dict):
            continue
        content.append(
            {
                "type": "tool_use",
                "id": call.get("id") or f"toolu_{uuid.uuid4().hex}",
                "name": function.get("name", ""),
                "input": tool_input_from_arguments(function.get("arguments")),
            }
        )
    finish = choice.get("finish_reason")
    stop_reason = stop_reason_from_openai(finish)
    stop_sequence: str | None = None
    # vLLM says which stop string matched in a non-standard ``stop_reason`` field of the choice.
    matched = choice.get("stop_reason")
    if finish == "stop" and isinstance(matched, str) and matched:
        stop_reason, stop_sequence = "stop_sequence", matched
    return {
        "id": message_id_from_openai(resp.get("id")),
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": stop_sequence,
        "usage": anthropic_usage_from_openai(resp.get("usage")),
    }
