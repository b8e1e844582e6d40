"""Governed releases end to end: push, approvals, a sticky canary, promotion, rollback, auto-rollback.

A real gateway serves ``prompt:support-reply@production`` to the official OpenAI SDK; the fake
upstream echoes the rendered user message, so each answer shows which prompt version served it.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import openai
import pytest

from quarterdeck.gateway.keys import issue_key
from tests.gateway_harness import ADMIN_KEY
from tests.integration.conftest import Gateway, wait_until
from tests.upstreams import FakeUpstream, Fault

PROMPT = "support-reply"
REF = f"prompt:{PROMPT}@production"


def prompt_content(tag: str, model: str = "gpt") -> dict[str, Any]:
    return {
        "model": model,
        "messages": [
            {"role": "system", "content": "You answer questions about {{product}}."},
            {"role": "user", "content": tag + ": {{question}}"},
        ],
        "params": {"temperature": 0.2},
    }


class Team:
    """Keys of each role on one gateway, and the admin-API calls a release needs."""

    def __init__(self, gw: Gateway) -> None:
        self.gw = gw
        store = gw.app.store
        self.releaser = issue_key(store, name="rel-author", role="releaser")[0]
        self.approver1 = issue_key(store, name="approver-1", role="approver")[0]
        self.approver2 = issue_key(store, name="approver-2", role="approver")[0]
        self.viewer = issue_key(store, name="viewer", role="viewer")[0]

    def call(self, method: str, path: str, key: str, json: Any = None, status: int = 200) -> Any:
        response = self.gw.admin(method, path, key=key, json=json)
        assert response.status_code == status, response.text
        return response.json() if response.content else None

    def push(self, content: dict[str, Any], policy: dict[str, Any] | None = None, key: str | None = None) -> int:
        body: dict[str, Any] = {"content": content}
        if policy is not None:
            body["release_policy"] = policy
        out = self.call("POST", f"/api/prompts/{PROMPT}/versions", key or ADMIN_KEY, body)
        return int(out["version"]["number"])

    def release(self, version: int, **extra: Any) -> dict[str, Any]:
        body = {"name": PROMPT, "label": "production", "version": version, "reason": f"ship v{version}", **extra}
        out: dict[str, Any] = self.call("POST", "/api/releases", self.releaser, body, status=201)
        return out

    def approve_both(self, release_id: str) -> None:
        for key in (self.approver1, self.approver2):
            self.call("POST", f"/api/releases/{release_id}/approve", key, {"comment": "lgtm"})

    def promote(self, release_id: str) -> dict[str, Any]:
        out: dict[str, Any] = self.call("POST", f"/api/releases/{release_id}/promote", self.releaser, {})
        return out


_CLIENTS: dict[str, openai.OpenAI] = {}


def ask(gw: Gateway, user: str, question: str = "hi") -> tuple[str, str]:
    """(answer text, request id) for one prompt call as ``user`` (one SDK client per gateway)."""
    client = _CLIENTS.get(gw.url)
    if client is None:
        client = _CLIENTS[gw.url] = gw.openai()
    raw = client.chat.completions.with_raw_response.create(
        model=REF, messages=[], user=user, extra_body={"variables": {"product": "Quarterdeck", "question": question}})
    completion = raw.parse()
    return completion.choices[0].message.content or "", raw.headers["x-request-id"]


TWO_APPROVALS = {"production": {"approvals": {"count": 2, "role": "approver"},
                                "canary": {"weight": 0.2, "min_requests": 100000}}}


@pytest.fixture(autouse=True)
def _close_clients() -> Iterator[None]:
    yield
    for client in _CLIENTS.values():
        client.close()
    _CLIENTS.clear()


@pytest.fixture
def team_gw(gateways: Callable[..., Gateway], fakes: Callable[..., FakeUpstream]) -> tuple[Team, Gateway, FakeUpstream]:
    up = fakes("openai", "up")
    gw = gateways([{"name": "gpt", "deployments": [{"provider": "p", "model": "m"}]}], {"p": up},
                  server={"log_flush_interval_s": 0.05, "registry_poll_s": 0.05, "canary_check_s": 0.1})
    return Team(gw), gw, up


def test_push_release_canary_promote_rollback(team_gw: tuple[Team, Gateway, FakeUpstream]) -> None:
    team, gw, up = team_gw
    v1 = team.push(prompt_content("v1"), TWO_APPROVALS)
    assert team.push(prompt_content("v1")) == v1  # identical content: same version

    first = team.release(v1)
    assert first["state"] == "pending" and first["canary_weight"] is None  # nothing stable to canary against
    assert any("approvals: 0 of 2" in gate for gate in first["unmet_gates"])
    team.approve_both(first["id"])
    assert team.promote(first["id"])["state"] == "promoted"
    answer, request_id = ask(gw, "someone")
    assert answer == "Hello from up: v1: hi"
    system = up.calls[-1].json["messages"][0]
    assert system == {"role": "system", "content": "You answer questions about Quarterdeck."}
    assert up.calls[-1].json["temperature"] == 0.2
    row = gw.row(request_id)
    assert (row.prompt_name, row.prompt_version, row.prompt_label, row.public_model) == (PROMPT, "1", "production",
                                                                                          "gpt")
    assert row.release_variant is None

    v2 = team.push(prompt_content("v2"))
    second = team.release(v2)
    assert second["canary_weight"] == 0.2 and second["from_version"] == v1
    team.approve_both(second["id"])
    assert team.promote(second["id"])["state"] == "canary"

    seen: dict[str, str] = {}
    ids: dict[str, str] = {}
    for i in range(500):
        answer, request_id = ask(gw, f"user-{i}")
        seen[f"user-{i}"] = answer.split(":")[1].strip()
        ids[request_id] = seen[f"user-{i}"]
    split = Counter(seen.values())
    assert set(split) == {"v1", "v2"}
    assert 0.15 <= split["v2"] / 500 <= 0.25, split
    for i in range(0, 500, 5):  # sticky: the same user always gets the same version
        assert ask(gw, f"user-{i}")[0].split(":")[1].strip() == seen[f"user-{i}"]
    sample = list(ids.items())[:40]
    for request_id, version in sample:
        row = gw.row(request_id)
        assert row.release_id == second["id"]
        assert row.release_variant == ("canary" if version == "v2" else "stable")
        assert row.prompt_version == version[1:]

    assert team.promote(second["id"])["state"] == "promoted"
    assert {ask(gw, f"user-{i}")[0] for i in range(20)} == {"Hello from up: v2: hi"}

    rolled = team.call("POST", f"/api/prompts/{PROMPT}/labels/production/rollback", team.releaser,
                       {"reason": "customers report wrong tone"})
    assert rolled["id"] == second["id"] and rolled["state"] == "rolled_back"
    answer, request_id = ask(gw, "user-1")
    assert answer == "Hello from up: v1: hi"
    assert gw.row(request_id).prompt_version == "1"

    actions = [e["action"] for e in team.call("GET", "/api/audit?limit=1000", team.viewer)["data"]]
    assert actions.count("release.approve") == 4
    assert actions[-1] == "release.rollback"
    assert team.call("GET", "/api/audit/verify", team.viewer)["ok"] is True


def canary_gateway(gateways: Callable[..., Gateway], fakes: Callable[..., FakeUpstream]) -> tuple[Team, Gateway,
                                                                                                  FakeUpstream]:
    stable, canary = fakes("openai", "stable"), fakes("openai", "canary")
    gw = gateways(
        [{"name": "gpt", "deployments": [{"provider": "s", "model": "m"}], "retries": 0},
         {"name": "gpt-next", "deployments": [{"provider": "c", "model": "m"}], "retries": 0}],
        {"s": stable, "c": canary},
        server={"log_flush_interval_s": 0.05, "registry_poll_s": 0.05, "canary_check_s": 0.1},
    )
    team = Team(gw)
    # latencies here are a few ms on a shared machine, so p95 ratios are noise: these tests judge errors
    policy = {"production": {"approvals": {"count": 1}, "canary": {"weight": 0.5, "min_requests": 10,
                                                                    "max_error_rate_delta": 0.2,
                                                                    "max_p95_ratio": 1000}}}
    v1 = team.push(prompt_content("v1"), policy)
    first = team.release(v1)
    team.call("POST", f"/api/releases/{first['id']}/approve", team.approver1, {})
    team.promote(first["id"])
    v2 = team.push(prompt_content("v2", model="gpt-next"))
    second = team.release(v2)
    team.call("POST", f"/api/releases/{second['id']}/approve", team.approver1, {})
    assert team.promote(second["id"])["state"] == "canary"
    return team, gw, canary


def send_until_canary_count(gw: Gateway, release_id: str, count: int) -> None:
    i = 0

    def logged() -> int:
        wait_until(lambda: gw.app.log_writer.pending == 0, timeout=10, what="the request log to be written")
        return len([r for r in gw.app.store.requests.by_release(release_id) if r.release_variant == "canary"])

    while logged() < count:
        for _ in range(10):
            try:
                ask(gw, f"u{i}")
            except openai.InternalServerError as exc:  # the failing canary answers 502; that is the point
                assert exc.status_code == 502
            i += 1
        assert i < 400, "canary never received enough traffic"


def test_canary_rolls_back_automatically_when_its_upstream_fails(
    gateways: Callable[..., Gateway], fakes: Callable[..., FakeUpstream]
) -> None:
    team, gw, canary = canary_gateway(gateways, fakes)
    canary.set_always(Fault("status", status=500))
    release_id = team.call("GET", "/api/releases?state=canary", team.viewer)["data"][0]["id"]
    send_until_canary_count(gw, release_id, 10)
    state = wait_until(lambda: team.call("GET", f"/api/releases/{release_id}", team.viewer)["state"] == "rolled_back",
                       timeout=10, what="automatic rollback")
    assert state
    release = team.call("GET", f"/api/releases/{release_id}", team.viewer)
    assert release["outcome"].startswith("automatic rollback: canary error rate")
    wait_until(lambda: not gw.app.registry_link.view.canaries_running, what="the gateway to drop the canary")
    answers = {ask(gw, f"later-{i}")[0] for i in range(20)}
    assert answers == {"Hello from stable: v1: hi"}
    events = team.call("GET", "/api/audit?action=release.auto_rollback", team.viewer)["data"]
    assert len(events) == 1 and events[0]["actor_name"] == "system:auto-rollback"


def test_healthy_canary_is_not_rolled_back(
    gateways: Callable[..., Gateway], fakes: Callable[..., FakeUpstream]
) -> None:
    team, gw, _ = canary_gateway(gateways, fakes)
    release_id = team.call("GET", "/api/releases?state=canary", team.viewer)["data"][0]["id"]
    send_until_canary_count(gw, release_id, 30)
    checks = gw.app.registry_link.canary_check_s
    time.sleep(checks * 10)  # ten judgements at least
    assert team.call("GET", f"/api/releases/{release_id}", team.viewer)["state"] == "canary"


def test_a_route_is_released_like_a_prompt(
    gateways: Callable[..., Gateway], fakes: Callable[..., FakeUpstream]
) -> None:
    old, new = fakes("openai", "old"), fakes("openai", "new")
    gw = gateways([{"name": "gpt", "deployments": [{"provider": "o", "model": "m"}]}], {"o": old, "n": new},
                  server={"log_flush_interval_s": 0.05, "registry_poll_s": 0.05})
    team = Team(gw)

    def route(provider: str) -> dict[str, Any]:
        return {"content": {"deployments": [{"provider": provider, "model": "m"}], "retries": 0}}

    status = gw.admin("POST", "/api/routes/gpt/versions", json={**route("ghost")})
    assert status.status_code == 422 and "unknown provider 'ghost'" in status.json()["error"]["message"]
    team.call("POST", "/api/routes/gpt/versions", ADMIN_KEY,
              {**route("o"), "release_policy": {"production": {"approvals": {"count": 0}}}})
    v2 = team.call("POST", "/api/routes/gpt/versions", ADMIN_KEY, route("n"))["version"]["number"]
    first = team.call("POST", "/api/releases", team.releaser,
                      {"kind": "route", "name": "gpt", "version": 1, "reason": "adopt the config's route"}, 201)
    team.promote(first["id"])
    second = team.call("POST", "/api/releases", team.releaser,
                       {"kind": "route", "name": "gpt", "version": v2, "reason": "move to n", "canary_weight": 0.5},
                       201)
    assert team.promote(second["id"])["state"] == "canary"

    client = _CLIENTS[gw.url] = gw.openai()

    def who(user: str) -> str:
        answer = client.chat.completions.create(model="gpt", messages=[{"role": "user", "content": "x"}], user=user)
        return (answer.choices[0].message.content or "").split(":")[0]

    answers = {f"u{i}": who(f"u{i}") for i in range(60)}
    assert set(answers.values()) == {"Hello from old", "Hello from new"}
    assert all(who(user) == answer for user, answer in list(answers.items())[:10])  # sticky
    team.promote(second["id"])
    assert {who(f"u{i}") for i in range(10)} == {"Hello from new"}
    team.call("POST", "/api/routes/gpt/labels/production/rollback", team.releaser, {"reason": "n is slow"})
    assert {who(f"u{i}") for i in range(10)} == {"Hello from old"}
