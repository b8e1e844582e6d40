"""Tool-call control in the gateway: a guard policy's ``tools`` section allows, denies or holds the tool
calls a model makes, before the app sees them; held calls are decided by approvers and the app reads
the decision; every decision is audit-logged with the request id."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anthropic
import httpx2
import orjson
import pytest
from typer.testing import CliRunner

from quarterdeck.cli.main import app as cli_app
from quarterdeck.gateway.keys import issue_key
from tests.gateway_harness import ADMIN_KEY, APP_KEY
from tests.integration.conftest import Gateway, wait_until
from tests.integration.test_guard_gateway import release_policy
from tests.upstreams import FakeUpstream

POLICY: dict[str, Any] = {
    "applies_to": {"default": True},
    "tools": {"default": "deny", "rules": [
        {"name": "search_docs", "action": "allow"},
        {"name": "fetch_url", "action": "allow", "arguments": {
            "type": "object", "required": ["url"],
            "properties": {"url": {"type": "string", "pattern": "^https://docs\\.example\\.com/"}}}},
        {"name": "delete_*", "action": "deny", "reason": "deleting is done by people"},
        {"name": "send_email", "action": "approve"},
    ]},
}


def _tool(name: str) -> dict[str, Any]:
    return {"type": "function", "function": {"name": name, "parameters": {"type": "object", "properties": {}}}}


TOOLS = [_tool(n) for n in ("search_docs", "fetch_url", "delete_record", "send_email", "format_disk")]
ASK = [{"role": "user", "content": "Please do the thing."}]


@pytest.fixture
def agent(gateways: Callable[..., Gateway], fakes: Callable[..., FakeUpstream]) -> tuple[Gateway, FakeUpstream]:
    up = fakes("openai", "up")
    ant = fakes("anthropic", "ant")
    gw = gateways([{"name": "gpt", "deployments": [{"provider": "p", "model": "m"}]},
                   {"name": "claude", "deployments": [{"provider": "a", "model": "claude-x"}]}],
                  {"p": up, "a": ant}, server={"log_flush_interval_s": 0.05, "registry_poll_s": 0.05})
    release_policy(gw, POLICY)
    gw.ant = ant  # type: ignore[attr-defined]
    return gw, up


def _ask(gw: Gateway, up: FakeUpstream, name: str, arguments: dict[str, Any]) -> Any:
    up.reply_tool_call = (name, arguments)
    with gw.openai() as client:
        raw = client.chat.completions.with_raw_response.create(model="gpt", messages=ASK, tools=TOOLS)
    return raw


def test_allowed_calls_pass_unchanged(agent: tuple[Gateway, FakeUpstream]) -> None:
    gw, up = agent
    completion = _ask(gw, up, "search_docs", {"query": "refunds"}).parse()
    call = completion.choices[0].message.tool_calls[0]
    assert call.function.name == "search_docs" and orjson.loads(call.function.arguments) == {"query": "refunds"}
    assert completion.choices[0].finish_reason == "tool_calls"
    assert completion.model_extra["quarterdeck"]["tool_calls"][0]["decision"] == "allow"
    allowed = _ask(gw, up, "fetch_url", {"url": "https://docs.example.com/refunds"}).parse()
    assert allowed.choices[0].message.tool_calls[0].function.name == "fetch_url"


@pytest.mark.parametrize(("name", "arguments", "why"), [
    ("delete_record", {"id": 7}, "deleting is done by people"),
    ("format_disk", {}, "not on the policy's list"),
    ("fetch_url", {"url": "https://evil.example.net/steal"}, "url: breaks the rule's 'pattern' constraint"),
    ("fetch_url", {"link": "https://docs.example.com/x"}, "'url' is a required property"),
])
def test_denied_and_argument_violating_calls_are_removed_and_explained(
        agent: tuple[Gateway, FakeUpstream], name: str, arguments: dict[str, Any], why: str) -> None:
    gw, up = agent
    raw = _ask(gw, up, name, arguments)
    completion = raw.parse()
    message = completion.choices[0].message
    assert not message.tool_calls
    assert completion.choices[0].finish_reason == "stop"
    assert f"The tool call {name}" in message.content and "was not run" in message.content and why in message.content
    outcome = completion.model_extra["quarterdeck"]["tool_calls"][0]
    assert outcome["decision"] == "deny" and outcome["policy"] == "strict"
    row = gw.row(raw.headers["x-request-id"])
    assert {"stage": "tool", "scanner": f"tool:{name}", "action": "deny"}.items() <= row.guard_verdicts[0].items()
    events = wait_until(lambda: [e for e in gw.app.store.audit.list(limit=50)
                                 if e.links.get("request_id") == row.id], what="the audit event")
    assert events[0].action == "tool_call.deny" and events[0].target == f"tool:{name}"
    assert events[0].actor_role == "app" and events[0].links["policy"] == "strict"
    assert "evil" not in orjson.dumps([events[0].after, events[0].reason]).decode()  # no argument values
    assert gw.metric("quarterdeck_tool_calls_total", policy="strict", decision="deny") >= 1


def test_held_call_approved_end_to_end_with_the_openai_sdk(agent: tuple[Gateway, FakeUpstream]) -> None:
    gw, up = agent
    approver = issue_key(gw.app.store, name="ops-approver", role="approver")[0]
    raw = _ask(gw, up, "send_email", {"to": "ops@example.com", "body": "restart done"})
    approval_id = raw.headers["x-quarterdeck-pending-approvals"]
    completion = raw.parse()
    assert not completion.choices[0].message.tool_calls
    assert approval_id in completion.choices[0].message.content
    assert completion.model_extra["quarterdeck"]["tool_calls"][0] == {
        "choice": 0, "id": completion.model_extra["quarterdeck"]["tool_calls"][0]["id"], "name": "send_email",
        "decision": "hold", "policy": "strict", "reason": "the call needs a person's approval",
        "approval_id": approval_id}

    with gw.openai() as app_client:
        status = app_client.get(f"/tool-approvals/{approval_id}", cast_to=object)
        assert status["status"] == "pending"
        # an app key may not decide at all
        refused = gw.admin("POST", f"/api/tool-approvals/{approval_id}/approve", key=APP_KEY, json={})
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "role_required"

        pending = gw.admin("GET", "/api/tool-approvals", key=approver).json()["data"]
        assert [p["id"] for p in pending] == [approval_id]
        assert pending[0]["tool_call"]["function"]["name"] == "send_email"
        decided = gw.admin("POST", f"/api/tool-approvals/{approval_id}/approve", key=approver,
                           json={"comment": "fine, it is the ops list"})
        assert decided.status_code == 200 and decided.json()["status"] == "approved"
        again = gw.admin("POST", f"/api/tool-approvals/{approval_id}/deny", key=approver, json={"reason": "late"})
        assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"

        status = app_client.get(f"/tool-approvals/{approval_id}", cast_to=object)
        assert status["status"] == "approved" and status["decided_by"] == "ops-approver"
        call = status["tool_call"]
        assert orjson.loads(call["function"]["arguments"]) == {"to": "ops@example.com", "body": "restart done"}
        # the app runs the approved call and hands the result back, as the OpenAI protocol has it
        up.reply_tool_call = None
        follow_up = app_client.chat.completions.create(model="gpt", tools=TOOLS, messages=[
            *ASK, {"role": "assistant", "content": None, "tool_calls": [call]},
            {"role": "tool", "tool_call_id": call["id"], "content": "sent"}])
    assert follow_up.choices[0].message.content
    assert up.calls[-1].json["messages"][-1] == {"role": "tool", "tool_call_id": call["id"], "content": "sent"}
    actions = [e.action for e in gw.app.store.audit.list(limit=50)
               if e.links.get("approval_id") == approval_id]
    assert sorted(actions) == ["tool_approval.approve", "tool_call.hold"]
    assert gw.admin("GET", "/api/audit/verify").json()["ok"] is True


def test_held_call_denied_and_other_apps_cannot_see_it(agent: tuple[Gateway, FakeUpstream]) -> None:
    gw, up = agent
    approver = issue_key(gw.app.store, name="ops-approver", role="approver")[0]
    other_app = gw.create_key("other-app")["key"]
    approval_id = _ask(gw, up, "send_email", {"to": "all@example.com"}).headers["x-quarterdeck-pending-approvals"]
    hidden = gw.request("GET", f"/v1/tool-approvals/{approval_id}", headers={"Authorization": f"Bearer {other_app}"})
    assert hidden.status_code == 404 and hidden.json()["error"]["code"] == "not_found"
    for body in ({}, {"reason": "   "}, {"reason": 5}, {"reason": "x", "extra": 1}):
        refused = gw.admin("POST", f"/api/tool-approvals/{approval_id}/deny", key=approver, json=body)
        assert refused.status_code == 422, body
    malformed = gw.admin("POST", f"/api/tool-approvals/{approval_id}/deny", key=approver, content=b"{nope",
                         headers={"Content-Type": "application/json"})
    assert malformed.status_code == 422
    denied = gw.admin("POST", f"/api/tool-approvals/{approval_id}/deny", key=approver,
                      json={"reason": "not to everyone"})
    assert denied.json()["status"] == "denied"
    mine = gw.request("GET", f"/v1/tool-approvals/{approval_id}", headers={"Authorization": f"Bearer {APP_KEY}"})
    assert mine.json()["status"] == "denied" and mine.json()["comment"] == "not to everyone"
    unknown = gw.admin("POST", "/api/tool-approvals/tap_nope/approve", key=approver, json={})
    assert unknown.status_code == 404
    assert gw.request("GET", "/v1/tool-approvals/tap_nope",
                      headers={"Authorization": f"Bearer {APP_KEY}"}).status_code == 404
    assert gw.request("GET", f"/v1/tool-approvals/{approval_id}").status_code == 401


def test_streamed_tool_calls_are_decided_before_they_are_sent(agent: tuple[Gateway, FakeUpstream]) -> None:
    gw, up = agent
    with gw.openai() as client:
        up.reply_tool_call = ("search_docs", {"query": "streams"})
        stream = client.chat.completions.create(model="gpt", messages=ASK, tools=TOOLS, stream=True)
        deltas = [c.choices[0].delta for c in stream if c.choices]
        calls = [call for d in deltas for call in d.tool_calls or []]
        assert len(calls) == 1 and calls[0].function.name == "search_docs"
        assert orjson.loads(calls[0].function.arguments) == {"query": "streams"}

        up.reply_tool_call = ("send_email", {"to": "x@example.com"})
        with httpx2.Client(timeout=20) as http, http.stream(
                "POST", gw.url + "/v1/chat/completions", headers={"Authorization": f"Bearer {APP_KEY}"},
                json={"model": "gpt", "stream": True, "messages": ASK, "tools": TOOLS}) as response:
            body = "".join(response.iter_text())
    chunks = [orjson.loads(line[6:]) for line in body.splitlines() if line.startswith("data: {")]
    assert not any(c["choices"] and c["choices"][0]["delta"].get("tool_calls") for c in chunks)
    final = next(c for c in chunks if c["choices"] and c["choices"][0].get("finish_reason"))
    held = final["quarterdeck"]["tool_calls"][0]
    assert held["decision"] == "hold" and held["approval_id"] in final["choices"][0]["delta"]["content"]
    assert final["choices"][0]["finish_reason"] == "stop" and body.rstrip().endswith("[DONE]")
    assert gw.app.store.tool_approvals.get(held["approval_id"]).status == "pending"


def test_a_stream_with_mixed_decisions(agent: tuple[Gateway, FakeUpstream]) -> None:
    """Several calls in one streamed choice: the allowed ones arrive renumbered, the others as notes after
    the text already sent; the Anthropic stream of the same answer carries the same decisions."""
    gw, up = agent
    calls = [("search_docs", '{"q": "a"}'), ("delete_record", '{"id": 1}'), ("read_docs", "{}"),
             ("send_email", '{"to": "y@example.com"}'), ("search_docs", '{"q": "b"}')]

    def chunks(model: str) -> list[dict[str, Any]]:
        def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
            return {"id": "chatcmpl-x", "object": "chat.completion.chunk", "created": 1, "model": model,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        out = [chunk({"role": "assistant", "content": "Let me check."})]
        for i, (name, arguments) in enumerate(calls):
            out.append(chunk({"tool_calls": [{"index": i, "id": f"call_{i}", "type": "function",
                                              "function": {"name": name, "arguments": ""}}]}))
            out.append(chunk({"tool_calls": [{"index": i, "function": {"arguments": arguments}}]}))
        return [*out, chunk({}, "tool_calls")]

    up.stream_script = chunks
    with gw.openai() as client:
        stream = client.chat.completions.create(model="gpt", messages=ASK, tools=TOOLS, stream=True)
        received = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in received if c.choices)
    sent = [call for c in received if c.choices for call in c.choices[0].delta.tool_calls or []]
    assert [(c.index, c.id, c.function.name, c.function.arguments) for c in sent] == [
        (0, "call_0", "search_docs", '{"q": "a"}'), (1, "call_4", "search_docs", '{"q": "b"}')]
    assert text.startswith("Let me check.\n\n[quarterdeck] The tool call delete_record (call_1) was not run")
    assert "read_docs (call_2) was not run" in text and "send_email (call_3) is waiting for approval" in text
    assert received[-1].choices[0].finish_reason == "tool_calls"
    with gw.anthropic() as client, client.messages.stream(
            model="gpt", max_tokens=50, messages=ASK,
            tools=[{"name": n, "input_schema": {"type": "object"}} for n, _ in calls]) as events:
        message = events.get_final_message()
    assert [b.type for b in message.content] == ["text", "tool_use", "tool_use"]
    assert "send_email (call_3) is waiting for approval" in message.content[0].text
    assert [b.input for b in message.content if b.type == "tool_use"] == [{"q": "a"}, {"q": "b"}]


def test_a_stream_cut_before_its_finish_still_decides_the_calls(agent: tuple[Gateway, FakeUpstream]) -> None:
    gw, up = agent

    def chunks(model: str) -> list[dict[str, Any]]:
        return [{"id": "c", "object": "chat.completion.chunk", "created": 1, "model": model, "choices": [
            {"index": 0, "finish_reason": None, "delta": {"tool_calls": [
                {"index": 0, "id": "call_z", "type": "function",
                 "function": {"name": "delete_record", "arguments": "{}"}}]}}]}]

    up.stream_script = chunks
    with httpx2.Client(timeout=20) as http, http.stream(
            "POST", gw.url + "/v1/chat/completions", headers={"Authorization": f"Bearer {APP_KEY}"},
            json={"model": "gpt", "stream": True, "messages": ASK, "tools": TOOLS}) as response:
        body = "".join(response.iter_text())
    chunks_seen = [orjson.loads(line[6:]) for line in body.splitlines() if line.startswith("data: {")]
    last = chunks_seen[-1]
    assert last["quarterdeck"]["tool_calls"][0]["decision"] == "deny"
    assert "delete_record (call_z) was not run" in last["choices"][0]["delta"]["content"]
    assert body.rstrip().endswith("[DONE]")


def test_legacy_function_call_answers_are_decided_too(agent: tuple[Gateway, FakeUpstream]) -> None:
    gw, up = agent
    up.message_script = {"role": "assistant", "content": None,
                         "function_call": {"name": "delete_record", "arguments": "{}"}}
    response = gw.request("POST", "/v1/chat/completions", headers={"Authorization": f"Bearer {APP_KEY}"}, json={
        "model": "gpt", "messages": ASK, "functions": [{"name": "delete_record", "parameters": {}}]})
    choice = response.json()["choices"][0]
    assert "function_call" not in choice["message"] and choice["finish_reason"] == "stop"
    assert "delete_record was not run" in choice["message"]["content"]


def test_a_broken_schema_ref_is_refused_at_push(agent: tuple[Gateway, FakeUpstream]) -> None:
    gw, _ = agent
    for schema, needle in (({"$ref": "#/$defs/url"}, "does not resolve"),
                           ({"$ref": "https://example.com/s.json"}, "points outside the schema")):
        response = gw.admin("POST", "/api/guard-policies/other/versions", key=ADMIN_KEY, json={
            "content": {"tools": {"rules": [{"name": "x", "action": "allow", "arguments": schema}]}}})
        assert response.status_code == 422 and needle in response.json()["error"]["message"], response.text


def test_anthropic_tool_use_is_controlled_too(agent: tuple[Gateway, FakeUpstream]) -> None:
    gw, _ = agent
    ant: FakeUpstream = gw.ant  # type: ignore[attr-defined]
    ant.reply_tool_call = ("delete_record", {"id": 1})
    with gw.anthropic() as client:
        message = client.messages.create(model="claude", max_tokens=100, messages=ASK, tools=[
            {"name": "delete_record", "input_schema": {"type": "object"}}])
    assert [b.type for b in message.content] == ["text"]
    assert "delete_record" in message.content[0].text and "was not run" in message.content[0].text
    assert message.stop_reason == "end_turn"
    assert isinstance(message, anthropic.types.Message)


def test_approvals_cli(agent: tuple[Gateway, FakeUpstream]) -> None:
    gw, up = agent
    approver = issue_key(gw.app.store, name="cli-approver", role="approver")[0]
    first = _ask(gw, up, "send_email", {"to": "a@example.com"}).headers["x-quarterdeck-pending-approvals"]
    second = _ask(gw, up, "send_email", {"to": "b@example.com"}).headers["x-quarterdeck-pending-approvals"]
    runner = CliRunner()

    def run(*args: str, key: str = approver) -> Any:
        return runner.invoke(cli_app, [*args, "--url", gw.url, "--key", key], env={"COLUMNS": "200"})

    listed = run("approvals", "list")
    assert listed.exit_code == 0, listed.output
    assert first in listed.output and second in listed.output and "send_email" in listed.output
    approved = run("approvals", "approve", first, "--comment", "ok")
    assert approved.exit_code == 0 and "approved by cli-approver" in approved.output
    denied = run("approvals", "deny", second, "--reason", "wrong person")
    assert denied.exit_code == 0 and "denied" in denied.output
    assert "no pending tool approvals" in run("approvals", "list").output
    everything = orjson.loads(run("approvals", "list", "--status", "all", "--json").output)
    assert {a["id"]: a["status"] for a in everything} == {first: "approved", second: "denied"}
    twice = run("approvals", "approve", first)
    assert twice.exit_code == 1 and "already approved" in twice.output
    bad = run("approvals", "list", "--status", "maybe")
    assert bad.exit_code == 2
    viewer = issue_key(gw.app.store, name="cli-viewer", role="viewer")[0]
    third = _ask(gw, up, "send_email", {"to": "c@example.com"}).headers["x-quarterdeck-pending-approvals"]
    refused = run("approvals", "approve", third, key=viewer)
    assert refused.exit_code == 1 and "approver" in refused.output
    shown = run("approvals", "show", third, key=viewer)
    assert shown.exit_code == 0 and "pending" in shown.output and "c@example.com" in shown.output


def test_no_key_decides_its_own_held_call(agent: tuple[Gateway, FakeUpstream]) -> None:
    """The config's admin key (which has no key id) may both call models and decide approvals: it must
    still not decide a call its own request made."""
    gw, up = agent
    up.reply_tool_call = ("send_email", {"to": "x@example.com"})
    with gw.openai(api_key=ADMIN_KEY) as client:
        raw = client.chat.completions.with_raw_response.create(model="gpt", messages=ASK, tools=TOOLS)
    approval_id = raw.headers["x-quarterdeck-pending-approvals"]
    mine = gw.admin("POST", f"/api/tool-approvals/{approval_id}/approve", key=ADMIN_KEY, json={})
    assert mine.status_code == 403 and mine.json()["error"]["code"] == "self_approval"
    other_admin = gw.create_key("second-admin", role="admin")["key"]
    assert gw.admin("POST", f"/api/tool-approvals/{approval_id}/approve", key=other_admin,
                    json={}).json()["status"] == "approved"


def test_redacted_values_are_restored_in_tool_arguments(gateways: Callable[..., Gateway],
                                                         fakes: Callable[..., FakeUpstream]) -> None:
    """The model saw a placeholder; the approver and the app get the value the user wrote."""
    up = fakes("openai", "up")
    gw = gateways([{"name": "gpt", "deployments": [{"provider": "p", "model": "m"}]}], {"p": up},
                  server={"log_flush_interval_s": 0.05, "registry_poll_s": 0.05})
    release_policy(gw, {**POLICY, "input": [{"type": "pii", "action": "redact", "restore": True, "ner": False}]})
    up.reply_tool_call = ("send_email", {"to": "<EMAIL_ADDRESS_1>", "body": "hi"})
    with gw.openai() as client:
        raw = client.chat.completions.with_raw_response.create(model="gpt", tools=TOOLS, messages=[
            {"role": "user", "content": "Mail jane.doe@example.com please"}])
    assert "jane.doe@example.com" not in orjson.dumps(up.calls[-1].json).decode()
    held = gw.app.store.tool_approvals.get(raw.headers["x-quarterdeck-pending-approvals"])
    assert orjson.loads(held.arguments) == {"to": "jane.doe@example.com", "body": "hi"}


@pytest.mark.parametrize(("tools", "needle"), [
    ({"default": "maybe"}, "tools.default"),
    ({"rules": [{"name": "x", "action": "allow", "arguments": {"type": "no-such-type"}}]},
     "tools.rules.0.arguments: not a valid JSON Schema"),
    ({"rules": [{"name": "x", "action": "allow", "extra": 1}]}, "tools.rules.0.extra"),
    ({"rules": [{"action": "deny"}]}, "tools.rules.0.name"),
])
def test_bad_tool_policies_are_refused(agent: tuple[Gateway, FakeUpstream], tools: dict[str, Any],
                                       needle: str) -> None:
    gw, _ = agent
    response = gw.admin("POST", "/api/guard-policies/other/versions", key=ADMIN_KEY,
                        json={"content": {"tools": tools}})
    assert response.status_code == 422 and needle in response.json()["error"]["message"], response.text
