"""The gateway's guard enforcement: pick the guard policies that apply to a request, scan what the
client sent (user and tool messages: the untrusted parts) and what the model answered.

Policies come from the registry view (each guard policy's ``production`` version), compiled once per
version. With no guard policy released nothing is scanned and nothing is added to the hot path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from quarterdeck.errors import GuardBlockedError, QuarterdeckError
from quarterdeck.gateway.context import RequestContext
from quarterdeck.gateway.tool_calls import ToolCallBuffer, ToolGate
from quarterdeck.guard import restore
from quarterdeck.guard.enforce import Applied, CompiledPolicy, Verdict, apply_rules, compile_policy
from quarterdeck.registry import RegistryView

__all__ = ["GuardLink", "StreamGuard"]

SERVED_LABEL = "production"
UNTRUSTED_ROLES = frozenset({"user", "tool", "function"})
STREAM_WINDOW = 512  # characters of answer text re-scanned with each streamed chunk


def _blocked(verdict: Verdict) -> GuardBlockedError:
    where = "request" if verdict.stage == "input" else "answer"
    return GuardBlockedError(f"The {where} was blocked by the guard policy '{verdict.policy}' "
                             f"(scanner: {verdict.scanner}).")


class GuardLink:
    def __init__(self, on_verdict: Callable[[Verdict], None] | None = None, tools: ToolGate | None = None) -> None:
        self.tools = tools
        self._compiled: dict[tuple[str, int], CompiledPolicy] = {}
        self._epoch = -2
        self._active: list[CompiledPolicy] = []
        self.on_verdict = on_verdict

    def refresh(self, view: RegistryView) -> None:
        """Compile the released guard policies of a new view (each version once)."""
        if view.epoch == self._epoch:
            return
        active = []
        for (kind, name, label), record in sorted(view.labels.items()):
            if kind != "guard_policy" or label != SERVED_LABEL:
                continue
            key = (name, record.version)
            if key not in self._compiled:
                content = view.contents.get(("guard_policy", name, record.version))
                if content is None:
                    continue
                self._compiled[key] = compile_policy(name, record.version, content)
            active.append(self._compiled[key])
        self._active, self._epoch = active, view.epoch

    def for_request(self, ctx: RequestContext) -> list[CompiledPolicy]:
        """The released policies that apply to the request: chosen at its first check (input) and kept for
        its output and tool checks, so one request sees one set even if a release lands meanwhile."""
        if not self._active:
            return []
        if ctx.guard_policies is None:
            principal = ctx.principal
            key = principal.name if principal else None
            team = principal.team if principal else None
            ctx.guard_policies = [p for p in self._active if p.applies(key=key, team=team, model=ctx.public_model,
                                                                       prompt=ctx.prompt_name)]
        return ctx.guard_policies

    def _record(self, ctx: RequestContext, applied: Applied) -> None:
        for verdict in applied.verdicts:
            ctx.guard_verdicts.append(verdict.to_json())
            if self.on_verdict is not None:
                self.on_verdict(verdict)

    def check_input(self, ctx: RequestContext, body: dict[str, Any]) -> None:
        """Scan (and redact in place) the untrusted messages of an OpenAI-form body; raise on a block."""
        policies = self.for_request(ctx)
        if not policies:
            return
        for message in body.get("messages") or []:
            if not isinstance(message, dict) or message.get("role") not in UNTRUSTED_ROLES:
                continue
            content = message.get("content")
            if isinstance(content, str):
                message["content"] = self._scan(ctx, policies, "input", content)
            elif isinstance(content, list):
                for part in content:
                    if isinstance(part, dict) and isinstance(part.get("text"), str):
                        part["text"] = self._scan(ctx, policies, "input", part["text"])

    def check_embedding_input(self, ctx: RequestContext, body: dict[str, Any]) -> None:
        """Scan (and redact in place) the texts of an embeddings request; raise on a block.
        Token-id inputs (lists of integers) are not text and pass unscanned."""
        policies = self.for_request(ctx)
        if not policies:
            return
        value = body.get("input")
        if isinstance(value, str):
            body["input"] = self._scan(ctx, policies, "input", value)
        elif isinstance(value, list):
            body["input"] = [self._scan(ctx, policies, "input", item) if isinstance(item, str) else item
                             for item in value]

    def _scan(self, ctx: RequestContext, policies: list[CompiledPolicy], stage: str, text: str) -> str:
        for policy in policies:
            applied = apply_rules(policy, stage, text, ctx.guard_placeholders)  # type: ignore[arg-type]
            self._record(ctx, applied)
            if applied.blocked is not None:
                raise _blocked(applied.blocked)
            ctx.guard_restore = ctx.guard_restore or applied.restore
            text = applied.text
        return text

    def check_output(self, ctx: RequestContext, completion: dict[str, Any]) -> None:
        """Scan (and redact) a non-streamed OpenAI-form answer; restore input placeholders if asked."""
        policies = self.for_request(ctx)
        if not policies and not ctx.guard_restore:
            return
        for choice in completion.get("choices") or []:
            message = choice.get("message") or {}
            text = message.get("content")
            if isinstance(text, str):
                text = self._scan(ctx, policies, "output", text)
                message["content"] = restore(text, ctx.guard_placeholders) if ctx.guard_restore else text

    async def check_tools(self, ctx: RequestContext, completion: dict[str, Any]) -> None:
        """Apply the tool policies to the tool calls of a non-streamed OpenAI-form answer."""
        if self.tools is None or not self._active:
            return
        policies = ToolGate.policies(self.for_request(ctx))
        if policies:
            await self.tools.check_completion(ctx, policies, completion)

    def stream_guard(self, ctx: RequestContext) -> StreamGuard | None:
        applicable = self.for_request(ctx)
        policies = [p for p in applicable if p.output]
        tool_policies = ToolGate.policies(applicable) if self.tools is not None else []
        if not policies and not tool_policies and not ctx.guard_restore:
            return None
        buffer = ToolCallBuffer(self.tools, ctx, tool_policies) if self.tools is not None and tool_policies else None
        return StreamGuard(self, ctx, policies, buffer)


class StreamGuard:
    """Output scanning on a stream: every chunk's text is checked together with the last
    ``STREAM_WINDOW`` characters before it is sent; a block cuts the stream with an error event.
    ``redact`` rules only flag on streams (a span may have been sent before it was complete).
    Tool-call deltas are held until their choice finishes, then decided by the tool policies."""

    def __init__(self, link: GuardLink, ctx: RequestContext, policies: list[CompiledPolicy],
                 tools: ToolCallBuffer | None = None) -> None:
        self.link, self.ctx, self.policies, self.tools = link, ctx, policies, tools
        self.tail = ""
        self.seen: set[tuple[str, str, str]] = set()

    async def check(self, chunk: dict[str, Any]) -> QuarterdeckError | None:
        for choice in chunk.get("choices") or []:
            if self.tools is not None:
                self.tools.take(choice)
                if choice.get("finish_reason"):
                    try:
                        await self.tools.release(chunk, choice)
                    except QuarterdeckError as exc:  # the held calls could not be recorded: cut the stream
                        return exc
            delta = choice.get("delta") or {}
            text = delta.get("content")
            if not isinstance(text, str) or not text:
                continue
            window = self.tail + text
            for policy in self.policies:
                applied = apply_rules(policy, "output", window, {})
                for verdict in applied.verdicts:
                    key = (verdict.policy, verdict.scanner, verdict.action)
                    if key not in self.seen:  # one verdict per scanner per stream, not one per chunk
                        self.seen.add(key)
                        self.ctx.guard_verdicts.append(verdict.to_json())
                        if self.link.on_verdict is not None:
                            self.link.on_verdict(verdict)
                if applied.blocked is not None:
                    return _blocked(applied.blocked)
            self.tail = window[-STREAM_WINDOW:]
            if self.ctx.guard_restore:
                delta["content"] = restore(text, self.ctx.guard_placeholders)
        return None

    async def finish(self) -> dict[str, Any] | QuarterdeckError | None:
        """At the end of an upstream stream: a last chunk for tool calls still held back (a stream that
        never said its choice finished), an error to end with, or None."""
        if self.tools is None:
            return None
        try:
            return await self.tools.finish()
        except QuarterdeckError as exc:
            return exc
