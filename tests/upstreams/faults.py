"""Fault descriptions for the fake upstreams."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FaultKind = Literal["status", "delay", "reset", "cut_stream", "garbage"]

GARBAGE_BODY = b"<html><body>upstream proxy hiccup {not json"
"""What a ``garbage`` fault sends instead of a JSON document."""


@dataclass(frozen=True)
class Fault:
    """One injected misbehaviour of a fake upstream.

    - ``status``: answer with ``status`` in the vendor's error envelope (``message`` as the text),
      plus a ``Retry-After`` header when ``retry_after`` is set.
    - ``delay``: sleep ``seconds``, then answer normally.
    - ``reset``: close the TCP connection without sending any HTTP response.
    - ``cut_stream``: send ``after_chunks`` SSE events, then drop the connection before the
      terminating event (``[DONE]`` / ``message_stop``). On a non-streaming request, half of the
      JSON body is sent (with the full ``Content-Length``) before the connection is dropped.
    - ``garbage``: 200 with a body that is not JSON (SSE-framed garbage on a streaming request).
    """

    kind: FaultKind
    status: int = 500
    retry_after: float | None = None
    message: str = "injected failure"
    seconds: float = 0.0
    after_chunks: int = 2

    def __post_init__(self) -> None:
        if self.kind not in ("status", "delay", "reset", "cut_stream", "garbage"):
            raise ValueError(f"unknown fault kind {self.kind!r}")
        if self.after_chunks < 0:
            raise ValueError("after_chunks must be >= 0")
        if self.seconds < 0:
            raise ValueError("seconds must be >= 0")


def format_retry_after(seconds: float) -> str:
    """Format a Retry-After value: ``"2"`` for whole seconds, ``"0.5"`` otherwise."""
    return str(int(seconds)) if float(seconds).is_integer() else repr(float(seconds))
