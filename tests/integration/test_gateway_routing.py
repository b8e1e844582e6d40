"""Routing as the upstreams see it: retries, fallbacks, Retry-After, timeouts, circuit breaker, strategies.

Each test starts its own fakes and gateway (routing state — circuit breakers, latency averages — is
per gateway) and checks what reached which upstream through the fakes' recorded calls.
"""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import anthropic
import openai
import pytest

from tests.gateway_harness import APP_KEY
from tests.upstreams import Fault

HELLO: list[Any] = [{"role": "user", "content": "hi there"}]
CHAT = "/v1/chat/completions"


def dep(provider: str, model: str, **fields: Any) -> dict[str, Any]:
    return {"provider": provider, "model": model, **fields}


def route(name: str, *deployments: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {"name": name, "deployments": list(deployments), **fields}


def answered_by(completion: Any) -> str:
    """The fake's name from its deterministic answer "Hello from <name>: ..."."""
    content: str = completion.choices[0].message.content
    assert content.startswith("Hello from "), content
    return content.removeprefix("Hello from ").split(":")[0]


def two_deployments(fakes: Any, gateways: Any, **fields: Any) -> tuple[Any, Any, Any]:
    """Model ``m`` over deployments ``p1/m1`` (fake "one") then ``p2/m2`` (fake "two"), ordered."""
    one, two = fakes("openai", "one"), fakes("openai", "two")
    gw = gateways([route("m", dep("p1", "m1"), dep("p2", "m2"), **fields)], {"p1": one, "p2": two})
    return gw, one, two


# ------------------------------------------------------------------------------ fallbacks and retries


def test_fallback_model_answers_when_every_deployment_failed(fakes: Any, gateways: Any) -> None:
    a, b = fakes("openai", "a"), fakes("openai", "b")
    a.set_always(Fault("status", 500, message="a is down"))
    gw = gateways(
        [route("A", dep("pa", "a-model"), retries=2, fallbacks=["B"]), route("B", dep("pb", "b-model"))],
        {"pa": a, "pb": b},
    )
    with gw.openai() as client:
        raw = client.chat.completions.with_raw_response.create(model="A", messages=HELLO)
    completion = raw.parse()

    assert answered_by(completion) == "b"
    assert completion.model == "A"
    assert raw.headers["x-quarterdeck-deployment"] == "pb/b-model"
    assert a.count(CHAT) == 3  # retries + 1
    assert b.count(CHAT) == 1
    assert b.calls[0].json["model"] == "b-model"

    row = gw.row(raw.headers["x-request-id"])
    assert row.status_code == 200 and row.error_class is None
    assert row.public_model == "A" and row.deployment == "pb/b-model"
    assert row.fallback_hops == 1
    assert len(row.attempts) == 3
    for attempt in row.attempts:
        assert attempt["deployment"] == "pa/a-model"
        assert attempt["status"] == 500
        assert "a is down" in attempt["error"]
    assert gw.metric("quarterdeck_fallbacks_total", model="A") == 1
    assert gw.metric("quarterdeck_upstream_attempts_total", deployment="pa/a-model", outcome="error") == 3


def test_retry_of_the_same_deployment_waits_a_backoff(fakes: Any, gateways: Any) -> None:
    up = fakes("openai", "solo")
    up.add_faults(Fault("status", 500))
    gw = gateways([route("m", dep("p", "x"))], {"p": up})  # retries: 1 by default
    with gw.openai() as client:
        raw = client.chat.completions.with_raw_response.create(model="m", messages=HELLO)
    assert answered_by(raw.parse()) == "solo"
    assert up.count(CHAT) == 2
    gap = up.calls[1].time - up.calls[0].time
    assert gap >= 0.09, f"retried after {gap:.3f}s: the backoff is 0.2 s times [0.5, 1]"
    row = gw.row(raw.headers["x-request-id"])
    assert row.status_code == 200 and row.fallback_hops == 0
    assert [(a["deployment"], a["status"]) for a in row.attempts] == [("p/x", 500)]


def test_backoff_grows_between_retries_of_one_deployment(fakes: Any, gateways: Any) -> None:
    up = fakes("openai", "solo")
    up.add_faults(Fault("status", 500), Fault("status", 502))
    gw = gateways([route("m", dep("p", "x"), retries=2)], {"p": up})
    with gw.openai() as client:
        assert answered_by(client.chat.completions.create(model="m", messages=HELLO)) == "solo"
    times = [call.time for call in up.calls]
    assert len(times) == 3
    first, second = times[1] - times[0], times[2] - times[1]
    assert 0.09 <= first <= 0.35, f"first backoff {first:.3f}s, expected 0.2 s x [0.5, 1]"
    assert 0.19 <= second <= 0.55, f"second backoff {second:.3f}s, expected 0.4 s x [0.5, 1]"


def test_coming_back_to_an_already_tried_deployment_backs_off(fakes: Any, gateways: Any) -> None:
    """Once every deployment was tried, a retry is a retry of the same deployment: it waits a backoff."""
    gw, one, two = two_deployments(fakes, gateways, retries=3)
    one.set_always(Fault("status", 500))
    two.set_always(Fault("status", 500))
    with gw.openai() as client, pytest.raises(openai.APIStatusError) as failed:
        client.chat.completions.create(model="m", messages=HELLO)
    assert failed.value.status_code == 502
    assert one.count(CHAT) + two.count(CHAT) == 4  # retries + 1
    assert one.count(CHAT) >= 1 and two.count(CHAT) >= 1
    for up in (one, two):
        gaps = [later.time - earlier.time for earlier, later in zip(up.calls, up.calls[1:], strict=False)]
        assert all(gap >= 0.09 for gap in gaps), f"{up.name} was retried after {gaps} s without a backoff"


def test_retry_goes_to_a_deployment_not_yet_tried_without_waiting(fakes: Any, gateways: Any) -> None:
    gw, one, two = two_deployments(fakes, gateways)
    one.add_faults(Fault("status", 503))
    with gw.openai() as client:
        completion = client.chat.completions.create(model="m", messages=HELLO)
    assert answered_by(completion) == "two"
    assert (one.count(CHAT), two.count(CHAT)) == (1, 1)
    assert two.calls[0].time - one.calls[0].time < 0.09  # no backoff when moving to another deployment


def test_fallback_failing_too_lists_every_attempt_of_every_model(fakes: Any, gateways: Any) -> None:
    a, b = fakes("openai", "a"), fakes("anthropic", "b")
    a.set_always(Fault("status", 500, message="a is down"))
    b.set_always(Fault("status", 529, message="b is overloaded"))
    gw = gateways(
        [route("A", dep("pa", "a-model"), retries=0, fallbacks=["B"]), route("B", dep("pb", "b-model"), retries=0)],
        {"pa": a, "pb": b},
    )
    before = gw.metric("quarterdeck_errors_total", model="A", code="upstream_error")
    with gw.openai() as client, pytest.raises(openai.APIStatusError) as failed:
        client.chat.completions.create(model="A", messages=HELLO)
    assert failed.value.status_code == 502
    message = failed.value.message
    assert "pa/a-model" in message and "a is down" in message
    assert "pb/b-model" in message and "b is overloaded" in message
    assert (a.count(CHAT), b.count("/v1/messages")) == (1, 1)
    row = gw.row(failed.value.response.headers["x-request-id"])
    assert [a["deployment"] for a in row.attempts] == ["pa/a-model", "pb/b-model"]
    assert [a["status"] for a in row.attempts] == [500, 529]
    assert gw.metric("quarterdeck_errors_total", model="A", code="upstream_error") == before + 1


def test_retries_zero_means_one_attempt(fakes: Any, gateways: Any) -> None:
    gw, one, two = two_deployments(fakes, gateways, retries=0)
    one.add_faults(Fault("status", 500))
    with gw.openai() as client, pytest.raises(openai.APIStatusError) as failed:
        client.chat.completions.create(model="m", messages=HELLO)
    assert failed.value.status_code == 502
    assert (one.count(CHAT), two.count(CHAT)) == (1, 0)


# ------------------------------------------------------------------------------ Retry-After


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_moves_on_and_skips_the_deployment_afterwards(fakes: Any, gateways: Any, status: int) -> None:
    gw, one, two = two_deployments(fakes, gateways)
    one.add_faults(Fault("status", status, retry_after=30, message="slow down"))
    with gw.openai() as client:
        raw = client.chat.completions.with_raw_response.create(model="m", messages=HELLO)
        assert answered_by(raw.parse()) == "two"
        for _ in range(3):
            assert answered_by(client.chat.completions.create(model="m", messages=HELLO)) == "two"
    assert one.count(CHAT) == 1, "the deployment that asked for 30 s was called again"
    assert two.count(CHAT) == 4
    row = gw.row(raw.headers["x-request-id"])
    assert [(a["deployment"], a["status"]) for a in row.attempts] == [("p1/m1", status)]


def test_retry_after_is_waited_for_when_nothing_else_is_left(fakes: Any, gateways: Any) -> None:
    up = fakes("openai", "solo")
    up.add_faults(Fault("status", 429, retry_after=1))
    gw = gateways([route("m", dep("p", "x"), timeout_s=10)], {"p": up})
    started = time.monotonic()
    with gw.openai() as client:
        completion = client.chat.completions.create(model="m", messages=HELLO)
    elapsed = time.monotonic() - started
    assert answered_by(completion) == "solo"
    assert up.count(CHAT) == 2
    assert up.calls[1].time - up.calls[0].time >= 0.95, "the gateway did not honour Retry-After: 1"
    assert elapsed < 5


def test_retry_after_longer_than_the_deadline_is_not_waited_for(fakes: Any, gateways: Any) -> None:
    up = fakes("openai", "solo")
    up.add_faults(Fault("status", 429, retry_after=30))
    gw = gateways([route("m", dep("p", "x"), timeout_s=5)], {"p": up})
    started = time.monotonic()
    with gw.openai() as client, pytest.raises(openai.APIStatusError) as failed:
        client.chat.completions.create(model="m", messages=HELLO)
    assert time.monotonic() - started < 2, "waited for a Retry-After that cannot fit the deadline"
    assert failed.value.status_code == 502
    assert up.count(CHAT) == 1
    assert "p/x" in failed.value.message and "429" in failed.value.message


# ------------------------------------------------------------------------------ timeouts


def test_attempt_timeout_fails_over_fast(fakes: Any, gateways: Any) -> None:
    gw, one, two = two_deployments(fakes, gateways, attempt_timeout_s=0.5)
    one.add_faults(Fault("delay", seconds=3))
    started = time.monotonic()
    with gw.openai() as client:
        raw = client.chat.completions.with_raw_response.create(model="m", messages=HELLO)
    elapsed = time.monotonic() - started
    assert answered_by(raw.parse()) == "two"
    assert (one.count(CHAT), two.count(CHAT)) == (1, 1)
    assert 0.45 <= elapsed < 1.5, f"took {elapsed:.2f}s; the attempt timeout is 0.5 s"
    row = gw.row(raw.headers["x-request-id"])
    [attempt] = row.attempts
    assert attempt["deployment"] == "p1/m1" and "timed out" in attempt["error"]


def test_attempt_timeout_applies_to_streams_before_the_first_chunk(fakes: Any, gateways: Any) -> None:
    gw, one, two = two_deployments(fakes, gateways, attempt_timeout_s=0.5)
    one.add_faults(Fault("delay", seconds=3))
    started = time.monotonic()
    with gw.openai() as client:
        chunks = list(client.chat.completions.create(model="m", messages=HELLO, stream=True))
    assert time.monotonic() - started < 1.5
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "Hello from two: hi there"
    assert (one.count(CHAT), two.count(CHAT)) == (1, 1)


def test_attempt_timeout_applies_between_stream_chunks(fakes: Any, gateways: Any) -> None:
    up = fakes("openai", "stalling", chunk_delay=2.0)
    gw = gateways([route("m", dep("p", "x"), attempt_timeout_s=0.4)], {"p": up})
    started = time.monotonic()
    with gw.openai() as client:
        stream = client.chat.completions.create(model="m", messages=HELLO, stream=True)
        request_id = stream.response.headers["x-request-id"]
        with pytest.raises(openai.APIError):
            for _ in stream:
                pass
    assert time.monotonic() - started < 1.5, "a stalled stream was not cut by the attempt timeout"
    row = gw.row(request_id)
    assert row.error_class == "upstream_error"


def test_total_deadline_gives_504(fakes: Any, gateways: Any) -> None:
    gw, one, two = two_deployments(fakes, gateways, timeout_s=1)
    one.set_always(Fault("delay", seconds=3))
    two.set_always(Fault("delay", seconds=3))
    started = time.monotonic()
    with gw.openai() as client, pytest.raises(openai.APIStatusError) as failed:
        client.chat.completions.with_raw_response.create(model="m", messages=HELLO)
    elapsed = time.monotonic() - started
    assert elapsed < 3, f"the 1 s deadline took {elapsed:.2f}s"
    assert failed.value.status_code == 504
    error = failed.value.body
    assert isinstance(error, dict)
    assert error["code"] == "deadline_exceeded"
    assert "p1/m1" in error["message"]
    row = gw.row(failed.value.response.headers["x-request-id"])
    assert (row.status_code, row.error_class) == (504, "deadline_exceeded")


# ------------------------------------------------------------------------------ broken upstreams


@pytest.mark.parametrize("kind", ["reset", "garbage"])
@pytest.mark.parametrize("stream", [False, True])
def test_reset_and_garbage_fail_over(fakes: Any, gateways: Any, kind: str, stream: bool) -> None:
    gw, one, two = two_deployments(fakes, gateways)
    one.add_faults(Fault(kind))  # type: ignore[arg-type]
    with gw.openai() as client:
        if stream:
            response = client.chat.completions.create(model="m", messages=HELLO, stream=True)
            request_id = response.response.headers["x-request-id"]
            text = "".join(c.choices[0].delta.content or "" for c in response if c.choices)
        else:
            raw = client.chat.completions.with_raw_response.create(model="m", messages=HELLO)
            request_id = raw.headers["x-request-id"]
            text = raw.parse().choices[0].message.content
    assert text == "Hello from two: hi there"
    assert (one.count(CHAT), two.count(CHAT)) == (1, 1)
    row = gw.row(request_id)
    assert row.status_code == 200 and row.deployment == "p2/m2"
    assert [a["deployment"] for a in row.attempts] == ["p1/m1"]


# ------------------------------------------------------------------------------ circuit breaker


def test_circuit_breaker_opens_then_lets_one_trial_through(fakes: Any, gateways: Any) -> None:
    x, y = fakes("openai", "one"), fakes("openai", "two")
    gw = gateways(
        [route("m", dep("p1", "m1"), dep("p2", "m2"), strategy="ordered")],
        {"p1": x, "p2": y},
        circuit_breaker={"failure_threshold": 2, "cooldown_s": 1},
    )
    x.set_always(Fault("status", 500, message="x broken"))

    with gw.openai() as client:

        def ask() -> str:
            return answered_by(client.chat.completions.create(model="m", messages=HELLO))

        assert [ask(), ask()] == ["two", "two"]
        assert x.count(CHAT) == 2
        opened_at = x.calls[-1].time
        for _ in range(4):
            assert ask() == "two"
        assert x.count(CHAT) == 2, "an open circuit still sent requests to the failing deployment"

        time.sleep(max(0.0, opened_at + 1.05 - time.monotonic()))
        assert ask() == "two"
        assert x.count(CHAT) == 3, "after the cooldown one trial request should reach the deployment"
        assert ask() == "two"
        assert x.count(CHAT) == 3, "a failed trial must open the circuit again"

        x.set_always(None)  # recovered: the next trial closes the circuit
        time.sleep(max(0.0, x.calls[-1].time + 1.05 - time.monotonic()))
        assert [ask(), ask(), ask()] == ["one", "one", "one"]
    assert x.count(CHAT) == 6
    assert y.count(CHAT) == 8


def test_429s_do_not_open_the_circuit(fakes: Any, gateways: Any) -> None:
    one, two = fakes("openai", "one"), fakes("openai", "two")
    gw = gateways(
        [route("m", dep("p1", "m1"), dep("p2", "m2"))],
        {"p1": one, "p2": two},
        circuit_breaker={"failure_threshold": 1, "cooldown_s": 30},
    )
    one.add_faults(Fault("status", 429, retry_after=0.2))
    with gw.openai() as client:
        assert answered_by(client.chat.completions.create(model="m", messages=HELLO)) == "two"
        time.sleep(0.25)
        assert answered_by(client.chat.completions.create(model="m", messages=HELLO)) == "one"
    assert one.count(CHAT) == 2


# ------------------------------------------------------------------------------ strategies


def test_weighted_strategy_splits_traffic_by_weight(fakes: Any, gateways: Any) -> None:
    heavy, light = fakes("openai", "heavy"), fakes("openai", "light")
    gw = gateways(
        [route("m", dep("ph", "h", weight=3), dep("pl", "l", weight=1), strategy="weighted")],
        {"ph": heavy, "pl": light},
    )
    total = 400
    with gw.openai() as client, ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(
            pool.map(lambda _: answered_by(client.chat.completions.create(model="m", messages=HELLO)), range(total))
        )
    assert len(answers) == total
    assert heavy.count(CHAT) + light.count(CHAT) == total  # no request went to both
    # expected 300 / 100; the standard deviation of a binomial(400, 0.75) is 8.7
    assert 250 <= heavy.count(CHAT) <= 350, (heavy.count(CHAT), light.count(CHAT))
    assert answers.count("heavy") == heavy.count(CHAT)


def test_cost_strategy_prefers_the_cheaper_deployment(fakes: Any, gateways: Any) -> None:
    pricey, cheap = fakes("openai", "pricey"), fakes("openai", "cheap")
    gw = gateways(
        [
            route(
                "m",
                dep("pp", "p", input_cost_per_mtok=5.0, output_cost_per_mtok=15.0),
                dep("pc", "c", input_cost_per_mtok=0.5, output_cost_per_mtok=1.5),
                strategy="cost",
            )
        ],
        {"pp": pricey, "pc": cheap},
    )
    with gw.openai() as client:
        raws = [client.chat.completions.with_raw_response.create(model="m", messages=HELLO) for _ in range(5)]
        assert {answered_by(r.parse()) for r in raws} == {"cheap"}
        cheap.add_faults(Fault("status", 500))  # the cheap one failing: the pricey one is next
        assert answered_by(client.chat.completions.create(model="m", messages=HELLO)) == "pricey"
    assert pricey.count(CHAT) == 1 and cheap.count(CHAT) == 6
    row = gw.row(raws[0].headers["x-request-id"])
    assert row.deployment == "pc/c"
    assert row.cost_usd == pytest.approx((10 * 0.5 + 5 * 1.5) / 1e6, rel=1e-9)


def test_latency_strategy_moves_traffic_to_the_faster_deployment(fakes: Any, gateways: Any) -> None:
    slow, fast = fakes("openai", "slow"), fakes("openai", "fast")
    slow.set_always(Fault("delay", seconds=0.15))
    gw = gateways([route("m", dep("ps", "s"), dep("pf", "f"), strategy="latency", retries=0)], {"ps": slow, "pf": fast})
    with gw.openai() as client:

        def ask() -> str:
            return answered_by(client.chat.completions.create(model="m", messages=HELLO))

        measuring = [ask(), ask()]  # never-measured deployments go first, so both get measured
        assert sorted(measuring) == ["fast", "slow"]
        assert [ask() for _ in range(6)] == ["fast"] * 6
        assert slow.count(CHAT) == 1

        # now the fast one turns slow: the moving average follows and traffic moves back
        slow.set_always(None)
        fast.set_always(Fault("delay", seconds=0.4))
        answers = [ask() for _ in range(5)]
    assert answers[-1] == "slow", answers
    assert answers.count("fast") <= 3, answers


# ------------------------------------------------------------------------------ errors


def test_every_attempt_failed_gives_502_listing_each_attempt(fakes: Any, gateways: Any) -> None:
    gw, one, two = two_deployments(fakes, gateways)
    one.set_always(Fault("status", 500, message="boom-one"))
    two.set_always(Fault("reset"))
    with gw.openai() as client, pytest.raises(openai.APIStatusError) as failed:
        client.chat.completions.create(model="m", messages=HELLO)
    assert failed.value.status_code == 502
    error = failed.value.body
    assert isinstance(error, dict)
    assert error["code"] == "upstream_error" and error["type"] == "api_error"
    message = error["message"]
    assert "p1/m1" in message and "boom-one" in message and "500" in message
    assert "p2/m2" in message and "connection" in message.lower()
    assert (one.count(CHAT), two.count(CHAT)) == (1, 1)

    row = gw.row(failed.value.response.headers["x-request-id"])
    assert (row.status_code, row.error_class) == (502, "upstream_error")
    assert [a["deployment"] for a in row.attempts] == ["p1/m1", "p2/m2"]
    assert [a["status"] for a in row.attempts] == [500, None]


def test_every_attempt_failed_on_messages_uses_the_anthropic_envelope(fakes: Any, gateways: Any) -> None:
    gw, one, two = two_deployments(fakes, gateways)
    one.set_always(Fault("status", 503, message="boom-one"))
    two.set_always(Fault("status", 500, message="boom-two"))
    with gw.anthropic() as client, pytest.raises(anthropic.APIStatusError) as failed:
        client.messages.create(model="m", max_tokens=10, messages=HELLO)
    assert failed.value.status_code == 502
    body = failed.value.body
    assert isinstance(body, dict)
    assert body["type"] == "error" and body["error"]["type"] == "api_error"
    message = body["error"]["message"]
    assert "p1/m1" in message and "boom-one" in message
    assert "p2/m2" in message and "boom-two" in message


@pytest.mark.parametrize("status", [400, 404, 413, 422])
def test_upstream_rejection_is_passed_on_without_failover(fakes: Any, gateways: Any, status: int) -> None:
    gw, one, two = two_deployments(fakes, gateways)
    one.add_faults(Fault("status", status, message="your request is wrong"))
    with gw.openai() as client, pytest.raises(openai.APIStatusError) as rejected:
        client.chat.completions.create(model="m", messages=HELLO)
    assert rejected.value.status_code == status
    error = rejected.value.body
    assert isinstance(error, dict)
    assert error["code"] == "upstream_rejected"
    assert "your request is wrong" in error["message"]
    assert one.count(CHAT) == 1
    assert two.count(CHAT) == 0, "a request the upstream rejected must not be tried elsewhere"


# ------------------------------------------------------------------------------ streams


@pytest.mark.parametrize("protocol", ["openai", "anthropic"])
def test_stream_cut_after_the_first_chunk_reaches_the_client_as_an_error(
    fakes: Any, gateways: Any, protocol: str
) -> None:
    one, two = fakes(protocol, "one"), fakes("openai", "two")
    gw = gateways([route("m", dep("p1", "m1"), dep("p2", "m2"))], {"p1": one, "p2": two})
    one.add_faults(Fault("cut_stream", after_chunks=3))
    received: list[Any] = []
    with gw.openai() as client:
        stream = client.chat.completions.create(model="m", messages=HELLO, stream=True)
        request_id = stream.response.headers["x-request-id"]
        with pytest.raises(openai.APIError) as broken:
            for chunk in stream:
                received.append(chunk)
    assert received, "the chunks before the cut should have reached the client"
    assert "stream" in broken.value.message.lower()
    assert two.count(CHAT) == 0, "a stream that already sent chunks can't be retried elsewhere"

    row = gw.row(request_id)
    assert row.stream is True
    assert row.error_class == "upstream_error"
    assert row.deployment == "p1/m1"


def test_stream_cut_on_messages_gives_an_error_event(fakes: Any, gateways: Any) -> None:
    one = fakes("openai", "one")
    gw = gateways([route("m", dep("p1", "m1"))], {"p1": one})
    one.add_faults(Fault("cut_stream", after_chunks=3))
    with gw.anthropic() as client:
        stream = client.messages.create(model="m", max_tokens=50, messages=HELLO, stream=True)
        request_id = stream.response.headers["x-request-id"]
        seen: list[str] = []
        with pytest.raises(anthropic.APIStatusError) as broken:
            seen.extend(event.type for event in stream)
    assert seen[0] == "message_start" and "message_stop" not in seen
    body = broken.value.body
    assert isinstance(body, dict) and body["type"] == "error"
    assert body["error"]["type"] == "api_error"
    assert gw.row(request_id).error_class == "upstream_error"


@pytest.mark.parametrize("client_kind", ["openai", "anthropic"])
def test_stream_error_before_the_first_chunk_fails_over(fakes: Any, gateways: Any, client_kind: str) -> None:
    gw, one, two = two_deployments(fakes, gateways)
    one.add_faults(Fault("status", 500))
    if client_kind == "openai":
        with gw.openai() as client:
            stream = client.chat.completions.create(model="m", messages=HELLO, stream=True)
            request_id = stream.response.headers["x-request-id"]
            text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
    else:
        with gw.anthropic() as ant, ant.messages.stream(model="m", max_tokens=50, messages=HELLO) as stream:
            text = "".join(stream.text_stream)
            request_id = stream.response.headers["x-request-id"]
    assert text == "Hello from two: hi there"
    assert (one.count(CHAT), two.count(CHAT)) == (1, 1)
    row = gw.row(request_id)
    assert row.status_code == 200 and row.deployment == "p2/m2" and row.stream is True
    assert [(a["deployment"], a["status"]) for a in row.attempts] == [("p1/m1", 500)]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        (CHAT, {"model": "m", "messages": HELLO, "stream": True}),
        ("/v1/messages", {"model": "m", "max_tokens": 50, "messages": HELLO, "stream": True}),
    ],
)
def test_client_disconnect_mid_stream_is_logged_as_499(
    fakes: Any, gateways: Any, path: str, body: dict[str, Any]
) -> None:
    up = fakes("openai", "slow", chunk_delay=0.4)
    gw = gateways([route("m", dep("p", "x"))], {"p": up})
    headers = {"Authorization": f"Bearer {APP_KEY}", "anthropic-version": "2023-06-01"}
    started = time.monotonic()
    with gw.http() as client:
        with client.stream("POST", path, json=body, headers=headers) as response:
            assert response.status_code == 200
            request_id = response.headers["x-request-id"]
            first = next(line for line in response.iter_lines() if line.startswith("data: "))
            assert json.loads(first.removeprefix("data: "))
        # leaving the block closed the connection with the stream unfinished
        row = gw.row(request_id)
    assert time.monotonic() - started < 2.0, "the gateway noticed the disconnect only when the stream ended"
    assert row.status_code == 499
    assert row.error_class == "client_disconnected"
    assert row.stream is True

    up.chunk_delay = 0.0
    with gw.openai() as client:  # still serving
        assert answered_by(client.chat.completions.create(model="m", messages=HELLO)) == "slow"
