"""Tool policies: rule matching, argument schemas, the strictest decision across policies, and what an
answer with several calls looks like after the gateway decided them."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from quarterdeck.gateway.context import RequestContext
from quarterdeck.gateway.keys import Principal
from quarterdeck.gateway.tool_calls import ToolCallBuffer, ToolGate
from quarterdeck.guard.enforce import compile_policy, validate_guard_policy
from quarterdeck.store import Store

TOOLS = {"default": "approve", "rules": [
    {"name": "read_*", "action": "allow"},
    {"name": "pay", "action": "allow", "arguments": {
        "type": "object", "required": ["amount"], "properties": {"amount": {"type": "number", "maximum": 100}}}},
    {"name": "drop_table", "action": "deny"},
]}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'qd.db'}") as s:
        s.migrate()
        yield s


def _call(index: int, name: str, arguments: dict[str, Any] | str) -> dict[str, Any]:
    text = arguments if isinstance(arguments, str) else orjson.dumps(arguments).decode()
    return {"index": index, "id": f"call_{index}", "type": "function", "function": {"name": name, "arguments": text}}


def _ctx() -> RequestContext:
    ctx = RequestContext(endpoint="chat.completions")
    ctx.principal = Principal(key_id="key_1", name="agent", role="app", team=None, models=None)
    ctx.public_model = "gpt"
    return ctx


class Spawned:
    def __init__(self) -> None:
        self.work: list[Coroutine[Any, Any, None]] = []

    def __call__(self, work: Coroutine[Any, Any, None]) -> None:
        self.work.append(work)


def test_rules_first_match_schema_and_default() -> None:
    policy = compile_policy("p", 1, validate_guard_policy({"tools": TOOLS}))
    assert policy.tools is not None
    decide = policy.tools.decide
    assert decide("read_file", "{}").action == "allow"
    assert decide("pay", '{"amount": 20}').action == "allow"
    over = decide("pay", '{"amount": 500}')
    assert over.action == "deny" and over.reason.endswith("amount: breaks the rule's 'maximum' constraint")
    assert "500" not in over.reason  # the field and the constraint, never the value
    assert decide("pay", '{"cost": 5}').reason.endswith("(the arguments): 'amount' is a required property")
    for name in ("read_file", "pay"):  # not one JSON value: denied whatever the rule says
        assert (decide(name, "{oops").action, decide(name, "{oops").reason) == (
            "deny", "its arguments are not valid JSON")
    assert decide("read_file", "x" * 70_000).reason == "its arguments are longer than 65536 characters"
    assert decide("drop_table", "{}").action == "deny"
    held = decide("launch", "{}")
    assert held.action == "approve" and held.rule is None


def test_several_calls_in_one_answer_and_the_strictest_policy_wins(store: Store) -> None:
    lenient = compile_policy("lenient", 3, validate_guard_policy({"tools": {"default": "allow"}}))
    strict = compile_policy("strict", 1, validate_guard_policy({"tools": TOOLS}))
    spawned = Spawned()
    gate = ToolGate(store, spawned)
    ctx = _ctx()
    message: dict[str, Any] = {"role": "assistant", "content": None, "tool_calls": [
        _call(0, "drop_table", {"name": "users"}), _call(1, "read_file", {"path": "a"}),
        _call(2, "launch", {}), _call(3, "read_dir", {"path": "/"})]}
    choice = {"index": 0, "message": message, "finish_reason": "tool_calls"}
    outcomes = asyncio.run(gate.check_message(ctx, [lenient, strict], message, choice))
    assert [o["decision"] for o in outcomes] == ["deny", "allow", "hold", "allow"]
    assert {o["choice"] for o in outcomes} == {0}
    assert all(o["policy"] == "strict" for o in outcomes if o["decision"] != "allow")
    assert [c["function"]["name"] for c in message["tool_calls"]] == ["read_file", "read_dir"]
    assert [c["index"] for c in message["tool_calls"]] == [0, 1]  # renumbered for the app
    assert choice["finish_reason"] == "tool_calls"
    assert "drop_table (call_0) was not run" in message["content"]
    assert f"waiting for approval {outcomes[2]['approval_id']}" in message["content"]
    held = store.tool_approvals.get(outcomes[2]["approval_id"])
    assert (held.status, held.tool_name, held.key_name, held.policy) == ("pending", "launch", "agent", "strict")
    # with a call held, the answer's events are written with it, before the answer goes out
    assert not spawned.work
    events = store.audit.list()
    assert sorted(e.action for e in events) == ["tool_call.allow", "tool_call.allow", "tool_call.deny",
                                                 "tool_call.hold"]
    assert {e.links["request_id"] for e in events} == {ctx.id}
    assert all("users" not in orjson.dumps(e.after).decode() for e in events)  # a digest, not the arguments
    assert store.audit.verify().ok
    assert [v["action"] for v in ctx.guard_verdicts] == ["deny", "allow", "hold", "allow"]

    # without a held call the events are written off the request's path
    message = {"role": "assistant", "content": "ok", "tool_calls": [_call(0, "drop_table", {})]}
    asyncio.run(gate.check_message(ctx, [strict], message, {"index": 0, "message": message}))
    assert len(store.audit.list()) == 4 and len(spawned.work) == 1
    asyncio.run(spawned.work.pop())
    assert store.audit.list()[-1].action == "tool_call.deny" and store.audit.verify().ok
    assert message["content"].startswith("ok\n\n[quarterdeck] The tool call drop_table")


def test_a_stream_holds_tool_deltas_until_the_choice_finishes(store: Store) -> None:
    strict = compile_policy("strict", 1, validate_guard_policy({"tools": TOOLS}))
    spawned = Spawned()
    buffer = ToolCallBuffer(ToolGate(store, spawned), _ctx(), [strict])
    pieces = [{"index": 0, "id": "call_a", "type": "function", "function": {"name": "pay", "arguments": ""}},
              {"index": 0, "function": {"arguments": '{"amou'}}, {"index": 0, "function": {"arguments": 'nt": 5}'}},
              {"index": 1, "id": "call_b", "type": "function", "function": {"name": "drop_table", "arguments": "{}"}}]
    for piece in pieces:
        choice: dict[str, Any] = {"index": 0, "delta": {"tool_calls": [piece]}, "finish_reason": None}
        buffer.take(choice)
        assert "tool_calls" not in choice["delta"]
    final: dict[str, Any] = {"choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]}
    asyncio.run(buffer.release(final, final["choices"][0]))
    delta = final["choices"][0]["delta"]
    assert [(c["id"], c["function"]["arguments"]) for c in delta["tool_calls"]] == [("call_a", '{"amount": 5}')]
    assert "drop_table (call_b) was not run" in delta["content"]
    assert [o["decision"] for o in final["quarterdeck"]["tool_calls"]] == ["allow", "deny"]
    assert len(spawned.work) == 1
    asyncio.run(spawned.work.pop())
    assert sorted(e.action for e in store.audit.list()) == ["tool_call.allow", "tool_call.deny"]


def test_stream_fragments_without_an_index_are_split_by_id(store: Store) -> None:
    strict = compile_policy("strict", 1, validate_guard_policy({"tools": TOOLS}))
    spawned = Spawned()
    buffer = ToolCallBuffer(ToolGate(store, spawned), _ctx(), [strict])
    pieces = [{"id": "call_a", "type": "function", "function": {"name": "read_file", "arguments": ""}},
              {"function": {"name": "read_file", "arguments": "{}"}},  # a server that repeats the name
              {"id": "call_b", "type": "function", "function": {"name": "drop_table", "arguments": "{}"}}]
    for piece in pieces:
        buffer.take({"index": 0, "delta": {"content": "x", "tool_calls": [piece]}})
    final: dict[str, Any] = {"choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]}
    asyncio.run(buffer.release(final, final["choices"][0]))
    delta = final["choices"][0]["delta"]
    assert [(c["id"], c["function"]["name"]) for c in delta["tool_calls"]] == [("call_a", "read_file")]
    assert delta["content"].startswith("\n\n[quarterdeck] The tool call drop_table (call_b) was not run")
    asyncio.run(spawned.work.pop())
