"""The gateway on both stores: requests logged, keys made over the admin API, `requests tail` reads them."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest
import yaml

from tests.gateway_harness import ADMIN_KEY, APP_KEY, RunningGateway, config_from
from tests.pg import postgres_schema
from tests.upstreams import FakeUpstream


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'qd.db'}"
    else:
        with postgres_schema() as url:
            yield url


def test_requests_logged_and_tailed_on_each_store(store_url: str, tmp_path: Path) -> None:
    with FakeUpstream("openai", "up", usage=(100, 50)) as up:
        data = {
            "store": store_url,
            "providers": [{"name": "p", "type": "openai", "base_url": up.url + "/v1"}],
            "models": [{"name": "m", "deployments": [
                {"provider": "p", "model": "x", "input_cost_per_mtok": 3, "output_cost_per_mtok": 15}]}],
        }
        cfg = config_from(data)
        with RunningGateway(cfg) as gw:
            created = httpx.post(f"{gw.url}/api/keys", json={"name": "feature-team", "team": "search"},
                                 headers={"Authorization": f"Bearer {ADMIN_KEY}"})
            assert created.status_code == 201, created.text
            new_key = created.json()["key"]
            for key in (APP_KEY, new_key):
                with openai.OpenAI(base_url=gw.url + "/v1", api_key=key, max_retries=0) as client:
                    client.chat.completions.create(
                        model="m", messages=[{"role": "user", "content": "hi"}],
                        extra_headers={"X-Quarterdeck-Feature": "search-box", "X-Quarterdeck-User": "u1"},
                    )
                    stream = client.chat.completions.create(
                        model="m", messages=[{"role": "user", "content": "hi"}], stream=True
                    )
                    assert "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
            deadline = time.monotonic() + 10
            while gw.app.store.requests.count() < 4 and time.monotonic() < deadline:
                time.sleep(0.05)
            rows = gw.app.store.requests.recent(limit=10)
    assert len(rows) == 4
    expected_cost = (100 * 3 + 50 * 15) / 1_000_000
    assert all(r.cost_usd == pytest.approx(expected_cost) for r in rows)  # streamed or not
    assert sorted(r.stream for r in rows) == [False, False, True, True]
    team_rows = [r for r in rows if r.key_name == "feature-team"]
    assert len(team_rows) == 2 and all(r.team == "search" for r in team_rows)
    tagged = [r for r in rows if not r.stream]
    assert all(r.feature == "search-box" and r.user_id == "u1" for r in tagged)

    config_file = tmp_path / "qd.yaml"
    config_file.write_text(yaml.safe_dump({"store": store_url}))
    tail = subprocess.run(
        [sys.executable, "-m", "quarterdeck.cli", "requests", "tail", "--config", str(config_file), "-n", "3"],
        capture_output=True, text=True, timeout=60, env={"COLUMNS": "250", "PATH": "/usr/bin:/bin"},
    )
    assert tail.returncode == 0, tail.stderr
    assert "last 3 request(s)" in tail.stdout
    assert "p/x" in tail.stdout and "0.001050" in tail.stdout, tail.stdout
