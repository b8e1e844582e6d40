"""CPU time per request of Quarterdeck, quickly, for before/after comparisons on a shared machine.

    python bench/cpu_per_request.py [--duration 8] [--conc 16] [--reps 2] [--profile SECONDS [--profile-stream]]
                                    [--c1] [--label NAME]

Starts bench/upstream.py and `quarterdeck up --config bench/quarterdeck.yaml` (fresh SQLite) as
bench/run.py does, runs bench/loadgen.py (non-stream, then stream; ``--reps`` times) and divides the
worker's CPU seconds (user + system, from /proc) by the requests answered in the window: wall-clock
latency is unreliable when other jobs share the cores, CPU per request much less so (expect +-10%
between runs; bench/instructions.py counts instructions, which do not move). Also reports idle and
peak RSS, and with ``--profile`` a py-spy summary (py-spy from bench/.venv-tools). Prints JSON lines
and a summary line, appended to bench/out/cpu_per_request.jsonl. To measure another tree (e.g. a
``git archive`` of an older commit) run it with ``PYTHONPATH=<that tree>/src``.
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import run as bench  # noqa: E402
from procstat import tree_memory_kib  # noqa: E402


def loadgen(target: bench.Target, upstream: bench.Target, *, stream: bool, conc: int, warmup: float,
            duration: float) -> dict[str, Any]:
    return bench.run_loadgen(target, upstream, stream=stream, concurrency=conc, warmup_s=warmup, duration_s=duration)


def profile(target: bench.Target, seconds: float, out: Path, stream: bool) -> None:
    argv = [sys.executable, str(ROOT / "bench" / "loadgen.py"), "--url", target.url, "--key", target.key,
            "--model", "bench", "--concurrency", "16", "--warmup", "1", "--duration", str(seconds + 2)]
    if stream:
        argv.append("--stream")
    load = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(1.5)
        check = "import os, sys; sys.exit(not os.path.exists(os.path.join(os.path.dirname(sys.executable), 'py-spy')))"
        tools = bench.ensure_venv(bench.TOOLS_VENV, "py-spy", out.parent / "tools-install.log", check)
        rec = [str(tools.parent / "py-spy"), "record", "--pid", str(target.proc.pid), "--duration", str(int(seconds)),
               "--rate", "250", "--format", "raw", "--threads", "--nonblocking", "--output", str(out)]
        subprocess.run(rec, capture_output=True, text=True, timeout=seconds + 60, check=True)
        load.communicate(timeout=seconds + 60)
    finally:
        if load.poll() is None:
            load.kill()
    total, counts = bench.parse_profile(out)
    print(f"--- profile {'stream' if stream else 'non-stream'}: {total} samples; raw: {out}")
    for key in ("threads", "packages", "self", "inclusive"):
        print(f"  [{key}]")
        for name, n in counts[key][:15]:
            print(f"    {n / total * 100:5.1f}%  {name}")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--duration", type=float, default=8)
    p.add_argument("--warmup", type=float, default=1.5)
    p.add_argument("--conc", type=int, default=16)
    p.add_argument("--reps", type=int, default=2)
    p.add_argument("--profile", type=float, default=0)
    p.add_argument("--profile-stream", action="store_true")
    p.add_argument("--c1", action="store_true", help="also concurrency 1 latency cells")
    p.add_argument("--modes", default="non-stream,stream")
    p.add_argument("--label", default="")
    args = p.parse_args()
    bench.OUT.mkdir(parents=True, exist_ok=True)
    run_dir = Path(tempfile.mkdtemp(prefix="cpu-", dir=bench.OUT))
    sup = bench.Supervisor()
    results: dict[str, list[float]] = collections.defaultdict(list)
    summary: dict[str, object] = {"label": args.label, "time": time.strftime("%H:%M:%S")}
    try:
        upstream = bench.start_upstream(sup, run_dir)
        qd = bench.start_quarterdeck(sup, run_dir, upstream)
        bench.smoke_check(qd.url, qd.key)
        time.sleep(1.0)
        summary["idle_rss_mb"] = round(tree_memory_kib(qd.proc.pid)[2] / 1024, 1)
        if args.c1:
            for mode in args.modes.split(","):
                d = loadgen(qd, upstream, stream=mode == "stream", conc=1, warmup=1, duration=args.duration / 2)
                dd = loadgen(upstream, upstream, stream=mode == "stream", conc=1, warmup=1, duration=args.duration / 2)
                key = "ttft_ms" if mode == "stream" else "latency_ms"
                summary[f"{mode}/c1 added p50 ms"] = round(d[key]["p50"] - dd[key]["p50"], 3)
                summary[f"{mode}/c1 cpu ms/req"] = round(d["cpu_s"]["target"] / d["ok"] * 1000, 3)
        for _ in range(args.reps):
            for mode in args.modes.split(","):
                d = loadgen(qd, upstream, stream=mode == "stream", conc=args.conc, warmup=args.warmup,
                            duration=args.duration)
                if d["errors"]:
                    print("ERRORS", d["errors"], d["error_samples"])
                ms = d["cpu_s"]["target"] / max(1, d["ok"]) * 1000
                results[mode].append(ms)
                print(json.dumps({"mode": mode, "ok": d["ok"], "rps": round(d["rps"]), "cpu_ms_req": round(ms, 4),
                                  "errors": d["errors"]}), flush=True)
        if args.profile:
            profile(qd, args.profile, run_dir / "profile.txt", args.profile_stream)
        main_peak, _, now_rss = tree_memory_kib(qd.proc.pid)
        summary["peak_rss_mb"] = round(main_peak / 1024, 1)
        summary["end_rss_mb"] = round(now_rss / 1024, 1)
        for mode, values in results.items():
            median = sorted(values)[len(values) // 2]
            summary[f"{mode} cpu ms/req (min/med)"] = [round(min(values), 4), round(median, 4)]
    finally:
        sup.close()
    print("SUMMARY", json.dumps(summary))
    with open(bench.OUT / "cpu_per_request.jsonl", "a") as out:
        out.write(json.dumps(summary) + "\n")


if __name__ == "__main__":
    main()
