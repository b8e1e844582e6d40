"""The eval harness end to end: a real gateway, a registry prompt, suites run with the CLI or the
runner, recorded per case, cached, resumed, compared, and read by a release gate."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml
from typer.testing import CliRunner

from quarterdeck.cli.main import app as cli_app
from quarterdeck.evals.client import QuarterdeckClient
from quarterdeck.evals.runner import CaseResult, RunOptions, run_suite
from quarterdeck.evals.suite import load_suite
from quarterdeck.gateway.keys import issue_key
from tests.gateway_harness import ADMIN_KEY
from tests.integration.conftest import Gateway
from tests.upstreams import FakeUpstream, Fault

runner = CliRunner()
ROWS = [{"q": f"question {i}", "expected": f"question {i}"} for i in range(24)]


def prompt(user_template: str) -> dict[str, Any]:
    return {"model": "gpt", "messages": [{"role": "user", "content": user_template}]}


class Setup:
    def __init__(self, gw: Gateway, up: FakeUpstream, tmp_path: Path) -> None:
        self.gw, self.up, self.tmp = gw, up, tmp_path
        self.releaser = issue_key(gw.app.store, name="ci", role="releaser")[0]
        (tmp_path / "golden.jsonl").write_bytes(b"\n".join(orjson.dumps(r) for r in ROWS))

    def push(self, template: str) -> int:
        response = self.gw.admin("POST", "/api/prompts/answer/versions", json={
            "content": prompt(template), "release_policy": {"production": {
                "approvals": {"count": 0}, "evals": [{"suite": "echo", "metric": "pass_rate_low", "min": 0.8}]}}})
        assert response.status_code == 200, response.text
        return int(response.json()["version"]["number"])

    def suite(self, target: dict[str, Any], **extra: Any) -> Path:
        suite = {"name": "echo", "target": target, "dataset": {"file": "golden.jsonl"},
                 "vars": {"question": "{{q}}"},
                 "assertions": [{"type": "icontains", "value": "{{expected}}"}], "concurrency": 4, **extra}
        path = self.tmp / "suite.yaml"
        path.write_text(yaml.safe_dump(suite))
        return path

    def cli(self, *args: str) -> Any:
        extra = ["--no-progress"] if args[:2] == ("eval", "run") else []
        result = runner.invoke(cli_app, [*args, "--url", self.gw.url, "--key", self.releaser, *extra],
                               env={"COLUMNS": "200", "QUARTERDECK_HOME": str(self.tmp / "home")})
        return result

    def run_record(self, run_id: str) -> dict[str, Any]:
        return dict(self.gw.admin("GET", f"/api/eval-runs/{run_id}").json())


@pytest.fixture
def setup(gateways: Callable[..., Gateway], fakes: Callable[..., FakeUpstream], tmp_path: Path) -> Setup:
    up = fakes("openai", "up")
    gw = gateways([{"name": "gpt", "deployments": [{"provider": "p", "model": "m"}]}], {"p": up},
                  server={"log_flush_interval_s": 0.05, "registry_poll_s": 0.05})
    return Setup(gw, up, tmp_path)


def run_id_of(output: str) -> str:
    return output.split("run ", 1)[1].split(" ", 1)[0]


def test_a_suite_runs_is_recorded_and_cached(setup: Setup) -> None:
    setup.push("{{question}}")
    suite = setup.suite({"prompt": "answer:1"}, threshold=0.8)
    report = setup.tmp / "report"
    result = setup.cli("eval", "run", str(suite), "--json", str(report) + ".json", "--junit", str(report) + ".xml",
                       "--html", str(report) + ".html")
    assert result.exit_code == 0, result.output
    run = setup.run_record(run_id_of(result.stdout))
    assert run["status"] == "completed" and run["target"] == "prompt:answer:1"
    assert run["metrics"]["pass_rate"] == 1.0 and 0.85 < run["metrics"]["pass_rate_low"] < 0.9  # Wilson, n=24
    assert len(setup.up.calls) == 24
    document = orjson.loads((setup.tmp / "report.json").read_bytes())
    assert len(document["cases"]) == 24 and document["cases"][0]["output"] == "Hello from up: question 0"
    assert '<testsuite name="echo" tests="24" failures="0"' in (setup.tmp / "report.xml").read_text()
    assert "Hello from up: question 3" in (setup.tmp / "report.html").read_text()

    again = setup.cli("eval", "run", str(suite))
    assert again.exit_code == 0 and "24 from cache" in again.stdout
    assert len(setup.up.calls) == 24  # nothing sent again

    repeated = setup.cli("eval", "run", str(suite), "--repeat", "3")
    assert repeated.exit_code == 0, repeated.output
    assert "24 from cache" in repeated.stdout and len(setup.up.calls) == 24 + 48  # repeats 1, 2 are new samples
    assert setup.run_record(run_id_of(repeated.stdout))["metrics"]["cases"] == 72


def test_a_worse_version_is_blocked_by_the_gate_and_a_better_one_passes(setup: Setup) -> None:
    good = setup.push("{{question}}")
    bad = setup.push("I will not answer that.")
    assert (good, bad) == (1, 2)
    for version, expected_exit in ((bad, 1), (good, 0)):
        result = setup.cli("eval", "run", str(setup.suite({"prompt": f"answer:{version}"}, threshold=0.8)))
        assert result.exit_code == expected_exit, result.output
        run_id = run_id_of(result.stdout)
        release = setup.gw.admin("POST", "/api/releases", key=setup.releaser, json={
            "name": "answer", "version": version, "reason": f"v{version}", "eval_runs": [run_id]}).json()
        promoted = setup.gw.admin("POST", f"/api/releases/{release['id']}/promote", key=setup.releaser, json={})
        if expected_exit:
            assert promoted.status_code == 409
            assert "pass_rate_low = 0 in run" in promoted.json()["error"]["message"]
            setup.gw.admin("POST", f"/api/releases/{release['id']}/reject", key=ADMIN_KEY, json={"reason": "worse"})
        else:
            assert promoted.status_code == 200 and promoted.json()["state"] == "promoted"

    compared = setup.cli("eval", "compare", *[r["id"] for r in reversed(
        setup.gw.admin("GET", "/api/eval-runs?suite=echo").json()["data"])])
    assert compared.exit_code == 0, compared.output
    assert "case pass" in compared.stdout and "significant" in compared.stdout and "mcnemar" in compared.stdout


def test_an_interrupted_run_resumes_without_redoing_finished_cases(setup: Setup) -> None:
    setup.push("{{question}}")
    setup.up.chunk_delay = 0.0
    path = setup.suite({"prompt": "answer:1"}, concurrency=2)
    suite = load_suite(path)

    async def interrupted() -> str:
        run_ids: list[str] = []
        async with QuarterdeckClient(setup.gw.url, setup.releaser) as client:
            done = 0

            def on_case(result: CaseResult) -> None:
                nonlocal done
                done += 1
                if done == 10:
                    task.cancel()

            task = asyncio.ensure_future(run_suite(suite, path, client, RunOptions(), on_case=on_case))
            with pytest.raises(asyncio.CancelledError):
                await task
            runs = await client.admin("GET", "/eval-runs?suite=echo")
            run_ids.append(runs["data"][0]["id"])
        return run_ids[0]

    run_id = asyncio.run(interrupted())
    run = setup.run_record(run_id)
    assert run["status"] == "interrupted"
    stored = len(setup.gw.admin("GET", f"/api/eval-runs/{run_id}/cases").json()["data"])
    assert stored >= 10
    calls_before = len(setup.up.calls)
    result = setup.cli("eval", "run", str(path), "--resume", run_id, "--no-cache")
    assert result.exit_code == 0, result.output
    assert len(setup.up.calls) - calls_before == 24 - stored  # only the missing cases
    assert f"{stored} already stored" in result.stdout
    final = setup.run_record(run_id)
    assert final["status"] == "completed" and final["metrics"]["cases"] == 24 and final["metrics"]["pass_rate"] == 1


def test_garbage_judge_verdicts_are_unmeasured(setup: Setup, fakes: Callable[..., FakeUpstream]) -> None:
    setup.push("{{question}}")
    path = setup.suite({"prompt": "answer:1"}, judge_model="gpt",
                       assertions=[{"type": "llm-rubric", "value": "echoes the question"},
                                   {"type": "contains", "value": "question"}])
    setup.up.reply = "this is not a verdict"
    result = setup.cli("eval", "run", str(path), "--no-cache")
    assert result.exit_code == 0, result.output
    cases = setup.gw.admin("GET", f"/api/eval-runs/{run_id_of(result.stdout)}/cases").json()["data"]
    judged = [c["assertions"][0] for c in cases]
    assert all(a["passed"] is None and a["reason"].startswith("unmeasured") for a in judged)
    assert all(c["assertions"][1]["passed"] is False for c in cases)  # the reply has no "question"


def test_rate_limits_are_waited_out_not_counted_as_failures(setup: Setup, fakes: Callable[..., FakeUpstream]) -> None:
    direct = fakes("openai", "direct")
    direct.add_faults(*[Fault("status", status=429, retry_after=0.05) for _ in range(6)])
    path = setup.suite({"http": {"url": direct.url + "/v1", "model": "m"}, "user": "{{question}}"})
    result = setup.cli("eval", "run", str(path), "--no-cache")
    assert result.exit_code == 0, result.output
    assert "6 rate-limit waits" in result.stdout and "24 passed, 0 failed" in result.stdout


def test_bad_suites_are_refused_before_any_request(setup: Setup) -> None:
    path = setup.tmp / "bad.yaml"
    cases = [
        ({"name": "x", "target": {"model": "gpt", "prompt": "a@b"}, "dataset": {"rows": [{}]},
          "assertions": [{"type": "contains", "value": "x"}]}, "exactly one of prompt, model or http"),
        ({"name": "x", "target": {"model": "gpt"}, "dataset": {"rows": [{}]},
          "assertions": [{"type": "containz", "value": "x"}]}, "assertions.0: unknown assertion type 'containz'"),
        ({"name": "x", "target": {"model": "gpt"}, "dataset": {"file": "missing.jsonl"},
          "assertions": [{"type": "contains", "value": "x"}]}, "cannot read"),
        ({"name": "x", "target": {"model": "gpt"}, "dataset": {"rows": [{}]}, "assertions": []}, "assertions"),
    ]
    for suite, needle in cases:
        path.write_text(yaml.safe_dump(suite))
        result = setup.cli("eval", "run", str(path))
        assert result.exit_code == 2, (needle, result.output)
        assert needle in result.stderr, (needle, result.stderr)
    assert setup.up.calls == []


def test_eval_gate_blocks_a_regression_and_passes_an_improvement(setup: Setup) -> None:
    response = setup.gw.admin("POST", "/api/prompts/answer/versions", json={
        "content": prompt("{{question}}"), "release_policy": {"production": {
            "approvals": {"count": 0}, "evals": [{"suite": "echo", "metric": "no_regression", "min": 1}]}}})
    assert response.status_code == 200
    first = setup.gw.admin("POST", "/api/releases", key=setup.releaser,
                           json={"name": "answer", "version": 1, "reason": "v1"}).json()
    gated = setup.cli("eval", "gate", first["id"], str(setup.suite({"prompt": "answer@production"})))
    assert gated.exit_code == 0, gated.output  # nothing to regress against
    promoted = setup.gw.admin("POST", f"/api/releases/{first['id']}/promote", key=setup.releaser, json={})
    assert promoted.status_code == 200

    def push(template: str) -> int:  # without a policy: the one above stays
        pushed = setup.gw.admin("POST", "/api/prompts/answer/versions", json={"content": prompt(template)})
        return int(pushed.json()["version"]["number"])

    worse = push("{{question}}, or maybe not")  # v2 still echoes the question: no regression
    half = push("Reply: nothing")  # v3 fails every case
    suite_path = setup.suite({"prompt": "answer@production"})
    bad = setup.gw.admin("POST", "/api/releases", key=setup.releaser,
                         json={"name": "answer", "version": half, "reason": "v3"}).json()
    result = setup.cli("eval", "gate", bad["id"], str(suite_path))
    assert result.exit_code == 1, result.output
    assert "significant regression" in result.stdout and "case pass" in result.stdout
    release = setup.gw.admin("GET", f"/api/releases/{bad['id']}").json()
    assert len(release["eval_runs"]) == 2
    assert release["unmet_gates"] == [f"eval echo: no_regression = 0 in run {release['eval_runs'][1]} is below 1"]
    refused = setup.gw.admin("POST", f"/api/releases/{bad['id']}/promote", key=setup.releaser, json={})
    assert refused.status_code == 409
    setup.gw.admin("POST", f"/api/releases/{bad['id']}/reject", key=ADMIN_KEY, json={"reason": "regressed"})

    fine = setup.gw.admin("POST", "/api/releases", key=setup.releaser,
                          json={"name": "answer", "version": worse, "reason": "v2"}).json()
    result = setup.cli("eval", "gate", fine["id"], str(suite_path))
    assert result.exit_code == 0, result.output
    assert setup.gw.admin("POST", f"/api/releases/{fine['id']}/promote", key=setup.releaser, json={}).json()[
        "state"] == "promoted"


# ------------------------------------------------------------------------------------------ flat memory

MEASURE_RSS = """
import atexit, json, sys
from pathlib import Path
from quarterdeck.cli.main import main

def status(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])  # kB
    raise LookupError(field)

out = Path(sys.argv.pop(1))
start = status("VmRSS")  # after the imports: what the run itself adds is measured
atexit.register(lambda: out.write_text(json.dumps({"start_kb": start, "peak_kb": status("VmHWM")})))
sys.argv[0] = "quarterdeck"
main()
"""
FILLER = " ".join(f"word{i % 97}" for i in range(500))  # ~3.4 kB per answer


def long_answer(body: Any) -> str:
    return f"Answer to {body['messages'][-1]['content']}: {FILLER}"


def run_measured(setup: Setup, cases: int) -> tuple[dict[str, Any], float, str]:
    """`quarterdeck eval run` of a `cases`-row suite in its own process; its RSS at start and peak."""
    rows = setup.tmp / f"rows{cases}.jsonl"
    rows.write_bytes(b"\n".join(orjson.dumps({"q": f"question {i}"}) for i in range(cases)))
    suite = setup.tmp / f"suite{cases}.yaml"
    suite.write_text(yaml.safe_dump({
        "name": f"big{cases}", "target": {"model": "gpt", "user": "{{q}}"}, "dataset": {"file": rows.name},
        "assertions": [{"type": "icontains", "value": "{{q}}"}, {"type": "not-contains", "value": "As an AI"}],
        "concurrency": 32}))
    script = setup.tmp / "measure.py"
    script.write_text(MEASURE_RSS)
    out = setup.tmp / f"rss{cases}.json"
    reports = [f"--{kind}={setup.tmp / f'report{cases}.{kind}'}" for kind in ("json", "junit", "html")]
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(script), str(out), "eval", "run", str(suite), "--url", setup.gw.url,
                           "--key", setup.releaser, "--no-cache", "--no-progress", *reports],
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "QUARTERDECK_HOME": str(setup.tmp / "home"), "COLUMNS": "200"})
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stdout + done.stderr
    return orjson.loads(out.read_bytes()), elapsed, done.stdout


@pytest.mark.slow
def test_a_10000_case_suite_runs_in_flat_memory(setup: Setup) -> None:
    setup.up.responder = long_answer
    small, small_s, _ = run_measured(setup, 500)
    big, big_s, stdout = run_measured(setup, 10_000)
    assert "10000 cases, 10000 passed" in stdout, stdout
    with (setup.tmp / "report10000.json").open() as report:
        assert sum(1 for _ in report) == 10_000 + 3  # the report has every case, one per line
    grow_small = small["peak_kb"] - small["start_kb"]
    grow_big = big["peak_kb"] - big["start_kb"]

    # what holding the results would cost: the 10,000 stored cases as the runner gets them
    run_id = run_id_of(stdout)
    tracemalloc.start()
    held = []
    for offset in range(0, 10_000, 1000):
        held.extend(setup.gw.admin("GET", f"/api/eval-runs/{run_id}/cases",
                                   params={"offset": offset, "limit": 1000}).json()["data"])
    holding_kb = tracemalloc.get_traced_memory()[0] // 1024
    tracemalloc.stop()
    assert len(held) == 10_000
    del held
    print(f"\n500 cases: {small_s:.1f} s, RSS +{grow_small / 1024:.1f} MB; 10,000 cases: {big_s:.1f} s, "
          f"RSS +{grow_big / 1024:.1f} MB; holding the 10,000 results would take {holding_kb / 1024:.1f} MB")
    # 10x the cases may add the dataset's rows (input, ~3 MB here) and allocator noise, not the results
    bound_kb = 15 * 1024
    assert holding_kb > 2 * bound_kb  # so the bound below is one that holding the results would break
    assert grow_big - grow_small < bound_kb, (grow_small, grow_big)
