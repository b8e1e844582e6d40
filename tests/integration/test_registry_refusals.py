"""Every refusal of the registry and of prompt calls is clear: status, stable code, and a message
that names the thing at fault."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import openai
import pytest
from sqlalchemy import text

from quarterdeck.gateway.keys import issue_key
from tests.gateway_harness import ADMIN_KEY, APP_KEY
from tests.integration.conftest import Gateway
from tests.upstreams import FakeUpstream

CONTENT = {"model": "gpt", "messages": [{"role": "user", "content": "{{greeting}}, {{name}}"}]}


class Keys:
    def __init__(self, gw: Gateway) -> None:
        store = gw.app.store
        self.admin2 = issue_key(store, name="second-admin", role="admin")[0]
        self.releaser = issue_key(store, name="releaser", role="releaser")[0]
        self.approver = issue_key(store, name="approver", role="approver")[0]
        self.viewer = issue_key(store, name="viewer", role="viewer")[0]


@pytest.fixture
def reg(gateways: Callable[..., Gateway], fakes: Callable[..., FakeUpstream]) -> Iterator[tuple[Gateway, Keys]]:
    up, safe = fakes("openai", "up"), fakes("openai", "safe")
    gw = gateways([{"name": "gpt", "deployments": [{"provider": "p", "model": "m"}]},
                   {"name": "gpt-safe", "deployments": [{"provider": "s", "model": "m"}]}], {"p": up, "s": safe},
                  server={"log_flush_interval_s": 0.05, "registry_poll_s": 0.05})
    yield gw, Keys(gw)


def call(gw: Gateway, method: str, path: str, key: str | None, json: Any = None) -> tuple[int, dict[str, Any]]:
    response = gw.admin(method, path, key=key, json=json)
    return response.status_code, (response.json() if response.content else {})


def error_of(body: dict[str, Any]) -> tuple[str, str]:
    return body["error"]["code"], body["error"]["message"]


def pushed_and_released(gw: Gateway, keys: Keys, policy: dict[str, Any] | None = None) -> str:
    """Push the prompt (v1) and open a release of it to production; the release id."""
    body: dict[str, Any] = {"content": CONTENT}
    if policy is not None:
        body["release_policy"] = policy
    status, _ = call(gw, "POST", "/api/prompts/greet/versions", ADMIN_KEY, body)
    assert status in (200, 201)
    status, release = call(gw, "POST", "/api/releases", keys.releaser,
                           {"name": "greet", "label": "production", "reason": "first"})
    assert status == 201, release
    return str(release["id"])


def test_the_author_cannot_approve_their_own_release(reg: tuple[Gateway, Keys]) -> None:
    gw, keys = reg
    call(gw, "POST", "/api/prompts/greet/versions", ADMIN_KEY, {"content": CONTENT})
    status, release = call(gw, "POST", "/api/releases", keys.admin2,
                           {"name": "greet", "label": "production", "reason": "mine"})
    assert status == 201
    status, body = call(gw, "POST", f"/api/releases/{release['id']}/approve", keys.admin2, {})
    assert status == 403
    code, message = error_of(body)
    assert code == "self_approval" and "second-admin" in message and "cannot approve" in message
    status, body = call(gw, "POST", f"/api/releases/{release['id']}/approve", keys.approver, {})
    assert status == 200 and body["approvals"][0]["approver_name"] == "approver"
    status, body = call(gw, "POST", f"/api/releases/{release['id']}/approve", keys.approver, {})
    assert status == 409 and "already decided" in error_of(body)[1]


def test_a_viewer_cannot_approve_and_a_releaser_cannot_set_policy(reg: tuple[Gateway, Keys]) -> None:
    gw, keys = reg
    release_id = pushed_and_released(gw, keys)
    status, body = call(gw, "POST", f"/api/releases/{release_id}/approve", keys.viewer, {})
    assert status == 403
    code, message = error_of(body)
    assert code == "role_required" and "'viewer'" in message and "admin, approver" in message
    status, body = call(gw, "PUT", "/api/prompts/greet/policy", keys.releaser,
                        {"release_policy": {"production": {}}, "reason": "loosen"})
    assert status == 403 and error_of(body)[0] == "role_required"
    status, body = call(gw, "POST", "/api/prompts/greet/versions", keys.releaser,
                        {"content": CONTENT, "release_policy": {"production": {}}})
    assert status == 403 and error_of(body)[0] == "role_required"  # a push cannot weaken the gate either
    status, body = call(gw, "POST", "/api/prompts/greet/versions", keys.viewer, {"content": CONTENT})
    assert status == 403
    status, body = call(gw, "GET", "/api/prompts", None)
    assert status == 401
    status, body = call(gw, "GET", "/api/prompts", APP_KEY)
    assert status == 403 and error_of(body)[0] == "role_required"


def test_promotion_with_unmet_gates_is_refused_with_each_gate_named(reg: tuple[Gateway, Keys]) -> None:
    gw, keys = reg
    policy = {"production": {"approvals": {"count": 1},
                             "evals": [{"suite": "greet-quality", "metric": "pass_rate", "min": 0.9}]}}
    release_id = pushed_and_released(gw, keys, policy)
    status, body = call(gw, "POST", f"/api/releases/{release_id}/promote", keys.releaser, {})
    assert status == 409
    code, message = error_of(body)
    assert code == "gates_not_met"
    assert "approvals: 0 of 1" in message and "eval greet-quality: no completed run" in message

    status, low = call(gw, "POST", "/api/eval-runs", keys.releaser,
                       {"suite": "greet-quality", "target": "prompt:greet:1", "metrics": {"pass_rate": 0.7}})
    assert status == 201
    call(gw, "POST", f"/api/releases/{release_id}/eval-runs", keys.releaser, {"eval_runs": [low["id"]]})
    call(gw, "POST", f"/api/releases/{release_id}/approve", keys.approver, {})
    status, body = call(gw, "POST", f"/api/releases/{release_id}/promote", keys.releaser, {})
    assert status == 409
    assert error_of(body)[1].endswith(f"pass_rate = 0.7 in run {low['id']} is below 0.9")
    status, release = call(gw, "GET", f"/api/releases/{release_id}", keys.viewer)
    assert release["unmet_gates"] == [f"eval greet-quality: pass_rate = 0.7 in run {low['id']} is below 0.9"]

    _, good = call(gw, "POST", "/api/eval-runs", keys.releaser,
                   {"suite": "greet-quality", "target": "prompt:greet:1", "metrics": {"pass_rate": 0.95}})
    call(gw, "POST", f"/api/releases/{release_id}/eval-runs", keys.releaser, {"eval_runs": [good["id"]]})
    status, body = call(gw, "POST", f"/api/releases/{release_id}/promote", keys.releaser, {})
    assert status == 200 and body["state"] == "promoted"
    status, body = call(gw, "POST", f"/api/releases/{release_id}/promote", keys.releaser, {})
    assert status == 409 and error_of(body)[0] == "release_state"


def _promoted(gw: Gateway, keys: Keys) -> None:
    release_id = pushed_and_released(gw, keys, {"production": {"approvals": {"count": 0}}})
    status, _ = call(gw, "POST", f"/api/releases/{release_id}/promote", keys.releaser, {})
    assert status == 200


def test_prompt_calls_refuse_missing_variables_and_unknown_labels(reg: tuple[Gateway, Keys]) -> None:
    gw, keys = reg
    _promoted(gw, keys)
    with gw.openai() as client:
        answer = client.chat.completions.create(model="prompt:greet@production", messages=[],
                                                extra_body={"variables": {"greeting": "Hi", "name": "Ada"}})
        assert answer.choices[0].message.content == "Hello from up: Hi, Ada"
        with pytest.raises(openai.UnprocessableEntityError) as missing:
            client.chat.completions.create(model="prompt:greet@production", messages=[],
                                           extra_body={"variables": {"greeting": "Hi"}})
        assert missing.value.code == "missing_variable"
        assert "'name'" in missing.value.message and "prompt:greet@production" in missing.value.message
        with pytest.raises(openai.NotFoundError) as no_label:
            client.chat.completions.create(model="prompt:greet@staging", messages=[],
                                           extra_body={"variables": {"greeting": "Hi", "name": "Ada"}})
        assert "has no label 'staging'" in no_label.value.message and "production" in no_label.value.message
        with pytest.raises(openai.NotFoundError) as no_prompt:
            client.chat.completions.create(model="prompt:nope", messages=[])
        assert "No prompt named 'nope'" in no_prompt.value.message
        with pytest.raises(openai.NotFoundError) as no_version:
            client.chat.completions.create(model="prompt:greet:7", messages=[])
        assert "has no version 7" in no_version.value.message
        with pytest.raises(openai.BadRequestError) as bad_ref:
            client.chat.completions.create(model="prompt:greet@", messages=[])
        assert "not a prompt reference" in bad_ref.value.message
        with pytest.raises(openai.BadRequestError) as bad_vars:
            client.chat.completions.create(model="prompt:greet", messages=[], extra_body={"variables": ["Hi"]})
        assert "variables: must be an object" in bad_vars.value.message
    response = gw.request("POST", "/v1/chat/completions", json={"model": "prompt:greet", "messages": []},
                          headers={"Authorization": f"Bearer {APP_KEY}", "X-Quarterdeck-Variables": "{nope"})
    assert response.status_code == 400 and "X-Quarterdeck-Variables" in response.json()["error"]["message"].title()
    response = gw.request("POST", "/v1/chat/completions", json={"model": "prompt:greet", "messages": []},
                          headers={"Authorization": f"Bearer {APP_KEY}",
                                   "X-Quarterdeck-Variables": '{"greeting": "Yo", "name": 3}'})
    assert response.status_code == 200 and response.json()["choices"][0]["message"]["content"].endswith("Yo, 3")


def test_kill_switch_refuses_or_falls_back(reg: tuple[Gateway, Keys]) -> None:
    gw, keys = reg
    _promoted(gw, keys)
    variables = {"variables": {"greeting": "Hi", "name": "Ada"}}
    status, _ = call(gw, "POST", "/api/kill-switches", keys.releaser, {"target": "prompt:greet", "reason": "INC-7"})
    assert status == 201
    with gw.openai() as client:
        with pytest.raises(openai.InternalServerError) as killed:
            client.chat.completions.create(model="prompt:greet@production", messages=[], extra_body=variables)
        assert killed.value.status_code == 503 and killed.value.code == "kill_switch"
        assert "switched off: INC-7" in killed.value.message
        status, body = call(gw, "POST", "/api/kill-switches", keys.releaser,
                            {"target": "model:gpt", "fallback": "gpt-safe", "reason": "provider outage"})
        assert status == 201
        assert client.chat.completions.create(model="gpt", messages=[{"role": "user", "content": "x"}]).model == (
            "gpt-safe")
        status, body = call(gw, "POST", "/api/kill-switches", keys.releaser,
                            {"target": "model:gpt", "fallback": "prompt:greet", "reason": "x"})
        assert status == 422 and "another model name" in error_of(body)[1]
        status, body = call(gw, "POST", "/api/kill-switches", keys.releaser, {"target": "greet", "reason": "x"})
        assert status == 422 and "prompt:NAME or model:NAME" in error_of(body)[1]
        status, body = call(gw, "POST", "/api/kill-switches", keys.releaser, {"target": "prompt:ghost", "reason": "x"})
        assert status == 404
        status, body = call(gw, "POST", "/api/kill-switches", keys.approver, {"target": "model:gpt", "reason": "x"})
        assert status == 403
        for target in ("prompt:greet", "model:gpt"):
            status, _ = call(gw, "POST", "/api/kill-switches/off", keys.releaser, {"target": target, "reason": "ok"})
            assert status == 204
        status, body = call(gw, "POST", "/api/kill-switches/off", keys.releaser,
                            {"target": "model:gpt", "reason": "ok"})
        assert status == 409
        answer = client.chat.completions.create(model="prompt:greet", messages=[], extra_body=variables)
        assert answer.model == "gpt"


def test_a_tampered_audit_row_is_detected(reg: tuple[Gateway, Keys]) -> None:
    gw, keys = reg
    _promoted(gw, keys)
    status, result = call(gw, "GET", "/api/audit/verify", keys.viewer)
    # policy, push, release.create, release.promote
    assert status == 200 and result["ok"] is True and result["checked"] == 4
    with gw.app.store.engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 3"))
    status, result = call(gw, "GET", "/api/audit/verify", keys.viewer)
    assert result["ok"] is False and result["broken_seq"] == 3 and "was altered" in result["problem"]
    with gw.app.store.engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET reason = 'first' WHERE seq = 3"))
    assert call(gw, "GET", "/api/audit/verify", keys.viewer)[1]["ok"] is True
    with gw.app.store.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log WHERE seq = 2"))
    result = call(gw, "GET", "/api/audit/verify", keys.viewer)[1]
    assert result["ok"] is False and result["broken_seq"] == 2 and "missing" in result["problem"]
    with gw.app.store.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log WHERE seq > 1"))
    result = call(gw, "GET", "/api/audit/verify", keys.viewer)[1]
    assert result["ok"] is False and result["broken_seq"] == 2 and "removed from the end" in result["problem"]


@pytest.mark.parametrize(
    ("path", "body", "status", "needle"),
    [
        ("/api/prompts/greet/versions", {"content": {**CONTENT, "temprature": 1}}, 422, "content.temprature"),
        ("/api/prompts/greet/versions", {"content": {"model": "gpt", "messages": []}}, 422, "content.messages"),
        ("/api/prompts/greet/versions", {"content": {**CONTENT, "params": {"model": "x"}}}, 422, "params may not"),
        ("/api/prompts/bad%20name/versions", {"content": CONTENT}, 422, "not a valid artifact name"),
        ("/api/prompts/greet/versions", {"content": CONTENT, "release_policy": {"production": {"approvals": 2}}},
         422, "release_policy.production.approvals"),
        ("/api/prompts/greet/versions", {"content": CONTENT, "extra": 1}, 422, "extra"),
        ("/api/releases", {"name": "greet", "label": "production"}, 422, "reason"),
        ("/api/releases", {"name": "ghost", "label": "production", "reason": "r"}, 404, "No prompt named 'ghost'"),
        ("/api/releases", {"name": "greet", "version": 9, "reason": "r"}, 404, "no version 9"),
        ("/api/releases", {"name": "greet", "reason": "r", "canary_weight": 1.5}, 422, "canary_weight"),
        ("/api/releases", {"name": "greet", "reason": "r", "eval_runs": ["run_x"]}, 404, "run_x"),
        ("/api/releases/rel_nope/promote", {}, 404, "rel_nope"),
        ("/api/eval-runs", {"suite": "s", "target": "t", "metrics": {"a": "high"}}, 422, "metrics.a"),
    ],
)
def test_bad_registry_input(reg: tuple[Gateway, Keys], path: str, body: Any, status: int, needle: str) -> None:
    gw, _ = reg
    call(gw, "POST", "/api/prompts/greet/versions", ADMIN_KEY, {"content": CONTENT})
    got, answer = call(gw, "POST", path, ADMIN_KEY, body)
    assert got == status, answer
    assert needle in answer["error"]["message"]


def test_malformed_json_and_wrong_types_on_the_admin_api(reg: tuple[Gateway, Keys]) -> None:
    gw, _ = reg
    response = gw.request("POST", "/api/releases", content=b"{not json",
                          headers={"Authorization": f"Bearer {ADMIN_KEY}", "Content-Type": "application/json"})
    assert response.status_code == 422 and response.json()["error"]["code"] == "unprocessable"
    response = gw.admin("POST", "/api/prompts/greet/versions", json={"content": "a string"})
    assert response.status_code == 422 and "content" in response.json()["error"]["message"]
