"""Tool-call control: the tool calls in a model's answer are checked against the tool policies that
apply to the request before the app sees them.

- ``allow``: the call is passed on unchanged.
- ``deny`` (or arguments that break the rule's JSON Schema): the call is removed and the answer's text
  says which call was not run and why.
- ``approve``: the call is removed and held; the answer's text names a pending-approval id, an
  approver decides (admin API or ``quarterdeck approvals``), and the app reads the decision — with the
  original call when approved — from ``GET /v1/tool-approvals/{id}``.

Each decision is recorded on the request row (``guard_verdicts``, stage ``tool``), counted in
``quarterdeck_tool_calls``, and appended to the audit log with the request id. When a call is held,
all the answer's decisions are stored with it before the answer is sent (if that fails the request
fails with 503: no id is handed out that does not exist); otherwise they are written off the
request's path (the server waits for them when it stops; a failed write is logged as an error). The
answer also carries ``quarterdeck.tool_calls`` (one entry per call, with its choice) and, when calls
are held, the ``X-Quarterdeck-Pending-Approvals`` header (non-streamed answers). The deprecated
``function_call`` form is decided the same way. When an input guard redacted values with ``restore``,
the calls' arguments get the original values back before they are decided.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import orjson
from sqlalchemy.exc import SQLAlchemyError

from quarterdeck.errors import ServiceUnavailableError
from quarterdeck.gateway.context import RequestContext
from quarterdeck.guard.enforce import CompiledPolicy
from quarterdeck.guard.tools import ToolDecision, strictest, tool_calls_of
from quarterdeck.store import Actor, Store, ToolApprovalRecord, ToolAuditEvent, new_id

__all__ = ["ToolCallBuffer", "ToolGate", "approval_json"]

log = logging.getLogger("quarterdeck.gateway")

JSON = dict[str, Any]
SYSTEM_ACTOR = Actor(key_id=None, name="gateway", role="system")
NAME_LIMIT = 200  # characters of a model-written tool name or call id that are stored
_WORDS = {"allow": "allow", "deny": "deny", "approve": "hold"}


def _note(name: str, call_id: str, decision: ToolDecision, approval_id: str | None) -> str:
    call = f"{name} ({call_id})" if call_id else name
    if approval_id is not None:
        return (f"[quarterdeck] The tool call {call} is waiting for approval {approval_id} "
                f"(tool policy '{decision.policy}'); GET /v1/tool-approvals/{approval_id} gives the decision.")
    return f"[quarterdeck] The tool call {call} was not run: {decision.reason} (tool policy '{decision.policy}')."


def _restore_json(arguments: str, placeholders: dict[str, str]) -> str:
    """Put redacted values back into JSON text (escaped as JSON string content)."""
    for placeholder, original in placeholders.items():
        if placeholder in arguments:
            arguments = arguments.replace(placeholder, orjson.dumps(original).decode()[1:-1])
    return arguments


def _add_text(message: JSON, text: str) -> None:
    content = message.get("content")
    if isinstance(content, list):
        content.append({"type": "text", "text": text})
    elif isinstance(content, str) and content:
        message["content"] = content + "\n\n" + text
    else:
        message["content"] = text


class ToolGate:
    """Decides the tool calls of answers and records the decisions."""

    def __init__(self, store: Store, spawn: Callable[[Coroutine[Any, Any, None]], None],
                 on_decision: Callable[[str, str, str], None] | None = None) -> None:
        self.store = store
        self.spawn = spawn
        self.on_decision = on_decision  # (policy, rule, decision) -> metrics
        self._queued: list[ToolAuditEvent] = []  # allow/deny events waiting for the writer
        self._writing = False

    @staticmethod
    def policies(policies: list[CompiledPolicy]) -> list[CompiledPolicy]:
        return [p for p in policies if p.tools is not None]

    def decide(self, policies: list[CompiledPolicy], name: str, arguments: str) -> ToolDecision:
        decisions = []
        for policy in policies:
            assert policy.tools is not None
            decision = policy.tools.decide(name, arguments)
            decisions.append(dataclasses.replace(decision, policy=policy.name, version=policy.version))
        best = strictest(decisions)
        assert best is not None
        return best

    async def check_message(self, ctx: RequestContext, policies: list[CompiledPolicy], message: JSON,
                            choice: JSON) -> list[JSON]:
        """Apply the policies to one answer message in place (``tool_calls`` and the deprecated
        ``function_call``); the per-call outcomes."""
        calls = tool_calls_of(message)
        legacy = message.get("function_call") if isinstance(message.get("function_call"), dict) else None
        if not calls and legacy is None:
            return []
        index = int(choice.get("index") or 0)
        run = _Decisions(self, ctx, policies, index)
        kept = [call for call in calls if run.decide(call.get("function"), str(call.get("id") or ""))]
        for position, call in enumerate(kept):
            if "index" in call:
                call["index"] = position
        if calls:
            if kept:
                message["tool_calls"] = kept
            else:
                message.pop("tool_calls", None)
        if legacy is not None and not run.decide(legacy, ""):
            message.pop("function_call", None)
            legacy = None
        if not kept and legacy is None and choice.get("finish_reason") in ("tool_calls", "function_call"):
            choice["finish_reason"] = "stop"
        if run.notes:
            _add_text(message, "\n".join(run.notes))
        await self._write(run.held, run.events)
        return run.outcomes

    async def check_completion(self, ctx: RequestContext, policies: list[CompiledPolicy], completion: JSON) -> None:
        """A non-streamed OpenAI-form answer."""
        outcomes: list[JSON] = []
        for choice in completion.get("choices") or []:
            message = choice.get("message")
            if isinstance(message, dict):
                outcomes += await self.check_message(ctx, policies, message, choice)
        if outcomes:
            completion["quarterdeck"] = {"tool_calls": outcomes}
            ctx.pending_approvals = [o["approval_id"] for o in outcomes if "approval_id" in o]

    async def _write(self, held: list[ToolApprovalRecord], events: list[ToolAuditEvent]) -> None:
        if held:  # the ids are handed out: they must exist first
            try:
                await asyncio.to_thread(self.store.tool_approvals.record, held, events)
            except SQLAlchemyError as exc:
                log.error("could not store %d held tool call(s): %s", len(held), exc)
                raise ServiceUnavailableError("The answer holds tool calls for approval, but they could not be "
                                              "recorded; try again.") from exc
        elif events:
            self._queued += events
            if not self._writing:
                self._writing = True
                self.spawn(self._write_queued())

    async def _write_queued(self) -> None:
        """Write queued events in batches (one transaction each) until none are left."""
        try:
            while self._queued:
                batch, self._queued = self._queued, []
                try:
                    await asyncio.to_thread(self.store.tool_approvals.record, [], batch)
                except SQLAlchemyError as exc:
                    log.error("LOST %d tool-call audit event(s) (first request %s): %s", len(batch),
                              batch[0].links.get("request_id"), exc)
        finally:
            self._writing = False

    def record(self, ctx: RequestContext, decision: ToolDecision, name: str, word: str) -> None:
        ctx.guard_verdicts.append({"policy": decision.policy, "version": decision.version, "stage": "tool",
                                   "scanner": f"tool:{name[:NAME_LIMIT]}", "action": word, "kinds": [],
                                   "count": 1})
        if self.on_decision is not None:
            self.on_decision(decision.policy, decision.rule or "(default)", word)


class _Decisions:
    """The decisions on one message's calls: notes for the app, held records, audit events, outcomes."""

    def __init__(self, gate: ToolGate, ctx: RequestContext, policies: list[CompiledPolicy], choice: int) -> None:
        self.gate, self.ctx, self.policies, self.choice = gate, ctx, policies, choice
        p = ctx.principal
        self.actor = SYSTEM_ACTOR if p is None else Actor(key_id=p.key_id, name=p.name, role=p.role)
        self.notes: list[str] = []
        self.outcomes: list[JSON] = []
        self.held: list[ToolApprovalRecord] = []
        self.events: list[ToolAuditEvent] = []

    def decide(self, function: Any, call_id: str) -> bool:
        """Decide one call (its ``function`` object, arguments restored in place); True to keep it."""
        function = function if isinstance(function, dict) else {}
        name = str(function.get("name") or "")
        arguments = function.get("arguments")
        arguments = arguments if isinstance(arguments, str) else ""
        if self.ctx.guard_restore and self.ctx.guard_placeholders and arguments:
            arguments = function["arguments"] = _restore_json(arguments, self.ctx.guard_placeholders)
        decision = self.gate.decide(self.policies, name, arguments)
        word = _WORDS[decision.action]
        approval_id = None
        if decision.action == "approve":
            approval_id = new_id("tap")
            self.held.append(ToolApprovalRecord(
                id=approval_id, request_id=self.ctx.id, key_id=self.actor.key_id, key_name=self.actor.name,
                model=self.ctx.public_model, policy=decision.policy, policy_version=decision.version,
                tool_call_id=call_id[:NAME_LIMIT], tool_name=name[:NAME_LIMIT], arguments=arguments))
        if decision.action != "allow":
            self.notes.append(_note(name[:NAME_LIMIT], call_id[:NAME_LIMIT], decision, approval_id))
        outcome: JSON = {"choice": self.choice, "id": call_id, "name": name, "decision": word,
                         "policy": decision.policy, "reason": decision.reason}
        if approval_id is not None:
            outcome["approval_id"] = approval_id
        self.outcomes.append(outcome)
        self.events.append(ToolAuditEvent(
            actor=self.actor, action=f"tool_call.{word}", target=f"tool:{name[:NAME_LIMIT]}", reason=decision.reason,
            after={"tool_call_id": call_id[:NAME_LIMIT], "decision": word, "rule": decision.rule,
                   "arguments_sha256": hashlib.sha256(arguments.encode()).hexdigest()},
            links={"request_id": self.ctx.id, "policy": decision.policy, "policy_version": decision.version,
                   **({"approval_id": approval_id} if approval_id else {})}))
        self.gate.record(self.ctx, decision, name, word)
        return decision.action == "allow"


class _Pending:
    """The tool-call deltas of one streamed choice, held back until it finishes."""

    def __init__(self) -> None:
        self.calls: dict[int, JSON] = {}
        self.legacy: JSON | None = None
        self.text_sent = False

    def add(self, part: JSON) -> None:
        index = part.get("index")
        if not isinstance(index, int):  # some servers leave it out: a new id starts a new call
            last = max(self.calls) if self.calls else None
            new_id_given = isinstance(part.get("id"), str) and part["id"] and (
                last is None or self.calls[last]["id"] not in ("", part["id"]))
            index = (0 if last is None else last + 1) if new_id_given else (last or 0)
        call = self.calls.setdefault(index, {"index": index, "id": "", "type": "function",
                                             "function": {"name": "", "arguments": ""}})
        if isinstance(part.get("id"), str) and part["id"]:
            call["id"] = part["id"]
        _merge(call["function"], part.get("function"))

    def add_legacy(self, part: Any) -> None:
        if self.legacy is None:
            self.legacy = {"name": "", "arguments": ""}
        _merge(self.legacy, part)


def _merge(function: JSON, part: Any) -> None:
    if not isinstance(part, dict):
        return
    name = part.get("name")
    if isinstance(name, str) and name and name != function["name"]:
        function["name"] = name if not function["name"] else function["name"] + name
    if isinstance(part.get("arguments"), str):
        function["arguments"] += part["arguments"]


class ToolCallBuffer:
    """On a stream, tool-call deltas are held back until the choice finishes, then decided together
    and sent as one delta (allowed calls) with the notes for the others as text. A stream that ends
    without a finishing chunk gets one (``finish``)."""

    def __init__(self, gate: ToolGate, ctx: RequestContext, policies: list[CompiledPolicy]) -> None:
        self.gate, self.ctx, self.policies = gate, ctx, policies
        self.pending: dict[int, _Pending] = {}

    def take(self, choice: JSON) -> None:
        delta = choice.get("delta")
        if not isinstance(delta, dict):
            return
        index = int(choice.get("index") or 0)
        held = self.pending.setdefault(index, _Pending())
        if isinstance(delta.get("content"), str) and delta["content"]:
            held.text_sent = True
        parts = delta.pop("tool_calls", None)
        for part in parts if isinstance(parts, list) else []:
            if isinstance(part, dict):
                held.add(part)
        if "function_call" in delta:
            held.add_legacy(delta.pop("function_call"))

    async def release(self, chunk: JSON, choice: JSON) -> None:
        """At the choice's finish: put the decided calls (and notes) into this chunk's delta."""
        held = self.pending.pop(int(choice.get("index") or 0), None)
        if held is None or (not held.calls and held.legacy is None):
            return
        delta = choice.setdefault("delta", {})
        message: JSON = {"content": None}
        if held.calls:
            message["tool_calls"] = [held.calls[i] for i in sorted(held.calls)]
        if held.legacy is not None:
            message["function_call"] = held.legacy
        outcomes = await self.gate.check_message(self.ctx, self.policies, message, choice)
        for key in ("tool_calls", "function_call"):
            if message.get(key):
                delta[key] = message[key]
        if isinstance(message.get("content"), str):
            previous = delta.get("content")
            glue = "\n\n" if previous or held.text_sent else ""
            delta["content"] = (previous or "") + glue + message["content"]
        chunk.setdefault("quarterdeck", {}).setdefault("tool_calls", []).extend(outcomes)

    async def finish(self) -> JSON | None:
        """The stream ended: decide what is still held, in one last chunk (None when nothing is)."""
        waiting = [i for i, held in self.pending.items() if held.calls or held.legacy is not None]
        if not waiting:
            return None
        chunk: JSON = {"id": f"chatcmpl-{self.ctx.id}", "object": "chat.completion.chunk", "choices": []}
        for index in sorted(waiting):
            choice: JSON = {"index": index, "delta": {}, "finish_reason": "tool_calls"}
            chunk["choices"].append(choice)
            await self.release(chunk, choice)
        return chunk


def approval_json(record: ToolApprovalRecord) -> JSON:
    """A held call as the app and the approvers see it (the call itself, ready to run once approved)."""
    return {
        "id": record.id,
        "status": record.status,
        "request_id": record.request_id,
        "key": record.key_name,
        "model": record.model,
        "policy": record.policy,
        "policy_version": record.policy_version,
        "tool_call": {"id": record.tool_call_id, "type": "function",
                      "function": {"name": record.tool_name, "arguments": record.arguments}},
        "created_at": record.created_at.isoformat(),
        "decided_at": record.decided_at.isoformat() if record.decided_at else None,
        "decided_by": record.decided_by_name,
        "comment": record.comment,
    }
