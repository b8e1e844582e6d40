"""SIGTERM under load: in-flight requests finish and every request gets its log row."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import httpx
import pytest
import yaml

from quarterdeck.store import Store
from tests.cli.serving import ServerProcess
from tests.upstreams import FakeUpstream

APP_KEY = "qd-shutdown-test-app-key"


def environ_of(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes()
    return dict(item.split("=", 1) for item in raw.decode(errors="replace").split("\0") if "=" in item)


def test_a_value_the_user_set_wins_over_the_serving_default(monkeypatch: pytest.MonkeyPatch) -> None:
    from quarterdeck.server import prefer_one_malloc_arena

    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    prefer_one_malloc_arena()
    assert os.environ["MALLOC_ARENA_MAX"] == "1"
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    prefer_one_malloc_arena()
    assert os.environ["MALLOC_ARENA_MAX"] == "4"


def test_sigterm_under_load_loses_no_request_log_row(tmp_path: Path) -> None:
    db = tmp_path / "qd.db"
    with FakeUpstream("openai", "slow", chunk_delay=0.05) as up:
        up.usage = (7, 3)
        cfg = {
            "store": f"sqlite:///{db}",
            "providers": [{"name": "p", "type": "openai", "base_url": up.url + "/v1"}],
            "models": [{"name": "m", "deployments": [{"provider": "p", "model": "x", "input_cost_per_mtok": 1}]}],
            "keys": [{"name": "app", "key": APP_KEY}],
            # rows would wait a minute before a timed flush: only the shutdown flush can write them
            "server": {"log_flush_interval_s": 60, "log_batch_size": 10_000, "shutdown_grace_s": 20},
        }
        path = tmp_path / "qd.yaml"
        path.write_text(yaml.safe_dump(cfg))
        server = ServerProcess(["--config", str(path)])
        url = server.wait_ready()
        arena = environ_of(server.proc.pid).get("MALLOC_ARENA_MAX")  # the serving process (exec'd)

        answered: list[int] = []
        refused: list[str] = []
        lock = threading.Lock()

        def client(i: int) -> None:
            body = {"model": "m", "messages": [{"role": "user", "content": f"n{i}"}], "stream": i % 2 == 0}
            try:
                with httpx.Client(timeout=30) as http:
                    r = http.post(f"{url}/v1/chat/completions", json=body,
                                  headers={"Authorization": f"Bearer {APP_KEY}"})
                    r.read()
                with lock:
                    answered.append(r.status_code)
            except httpx.TransportError as exc:
                with lock:
                    refused.append(repr(exc))

        threads = [threading.Thread(target=client, args=(i,)) for i in range(40)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 10
        while up.count("/v1/chat/completions") < 20 and time.monotonic() < deadline:
            time.sleep(0.01)
        code = server.terminate()
        for t in threads:
            t.join(timeout=30)

    assert code == 0, server.stderr
    assert arena == "1"
    assert "request log flushed" in server.stdout
    assert len(answered) >= 20 and all(status == 200 for status in answered), answered
    store = Store(f"sqlite:///{db}")
    try:
        rows = store.requests.recent(limit=1000)
    finally:
        store.close()
    # every request the server answered has its row; refused connections never reached it
    assert len(rows) == len(answered), (len(rows), len(answered), refused[:3])
    assert {r.status_code for r in rows} == {200}
    assert sum(r.stream for r in rows) >= 1
    assert all(r.input_tokens == 7 and r.output_tokens == 3 for r in rows)


def test_workers_share_one_port_and_drain(tmp_path: Path) -> None:
    db = tmp_path / "qd.db"
    with FakeUpstream("openai", "up") as up:
        cfg = {
            "store": f"sqlite:///{db}",
            "providers": [{"name": "p", "type": "openai", "base_url": up.url + "/v1"}],
            "models": [{"name": "m", "deployments": [{"provider": "p", "model": "x"}]}],
            "keys": [{"name": "app", "key": APP_KEY}],
        }
        path = tmp_path / "qd.yaml"
        path.write_text(yaml.safe_dump(cfg))
        server = ServerProcess(["--config", str(path), "--workers", "2"])
        url = server.wait_ready()
        pids: set[int] = set()
        with httpx.Client(timeout=30) as http:
            deadline = time.monotonic() + 30
            while len(pids) < 2 and time.monotonic() < deadline:
                health = http.get(f"{url}/healthz", headers={"Connection": "close"})
                if health.status_code == 200:
                    pids.add(health.json()["pid"])
            arenas = {pid: environ_of(pid).get("MALLOC_ARENA_MAX") for pid in pids}  # inherited by the workers
            for i in range(10):
                r = http.post(f"{url}/v1/chat/completions", headers={"Authorization": f"Bearer {APP_KEY}"},
                              json={"model": "m", "messages": [{"role": "user", "content": f"w{i}"}]})
                assert r.status_code == 200
        code = server.terminate()
    assert code == 0, server.stderr
    assert len(pids) == 2, pids
    assert set(arenas.values()) == {"1"}, arenas
    store = Store(f"sqlite:///{db}")
    try:
        assert store.requests.count() == 10
    finally:
        store.close()
