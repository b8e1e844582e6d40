"""Benchmark: the upstream directly vs Quarterdeck vs the LiteLLM proxy, in one run on one machine.

Run from the repository root (with Quarterdeck installed, `pip install -e .`):

    python bench/run.py              # full run (~5 min): 10 s per cell, writes docs/benchmarks.md
    python bench/run.py --quick      # smoke run (~1.5 min): 2 s per cell, writes bench/out/benchmarks-quick.md
    python bench/run.py --duration 20 --concurrency 1,16,64,128 --targets direct,quarterdeck

What it does:

1. starts ``bench/upstream.py`` (a fast OpenAI-compatible server, its own process) on 127.0.0.1;
2. measures each target against that same upstream, one target running at a time:
   ``direct`` (the upstream itself), ``quarterdeck`` (``quarterdeck up --config bench/quarterdeck.yaml``,
   one worker, SQLite store in a temp dir) and ``litellm`` (``litellm --num_workers 1`` from a virtualenv
   this script creates in ``bench/.venv-litellm`` with ``pip install "litellm[proxy]"``);
3. for every target, mode (non-streaming, streaming) and concurrency (1, 16, 64) runs
   ``bench/loadgen.py`` in its own process: a warm-up, then a fixed window in which it records latency,
   time to first token, requests/s, and the CPU seconds of the target's and the upstream's process
   trees (from /proc);
4. records each target's peak RSS (VmHWM) and, unless ``--no-profile``, samples Quarterdeck with
   py-spy (installed into ``bench/.venv-tools``) under concurrency-16 non-streaming load;
5. writes the report (Markdown) with the machine, the versions, the tables, the issue's targets met or
   not, and where Quarterdeck's CPU time goes. Raw results, logs and the profile go to ``bench/out/``.

A target that cannot be installed or started (LiteLLM needs PyPI) is reported with its error; the rest
still runs. Everything this script starts is stopped at the end, on errors and on Ctrl-C too.
Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import importlib.metadata
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from procstat import tree_memory_kib, tree_pids

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
LITELLM_VENV = BENCH / ".venv-litellm"
TOOLS_VENV = BENCH / ".venv-tools"
HOST = "127.0.0.1"
MODEL = "bench"
TARGETS = ("direct", "quarterdeck", "litellm")
MODES = ("non-stream", "stream")
NOTES_START = "<!-- notes:start -->"
NOTES_END = "<!-- notes:end -->"

# The targets for Quarterdeck.
TARGET_ADDED_P50_MS = 0.5
TARGET_TTFT_OVERHEAD_MS = 0.5
TARGET_CPU_MS_PER_REQUEST = 0.4
TARGET_RPS_RATIO = 20.0
TARGET_RSS_MB = 120.0

JSON = dict[str, Any]


# --------------------------------------------------------------------------------------------------
# Processes


class Supervisor:
    """Starts servers in their own sessions and stops every one of them (SIGTERM, then SIGKILL)."""

    def __init__(self) -> None:
        self.procs: list[subprocess.Popen[bytes]] = []

    def start(self, argv: Sequence[str], *, log: Path, env: Mapping[str, str] | None = None) -> subprocess.Popen[bytes]:
        with log.open("ab") as out:
            proc = subprocess.Popen(
                list(argv),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=dict(env) if env is not None else None,
                cwd=ROOT,
                start_new_session=True,  # its own process group: Ctrl-C reaches us, we stop it
            )
        self.procs.append(proc)
        return proc

    def stop(self, proc: subprocess.Popen[bytes], grace_s: float = 15.0) -> None:
        if proc.poll() is None:
            _signal_group(proc.pid, signal.SIGTERM)
            with suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=grace_s)
        _signal_group(proc.pid, signal.SIGKILL)  # leftovers of the group (workers), if any
        if proc.poll() is None:
            proc.wait(timeout=5)
        if proc in self.procs:
            self.procs.remove(proc)

    def close(self) -> None:
        for proc in reversed(list(self.procs)):
            try:
                self.stop(proc, grace_s=10.0)
            except (OSError, subprocess.SubprocessError) as exc:
                print(f"warning: could not stop pid {proc.pid}: {exc}", file=sys.stderr)


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def log_tail(path: Path, lines: int = 12) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return ""
    kept = [line for line in text.splitlines() if line.strip() and "is ignored: it is neither" not in line]
    return "\n".join(kept[-lines:])


def wait_ready(url: str, proc: subprocess.Popen[bytes], timeout_s: float, log: Path) -> None:
    """Poll ``url`` until it answers 200; raise with the server's log when it dies or takes too long."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"exited with status {proc.returncode} while starting:\n{log_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"not ready after {timeout_s:.0f} s:\n{log_tail(log)}")


def smoke_check(url: str, key: str) -> None:
    """One non-streamed and one streamed request; raise unless both answer 200 with content."""
    for stream in (False, True):
        body: JSON = {"model": MODEL, "messages": [{"role": "user", "content": "hi"}], "max_tokens": 16}
        if stream:
            body |= {"stream": True, "stream_options": {"include_usage": True}}
        request = urllib.request.Request(
            url,
            data=json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                text = answer.read().decode(errors="replace")
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode(errors="replace")[:500]
            raise RuntimeError(f"{'stream' if stream else 'non-stream'} request: HTTP {exc.code}: {detail}") from None
        if "upstream" not in text or (stream and "[DONE]" not in text):
            raise RuntimeError(f"{'stream' if stream else 'non-stream'} request: unexpected answer: {text[:300]}")


# --------------------------------------------------------------------------------------------------
# Targets


@dataclass
class Target:
    name: str
    proc: subprocess.Popen[bytes]
    url: str
    key: str
    log: Path


@dataclass
class TargetResult:
    name: str
    version: str = ""
    error: str | None = None
    cells: dict[str, JSON] = field(default_factory=dict)  # "<mode>/<concurrency>" -> loadgen result
    idle_rss_kib: int = 0
    peak_rss_kib: int = 0  # VmHWM of the target's main process
    peak_tree_rss_kib: int = 0  # summed VmHWM of its process tree
    processes: int = 0


def start_upstream(sup: Supervisor, run_dir: Path) -> Target:
    port = free_port()
    log = run_dir / "upstream.log"
    proc = sup.start([sys.executable, str(BENCH / "upstream.py"), "--host", HOST, "--port", str(port)], log=log)
    wait_ready(f"http://{HOST}:{port}/health", proc, 30, log)
    return Target("direct", proc, f"http://{HOST}:{port}/v1/chat/completions", "sk-upstream-not-checked", log)


def quarterdeck_executable() -> str:
    found = shutil.which("quarterdeck") or str(Path(sys.executable).parent / "quarterdeck")
    if not Path(found).exists():
        raise RuntimeError("the `quarterdeck` command is not installed (pip install -e . in the repository root)")
    return found


def start_quarterdeck(sup: Supervisor, run_dir: Path, upstream: Target) -> Target:
    port = free_port()
    key = "sk-qd-" + secrets.token_hex(16)
    log = run_dir / "quarterdeck.log"
    env = os.environ | {
        "QD_BENCH_STORE": f"sqlite:///{run_dir / 'quarterdeck.db'}",
        "QD_BENCH_UPSTREAM": upstream.url.removesuffix("/chat/completions"),
        "QD_BENCH_KEY": key,
    }
    argv = [quarterdeck_executable(), "up", "--config", str(BENCH / "quarterdeck.yaml"), "--host", HOST]
    proc = sup.start([*argv, "--port", str(port)], log=log, env=env)
    wait_ready(f"http://{HOST}:{port}/healthz", proc, 90, log)
    return Target("quarterdeck", proc, f"http://{HOST}:{port}/v1/chat/completions", key, log)


def ensure_venv(venv: Path, requirement: str, log: Path, check: str) -> Path:
    """A virtualenv at ``venv`` with ``requirement`` installed; ``check`` is Python code that must run in it."""
    python = venv / "bin" / "python"
    if python.exists() and subprocess.run([str(python), "-c", check], capture_output=True).returncode == 0:
        return python
    print(f"  installing {requirement} into {venv} (log: {log})", flush=True)
    with log.open("ab") as out:
        steps = [
            [sys.executable, "-m", "venv", str(venv)],
            [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", requirement],
        ]
        for step in steps:
            done = subprocess.run(step, stdout=out, stderr=subprocess.STDOUT, timeout=1800, cwd=ROOT)
            if done.returncode != 0:
                raise RuntimeError(f"`{' '.join(step[-3:])}` failed (status {done.returncode}):\n{log_tail(log)}")
    return python


def package_version(python: Path | None, package: str) -> str:
    if python is None:
        try:
            return importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"
    code = f"import importlib.metadata as m; print(m.version({package!r}))"
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True, timeout=60)
    return done.stdout.strip() if done.returncode == 0 else "not installed"


def start_litellm(sup: Supervisor, run_dir: Path, upstream: Target, python: Path) -> Target:
    port = free_port()
    key = "sk-" + secrets.token_hex(16)
    config = run_dir / "litellm.yaml"
    config.write_text(
        f"""# written by bench/run.py
model_list:
  - model_name: {MODEL}
    litellm_params:
      model: openai/bench-upstream
      api_base: {upstream.url.removesuffix("/chat/completions")}
      api_key: sk-upstream-not-checked
general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY
"""
    )
    env = os.environ | {
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",  # offline: no fetch of the price list at start
        "LITELLM_MASTER_KEY": key,
        "LITELLM_LOG": "WARNING",  # uvicorn at warning: no access log line per request (as Quarterdeck)
    }
    log = run_dir / "litellm.log"
    argv = [str(python.parent / "litellm"), "--config", str(config), "--host", HOST, "--port", str(port)]
    proc = sup.start([*argv, "--num_workers", "1"], log=log, env=env)
    wait_ready(f"http://{HOST}:{port}/health/liveliness", proc, 180, log)
    return Target("litellm", proc, f"http://{HOST}:{port}/v1/chat/completions", key, log)


# --------------------------------------------------------------------------------------------------
# Load


@dataclass
class Plan:
    duration_s: float
    warmup_s: float
    concurrency: list[int]
    pause_s: float


def run_loadgen(
    target: Target, upstream: Target, *, stream: bool, concurrency: int, warmup_s: float, duration_s: float
) -> JSON:
    argv = [
        sys.executable,
        str(BENCH / "loadgen.py"),
        "--url",
        target.url,
        "--key",
        target.key,
        "--model",
        MODEL,
        "--concurrency",
        str(concurrency),
        "--warmup",
        str(warmup_s),
        "--duration",
        str(duration_s),
        "--pid",
        f"target={target.proc.pid}",
        "--pid",
        f"upstream={upstream.proc.pid}",
    ]
    if stream:
        argv.append("--stream")
    done = subprocess.run(argv, capture_output=True, text=True, timeout=warmup_s + duration_s + 90, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"loadgen failed (status {done.returncode}): {done.stderr.strip()[-800:]}")
    result: JSON = json.loads(done.stdout)
    return result


def measure_target(target: Target, upstream: Target, plan: Plan, result: TargetResult) -> None:
    result.idle_rss_kib = tree_memory_kib(target.proc.pid)[2]
    for mode in MODES:
        for concurrency in plan.concurrency:
            cell = f"{mode}/{concurrency}"
            print(f"  {target.name:<12} {mode:<10} c={concurrency:<3} ", end="", flush=True)
            try:
                data = run_loadgen(
                    target,
                    upstream,
                    stream=mode == "stream",
                    concurrency=concurrency,
                    warmup_s=plan.warmup_s,
                    duration_s=plan.duration_s,
                )
            except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as exc:
                data = {"failed": str(exc)}
                print(f"FAILED: {exc}", flush=True)
            else:
                latency = data["latency_ms"].get("p50", float("nan"))
                print(f"{data['rps']:>9.1f} req/s  p50 {latency:8.2f} ms  errors {data['errors']}", flush=True)
            result.cells[cell] = data
            if target.proc.poll() is not None:
                raise RuntimeError(f"{target.name} exited (status {target.proc.returncode}):\n{log_tail(target.log)}")
            time.sleep(plan.pause_s)
    main_peak, tree_peak, _ = tree_memory_kib(target.proc.pid)
    result.peak_rss_kib = main_peak
    result.peak_tree_rss_kib = tree_peak
    result.processes = len(tree_pids(target.proc.pid))


# --------------------------------------------------------------------------------------------------
# Profile


@dataclass
class Profile:
    samples: int
    duration_s: float
    rate_hz: int
    threads: list[tuple[str, int]]
    buckets: list[tuple[str, int]]
    self_functions: list[tuple[str, int]]
    inclusive_own: list[tuple[str, int]]
    packages: list[tuple[str, int]]
    raw_path: Path
    load: JSON


_LINE_NO = re.compile(r":\d+\)$")


def _package_of(frame: str) -> str:
    """``fn (starlette/routing.py)`` -> ``starlette``; Quarterdeck's own code -> ``quarterdeck.gateway.chat``."""
    start = frame.rfind(" (")
    path = frame[start + 2 : -1] if start >= 0 else frame
    parts = path.removesuffix(".py").split("/")
    if parts[0] == "quarterdeck" and len(parts) > 1:
        return ".".join(parts[:3])
    if parts[0] in ("<string>", ""):
        return "generated code (dataclass/attrs __init__)"
    if len(parts) == 1:
        return f"stdlib {parts[0]}"
    return parts[0]


# Coarse buckets for the profile: a sample goes to the first bucket with a marker in its stack (or, for
# leaf-only buckets, in its innermost frame). Markers are Quarterdeck's names as of this writing; a
# renamed function falls into a later bucket.
BUCKETS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("request log: writing rows (SQLite, executor threads)", ("RequestLogRepository.",), False),
    ("key lookup in the store (executor threads)", ("KeyRepository.",), False),
    ("other store work", ("(quarterdeck/store/",), False),
    ("limits and budgets: admission, settlement (quarterdeck.state)", ("Admitter.", "(quarterdeck/state/"), False),
    ("finishing a request: spend, log row, metrics", ("RequestContext.finish", "(prometheus_client/"), False),
    ("upstream call: provider adapter + aiohttp client", ("(quarterdeck/providers/", "(aiohttp/"), False),
    ("ASGI server and framework (uvicorn, starlette, httptools)", ("(uvicorn/", "(starlette/"), True),
    ("rest of Quarterdeck's endpoint (auth, body, routing, response)", ("(quarterdeck/",), False),
    ("event loop and everything else", ("",), False),
)


def _bucket(frames: list[str]) -> str:
    joined = ";".join(frames)
    for name, markers, leaf_only in BUCKETS:
        where = frames[-1] if leaf_only else joined
        if any(marker in where for marker in markers):
            return name
    return BUCKETS[-1][0]


def parse_profile(path: Path) -> tuple[int, JSON]:
    """py-spy's raw (collapsed) output -> total samples and counters by thread, bucket, function and package."""
    total = 0
    threads: collections.Counter[str] = collections.Counter()
    buckets: collections.Counter[str] = collections.Counter()
    self_fn: collections.Counter[str] = collections.Counter()
    inclusive: collections.Counter[str] = collections.Counter()
    packages: collections.Counter[str] = collections.Counter()
    for line in path.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [_LINE_NO.sub(")", frame) for frame in stack.split(";")]
        if frames[0].startswith("thread ("):
            label = frames.pop(0).partition(": ")[2]
            threads[_thread_kind(label)] += count
        if not frames:
            continue
        total += count
        buckets[_bucket(frames)] += count
        self_fn[frames[-1]] += count
        packages[_package_of(frames[-1])] += count
        for frame in set(frames):
            if "(quarterdeck/" in frame and "quarterdeck/cli/" not in frame and "quarterdeck/server.py" not in frame:
                inclusive[frame] += count
    return total, {
        "threads": threads.most_common(),
        "buckets": buckets.most_common(),
        "self": self_fn.most_common(20),
        "inclusive": inclusive.most_common(20),
        "packages": packages.most_common(15),
    }


def _thread_kind(label: str) -> str:
    if label == "MainThread":
        return "main thread (event loop)"
    name = label.split(" ")[0].rstrip("0123456789").rstrip("_-") or "unnamed"
    return f"executor threads ({name}_*)" if name == "uvloop" else f"other threads ({name}*)"


def profile_quarterdeck(target: Target, upstream: Target, duration_s: float, run_dir: Path) -> Profile:
    check = "import os, sys; sys.exit(not os.path.exists(os.path.join(os.path.dirname(sys.executable), 'py-spy')))"
    py_spy = ensure_venv(TOOLS_VENV, "py-spy", run_dir / "tools-install.log", check).parent / "py-spy"
    raw = run_dir / "quarterdeck-profile.txt"
    rate = 200
    argv = [
        sys.executable,
        str(BENCH / "loadgen.py"),
        "--url",
        target.url,
        "--key",
        target.key,
        "--model",
        MODEL,
        "--concurrency",
        "16",
        "--warmup",
        "1.5",
        "--duration",
        str(duration_s + 1.5),
        "--pid",
        f"target={target.proc.pid}",
    ]
    load = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        time.sleep(1.5)
        record = [str(py_spy), "record", "--pid", str(target.proc.pid), "--duration", str(int(duration_s))]
        # --nonblocking: without it py-spy pauses the process per sample and counts idle executor threads as busy
        record += ["--rate", str(rate), "--format", "raw", "--threads", "--nonblocking", "--output", str(raw)]
        done = subprocess.run(record, capture_output=True, text=True, timeout=duration_s + 60)
        if done.returncode != 0:
            raise RuntimeError(f"py-spy failed (status {done.returncode}): {done.stderr.strip()[-600:]}")
        stdout, _ = load.communicate(timeout=duration_s + 60)
    finally:
        if load.poll() is None:
            load.kill()
            load.wait()
    total, counts = parse_profile(raw)
    return Profile(
        samples=total,
        duration_s=duration_s,
        rate_hz=rate,
        threads=counts["threads"],
        buckets=counts["buckets"],
        self_functions=counts["self"],
        inclusive_own=counts["inclusive"],
        packages=counts["packages"],
        raw_path=raw,
        load=json.loads(stdout) if stdout.strip() else {},
    )


# --------------------------------------------------------------------------------------------------
# Machine


def machine() -> dict[str, str]:
    cpu = "unknown"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_kib = 0
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
                break
    return {
        "nproc": str(os.cpu_count() or 0),
        "usable CPUs (affinity)": str(len(os.sched_getaffinity(0))),
        "CPU": cpu,
        "RAM": f"{mem_kib / 1024 / 1024:.1f} GiB",
        "kernel": platform.release(),
        "Python": platform.python_version(),
    }


def _shown_path(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def git_state() -> str:
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain"], capture_output=True, text=True)
    except OSError:
        return "unknown"
    changed = [line for line in dirty.stdout.splitlines() if line.strip()]
    suffix = f" plus {len(changed)} uncommitted file(s) in the working tree" if changed else ""
    return f"{head.stdout.strip() or 'unknown'}{suffix}"


# --------------------------------------------------------------------------------------------------
# Report


def _cell(results: Mapping[str, TargetResult], target: str, mode: str, concurrency: int) -> JSON | None:
    result = results.get(target)
    if result is None or result.error:
        return None
    data = result.cells.get(f"{mode}/{concurrency}")
    if data is None or "failed" in data or not data["latency_ms"]:
        return None
    return data


def _ms(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _added(value: float | None, base: float | None) -> str:
    return "n/a" if value is None or base is None else f"{value - base:+.2f}"


def cpu_ms_per_request(data: JSON | None, process: str = "target") -> float | None:
    if data is None or not data["ok"]:
        return None
    return float(data["cpu_s"][process]) / int(data["ok"]) * 1000


def max_rps(results: Mapping[str, TargetResult], target: str, mode: str, plan: Plan) -> tuple[float, int] | None:
    best: tuple[float, int] | None = None
    for concurrency in plan.concurrency:
        data = _cell(results, target, mode, concurrency)
        if data is not None and (best is None or data["rps"] > best[0]):
            best = (float(data["rps"]), concurrency)
    return best


def _verdict(measured: float | None, limit: float, *, at_least: bool, unit: str, digits: int = 2) -> tuple[str, str]:
    if measured is None:
        return "not measured", "n/a"
    met = measured >= limit if at_least else measured <= limit
    gap = measured - limit
    if met:
        return "**met**", f"{abs(gap):.{digits}f} {unit} of headroom"
    factor = limit / measured if at_least and measured > 0 else measured / limit if limit else float("inf")
    word = "short" if at_least else "over"
    return "**not met**", f"{abs(gap):.{digits}f} {unit} {word} ({factor:.1f}x off)"


def targets_table(results: Mapping[str, TargetResult], plan: Plan) -> tuple[list[str], dict[str, float | None]]:
    def p50(target: str, mode: str, key: str, concurrency: int) -> float | None:
        data = _cell(results, target, mode, concurrency)
        return None if data is None else float(data[key]["p50"])

    low = plan.concurrency[0]
    mid = 16 if 16 in plan.concurrency else plan.concurrency[len(plan.concurrency) // 2]
    qd_lat, dir_lat = (
        p50("quarterdeck", "non-stream", "latency_ms", low),
        p50("direct", "non-stream", "latency_ms", low),
    )
    qd_ttft, dir_ttft = p50("quarterdeck", "stream", "ttft_ms", low), p50("direct", "stream", "ttft_ms", low)
    added = None if qd_lat is None or dir_lat is None else qd_lat - dir_lat
    ttft_over = None if qd_ttft is None or dir_ttft is None else qd_ttft - dir_ttft
    cpu = cpu_ms_per_request(_cell(results, "quarterdeck", "non-stream", mid))
    cpu_stream = cpu_ms_per_request(_cell(results, "quarterdeck", "stream", mid))
    ratios: dict[str, float | None] = {}
    for mode in MODES:
        qd, ll = max_rps(results, "quarterdeck", mode, plan), max_rps(results, "litellm", mode, plan)
        ratios[mode] = None if qd is None or ll is None or ll[0] == 0 else qd[0] / ll[0]
    qd_result = results.get("quarterdeck")
    rss = qd_result.peak_rss_kib / 1024 if qd_result is not None and qd_result.peak_rss_kib else None
    rows = [
        (
            f"added p50 latency, non-streaming, concurrency {low}",
            f"≤ {TARGET_ADDED_P50_MS} ms",
            added,
            "ms",
            _verdict(added, TARGET_ADDED_P50_MS, at_least=False, unit="ms"),
        ),
        (
            f"TTFT overhead (p50), streaming, concurrency {low}",
            f"≤ {TARGET_TTFT_OVERHEAD_MS} ms",
            ttft_over,
            "ms",
            _verdict(ttft_over, TARGET_TTFT_OVERHEAD_MS, at_least=False, unit="ms"),
        ),
        (
            f"CPU per request, non-streaming, concurrency {mid}",
            f"≤ {TARGET_CPU_MS_PER_REQUEST} ms",
            cpu,
            "ms",
            _verdict(cpu, TARGET_CPU_MS_PER_REQUEST, at_least=False, unit="ms", digits=3),
        ),
        (
            f"CPU per request, streaming, concurrency {mid}",
            f"≤ {TARGET_CPU_MS_PER_REQUEST} ms",
            cpu_stream,
            "ms",
            _verdict(cpu_stream, TARGET_CPU_MS_PER_REQUEST, at_least=False, unit="ms", digits=3),
        ),
        (
            "throughput per worker vs LiteLLM, non-streaming (best cell each)",
            f"≥ {TARGET_RPS_RATIO:.0f}x",
            ratios["non-stream"],
            "x",
            _verdict(ratios["non-stream"], TARGET_RPS_RATIO, at_least=True, unit="x", digits=1),
        ),
        (
            "throughput per worker vs LiteLLM, streaming (best cell each)",
            f"≥ {TARGET_RPS_RATIO:.0f}x",
            ratios["stream"],
            "x",
            _verdict(ratios["stream"], TARGET_RPS_RATIO, at_least=True, unit="x", digits=1),
        ),
        (
            "peak RSS of the one worker (VmHWM), no local model",
            f"≤ {TARGET_RSS_MB:.0f} MB",
            rss,
            "MB",
            _verdict(rss, TARGET_RSS_MB, at_least=False, unit="MB", digits=0),
        ),
    ]
    lines = [
        "| target (from the issue) | limit | measured | verdict | by how much |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, limit, value, unit, (verdict, margin) in rows:
        digits = 0 if unit == "MB" else 1 if unit == "x" else 3 if "CPU" in name else 2
        shown = "n/a" if value is None else f"{value:.{digits}f} {unit}"
        lines.append(f"| {name} | {limit} | {shown} | {verdict} | {margin} |")
    return lines, {"added": added, "ttft": ttft_over, "cpu": cpu, "cpu_stream": cpu_stream, "rss": rss, **ratios}


def results_tables(results: Mapping[str, TargetResult], plan: Plan) -> list[str]:
    out: list[str] = []
    names = [name for name in TARGETS if name in results]
    out += [
        "### Non-streaming",
        "",
        "| target | conc. | req/s | p50 ms | p95 ms | p99 ms | added p50 / p95 / p99 ms | CPU-s per 1k req | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in names:
        for concurrency in plan.concurrency:
            data, base = (
                _cell(results, name, "non-stream", concurrency),
                _cell(results, "direct", "non-stream", concurrency),
            )
            if data is None:
                out.append(f"| {name} | {concurrency} | {_failed(results, name, 'non-stream', concurrency)} |||||||")
                continue
            lat, blat = data["latency_ms"], base["latency_ms"] if base else {}
            added = (
                " / ".join(_added(lat[p], blat.get(p)) for p in ("p50", "p95", "p99")) if name != "direct" else "n/a"
            )
            out.append(
                f"| {name} | {concurrency} | {data['rps']:.0f} | {lat['p50']:.2f} | {lat['p95']:.2f} "
                f"| {lat['p99']:.2f} | {added} | {_ms(cpu_ms_per_request(data), 3)} | {data['errors']} |"
            )
    out += [
        "",
        "### Streaming (5 content chunks + usage chunk + `[DONE]`)",
        "",
        "| target | conc. | req/s | TTFT p50 ms | TTFT p95 ms | TTFT p99 ms | TTFT overhead p50 / p99 ms "
        "| total p50 ms | total p99 ms | added total p50 ms | CPU-s per 1k req | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in names:
        for concurrency in plan.concurrency:
            data, base = _cell(results, name, "stream", concurrency), _cell(results, "direct", "stream", concurrency)
            if data is None:
                out.append(f"| {name} | {concurrency} | {_failed(results, name, 'stream', concurrency)} ||||||||||")
                continue
            ttft, lat = data["ttft_ms"], data["latency_ms"]
            bttft, blat = (base["ttft_ms"], base["latency_ms"]) if base else ({}, {})
            over = f"{_added(ttft['p50'], bttft.get('p50'))} / {_added(ttft['p99'], bttft.get('p99'))}"
            over = "n/a" if name == "direct" else over
            added = "n/a" if name == "direct" else _added(lat["p50"], blat.get("p50"))
            out.append(
                f"| {name} | {concurrency} | {data['rps']:.0f} | {ttft['p50']:.2f} | {ttft['p95']:.2f} "
                f"| {ttft['p99']:.2f} | {over} | {lat['p50']:.2f} | {lat['p99']:.2f} | {added} "
                f"| {_ms(cpu_ms_per_request(data), 3)} | {data['errors']} |"
            )
    return out


def _failed(results: Mapping[str, TargetResult], name: str, mode: str, concurrency: int) -> str:
    result = results[name]
    if result.error:
        return "not run (see below)"
    data = result.cells.get(f"{mode}/{concurrency}", {})
    return "failed: " + str(data.get("failed", "no answers"))[:120].replace("|", "/").replace("\n", " ")


def cpu_share_table(results: Mapping[str, TargetResult], plan: Plan) -> list[str]:
    out = [
        "| target | mode | conc. | target | upstream | load generator | other processes | whole machine |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in TARGETS:
        for mode in MODES:
            for concurrency in plan.concurrency:
                data = _cell(results, name, mode, concurrency)
                if data is None:
                    continue
                seconds, cpu = data["duration_s"], data["cpu_s"]
                upstream = 0.0 if name == "direct" else cpu["upstream"]
                other = cpu.get("machine", 0.0) - cpu["target"] - upstream - data["loadgen_cpu_s"]
                shown = "(same)" if name == "direct" else f"{upstream / seconds:.2f}"
                out.append(
                    f"| {name} | {mode} | {concurrency} | {cpu['target'] / seconds:.2f} | {shown} "
                    f"| {data['loadgen_cpu_s'] / seconds:.2f} | {max(other, 0.0) / seconds:.2f} "
                    f"| {cpu.get('machine', 0.0) / seconds:.2f} |"
                )
    return out


def profile_section(profile: Profile | str | None) -> list[str]:
    if profile is None:
        return ["Not profiled in this run (`--no-profile`)."]
    if isinstance(profile, str):
        return [f"The profile failed: `{profile}`"]
    total = profile.samples or 1
    per_core_second = profile.rate_hz * profile.duration_s
    rps = float(profile.load.get("rps", 0.0))
    requests = rps * profile.duration_s  # answered while py-spy sampled (the load's window is the same length)
    cpu_us = None if not requests else profile.samples / profile.rate_hz / requests * 1e6

    def pct(count: int) -> str:
        return f"{100 * count / total:.1f} %"

    def per_request(count: int) -> str:
        return "n/a" if cpu_us is None else f"{count / total * cpu_us:.0f}"

    def table(title: str, header: str, rows: list[tuple[str, int]], code: bool) -> list[str]:
        lines = ["", title, "", f"| {header} | share | ≈ µs/request |", "| --- | ---: | ---: |"]
        return lines + [f"| {f'`{n}`' if code else n} | {pct(c)} | {per_request(c)} |" for n, c in rows]

    out = [
        f"py-spy ({profile.rate_hz} Hz, `--nonblocking`) for {profile.duration_s:g} s on Quarterdeck's process "
        f"under concurrency-16 non-streaming load ({rps:.0f} req/s while sampled), right after the measured "
        "cells, so with up to a minute of history in the rate-limit windows and the budget books: "
        f"{profile.samples} samples of threads that were on the CPU (idle threads are not counted), "
        f"≈ {_ms(cpu_us, 0)} CPU-µs per request. *µs/request* is a row's share of that. Time in C code (uvloop, "
        "httptools, orjson, sqlite3) is counted on the Python function that called it; uvloop's own loop shows "
        "as `Runner.run`. Raw stacks, collapsed format (speedscope and flamegraph.pl read it; local, not committed): "
        f"`{profile.raw_path.relative_to(ROOT)}`.",
        "",
        "| thread | share of samples | cores busy |",
        "| --- | ---: | ---: |",
    ]
    out += [f"| {name} | {pct(count)} | {count / per_core_second:.2f} |" for name, count in profile.threads]
    out += table("**Coarse breakdown** (each sample counted once, in the first bucket its stack matches)",
                 "bucket", profile.buckets, code=False)  # fmt: skip
    out += table("**Quarterdeck's own functions, inclusive** (the function and everything it calls)",
                 "function", profile.inclusive_own[:15], code=True)  # fmt: skip
    out += table("**Hottest functions, self time** (where the CPU actually is)",
                 "function", profile.self_functions[:15], code=True)  # fmt: skip
    out += table("**Self time by package / module**", "package", profile.packages, code=False)
    return out


def read_notes(path: Path) -> str:
    try:
        text = path.read_text()
    except OSError:
        return ""
    start, end = text.find(NOTES_START), text.find(NOTES_END)
    return text[start + len(NOTES_START) : end].strip("\n") if 0 <= start < end else ""


def write_report(
    path: Path,
    *,
    results: Mapping[str, TargetResult],
    plan: Plan,
    info: dict[str, str],
    profile: Profile | str | None,
    started: datetime.datetime,
    command: str,
) -> None:
    notes = read_notes(path)
    goals, summary = targets_table(results, plan)
    mid = 16 if 16 in plan.concurrency else plan.concurrency[len(plan.concurrency) // 2]
    lines = [
        "# Benchmarks",
        "",
        f"Generated by `{command}` on {started:%Y-%m-%d %H:%M} UTC (Quarterdeck at {info['git']}). "
        "Rerun it to refresh this page; only the notes block below is kept across runs.",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
    ]
    for key in (
        "nproc",
        "usable CPUs (affinity)",
        "CPU",
        "RAM",
        "kernel",
        "Python",
        "quarterdeck",
        "uvicorn",
        "litellm",
        "uvicorn (LiteLLM's venv)",
    ):
        lines.append(
            f"| {key} | {info.get(key, 'not installed (see What failed)' if 'litellm' in key.lower() else 'n/a')} |"
        )
    lines += [
        "",
        f"**All processes share the {info['nproc']} cores**: the load generator, the upstream and the target run "
        "on the same machine at the same time, so at high concurrency the target gets only what is left (see "
        "[CPU use](#cpu-use-during-each-cell)). Absolute requests/s are a floor for a dedicated machine; the "
        "comparisons within the run are fair because every target faces the same upstream and the same load "
        "generator.",
        "",
        "## The issue's targets",
        "",
        *goals,
        "",
        "## Summary",
        "",
        *summary_lines(results, plan, summary, mid),
        "",
    ]
    if notes:
        lines += [NOTES_START, notes, NOTES_END, ""]
    else:
        lines += [NOTES_START, NOTES_END, ""]
    lines += [
        "## Results",
        "",
        f"Each cell: {plan.warmup_s:g} s warm-up, then {plan.duration_s:g} s measured, closed loop (each of the "
        "`conc.` connections sends its next request when the previous answer is complete). Latency is from the "
        "request written to the last byte; TTFT to the first SSE event with content. *Added* is the target minus "
        "`direct` in the same cell. CPU-s per 1,000 requests (= CPU ms per request) is user+system time of the "
        "target's process tree in the window, divided by the requests answered in it. For `direct` it is the "
        "upstream's own cost.",
        "",
        *results_tables(results, plan),
        "",
        "### Memory",
        "",
        "| target | processes | RSS before load | peak RSS (VmHWM) of the worker | peak RSS, whole tree |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name in TARGETS:
        result = results.get(name)
        if result is None or result.error:
            continue
        lines.append(
            f"| {name} | {result.processes} | {result.idle_rss_kib / 1024:.0f} MB "
            f"| {result.peak_rss_kib / 1024:.0f} MB | {result.peak_tree_rss_kib / 1024:.0f} MB |"
        )
    lines += [
        "",
        "### CPU use during each cell",
        "",
        f"Cores busy on average in the measured window (of the machine's {info['nproc']}); the target at ~1.0 "
        "means its single worker is saturated. *Other processes* is the whole machine's busy time (/proc/stat) "
        "minus the three processes of the bench: anything else running on the machine at the same time.",
        "",
        *cpu_share_table(results, plan),
        "",
        "## Where the time goes (Quarterdeck)",
        "",
        *profile_section(profile),
        "",
        "## Setup",
        "",
        "- **Upstream** `bench/upstream.py`: raw asyncio protocol on uvloop + httptools, one process; a fixed "
        "completion with usage, or an SSE stream of 5 content chunks, a usage chunk (`stream_options."
        "include_usage`) and `data: [DONE]`, one write per event.",
        "- **Load generator** `bench/loadgen.py`: uvloop + httptools, one process, keep-alive connections; "
        "every answer is checked (HTTP 200, content, `[DONE]` for streams) and errors are counted apart.",
        "- **Quarterdeck** `quarterdeck up --config bench/quarterdeck.yaml`: one worker, SQLite request log in a "
        "fresh temp dir, one `openai` provider, model `bench` with prices, key with `rpm`/`tpm`/`budget_usd` set "
        "far above what the run reaches (the bookkeeping runs, nothing is refused).",
        f"- **LiteLLM** `litellm --config … --num_workers 1` from `{info.get('litellm_venv')}` (`pip install "
        f'"{info.get("litellm_spec", "litellm[proxy]")}"`), offline (`LITELLM_LOCAL_MODEL_COST_MAP=True`), '
        "master key, model `bench` → `openai/bench-upstream` at the upstream (no prices: they made it slower), "
        "`LITELLM_LOG=WARNING` (no access log line per request, as Quarterdeck). No database: LiteLLM keeps no "
        "request log and enforces no key limits here, while Quarterdeck writes a request-log row per request "
        "and checks limits and budget.",
        "- Run it: `python bench/run.py` (about 5 minutes; `--quick` is a ~1.5-minute smoke run that writes "
        "`bench/out/benchmarks-quick.md`; `--help` lists the options).",
        "- Targets run one at a time against the one upstream; the same client body for all: one user message, "
        "`max_tokens: 16`.",
    ]
    failures = [(name, result.error) for name, result in results.items() if result.error]
    if failures:
        lines += ["", "## What failed", ""]
        for name, error in failures:
            lines += [f"**{name}**:", "", "```", (error or "").strip()[-2000:], "```", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines).rstrip("\n") + "\n")


def summary_lines(
    results: Mapping[str, TargetResult], plan: Plan, summary: dict[str, float | None], mid: int
) -> list[str]:
    out: list[str] = []
    for mode in MODES:
        qd, ll, direct = (max_rps(results, name, mode, plan) for name in ("quarterdeck", "litellm", "direct"))
        qd_cpu = cpu_ms_per_request(_cell(results, "quarterdeck", mode, mid))
        ll_cpu = cpu_ms_per_request(_cell(results, "litellm", mode, mid))
        parts = [f"- **{mode}**:"]
        if direct:
            parts.append(f"direct {direct[0]:.0f} req/s (c={direct[1]});")
        if qd:
            parts.append(f"Quarterdeck {qd[0]:.0f} req/s (c={qd[1]});")
        if ll:
            parts.append(f"LiteLLM {ll[0]:.0f} req/s (c={ll[1]}).")
        if qd and ll and ll[0]:
            parts.append(f"Quarterdeck/LiteLLM throughput **{qd[0] / ll[0]:.1f}x**;")
        if qd_cpu is not None and ll_cpu is not None and qd_cpu:
            parts.append(
                f"CPU per request at c={mid}: Quarterdeck {qd_cpu:.3f} ms, LiteLLM {ll_cpu:.3f} ms "
                f"(LiteLLM/Quarterdeck **{ll_cpu / qd_cpu:.1f}x**)."
            )
        out.append(" ".join(parts))
    qd_result, ll_result = results.get("quarterdeck"), results.get("litellm")
    if qd_result and ll_result and not qd_result.error and not ll_result.error and qd_result.peak_rss_kib:
        qd_mb, ll_mb = qd_result.peak_rss_kib / 1024, ll_result.peak_tree_rss_kib / 1024
        out.append(f"- **memory**: peak RSS Quarterdeck {qd_mb:.0f} MB, LiteLLM {ll_mb:.0f} MB ({ll_mb / qd_mb:.1f}x).")
    met = []
    for key, limit, at_least in (
        ("added", TARGET_ADDED_P50_MS, False),
        ("ttft", TARGET_TTFT_OVERHEAD_MS, False),
        ("cpu", TARGET_CPU_MS_PER_REQUEST, False),
        ("cpu_stream", TARGET_CPU_MS_PER_REQUEST, False),
        ("non-stream", TARGET_RPS_RATIO, True),
        ("stream", TARGET_RPS_RATIO, True),
        ("rss", TARGET_RSS_MB, False),
    ):
        value = summary.get(key)
        if value is not None:
            met.append(value >= limit if at_least else value <= limit)
    out.append(f"- **targets**: {sum(met)} of {len(met)} measured targets met (table above).")
    return out


# --------------------------------------------------------------------------------------------------
# Main


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=None, help="measured seconds per cell (default 10)")
    parser.add_argument("--warmup", type=float, default=None, help="warm-up seconds per cell (default 2)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 2 s cells, 0.5 s warm-up, 4 s profile")
    parser.add_argument("--concurrency", default="1,16,64", help="comma-separated (default 1,16,64)")
    parser.add_argument("--targets", default=",".join(TARGETS), help=f"subset of {','.join(TARGETS)}")
    parser.add_argument("--no-profile", action="store_true", help="skip the py-spy profile of Quarterdeck")
    parser.add_argument("--profile-seconds", type=float, default=None, help="py-spy duration (default 10)")
    parser.add_argument("--litellm-spec", default="litellm[proxy]", help="pip requirement for LiteLLM")
    parser.add_argument("--litellm-venv", type=Path, default=LITELLM_VENV, help="virtualenv for LiteLLM (created)")
    parser.add_argument("--output", type=Path, default=None, help="report path (default docs/benchmarks.md)")
    args = parser.parse_args(argv)
    args.concurrency = sorted({int(c) for c in args.concurrency.split(",") if c.strip()})
    args.targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    unknown = set(args.targets) - set(TARGETS)
    if unknown or not args.targets:
        parser.error(f"unknown targets {sorted(unknown)}; choose from {', '.join(TARGETS)}")
    if not args.concurrency or min(args.concurrency) < 1 or max(args.concurrency) > 1024:
        parser.error("concurrency must be between 1 and 1024")
    default_duration, default_warmup, default_profile = (2.0, 0.5, 4.0) if args.quick else (10.0, 2.0, 10.0)
    args.duration = args.duration or default_duration
    args.warmup = default_warmup if args.warmup is None else args.warmup
    args.profile_seconds = args.profile_seconds or default_profile
    if args.output is None:
        args.output = OUT / "benchmarks-quick.md" if args.quick else ROOT / "docs" / "benchmarks.md"
    return args


@contextmanager
def interrupts_as_exceptions() -> Iterator[None]:
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = datetime.datetime.now(datetime.UTC)
    OUT.mkdir(exist_ok=True)
    run_dir = Path(tempfile.mkdtemp(prefix=f"run-{started:%Y%m%d-%H%M%S}-", dir=OUT))
    plan = Plan(duration_s=args.duration, warmup_s=args.warmup, concurrency=args.concurrency, pause_s=0.5)
    info = machine() | {
        "quarterdeck": package_version(None, "quarterdeck"),
        "uvicorn": package_version(None, "uvicorn"),
        "git": git_state(),
        "litellm_spec": args.litellm_spec,
        "litellm_venv": _shown_path(args.litellm_venv.resolve()),
    }
    if "litellm" not in args.targets:
        info["litellm"] = info["uvicorn (LiteLLM's venv)"] = "not run"
    command = "python bench/run.py" + (" " + " ".join(argv if argv is not None else sys.argv[1:])).rstrip()
    print(
        f"bench: {len(args.targets)} target(s) x {len(MODES)} modes x {len(plan.concurrency)} concurrencies, "
        f"{plan.warmup_s:g}+{plan.duration_s:g} s per cell; logs in {run_dir.relative_to(ROOT)}",
        flush=True,
    )
    results: dict[str, TargetResult] = {}
    profile: Profile | str | None = None
    sup = Supervisor()
    with interrupts_as_exceptions():
        try:
            upstream = start_upstream(sup, run_dir)
            for name in args.targets:
                result = results[name] = TargetResult(name)
                print(f"[{name}]", flush=True)
                target: Target | None = None
                try:
                    if name == "direct":
                        result.version = "bench/upstream.py"
                        target = upstream
                    elif name == "quarterdeck":
                        result.version = info["quarterdeck"]
                        target = start_quarterdeck(sup, run_dir, upstream)
                    else:
                        python = ensure_venv(
                            args.litellm_venv.resolve(),
                            args.litellm_spec,
                            run_dir / "litellm-install.log",
                            "import litellm.proxy.proxy_server",
                        )
                        result.version = info["litellm"] = package_version(python, "litellm")
                        info["uvicorn (LiteLLM's venv)"] = package_version(python, "uvicorn")
                        target = start_litellm(sup, run_dir, upstream, python)
                    smoke_check(target.url, target.key)
                    measure_target(target, upstream, plan, result)
                    if name == "quarterdeck" and not args.no_profile:
                        print(f"  profiling quarterdeck with py-spy for {args.profile_seconds:g} s", flush=True)
                        try:
                            profile = profile_quarterdeck(target, upstream, args.profile_seconds, run_dir)
                        except (RuntimeError, OSError, subprocess.SubprocessError, json.JSONDecodeError) as exc:
                            profile = str(exc)
                            print(f"  profile failed: {exc}", flush=True)
                except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
                    result.error = f"{type(exc).__name__}: {exc}"
                    print(f"  {name} failed: {result.error}", flush=True)
                finally:
                    if target is not None and target is not upstream:
                        sup.stop(target.proc)
        except KeyboardInterrupt:
            print("\nbench: interrupted; stopping everything it started", file=sys.stderr)
            return 130
        finally:
            sup.close()
    (run_dir / "results.json").write_text(
        json.dumps(
            {"info": info, "plan": plan.__dict__, "results": {k: v.__dict__ for k, v in results.items()}},
            indent=1,
            default=str,
        )
    )
    write_report(args.output, results=results, plan=plan, info=info, profile=profile, started=started, command=command)
    print(f"bench: report written to {args.output}; raw results in {run_dir / 'results.json'}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
