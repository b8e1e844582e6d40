"""Limits, budgets and the cache through one gateway: in-process state, and Redis where it matters."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import openai
import pytest

from tests.gateway_harness import APP_KEY
from tests.redis_helper import redis_url_or_skip
from tests.upstreams import FakeUpstream, Fault

CHAT = "/v1/chat/completions"
HELLO = [{"role": "user", "content": "hi"}]
PRICED = {"input_cost_per_mtok": 1.0, "output_cost_per_mtok": 2.0}
COST = (10 * 1.0 + 5 * 2.0) / 1_000_000  # the fakes' usage (10, 5)


def model(up_name: str = "p", **extra: Any) -> dict[str, Any]:
    return {"name": "m", "deployments": [{"provider": up_name, "model": "x", **PRICED}], "retries": 0, **extra}


def key_with(**limits: Any) -> list[dict[str, Any]]:
    return [{"name": "app", "key": APP_KEY, **limits}]


def spend(gw: Any) -> dict[str, Any]:
    key_id = next(k for k in gw.admin("GET", "/api/keys").json()["data"] if k["name"] == "app")["id"]
    response = gw.admin("GET", f"/api/keys/{key_id}/spend")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def wait_for(predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.02)


def test_upstream_errors_leave_no_reservation(fakes: Any, gateways: Any) -> None:
    up = fakes("openai", "up")
    gw = gateways([model()], {"p": up}, keys=key_with(budget_usd=3 * 25e-6, budget_period="daily"),
                  circuit_breaker={"failure_threshold": 100})
    up.set_always(Fault("status", 500))
    with gw.openai() as client:
        for _ in range(10):  # each reserves ~25 µ$ of a 75 µ$ budget, then is released
            with pytest.raises(openai.APIStatusError) as failed:
                client.chat.completions.create(model="m", messages=HELLO, max_tokens=10)
            assert failed.value.status_code == 502
        up.set_always(None)
        for _ in range(3):
            client.chat.completions.create(model="m", messages=HELLO, max_tokens=10)
    wait_for(lambda: spend(gw)["reserved_usd"] == 0)
    assert spend(gw)["spent_usd"] == pytest.approx(3 * COST)


def test_client_disconnect_mid_stream_releases_the_reservation(fakes: Any, gateways: Any) -> None:
    up = fakes("openai", "slow", chunk_delay=0.3)
    gw = gateways([model()], {"p": up}, keys=key_with(budget_usd=30e-6, budget_period="daily"))
    body = {"model": "m", "messages": HELLO, "max_tokens": 10, "stream": True}
    for _ in range(3):
        with httpx.Client(timeout=10) as http, http.stream(
            "POST", gw.url + CHAT, json=body, headers={"Authorization": f"Bearer {APP_KEY}"}
        ) as response:
            assert response.status_code == 200
            next(response.iter_lines())  # take one event, then hang up
    wait_for(lambda: spend(gw)["reserved_usd"] == 0)
    assert spend(gw)["spent_usd"] == 0
    up.chunk_delay = 0.0
    with gw.openai() as client:  # the budget (one request's worst case) is whole again
        client.chat.completions.create(model="m", messages=HELLO, max_tokens=10)


def test_streamed_and_plain_requests_spend_the_same(fakes: Any, gateways: Any) -> None:
    up = fakes("openai", "up")
    gw = gateways([model()], {"p": up}, keys=key_with(budget_usd=1.0, budget_period="monthly"))
    with gw.openai() as client:
        client.chat.completions.create(model="m", messages=HELLO)
        wait_for(lambda: spend(gw)["spent_usd"] > 0)
        after_plain = spend(gw)["spent_usd"]
        list(client.chat.completions.create(model="m", messages=HELLO, stream=True))
    wait_for(lambda: spend(gw)["spent_usd"] > after_plain)
    assert spend(gw)["spent_usd"] == pytest.approx(2 * after_plain)
    assert after_plain == pytest.approx(COST)


def test_budget_refusal_names_the_budget_and_period(fakes: Any, gateways: Any) -> None:
    up = fakes("openai", "up")
    gw = gateways([model()], {"p": up}, keys=key_with(budget_usd=1e-6, budget_period="daily"))
    response = gw.request("POST", CHAT, json={"model": "m", "messages": HELLO},
                          headers={"Authorization": f"Bearer {APP_KEY}"})
    assert response.status_code == 429
    error = response.json()["error"]
    assert error["code"] == "budget_exceeded" and error["type"] == "insufficient_quota"
    assert "'app'" in error["message"] and "per day" in error["message"]
    assert 0 < int(response.headers["retry-after"]) <= 86_400
    assert up.count(CHAT) == 0


def test_team_rpm_is_shared_by_its_keys(fakes: Any, gateways: Any) -> None:
    up = fakes("openai", "up")
    gw = gateways([model()], {"p": up}, keys=key_with(team="web"), teams=[{"name": "web", "rpm": 3}])
    other = gw.create_key("second", team="web")["key"]
    statuses = []
    for i in range(6):
        response = gw.request("POST", CHAT, json={"model": "m", "messages": HELLO},
                              headers={"Authorization": f"Bearer {APP_KEY if i % 2 else other}"})
        statuses.append(response.status_code)
    assert statuses.count(200) == 3 and statuses.count(429) == 3
    refused = gw.request("POST", CHAT, json={"model": "m", "messages": HELLO},
                         headers={"Authorization": f"Bearer {other}"})
    assert "team 'web'" in refused.json()["error"]["message"]


def test_model_tpm_and_a_request_that_can_never_fit(fakes: Any, gateways: Any) -> None:
    up = fakes("openai", "up")
    gw = gateways([model(tpm=100)], {"p": up})
    response = gw.request("POST", CHAT, json={"model": "m", "messages": HELLO, "max_tokens": 500},
                          headers={"Authorization": f"Bearer {APP_KEY}"})
    assert response.status_code == 429 and "retry-after" not in response.headers
    assert "more than the model 'm' may use in a minute" in response.json()["error"]["message"]


def test_admin_api_changes_limits_at_once(fakes: Any, gateways: Any) -> None:
    up = fakes("openai", "up")
    gw = gateways([model()], {"p": up})
    key = gw.create_key("limited")
    auth = {"Authorization": f"Bearer {key['key']}"}
    assert gw.request("POST", CHAT, json={"model": "m", "messages": HELLO}, headers=auth).status_code == 200
    changed = gw.admin("PATCH", f"/api/keys/{key['id']}", json={"rpm": 1})
    assert changed.status_code == 200 and changed.json()["rpm"] == 1
    assert gw.request("POST", CHAT, json={"model": "m", "messages": HELLO}, headers=auth).status_code == 200
    assert gw.request("POST", CHAT, json={"model": "m", "messages": HELLO}, headers=auth).status_code == 429
    cleared = gw.admin("PATCH", f"/api/keys/{key['id']}", json={"rpm": None})
    assert cleared.json()["rpm"] is None
    assert gw.request("POST", CHAT, json={"model": "m", "messages": HELLO}, headers=auth).status_code == 200
    # bad input on the new surfaces
    assert gw.admin("PATCH", f"/api/keys/{key['id']}", json={"rpm": "x"}).status_code == 422
    assert gw.admin("PATCH", f"/api/keys/{key['id']}", json={"colour": 1}).status_code == 422
    assert gw.admin("PATCH", "/api/keys/nope", json={"rpm": 1}).status_code == 404
    assert gw.admin("PATCH", f"/api/keys/{key['id']}", json={"models": ["zz"]}).status_code == 422
    assert gw.admin("PATCH", f"/api/keys/{key['id']}", json={"rpm": 1}, key=key["key"]).status_code == 403
    assert gw.admin("GET", "/api/teams/nope").status_code == 404
    put = gw.admin("PUT", "/api/teams/ml", json={"tpm": 1000, "budget_usd": 2, "budget_period": "weekly"})
    assert put.status_code == 200 and put.json()["source"] == "api"
    assert gw.admin("PUT", "/api/teams/ml", json={"budget_period": "yearly"}).status_code == 422
    team_spend = gw.admin("GET", "/api/teams/ml/spend").json()
    assert team_spend["budget_usd"] == 2 and team_spend["period"].startswith("w")
    assert [t["name"] for t in gw.admin("GET", "/api/teams").json()] == ["ml"]


def test_reconcile_endpoint_reports_zero_drift(fakes: Any, gateways: Any) -> None:
    up = fakes("openai", "up")
    gw = gateways([model()], {"p": up}, keys=key_with(budget_usd=1, budget_period="none"))
    with gw.openai() as client:
        for _ in range(5):
            client.chat.completions.create(model="m", messages=HELLO)
    report = gw.admin("POST", "/api/spend/reconcile").json()
    assert report["drifting"] == 0
    (row,) = report["data"]
    assert row["spent_usd"] == pytest.approx(5 * COST) and row["logged_usd"] == pytest.approx(5 * COST)
    asyncio.run(gw.app.state.set_spent(row["scope"], row["period"], 1.0))  # break the counter on purpose
    broken = gw.admin("POST", "/api/spend/reconcile").json()
    assert broken["drifting"] == 1
    fixed = gw.admin("POST", "/api/spend/reconcile?fix=true").json()
    assert fixed["fixed"] is True
    assert gw.admin("POST", "/api/spend/reconcile").json()["drifting"] == 0


def test_cache_hits_cost_nothing_and_no_cache_skips(fakes: Any, gateways: Any) -> None:
    up = fakes("openai", "up")
    gw = gateways([model(cache_ttl_s=60)], {"p": up}, keys=key_with(budget_usd=1, budget_period="daily"))
    with gw.openai() as client:
        first = client.chat.completions.with_raw_response.create(model="m", messages=HELLO, temperature=0)
        second = client.chat.completions.with_raw_response.create(model="m", messages=HELLO, temperature=0)
        assert up.count(CHAT) == 1
        assert second.headers.get("x-quarterdeck-cache") == "hit"
        assert second.parse().choices[0].message.content == first.parse().choices[0].message.content
        client.chat.completions.create(model="m", messages=HELLO, temperature=0,
                                       extra_headers={"Cache-Control": "no-cache"})
        assert up.count(CHAT) == 2
        client.chat.completions.create(model="m", messages=HELLO, temperature=0.5)  # another body: a miss
        assert up.count(CHAT) == 3
    hit_row = gw.row(second.headers["x-request-id"])
    assert hit_row.cache_hit and hit_row.cost_usd == 0
    assert gw.row(first.headers["x-request-id"]).cost_usd == pytest.approx(COST)
    assert gw.metric("quarterdeck_cache_total", model="m", result="hit") == 1
    wait_for(lambda: spend(gw)["spent_usd"] == pytest.approx(3 * COST))


@pytest.mark.redis
def test_redis_down_fail_closed_answers_503(fakes: Any, gateways: Any) -> None:
    up = fakes("openai", "up")
    gw = gateways([model()], {"p": up}, keys=key_with(rpm=100), redis="redis://127.0.0.1:1/0")
    started = time.monotonic()
    response = gw.request("POST", CHAT, json={"model": "m", "messages": HELLO},
                          headers={"Authorization": f"Bearer {APP_KEY}"})
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "service_unavailable"
    assert time.monotonic() - started < 5
    assert up.count(CHAT) == 0
    assert gw.request("GET", "/healthz").status_code == 200  # the server is up


@pytest.mark.redis
def test_redis_down_fail_open_admits_and_logs_loudly(
    fakes: Any, gateways: Any, caplog: pytest.LogCaptureFixture
) -> None:
    up = fakes("openai", "up")
    gw = gateways([model()], {"p": up}, keys=key_with(rpm=1, budget_usd=1, budget_period="daily"),
                  redis="redis://127.0.0.1:1/0", limits={"fail_open": True})
    with caplog.at_level(logging.ERROR, logger="quarterdeck.state"), gw.openai() as client:
        for _ in range(3):  # rpm 1, but the limit can't be checked: admitted unchecked
            client.chat.completions.create(model="m", messages=HELLO)
    assert up.count(CHAT) == 3
    assert any("shared state unavailable" in r.getMessage() for r in caplog.records)


@pytest.mark.redis
def test_redis_limits_through_one_gateway(fakes: Any, gateways: Any) -> None:
    redis_url = redis_url_or_skip()
    up = fakes("openai", "up")
    prefix = f"qdtest:{uuid.uuid4().hex[:12]}:"
    gw = gateways([model(cache_ttl_s=30)], {"p": up}, keys=key_with(rpm=2), redis=redis_url, redis_prefix=prefix)
    statuses = [
        gw.request("POST", CHAT, json={"model": "m", "messages": [{"role": "user", "content": f"n{i}"}]},
                   headers={"Authorization": f"Bearer {APP_KEY}"}).status_code
        for i in range(4)
    ]
    assert statuses == [200, 200, 429, 429]


def test_budget_spend_survives_a_restart_with_in_process_state(fakes: Any, gateways: Any, tmp_path: Any) -> None:
    up: FakeUpstream = fakes("openai", "up")
    store = f"sqlite:///{tmp_path / 'shared.db'}"
    first = gateways([model()], {"p": up}, keys=key_with(budget_usd=1, budget_period="daily"), store=store)
    with first.openai() as client:
        for _ in range(4):
            client.chat.completions.create(model="m", messages=HELLO)
    wait_for(lambda: first.app.store.requests.count() == 4)
    second = gateways([model()], {"p": up}, keys=key_with(budget_usd=1, budget_period="daily"), store=store)
    assert spend(second)["spent_usd"] == pytest.approx(4 * COST)


@pytest.mark.redis
def test_circuit_opened_by_one_replica_is_seen_by_the_other(fakes: Any, gateways: Any) -> None:
    redis_url = redis_url_or_skip()
    down, healthy = fakes("openai", "down"), fakes("openai", "healthy")
    down.set_always(Fault("status", 500))
    prefix = f"qdtest:{uuid.uuid4().hex[:12]}:"
    models = [{"name": "m", "retries": 1, "deployments": [
        {"provider": "a", "model": "x"}, {"provider": "b", "model": "y"}]}]
    shared = {"redis": redis_url, "redis_prefix": prefix, "circuit_breaker": {"failure_threshold": 2, "cooldown_s": 30}}
    one = gateways(models, {"a": down, "b": healthy}, **shared)
    two = gateways(models, {"a": down, "b": healthy}, **shared)
    with one.openai() as client:
        for _ in range(2):
            client.chat.completions.create(model="m", messages=HELLO)
    assert down.count(CHAT) == 2  # replica one opened its circuit
    time.sleep(1.2)  # replicas take in shared circuit state every 0.5 s
    with two.openai() as client:
        for _ in range(3):
            client.chat.completions.create(model="m", messages=HELLO)
    assert down.count(CHAT) == 2  # replica two never tried the deployment
