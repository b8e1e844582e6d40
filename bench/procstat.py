"""Read CPU time and memory of a process tree from /proc (Linux only; no psutil needed).

Used by the load generator (CPU snapshots at the exact edges of a measurement window) and by the
runner (peak RSS of a target). A "tree" is a process and all its living descendants, found through
the parent pid in ``/proc/<pid>/stat``.
"""

from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# Fields of /proc/<pid>/stat after the ")" that closes the command name; field n of proc(5) is at n - 3.
_PPID = 4 - 3
_UTIME = 14 - 3
_STIME = 15 - 3
_CUTIME = 16 - 3
_CSTIME = 17 - 3


def _stat_fields(pid: int) -> list[str] | None:
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:  # the process is gone
        return None
    return text[text.rindex(")") + 2 :].split()


def _parents() -> dict[int, int]:
    """Every visible process's parent pid."""
    out: dict[int, int] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        fields = _stat_fields(int(entry.name))
        if fields is not None:
            out[int(entry.name)] = int(fields[_PPID])
    return out


def tree_pids(root: int) -> list[int]:
    """``root`` and its living descendants (``root`` first); empty when ``root`` is gone."""
    parents = _parents()
    if root not in parents:
        return []
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    out: list[int] = []
    todo = [root]
    while todo and len(out) < len(parents):  # bounded by the number of processes
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of ``pids``, including their reaped children (cutime + cstime)."""
    ticks = 0
    for pid in pids:
        fields = _stat_fields(pid)
        if fields is not None:
            ticks += sum(int(fields[i]) for i in (_UTIME, _STIME, _CUTIME, _CSTIME))
    return ticks / CLOCK_TICKS


def tree_cpu_seconds(root: int) -> float:
    return cpu_seconds(tree_pids(root))


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine spent busy since boot (all CPUs; /proc/stat minus idle and iowait)."""
    with open(PROC / "stat") as stat:
        fields = [int(value) for value in stat.readline().split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


def _status_kib(pid: int, field: str) -> int:
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_memory_kib(root: int) -> tuple[int, int, int]:
    """(peak RSS of ``root`` alone, summed peak RSS of the tree, summed current RSS of the tree), in KiB.

    Peak is ``VmHWM``: the high-water mark since each process started, startup included.
    """
    pids = tree_pids(root)
    if not pids:
        return 0, 0, 0
    return (
        _status_kib(root, "VmHWM"),
        sum(_status_kib(pid, "VmHWM") for pid in pids),
        sum(_status_kib(pid, "VmRSS") for pid in pids),
    )
