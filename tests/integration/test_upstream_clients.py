"""Both upstream HTTP clients (``server.upstream_client``: the lean one and aiohttp) give the SDKs the
same answers, streams, usage and error mapping, against the same wire-protocol fake."""

from __future__ import annotations

from collections.abc import Callable

import openai
import pytest

from tests.integration.conftest import Gateway
from tests.upstreams import FakeUpstream, Fault


@pytest.mark.parametrize("client", ["lean", "aiohttp"])
def test_answers_streams_and_errors_through_either_client(
        gateways: Callable[..., Gateway], fakes: Callable[..., FakeUpstream], client: str) -> None:
    up = fakes("openai", "up")
    gw = gateways([{"name": "gpt", "retries": 0, "deployments": [{"provider": "p", "model": "m"}]}], {"p": up},
                  server={"log_flush_interval_s": 0.05, "upstream_client": client})
    with gw.openai() as sdk:
        answer = sdk.chat.completions.create(model="gpt", messages=[{"role": "user", "content": "ping"}])
        assert answer.choices[0].message.content == "Hello from up: ping" and answer.usage.total_tokens == 15
        stream = sdk.chat.completions.create(model="gpt", messages=[{"role": "user", "content": "ping"}],
                                             stream=True, stream_options={"include_usage": True})
        chunks = list(stream)
        assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "Hello from up: ping"
        assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens == 5
        up.add_faults(Fault("status", status=503, message="overloaded"))
        with pytest.raises(openai.APIStatusError) as failed:
            sdk.chat.completions.create(model="gpt", messages=[{"role": "user", "content": "ping"}])
        assert failed.value.status_code == 502 and "overloaded" in failed.value.message
        up.add_faults(Fault("cut_stream", after_chunks=2))
        with pytest.raises(openai.APIError):
            list(sdk.chat.completions.create(model="gpt", messages=[{"role": "user", "content": "ping"}],
                                             stream=True))
    assert len(up.calls) == 4
