"""Fixtures for the gateway integration tests: fake upstreams, real gateways, the official SDKs.

Every gateway here is a real uvicorn server (``tests.gateway_harness.RunningGateway``) talking over
real sockets to wire-protocol fakes (``tests.upstreams.FakeUpstream``). Clients are the official
``openai`` and ``anthropic`` SDKs, and ``httpx2`` for raw requests the SDKs can't send.

- ``oai_up`` / ``ant_up``: one OpenAI and one Anthropic fake per module, reset around every test.
- ``gw``: a module-wide gateway in front of them (see ``standard_config``); a test that uses it also
  gets both fakes reset.
- ``fakes`` / ``gateways``: factories for tests that need their own upstreams or routing config.

Helpers are methods of the ``Gateway`` wrapper (clients, request-log rows, metrics), so test modules
import nothing from this file.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

import anthropic
import httpx2
import openai
import pytest
from prometheus_client.parser import text_string_to_metric_families

from quarterdeck.store import RequestRecord
from tests.gateway_harness import ADMIN_KEY, APP_KEY, RunningGateway, config_from
from tests.upstreams import FakeUpstream

RESTRICTED_KEY = "qd-test-restricted-key-0123456789"
"""A config key that may use the model ``gpt`` only (on the ``gw`` gateway)."""

CLIENT_TIMEOUT_S = 20.0
POLL_INTERVAL_S = 0.01


def wait_until(predicate: Callable[[], Any], *, timeout: float = 5.0, what: str = "condition") -> Any:
    """Poll ``predicate`` until it returns something truthy (returned), failing after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g}s waiting for {what}")
        time.sleep(POLL_INTERVAL_S)


def reset_fake(up: FakeUpstream) -> None:
    """Forget calls and faults, and undo what tests may have changed on the fake."""
    up.reset()
    up.reply_tool_call = None
    up.responder = None
    up.message_script = None
    up.verbatim_json = False
    up.stream_script = None
    up.reply = None
    up.chunk_delay = 0.0
    up.usage = (10, 5)


def provider_entry(name: str, up: FakeUpstream) -> dict[str, Any]:
    base_url = up.url + "/v1" if up.protocol == "openai" else up.url
    return {"name": name, "type": up.protocol, "base_url": base_url}


class Gateway:
    """A running gateway plus the things tests do with it."""

    def __init__(self, running: RunningGateway) -> None:
        self.running = running
        self.url = running.url
        self.app = running.app
        self.restricted_key: str | None = None  # a key limited to some models, when the config has one
        self._client: httpx2.Client | None = None

    # ------------------------------------------------------------------ clients (use them with ``with``)

    def openai(self, api_key: str = APP_KEY, **options: Any) -> openai.OpenAI:
        options.setdefault("timeout", CLIENT_TIMEOUT_S)
        return openai.OpenAI(base_url=self.url + "/v1", api_key=api_key, max_retries=0, **options)

    def anthropic(self, api_key: str = APP_KEY, **options: Any) -> anthropic.Anthropic:
        options.setdefault("timeout", CLIENT_TIMEOUT_S)
        return anthropic.Anthropic(base_url=self.url, api_key=api_key, max_retries=0, **options)

    def http(self, **options: Any) -> httpx2.Client:
        """A new raw HTTP client for this gateway (close it); ``request`` reuses a shared one."""
        options.setdefault("timeout", CLIENT_TIMEOUT_S)
        return httpx2.Client(base_url=self.url, **options)

    def request(self, method: str, path: str, **kwargs: Any) -> httpx2.Response:
        """One raw request on a client kept for the gateway's lifetime (creating clients is slow)."""
        if self._client is None:
            self._client = self.http()
        return self._client.request(method, path, **kwargs)

    def admin(
        self,
        method: str,
        path: str,
        *,
        key: str | None = ADMIN_KEY,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx2.Response:
        """A call to the admin API, with ``key`` (None: no key) as the bearer key."""
        all_headers = {"Authorization": f"Bearer {key}"} if key else {}
        return self.request(method, path, headers=all_headers | (headers or {}), **kwargs)

    def create_key(self, name: str, **fields: Any) -> dict[str, Any]:
        response = self.admin("POST", "/api/keys", json={"name": name, **fields})
        assert response.status_code == 201, response.text
        created: dict[str, Any] = response.json()
        return created

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    # ------------------------------------------------------------------ request log

    def row(self, request_id: str, timeout: float = 5.0) -> RequestRecord:
        """The request-log row of ``request_id``, once the background writer has stored it."""
        requests = self.app.store.requests

        def stored() -> RequestRecord | None:
            if self.app.log_writer.pending:
                return None
            return requests.get(request_id)

        row: RequestRecord = wait_until(stored, timeout=timeout, what=f"the request-log row {request_id}")
        return row

    # ------------------------------------------------------------------ metrics

    def metrics_text(self) -> str:
        response = self.request("GET", "/metrics")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/plain")
        return response.text

    def metrics(self) -> MetricsSnapshot:
        """The parsed /metrics page, now."""
        return MetricsSnapshot(self.metrics_text())

    def metric(self, sample_name: str, **labels: str) -> float:
        return self.metrics().value(sample_name, **labels)


class MetricsSnapshot:
    def __init__(self, text: str) -> None:
        self.text = text
        self.samples = [sample for family in text_string_to_metric_families(text) for sample in family.samples]

    def value(self, sample_name: str, **labels: str) -> float:
        """Sum of the samples named ``sample_name`` whose labels include ``labels`` (0 when none)."""
        return sum(
            sample.value
            for sample in self.samples
            if sample.name == sample_name and all(sample.labels.get(k) == v for k, v in labels.items())
        )


# ---------------------------------------------------------------------------------- fake upstreams


@pytest.fixture(scope="module")
def _oai_fake() -> Iterator[FakeUpstream]:
    with FakeUpstream("openai", "alpha") as up:
        yield up


@pytest.fixture(scope="module")
def _ant_fake() -> Iterator[FakeUpstream]:
    with FakeUpstream("anthropic", "beta") as up:
        yield up


@pytest.fixture
def oai_up(_oai_fake: FakeUpstream) -> Iterator[FakeUpstream]:
    """The module's OpenAI fake ("alpha"), clean for this test."""
    reset_fake(_oai_fake)
    yield _oai_fake
    reset_fake(_oai_fake)


@pytest.fixture
def ant_up(_ant_fake: FakeUpstream) -> Iterator[FakeUpstream]:
    """The module's Anthropic fake ("beta"), clean for this test."""
    reset_fake(_ant_fake)
    yield _ant_fake
    reset_fake(_ant_fake)


@pytest.fixture
def fakes() -> Iterator[Callable[..., FakeUpstream]]:
    """``fakes("openai", "name", **kwargs)`` starts a fake upstream that lives for this test."""
    started: list[FakeUpstream] = []

    def make(protocol: Literal["openai", "anthropic"], name: str, **kwargs: Any) -> FakeUpstream:
        up = FakeUpstream(protocol, name, **kwargs).start()
        started.append(up)
        return up

    yield make
    for up in reversed(started):
        up.stop()


# ---------------------------------------------------------------------------------- gateways

STANDARD_PRICES = {"input_cost_per_mtok": 1.0, "output_cost_per_mtok": 2.0}
"""With the fakes' usage (10, 5): 10 * 1.0 / 1e6 + 5 * 2.0 / 1e6 = 0.00002 USD per chat request."""


def standard_config(oai: FakeUpstream, ant: FakeUpstream) -> dict[str, Any]:
    return {
        "providers": [provider_entry("openai-up", oai), provider_entry("anthropic-up", ant)],
        "models": [
            {"name": "gpt", "deployments": [{"provider": "openai-up", "model": "gpt-up", **STANDARD_PRICES}]},
            {"name": "claude", "deployments": [{"provider": "anthropic-up", "model": "claude-up", **STANDARD_PRICES}]},
            {
                "name": "embed",
                "deployments": [{"provider": "openai-up", "model": "embed-up", "input_cost_per_mtok": 0.5}],
            },
        ],
        "keys": [
            {"name": "app", "key": APP_KEY},
            {"name": "restricted", "key": RESTRICTED_KEY, "models": ["gpt"]},
        ],
        "server": {"log_flush_interval_s": 0.05},
    }


@pytest.fixture(scope="module")
def _module_gateway(
    _oai_fake: FakeUpstream, _ant_fake: FakeUpstream, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Gateway]:
    config = config_from(standard_config(_oai_fake, _ant_fake), tmp_path_factory.mktemp("gw"))
    with RunningGateway(config) as running:
        gateway = Gateway(running)
        gateway.restricted_key = RESTRICTED_KEY
        yield gateway
        gateway.close()


@pytest.fixture
def gw(_module_gateway: Gateway, oai_up: FakeUpstream, ant_up: FakeUpstream) -> Gateway:
    """The module's gateway: models ``gpt`` (OpenAI fake), ``claude`` (Anthropic fake), ``embed``; fakes clean."""
    return _module_gateway


@pytest.fixture
def gateways(tmp_path: Path, fakes: Callable[..., FakeUpstream]) -> Iterator[Callable[..., Gateway]]:
    """``gateways(models, {"provider-name": fake, ...}, **top_level)`` starts a gateway for this test.

    Depends on ``fakes`` so that its gateways stop before the fakes they talk to.
    """
    running: list[tuple[RunningGateway, Gateway]] = []

    def start(models: list[dict[str, Any]], upstreams: dict[str, FakeUpstream], **top: Any) -> Gateway:
        data: dict[str, Any] = {
            "providers": [provider_entry(name, up) for name, up in upstreams.items()],
            "models": models,
            **top,
        }
        data.setdefault("server", {"log_flush_interval_s": 0.05})
        directory = tmp_path / f"gw{len(running)}"
        directory.mkdir()
        config = config_from(data, directory)
        gateway = RunningGateway(config).start()
        wrapper = Gateway(gateway)
        running.append((gateway, wrapper))
        return wrapper

    yield start
    for gateway, wrapper in reversed(running):
        wrapper.close()
        gateway.stop()
