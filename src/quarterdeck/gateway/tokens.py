"""Counting a request's tokens before it is sent, for TPM limits and budget reservations.

quicktok's cl100k encoding is exact for OpenAI's GPT-4-era models and a close estimate for others;
TPM entries are corrected with the real usage once the answer is in.
"""

from __future__ import annotations

from typing import Any

import orjson
import quicktok

PER_MESSAGE_OVERHEAD = 4  # role and separators, as OpenAI's own counting guide does


CACHE_MAX_CHARS = 4_000_000
"""Characters of text whose counts are remembered (then the memory starts over): ~4-16 MB at most."""


class TokenCounter:
    """Loaded on first use: the encoding takes ~35 MB, needed only when a TPM limit or budget applies.

    Counts are remembered per text. Requests repeat most of their text (system prompts, tool
    definitions, a conversation's history resent every turn), and on a busy gateway each count
    costs ~25 µs of cache misses in the encoding's tables (measured in the serving process; a few
    hundred nanoseconds in a loop that keeps them cached), a lookup here far less."""

    def __init__(self) -> None:
        self._encoding: Any = None
        self._counts: dict[str, int] = {}
        self._cached_chars = 0

    def count_text(self, text: str) -> int:
        if not text:
            return 0
        found = self._counts.get(text)
        if found is not None:
            return found
        if self._encoding is None:
            self._encoding = quicktok.get_encoding("cl100k_base")
        count = int(self._encoding.count(text))
        if self._cached_chars + len(text) > CACHE_MAX_CHARS:
            self._counts.clear()
            self._cached_chars = 0
        if len(text) <= CACHE_MAX_CHARS // 4:
            self._counts[text] = count
            self._cached_chars += len(text)
        return count

    def chat_input(self, body: dict[str, Any]) -> int:
        """Input tokens of an OpenAI chat body: messages (text parts), tool definitions, a response schema."""
        total = 0
        for message in body.get("messages") or ():
            if not isinstance(message, dict):
                continue
            total += PER_MESSAGE_OVERHEAD + self.count_text(_message_text(message))
        tools = body.get("tools")
        if tools:
            total += self.count_text(orjson.dumps(tools).decode())
        response_format = body.get("response_format")
        if isinstance(response_format, dict) and response_format.get("type") == "json_schema":
            total += self.count_text(orjson.dumps(response_format).decode())
        return total

    def embedding_input(self, body: dict[str, Any]) -> int:
        value = body.get("input")
        if isinstance(value, str):
            return self.count_text(value)
        if isinstance(value, list):
            if all(isinstance(v, int) for v in value):
                return len(value)
            return sum(self.count_text(v) if isinstance(v, str) else len(v) for v in value)
        return 0


def requested_output(body: dict[str, Any]) -> int | None:
    """The output cap the client asked for, if any."""
    for name in ("max_completion_tokens", "max_tokens"):
        value = body.get(name)
        if isinstance(value, int) and value > 0:
            return value
    return None


def _message_text(message: dict[str, Any]) -> str:
    content = message.get("content")
    parts: list[str] = []
    if isinstance(content, str):
        parts.append(content)
    elif isinstance(content, list):
        parts.extend(p["text"] for p in content if isinstance(p, dict) and isinstance(p.get("text"), str))
    for call in message.get("tool_calls") or ():
        if isinstance(call, dict):
            function = call.get("function") or {}
            parts.append(str(function.get("name", "")) + str(function.get("arguments", "")))
    return "\n".join(parts)
