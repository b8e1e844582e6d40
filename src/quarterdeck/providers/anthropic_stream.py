"""Stream converters between Anthropic Messages SSE events and OpenAI chat completion chunks.

Stateful, no I/O: feed them what arrives, send on what they return.

- ``AnthropicStreamToOpenAI`` is used by the Anthropic adapter: Anthropic events in, canonical
  ``chat.completion.chunk`` dicts out, ending with a usage chunk (``choices: []``).
- ``OpenAIStreamToAnthropic`` is used by the gateway's ``/v1/messages`` endpoint: canonical chunks in,
  ``(event name, data)`` pairs out in Anthropic's real order (``message_start``, then for each
  content block ``content_block_start`` / ``content_block_delta``... / ``content_block_stop``, then
  ``message_delta`` and ``message_stop``).
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from quarterdeck.errors import ProviderHTTPError, ProviderResponseError
from quarterdeck.providers.anthropic_mapping import (
    anthropic_usage_from_openai,
    finish_reason_from_anthropic,
    is_int,
    json_text,
    message_id_from_openai,
    openai_usage_from_anthropic,
    stop_reason_from_openai,
)
from quarterdeck.providers.base import JSON

__all__ = ["AnthropicEvent", "AnthropicStreamToOpenAI", "OpenAIStreamToAnthropic", "status_for_anthropic_error"]

AnthropicEvent = tuple[str, JSON]
"""One Anthropic SSE event: its name and its data (whose ``type`` repeats the name)."""

_ERROR_STATUS = {"overloaded_error": 529, "rate_limit_error": 429, "api_error": 500}
_USAGE_KEYS = ("input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens", "output_tokens")


def status_for_anthropic_error(error_type: Any) -> int:
    """The HTTP status an Anthropic error type sent inside a stream stands for (default 500)."""
    return _ERROR_STATUS.get(error_type, 500) if isinstance(error_type, str) else 500


class AnthropicStreamToOpenAI:
    """Anthropic stream events -> OpenAI chunks.

    ``feed(event, data)`` returns the chunks an event produces (often none). ``finished`` becomes
    true at ``message_stop``; a stream that ends before that was cut. An ``error`` event raises
    ``ProviderHTTPError`` (``overloaded_error`` -> 529, ``rate_limit_error`` -> 429, else 500).
    """

    def __init__(self, model: str) -> None:
        self.model = model
        self.finished = False
        self._id = f"chatcmpl-{uuid.uuid4().hex}"
        self._created = int(time.time())
        self._usage: JSON = {}
        self._tool_index: dict[int, int] = {}  # Anthropic content block index -> OpenAI tool call index

    def _chunk(self, delta: JSON, finish_reason: str | None = None) -> JSON:
        return {
            "id": self._id,
            "object": "chat.completion.chunk",
            "created": self._created,
            "model": self.model,
            "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}],
        }

    def _take_usage(self, usage: Any) -> None:
        if isinstance(usage, dict):
            self._usage.update({k: usage[k] for k in _USAGE_KEYS if is_int(usage.get(k))})

    def feed(self, event: str | None, data: JSON) -> list[JSON]:
        kind = data.get("type") or event
        if kind == "message_start":
            message = data.get("message")
            if isinstance(message, dict):
                if isinstance(message.get("id"), str) and message["id"]:
                    self._id = message["id"]
                self._take_usage(message.get("usage"))
            return [self._chunk({"role": "assistant", "content": ""})]
        if kind == "content_block_start":
            return self._block_start(data)
        if kind == "content_block_delta":
            return self._block_delta(data)
        if kind == "message_delta":
            self._take_usage(data.get("usage"))
            delta = data.get("delta")
            stop_reason = delta.get("stop_reason") if isinstance(delta, dict) else None
            if stop_reason is None:
                return []
            return [self._chunk({}, finish_reason_from_anthropic(stop_reason))]
        if kind == "message_stop":
            self.finished = True
            final = self._chunk({})
            final["choices"] = []
            final["usage"] = openai_usage_from_anthropic(self._usage)
            return [final]
        if kind == "error":
            error = data.get("error")
            error = error if isinstance(error, dict) else {}
            error_type = error.get("type")
            message = error.get("message") if isinstance(error.get("message"), str) else "stream error"
            text = f"{error_type}: {message}" if isinstance(error_type, str) else str(message)
            raise ProviderHTTPError(status_for_anthropic_error(error_type), text)
        # ping, content_block_stop and event types added later: nothing to send
        return []

    def _block_start(self, data: JSON) -> list[JSON]:
        block = data.get("content_block")
        index = data.get("index")
        if not isinstance(block, dict):
            return []
        if block.get("type") == "text":
            text = block.get("text")
            return [self._chunk({"content": text})] if isinstance(text, str) and text else []
        if block.get("type") == "tool_use" and is_int(index):
            tool_index = len(self._tool_index)
            self._tool_index[index] = tool_index
            initial = block.get("input")
            arguments = json_text(initial) if isinstance(initial, dict) and initial else ""
            call = {
                "index": tool_index,
                "id": block.get("id"),
                "type": "function",
                "function": {"name": block.get("name"), "arguments": arguments},
            }
            return [self._chunk({"tool_calls": [call]})]
        return []  # thinking, redacted_thinking, server tool blocks: not part of the OpenAI answer

    def _block_delta(self, data: JSON) -> list[JSON]:
        delta = data.get("delta")
        if not isinstance(delta, dict):
            return []
        if delta.get("type") == "text_delta":
            text = delta.get("text")
            return [self._chunk({"content": text})] if isinstance(text, str) and text else []
        if delta.get("type") == "input_json_delta":
            index = data.get("index")
            partial = delta.get("partial_json")
            if not is_int(index) or index not in self._tool_index or not isinstance(partial, str) or not partial:
                return []
            call = {"index": self._tool_index[index], "function": {"arguments": partial}}
            return [self._chunk({"tool_calls": [call]})]
        return []  # thinking_delta, signature_delta, citations_delta


@dataclass
class _ToolCall:
    """A tool call being streamed: its block opens once its name is known."""

    id: str | None = None
    name: str | None = None
    pending: list[str] = field(default_factory=list)  # argument fragments received before it opened
    block: int | None = None  # the Anthropic content block index, once opened


class OpenAIStreamToAnthropic:
    """OpenAI chunks -> Anthropic stream events.

    ``feed(chunk)`` returns the events a chunk produces. OpenAI reports usage in a chunk of its own
    after the one with ``finish_reason``, so ``message_delta`` (which carries the stop reason and the
    usage) is held until that usage chunk comes, or until ``finish()`` is called at the end of the
    stream. ``finish()`` also completes a stream that never said why it stopped (``end_turn``).
    Only choice 0 is converted.
    """

    def __init__(self, model: str, *, input_tokens: int | None = None) -> None:
        self.model = model
        self.done = False
        self._input_tokens = input_tokens
        self._started = False
        self._next_block = 0
        self._open: tuple[int, str] | None = None  # (block index, "text" | "tool_use")
        self._tools: dict[int, _ToolCall] = {}
        self._stop_reason: str | None = None
        self._stop_sequence: str | None = None
        self._usage: JSON | None = None

    def feed(self, chunk: JSON) -> list[AnthropicEvent]:
        if self.done:
            return []
        events: list[AnthropicEvent] = []
        usage = chunk.get("usage")
        if isinstance(usage, dict):
            self._usage = usage
        if not self._started:
            events += self._message_start(chunk)
        choices = chunk.get("choices")
        choices = choices if isinstance(choices, list) else []
        for choice in choices:
            if isinstance(choice, dict) and choice.get("index", 0) == 0:
                events += self._choice(choice)
        if self._stop_reason is not None and isinstance(usage, dict) and not choices:
            events += self._end()
        return events

    def finish(self) -> list[AnthropicEvent]:
        """Flush what is held: the end of the message (with usage as known so far)."""
        if self.done:
            return []
        events = [] if self._started else self._message_start({})
        return events + self._end()

    # -- pieces ------------------------------------------------------------------------------------

    def _message_start(self, chunk: JSON) -> list[AnthropicEvent]:
        self._started = True
        usage = anthropic_usage_from_openai(self._usage)
        if self._input_tokens is not None:
            usage["input_tokens"], usage["cache_read_input_tokens"] = self._input_tokens, 0
        usage["output_tokens"] = 0
        message: JSON = {
            "id": message_id_from_openai(chunk.get("id")),
            "type": "message",
            "role": "assistant",
            "model": self.model,
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": usage,
        }
        return [("message_start", {"type": "message_start", "message": message})]

    def _choice(self, choice: JSON) -> list[AnthropicEvent]:
        events: list[AnthropicEvent] = []
        delta = choice.get("delta")
        if isinstance(delta, dict):
            for key in ("content", "refusal"):
                text = delta.get(key)
                if isinstance(text, str) and text:
                    events += self._text(text)
            tool_calls = delta.get("tool_calls")
            for call in tool_calls if isinstance(tool_calls, list) else []:
                if isinstance(call, dict):
                    events += self._tool_call(call)
        finish = choice.get("finish_reason")
        if isinstance(finish, str) and finish:
            events += self._close_all()
            self._stop_reason = stop_reason_from_openai(finish)
            matched = choice.get("stop_reason")  # vLLM names the stop string that matched
            if finish == "stop" and isinstance(matched, str) and matched:
                self._stop_reason, self._stop_sequence = "stop_sequence", matched
        return events

    def _close(self) -> list[AnthropicEvent]:
        if self._open is None:
            return []
        index, _kind = self._open
        self._open = None
        return [("content_block_stop", {"type": "content_block_stop", "index": index})]

    def _begin(self, block: JSON) -> list[AnthropicEvent]:
        events = self._close()
        index = self._next_block
        self._next_block += 1
        self._open = (index, str(block["type"]))
        events.append(("content_block_start", {"type": "content_block_start", "index": index, "content_block": block}))
        return events

    def _delta(self, index: int, delta: JSON) -> AnthropicEvent:
        return ("content_block_delta", {"type": "content_block_delta", "index": index, "delta": delta})

    def _text(self, text: str) -> list[AnthropicEvent]:
        events: list[AnthropicEvent] = []
        if self._open is None or self._open[1] != "text":
            events += self._begin({"type": "text", "text": ""})
        assert self._open is not None
        events.append(self._delta(self._open[0], {"type": "text_delta", "text": text}))
        return events

    def _tool_call(self, call: JSON) -> list[AnthropicEvent]:
        position = call.get("index", 0)
        position = position if is_int(position) else 0
        tool = self._tools.setdefault(position, _ToolCall())
        function = call.get("function")
        function = function if isinstance(function, dict) else {}
        if isinstance(call.get("id"), str) and call["id"] and tool.id is None:
            tool.id = call["id"]
        if isinstance(function.get("name"), str) and function["name"] and tool.name is None:
            tool.name = function["name"]
        arguments = function.get("arguments")
        if isinstance(arguments, str) and arguments:
            tool.pending.append(arguments)
        if tool.block is None:
            return self._open_tool(tool) if tool.name is not None else []
        if self._open is None or self._open[0] != tool.block:
            raise ProviderResponseError(f"tool call {position}'s arguments continued after another content block began")
        return self._flush_arguments(tool)

    def _open_tool(self, tool: _ToolCall) -> list[AnthropicEvent]:
        block = {
            "type": "tool_use",
            "id": tool.id or f"toolu_{uuid.uuid4().hex}",
            "name": tool.name or "",
            "input": {},
        }
        events = self._begin(block)
        tool.block = self._next_block - 1
        return events + self._flush_arguments(tool)

    def _flush_arguments(self, tool: _ToolCall) -> list[AnthropicEvent]:
        assert tool.block is not None
        events = [self._delta(tool.block, {"type": "input_json_delta", "partial_json": p}) for p in tool.pending]
        tool.pending.clear()
        return events

    def _close_all(self) -> list[AnthropicEvent]:
        """Close the open block and emit tool calls that never got a name (so never opened)."""
        events: list[AnthropicEvent] = []
        for tool in self._tools.values():
            if tool.block is None:
                events += self._open_tool(tool)
        return events + self._close()

    def _end(self) -> list[AnthropicEvent]:
        events = self._close_all()
        usage: JSON = {"output_tokens": 0}
        if self._usage is not None:
            usage = anthropic_usage_from_openai(self._usage)
        delta = {"stop_reason": self._stop_reason or "end_turn", "stop_sequence": self._stop_sequence}
        events.append(("message_delta", {"type": "message_delta", "delta": delta, "usage": usage}))
        events.append(("message_stop", {"type": "message_stop"}))
        self.done = True
        return events
