"""`quarterdeck eval run --executor ray`: the same suite, run locally and as Ray tasks on a local Ray
cluster started for this module, gives identical per-case results; the cache, resume and progress work
with Ray. The cluster is started with `ray start --head` in its own session and temp dir, and every
process of that session is ended (by pid) when the module is done, even on failure."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml
from typer.testing import CliRunner

from quarterdeck.cli.main import app as cli_app
from quarterdeck.evals.case import CaseResult
from quarterdeck.evals.client import QuarterdeckClient
from quarterdeck.evals.ray_executor import RayExecutor
from quarterdeck.evals.runner import RunOptions, run_suite
from quarterdeck.evals.suite import load_suite
from quarterdeck.gateway.keys import issue_key
from tests.integration.conftest import Gateway
from tests.upstreams import FakeUpstream

pytest.importorskip("ray", reason="the Ray executor test needs the ray extra (pip install '.[ray]', in .[dev])")

pytestmark = pytest.mark.slow  # a Ray cluster takes ~10 s to start and its workers a few s to import quarterdeck

runner = CliRunner()
ROWS = [{"q": f"question {i}", "expected": f"question {i}" if i % 3 else "something else"} for i in range(40)]
# what must be identical between executors (latency differs between any two runs)
SAME = ("case_key", "variables", "output", "error", "passed", "score", "assertions", "cost_usd")


# ------------------------------------------------------------------------------------------- the cluster


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _session_pids(pgid: int) -> set[int]:
    """Every live process of the process group ``pgid`` and all their descendants (Ray's workers make
    their own process groups, as children of the raylet)."""
    parents: dict[int, int] = {}
    groups: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] == "Z":
            continue
        parents[int(entry.name)], groups[int(entry.name)] = int(fields[1]), int(fields[2])
    found = {pid for pid, group in groups.items() if group == pgid}
    while True:
        more = {pid for pid, parent in parents.items() if parent in found} - found
        if not more:
            return found
        found |= more


def _end(pids: set[int], sig: signal.Signals) -> None:
    for pid in pids:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            continue


def _wait_gone(pgid: int, pids: set[int], timeout: float) -> set[int]:
    deadline = time.monotonic() + timeout
    while True:
        alive = _session_pids(pgid) | {p for p in pids if _alive(p)}
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def stop_cluster(pgid: int) -> set[int]:
    """End the processes this test started (SIGTERM, then SIGKILL after a grace period); returns any left."""
    pids = _session_pids(pgid)
    _end(pids, signal.SIGTERM)
    pids = _wait_gone(pgid, pids, 3)
    _end(pids, signal.SIGKILL)
    return _wait_gone(pgid, pids, 10)


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[str]:
    """A one-node Ray cluster on 127.0.0.1 with 2 CPUs; yields its address."""
    temp = Path(tempfile.mkdtemp(prefix="qdray-", dir="/tmp"))  # short: Ray's socket paths have a length limit
    ray = shutil.which("ray", path=os.path.dirname(sys.executable)) or shutil.which("ray")
    assert ray is not None, "the ray command is not installed"
    command = [ray, "start", "--head", "--port=0", "--node-ip-address=127.0.0.1", "--num-cpus=2",
               f"--temp-dir={temp}", "--include-dashboard=false", "--disable-usage-stats",
               f"--dashboard-port={_free_port()}",
               f"--dashboard-agent-listen-port={_free_port()}"]
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}
    env.pop("RAY_ADDRESS", None)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                               start_new_session=True, text=True)
    try:
        output, _ = process.communicate(timeout=120)
        assert process.returncode == 0, output
        found = re.search(r"--address='([^']+)'", output)
        assert found is not None, output
        yield found.group(1)
    finally:
        if process.poll() is None:
            process.kill()
        leftover = stop_cluster(process.pid)
        shutil.rmtree(temp, ignore_errors=True)
        assert not leftover, f"Ray processes still running: {sorted(leftover)}"


# ------------------------------------------------------------------------------------------- the gateway


def judge_by_content(body: Any) -> str:
    """A deterministic judge: it passes outputs about an odd question, with a score from the number."""
    document = body["messages"][1]["content"]
    number = int(re.search(r"question (\d+)", document).group(1))  # type: ignore[union-attr]
    return orjson.dumps({"score": (number % 10) / 10, "pass": number % 2 == 1, "reason": f"n={number}"}).decode()


class Setup:
    def __init__(self, gw: Gateway, up: FakeUpstream, tmp_path: Path) -> None:
        self.gw, self.up, self.tmp = gw, up, tmp_path
        self.releaser = issue_key(gw.app.store, name="ci", role="releaser")[0]
        (tmp_path / "golden.jsonl").write_bytes(b"\n".join(orjson.dumps(r) for r in ROWS))
        self.path = tmp_path / "suite.yaml"
        self.path.write_text(yaml.safe_dump({
            "name": "echo", "target": {"model": "gpt", "user": "{{question}}", "params": {"temperature": 0}},
            "dataset": {"file": "golden.jsonl"}, "vars": {"question": "{{q}}"}, "judge_model": "judge",
            "assertions": [{"type": "icontains", "value": "{{expected}}"},
                           {"type": "levenshtein", "value": "Hello from up: {{expected}}", "threshold": 3},
                           {"type": "rouge-l", "value": "Hello from up: {{expected}}", "threshold": 0.5},
                           {"type": "llm-rubric", "value": "answers an odd question", "weight": 2}],
            "concurrency": 4}))

    def cli(self, *args: str) -> Any:
        return runner.invoke(cli_app, ["eval", "run", str(self.path), "--url", self.gw.url, "--key", self.releaser,
                                       "--no-progress", *args],
                             env={"COLUMNS": "200", "QUARTERDECK_HOME": str(self.tmp / "home")})

    def cases(self, run_id: str) -> dict[tuple[int, int], dict[str, Any]]:
        data = self.gw.admin("GET", f"/api/eval-runs/{run_id}/cases", params={"limit": 1000}).json()["data"]
        return {(c["case_index"], c["repeat"]): {k: c[k] for k in SAME} for c in data}

    def run_record(self, run_id: str) -> dict[str, Any]:
        return dict(self.gw.admin("GET", f"/api/eval-runs/{run_id}").json())


@pytest.fixture
def setup(gateways: Callable[..., Gateway], fakes: Callable[..., FakeUpstream], tmp_path: Path) -> Setup:
    up, judge = fakes("openai", "up"), fakes("openai", "judge")
    judge.responder = judge_by_content
    judge.verbatim_json = True
    gw = gateways([{"name": "gpt", "deployments": [{"provider": "p", "model": "m"}]},
                   {"name": "judge", "deployments": [{"provider": "j", "model": "m"}]}], {"p": up, "j": judge},
                  server={"log_flush_interval_s": 0.05})
    return Setup(gw, up, tmp_path)


def run_id_of(output: str) -> str:
    return output.split("run ", 1)[1].split(" ", 1)[0]


# ------------------------------------------------------------------------------------------------ tests


def test_ray_and_local_runs_give_identical_cases(setup: Setup, ray_cluster: str) -> None:
    started = time.perf_counter()
    local = setup.cli("--no-cache")
    local_s = time.perf_counter() - started
    assert local.exit_code == 0, local.output
    started = time.perf_counter()
    on_ray = setup.cli("--no-cache", "--executor", "ray", "--ray-address", ray_cluster, "--ray-batch", "6")
    ray_s = time.perf_counter() - started
    assert on_ray.exit_code == 0, on_ray.output
    assert "evaluated on ray" in on_ray.stdout
    print(f"\n40 cases: local {local_s:.2f} s, ray {ray_s:.2f} s")

    a, b = setup.cases(run_id_of(local.stdout)), setup.cases(run_id_of(on_ray.stdout))
    assert len(a) == len(b) == 40
    assert a == b  # outputs, assertion results, pass/fail, scores, case keys
    passed = sum(1 for c in a.values() if c["passed"])
    assert 0 < passed < 40  # the suite has passes and failures, so equality says something
    assert {c["assertions"][3]["reason"] for c in a.values()} >= {"n=1", "n=2"}  # the judge ran on Ray too
    run_a, run_b = setup.run_record(run_id_of(local.stdout)), setup.run_record(run_id_of(on_ray.stdout))
    for metric in ("cases", "measured", "pass_rate", "pass_rate_low", "pass_rate_high", "mean_score"):
        assert run_a["metrics"][metric] == run_b["metrics"][metric], metric
    assert run_b["status"] == "completed"
    assert len(setup.up.calls) == 80


def test_the_cache_works_with_ray(setup: Setup, ray_cluster: str) -> None:
    args = ("--executor", "ray", "--ray-address", ray_cluster, "--ray-batch", "8")
    first = setup.cli(*args)
    assert first.exit_code == 0, first.output
    assert len(setup.up.calls) == 40
    again = setup.cli(*args)
    assert again.exit_code == 0, again.output
    assert "40 from cache" in again.stdout and len(setup.up.calls) == 40  # nothing sent to Ray or the target
    assert setup.cases(run_id_of(first.stdout)) == setup.cases(run_id_of(again.stdout))


def test_an_interrupted_run_resumes_on_ray_with_progress(setup: Setup, ray_cluster: str) -> None:
    suite = load_suite(setup.path)

    async def interrupted() -> str:
        async with QuarterdeckClient(setup.gw.url, setup.releaser) as client:
            done = 0

            def on_case(result: CaseResult) -> None:
                nonlocal done
                done += 1
                if done == 12:
                    task.cancel()

            task = asyncio.ensure_future(run_suite(suite, setup.path, client, RunOptions(concurrency=2),
                                                   on_case=on_case))
            with pytest.raises(asyncio.CancelledError):
                await task
            return str((await client.admin("GET", "/eval-runs?suite=echo"))["data"][0]["id"])

    run_id = asyncio.run(interrupted())
    assert setup.run_record(run_id)["status"] == "interrupted"
    stored = len(setup.cases(run_id))
    assert stored >= 12
    calls_before = len(setup.up.calls)

    async def resumed() -> tuple[int, int]:
        executor = RayExecutor(ray_cluster, batch_size=5)
        progress: list[int] = []
        try:
            async with QuarterdeckClient(setup.gw.url, setup.releaser) as client:
                summary = await run_suite(suite, setup.path, client,
                                          RunOptions(resume_run_id=run_id, executor=executor),
                                          on_start=progress.append, on_case=lambda _: progress.append(-1))
        finally:
            executor.close()
        assert summary.executor == "ray" and summary.skipped == stored
        return progress[0], progress.count(-1)

    expected, reported = asyncio.run(resumed())
    assert expected == reported == 40 - stored  # progress: announced, then one tick per case
    assert len(setup.up.calls) - calls_before == 40 - stored  # only the missing cases ran
    record = setup.run_record(run_id)
    assert record["status"] == "completed" and record["metrics"]["cases"] == 40

    fresh = setup.cli("--no-cache")
    assert setup.cases(run_id) == setup.cases(run_id_of(fresh.stdout))
