"""Measuring one command of ``bench/evals_vs_promptfoo.py``: wall time, CPU seconds, RSS over time.

A :class:`Sampler` thread watches named process trees (the tool, the gateway) at ~20 Hz: the summed
RSS of each tree (from ``/proc/<pid>/statm``), each process's high-water mark (``VmHWM``) as last seen,
and once a second a row for the memory-over-time trace (with an optional progress counter). Trees are
re-read from /proc twice a second, so children that come and go are counted.

CPU seconds of the measured command come from ``getrusage(RUSAGE_CHILDREN)`` around it: exact, and
they include its reaped descendants. CPU seconds of long-lived servers (gateway, upstream) are the
difference of their trees' /proc counters before and after.
"""

from __future__ import annotations

import collections
import os
import re
import resource
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from procstat import PROC, _parents, cpu_seconds, machine_busy_seconds, tree_pids

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def _rss_kib(pid: int) -> int:
    try:
        return int((PROC / str(pid) / "statm").read_text().split()[1]) * PAGE_KIB
    except (OSError, IndexError, ValueError):
        return 0


def _hwm_kib(pid: int) -> int:
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _trees(roots: Mapping[str, int]) -> dict[str, list[int]]:
    """Each root's living tree, from one scan of /proc."""
    parents = _parents()
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    out: dict[str, list[int]] = {}
    for name, root in roots.items():
        pids: list[int] = []
        todo = [root] if root in parents else []
        while todo:
            pid = todo.pop()
            pids.append(pid)
            todo.extend(children.get(pid, []))
        out[name] = pids
    return out


@dataclass(eq=False)  # a thread must stay hashable
class Sampler(threading.Thread):
    roots: dict[str, int]
    interval_s: float = 0.05
    rescan_s: float = 0.5
    trace_every_s: float = 1.0
    progress: Callable[[], int | None] | None = None
    peak_rss_kib: dict[str, int] = field(default_factory=dict)  # max of the summed RSS of each tree
    hwm_kib: dict[str, dict[int, int]] = field(default_factory=dict)  # last VmHWM seen, per process
    processes: dict[str, set[int]] = field(default_factory=dict)
    trace: list[dict[str, Any]] = field(default_factory=list)  # one row a second: t, rss per tree, progress
    combined_peak_kib: int = 0  # max of the trees' summed RSS at the same instant, ``exclude`` left out
    exclude: frozenset[str] = frozenset({"upstream"})
    ticks: int = 0

    def __post_init__(self) -> None:
        threading.Thread.__init__(self, name="sampler", daemon=True)
        self._stop_event = threading.Event()
        self._start = time.monotonic()
        for name in self.roots:
            self.peak_rss_kib[name] = 0
            self.hwm_kib[name] = {}
            self.processes[name] = set()

    def add_root(self, name: str, pid: int) -> None:
        self.roots = {**self.roots, name: pid}
        self.peak_rss_kib.setdefault(name, 0)
        self.hwm_kib.setdefault(name, {})
        self.processes.setdefault(name, set())

    def run(self) -> None:
        trees: dict[str, list[int]] = {}
        next_scan = next_trace = 0.0
        while not self._stop_event.is_set():
            now = time.monotonic()
            if now >= next_scan:
                trees = _trees(self.roots)
                next_scan = now + self.rescan_s
            self._sample(trees, now, record=now >= next_trace)
            if now >= next_trace:
                next_trace = now + self.trace_every_s
            self._stop_event.wait(self.interval_s)

    def _sample(self, trees: dict[str, list[int]], now: float, *, record: bool) -> None:
        self.ticks += 1
        row: dict[str, Any] = {"t": round(now - self._start, 2)}
        combined = 0
        for name, pids in trees.items():
            total = 0
            for pid in pids:
                rss = _rss_kib(pid)
                if rss:
                    total += rss
                    self.processes[name].add(pid)
                    hwm = _hwm_kib(pid)
                    if hwm:
                        self.hwm_kib[name][pid] = hwm
            self.peak_rss_kib[name] = max(self.peak_rss_kib[name], total)
            row[name] = total
            if name not in self.exclude:
                combined += total
        self.combined_peak_kib = max(self.combined_peak_kib, combined)
        if record:
            if self.progress is not None:
                row["progress"] = self.progress()
            self.trace.append(row)

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=5)

    def hwm_sum_kib(self, name: str) -> int:
        """Summed VmHWM of every process seen in the tree (an upper bound of its peak RSS)."""
        return sum(self.hwm_kib.get(name, {}).values())

    def hwm_root_kib(self, name: str) -> int:
        root = self.roots.get(name)
        return self.hwm_kib.get(name, {}).get(root, 0) if root is not None else 0


@dataclass
class Measured:
    argv: list[str]
    returncode: int | None = None
    wall_s: float = 0.0
    cpu_s: float = 0.0  # the command's own process tree (getrusage of reaped children)
    cpu_sys_s: float = 0.0  # the part of cpu_s spent in the kernel
    other_cpu_s: dict[str, float] = field(default_factory=dict)  # long-lived servers, /proc deltas
    peak_rss_kib: dict[str, int] = field(default_factory=dict)
    combined_peak_kib: int = 0  # the command + the servers but the upstream, summed at the same instants
    hwm_kib: dict[str, int] = field(default_factory=dict)
    root_hwm_kib: dict[str, int] = field(default_factory=dict)
    processes: dict[str, int] = field(default_factory=dict)
    trace: list[dict[str, Any]] = field(default_factory=list)
    samples: int = 0
    machine_busy_s: float = 0.0  # the whole machine's busy CPU seconds in the window (/proc/stat)
    stdout: str = ""
    stderr: str = ""
    timed_out: bool = False


def _children_cpu_s() -> tuple[float, float]:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime, usage.ru_stime


def measure(
    argv: Sequence[str],
    *,
    name: str,
    env: Mapping[str, str],
    cwd: Path,
    servers: Mapping[str, int],
    timeout_s: float,
    log: Path,
    progress: Callable[[], int | None] | None = None,
) -> Measured:
    """Run ``argv`` to its end while sampling it (as ``name``) and ``servers`` (name -> pid).

    Nothing else may reap a child of this process meanwhile (``RUSAGE_CHILDREN`` would count it).
    """
    result = Measured(argv=list(argv))
    server_pids = {key: tree_pids(pid) for key, pid in servers.items()}
    server_cpu0 = {key: cpu_seconds(pids) for key, pids in server_pids.items()}
    sampler = Sampler(roots=dict(servers), progress=progress)
    cpu0 = _children_cpu_s()
    busy0 = machine_busy_seconds()
    started = time.monotonic()
    with log.open("wb") as out_file, (log.with_suffix(".stderr.log")).open("wb") as err_file:
        proc = subprocess.Popen(list(argv), stdin=subprocess.DEVNULL, stdout=out_file, stderr=err_file,
                                env=dict(env), cwd=cwd, start_new_session=True)
        sampler.add_root(name, proc.pid)
        sampler.start()
        try:
            proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            result.timed_out = True
            with suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        except BaseException:
            with suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            sampler.stop()
            raise
    result.wall_s = time.monotonic() - started
    user1, sys1 = _children_cpu_s()
    result.cpu_s = (user1 - cpu0[0]) + (sys1 - cpu0[1])
    result.cpu_sys_s = sys1 - cpu0[1]
    result.machine_busy_s = machine_busy_seconds() - busy0
    sampler.stop()
    result.returncode = proc.returncode
    for key, pids in server_pids.items():
        alive = tree_pids(servers[key]) or pids
        result.other_cpu_s[key] = cpu_seconds(alive) - server_cpu0[key]
    result.peak_rss_kib = dict(sampler.peak_rss_kib)
    result.combined_peak_kib = sampler.combined_peak_kib
    result.hwm_kib = {key: sampler.hwm_sum_kib(key) for key in sampler.roots}
    result.root_hwm_kib = {key: sampler.hwm_root_kib(key) for key in sampler.roots}
    result.processes = {key: len(pids) for key, pids in sampler.processes.items()}
    result.trace = sampler.trace
    result.samples = sampler.ticks
    result.stdout = log.read_text(errors="replace")
    result.stderr = log.with_suffix(".stderr.log").read_text(errors="replace")
    return result


# --------------------------------------------------------------------------------------------------
# Profiles (py-spy raw output of the harness)

_LINE_NO = re.compile(r":\d+\)$")

# A sample goes to the first bucket with one of its markers somewhere in its stack.
HARNESS_BUCKETS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("start-up: imports", ("_find_and_load (<frozen importlib._bootstrap>)",)),
    ("recording: batches of cases to the admin API, final read-back (runner.flush/_finish/iter_cases)",
     ("flush (quarterdeck/evals/runner.py)", "_finish (quarterdeck/evals/runner.py)",
      "iter_cases (quarterdeck/evals/runner.py)", "_stored (quarterdeck/evals/runner.py)")),
    ("assertions (quarterdeck.evals.assertions)", ("(quarterdeck/evals/assertions/",)),
    ("case set-up: variables, cache key (sha256 of the case)", ("__init__ (quarterdeck/evals/runner.py)",
                                                                "_cases (quarterdeck/evals/runner.py)")),
    ("HTTP client for the target calls (httpx, httpcore, h11, anyio)",
     ("(httpx/", "(httpcore/", "(h11/", "(anyio/")),
    ("suite and dataset loading (pydantic, yaml)", ("(quarterdeck/evals/suite.py)", "(yaml/")),
    ("rest of the runner (quarterdeck.evals)", ("(quarterdeck/evals/",)),
    ("CLI (typer, rich)", ("(typer/", "(rich/", "(click/")),
    ("event loop and everything else", ("",)),
)


def _package_of(frame: str) -> str:
    start = frame.rfind(" (")
    path = frame[start + 2 : -1] if start >= 0 else frame
    parts = path.removesuffix(".py").split("/")
    if parts[0] == "quarterdeck" and len(parts) > 1:
        return ".".join(parts[:3])
    if len(parts) == 1:
        return f"stdlib {parts[0]}"
    return parts[0]


def parse_harness_profile(path: Path) -> dict[str, Any]:
    """py-spy raw (collapsed) stacks -> samples by bucket, by package of the leaf, top self and inclusive."""
    total = 0
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
        if frames and frames[0].startswith(("thread (", "process ")):
            frames = [f for f in frames if not f.startswith(("thread (", "process "))]
        if not frames:
            continue
        total += count
        joined = ";".join(frames)
        for bucket, markers in HARNESS_BUCKETS:
            if any(marker in joined for marker in markers):
                buckets[bucket] += count
                break
        self_fn[frames[-1]] += count
        packages[_package_of(frames[-1])] += count
        for frame in set(frames):
            if "(quarterdeck/" in frame:
                inclusive[frame] += count
    return {
        "samples": total,
        "buckets": buckets.most_common(),
        "self": self_fn.most_common(15),
        "inclusive": inclusive.most_common(15),
        "packages": packages.most_common(12),
    }
