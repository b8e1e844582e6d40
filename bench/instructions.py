"""Instructions per request of Quarterdeck, counted by valgrind's callgrind: the same code gives the
same count on a busy machine (within ~2%), so small changes can be compared.

    python bench/instructions.py [--seconds 20] [--idle 8] [--modes non-stream,stream] [--label NAME]

Runs `python -m quarterdeck.cli up --config bench/quarterdeck.yaml` under callgrind with the
instrumentation off (the process and the serving process it execs into), warms up uninstrumented,
counts the idle instructions per second (background tasks: the request-log flush, registry polls),
then for each mode switches the instrumentation on for a bench/loadgen.py run at concurrency 16
(~50x slower than native, so a few hundred requests), off again, and divides by the requests
counted on /metrics. "net of idle" subtracts the idle rate over the instrumented time. User-space
instructions only: time in the kernel (system calls, the loopback network) is not in these numbers.
Needs valgrind (apt-get install valgrind). Appends to bench/out/instructions.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import run as bench  # noqa: E402

_REQ = re.compile(r'^quarterdeck_requests_total\{[^}]*\} ([0-9.e+]+)$', re.M)


def requests_total(base: str) -> float:
    with urllib.request.urlopen(base + "/metrics", timeout=60) as r:
        text = r.read().decode()
    return sum(float(v) for v in _REQ.findall(text))


def ctl(pid: int, *args: str) -> str:
    return subprocess.run(["callgrind_control", *args, str(pid)], capture_output=True, text=True, timeout=120).stdout


def total_ir(path: Path) -> int:
    for line in path.read_text().splitlines():
        if line.startswith("totals:"):
            return int(line.split()[1])
    raise RuntimeError(f"no totals in {path}")


def loadgen(url: str, key: str, stream: bool, seconds: float, conc: int) -> dict[str, Any]:
    argv = [sys.executable, str(ROOT / "bench" / "loadgen.py"), "--url", url, "--key", key, "--model", "bench",
            "--concurrency", str(conc), "--warmup", "0", "--duration", str(seconds), "--timeout", "120"]
    if stream:
        argv.append("--stream")
    done = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 300)
    return json.loads(done.stdout)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--conc", type=int, default=16)
    p.add_argument("--modes", default="non-stream,stream")
    p.add_argument("--label", default="")
    p.add_argument("--idle", type=float, default=8)
    args = p.parse_args()
    bench.OUT.mkdir(parents=True, exist_ok=True)
    run_dir = Path(tempfile.mkdtemp(prefix="instructions-", dir=bench.OUT))
    sup = bench.Supervisor()
    out: dict[str, object] = {"label": args.label, "time": time.strftime("%H:%M:%S")}
    try:
        upstream = bench.start_upstream(sup, run_dir)
        port = bench.free_port()
        key = "sk-qd-" + secrets.token_hex(16)
        env = os.environ | {
            "QD_BENCH_STORE": f"sqlite:///{run_dir / 'quarterdeck.db'}",
            "QD_BENCH_UPSTREAM": upstream.url.removesuffix("/chat/completions"),
            "QD_BENCH_KEY": key,
        }
        cg_out = run_dir / "callgrind.out"
        argv = ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--trace-children=yes",
                f"--callgrind-out-file={cg_out}.%p",
                sys.executable, "-m", "quarterdeck.cli", "up", "--config", str(ROOT / "bench" / "quarterdeck.yaml"),
                "--host", "127.0.0.1", "--port", str(port)]
        log = run_dir / "qd.log"
        proc = sup.start(argv, log=log, env=env)
        base = f"http://127.0.0.1:{port}"
        bench.wait_ready(base + "/healthz", proc, 600, log)
        url = base + "/v1/chat/completions"
        bench.smoke_check(url, key)
        for mode in args.modes.split(","):
            loadgen(url, key, mode == "stream", 3, args.conc)  # warm-up, uninstrumented
        existing = set(run_dir.glob("callgrind.out.*"))
        ctl(proc.pid, "-z")
        ctl(proc.pid, "-i", "on")
        time.sleep(args.idle)
        ctl(proc.pid, "-i", "off")
        ctl(proc.pid, "-d")
        time.sleep(0.5)
        idle_rate = sum(total_ir(f) for f in sorted(set(run_dir.glob("callgrind.out.*")) - existing)) / args.idle
        out["idle Ir/s"] = round(idle_rate)
        for mode in args.modes.split(","):
            before = requests_total(base)
            started = time.monotonic()
            existing = set(run_dir.glob("callgrind.out.*"))
            ctl(proc.pid, "-z")
            ctl(proc.pid, "-i", "on")
            d = loadgen(url, key, mode == "stream", args.seconds, args.conc)
            time.sleep(1.0)  # let the request log write its last batch
            ctl(proc.pid, "-i", "off")
            instrumented_s = time.monotonic() - started
            ctl(proc.pid, "-d")
            time.sleep(0.5)
            after = requests_total(base)
            n = after - before
            dumps = sorted(set(run_dir.glob("callgrind.out.*")) - existing)
            ir = sum(total_ir(f) for f in dumps)
            out[f"{mode} Ir/req"] = round(ir / n)
            out[f"{mode} Ir/req net of idle"] = round((ir - idle_rate * instrumented_s) / n)
            out[f"{mode} requests"] = n
            print(json.dumps({"mode": mode, "requests": n, "Ir": ir, "Ir_per_req": round(ir / n),
                              "errors": d["errors"]}), flush=True)
            for f in dumps:
                f.rename(run_dir / f"{mode}-{f.name}")
    finally:
        sup.close()
    print("SUMMARY", json.dumps(out))
    with open(bench.OUT / "instructions.jsonl", "a") as fh:
        fh.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
