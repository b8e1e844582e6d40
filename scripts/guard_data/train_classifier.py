"""Refits the shipped prompt-injection classifier (``src/quarterdeck/guard/data/injection_model.json``).

Run from the repository root after the training splits have been (re)written::

    python -m scripts.guard_data.train_classifier

Five authors' texts (:data:`TRAIN_FILES`): ``injection_train.jsonl`` (``make_sets``), ``injection_train_extra.jsonl``
(``make_train_extra``, pools by another author), ``injection_holdout.jsonl``, ``injection_holdout2.jsonl`` and
``injection_holdout3.jsonl`` (the first three blind holdouts, each measured once on 2026-11-26 and added to training
afterwards). The threshold is set on the dev split plus a fifth of the other four files' rows (:func:`for_tuning`:
by a hash of the text, so the choice does not depend on row order); the rest is fitted on. Training and tuning rows
that equal an evaluation text or share a run of :data:`SHINGLE` words with one (:data:`EVAL_FILES`: test and
holdout4) are left out here, mechanically;
the evaluation texts are read for that check only and never scored. Tuning rows come from the fitted authors' own
generators, so they may share phrasing with fitted rows, as in the leave-one-author-out check
(``leave_one_author_out``) that chose the FPR budget. The fit is deterministic;
``tests/unit/guard/test_injection_classifier.py`` checks that the shipped file is what this writes.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from quarterdeck.guard.injection_classifier import MODEL_FILE, dump_model, sha256_rows, train_model

DATA = Path(__file__).resolve().parents[2] / "src" / "quarterdeck" / "guard" / "data"
TRAIN_FILES = ("injection_train.jsonl", "injection_train_extra.jsonl", "injection_holdout.jsonl",
               "injection_holdout2.jsonl", "injection_holdout3.jsonl")
SPLIT_FILES = TRAIN_FILES[1:]
"""Files a fifth of which is kept for tuning (the first file's author has the dev split for that)."""
DEV_FILE = "injection_dev.jsonl"
EVAL_FILES = ("injection_test.jsonl", "injection_holdout4.jsonl")
SHINGLE = 6
_WORDS = re.compile(r"\w+")


def read_rows(name: str, folder: Path = DATA) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (folder / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def shingles(text: str, size: int = SHINGLE) -> Iterator[tuple[str, ...]]:
    """Each run of ``size`` lower-cased words of ``text`` (the whole text when it is shorter). Stricter than the
    generators' ``_train_split._shingles``, which skips runs of single letters (spaced-out text): here those count
    too, so a spaced-out evaluation text cannot be learnt either."""
    words = tuple(_WORDS.findall(text.lower()))
    if len(words) < size:
        yield words
        return
    for start in range(len(words) - size + 1):
        yield words[start:start + size]


def without_overlap(
    rows: Iterable[dict[str, Any]], evaluation: Iterable[dict[str, Any]]
) -> tuple[list[dict[str, Any]], int]:
    """``rows`` minus those sharing a text or a :data:`SHINGLE`-word run with an evaluation row; and how many went."""
    seen_texts = set()
    seen: set[tuple[str, ...]] = set()
    for row in evaluation:
        seen_texts.add(row["text"])
        seen.update(s for s in shingles(row["text"]) if len(s) == SHINGLE)
    kept: list[dict[str, Any]] = []
    dropped = 0
    for row in rows:
        if row["text"] in seen_texts or any(s in seen for s in shingles(row["text"]) if len(s) == SHINGLE):
            dropped += 1
        else:
            kept.append(row)
    return kept, dropped


def for_tuning(text: str) -> bool:
    """Whether a row of a :data:`SPLIT_FILES` file is kept for tuning: a fifth of them, by a hash of the text."""
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:4], "big") % 5 == 0


def build(folder: Path = DATA) -> dict[str, Any]:
    """The model fitted and tuned on the files found in ``folder``."""
    sources: dict[str, str] = {}
    tune: list[dict[str, Any]] = read_rows(DEV_FILE, folder)
    tune_sources: dict[str, str] = {DEV_FILE: sha256_rows(tune)}
    fit: list[dict[str, Any]] = []
    for name in TRAIN_FILES:
        if not (folder / name).exists():
            continue
        rows = read_rows(name, folder)
        mine = [row for row in rows if name not in SPLIT_FILES or not for_tuning(row["text"])]
        sources[name] = sha256_rows(mine)
        fit.extend(mine)
        if name in SPLIT_FILES:
            kept = [row for row in rows if for_tuning(row["text"])]
            tune_sources[name] = sha256_rows(kept)
            tune.extend(kept)
    evaluation = [row for name in EVAL_FILES if (folder / name).exists() for row in read_rows(name, folder)]
    tune, dropped_tune = without_overlap(tune, evaluation)
    fit, dropped_fit = without_overlap(fit, evaluation)
    return train_model(fit, tune, sources=sources, tune_sources=tune_sources, dropped=dropped_fit + dropped_tune)


def main(out: Path = DATA) -> None:
    start = time.perf_counter()
    model = build()
    (out / MODEL_FILE).write_text(dump_model(model), encoding="utf-8")
    tuned, trained = model["tuned_on"], model["trained_on"]
    features = sum(len(block["features"]) for block in model["blocks"])
    print(f"wrote {out / MODEL_FILE}: {features} features from {trained['rows']} rows "
          f"({trained['dropped_overlapping_evaluation_splits']} dropped for overlap), fitted in "
          f"{time.perf_counter() - start:.1f} s; tuning rows' FPR {tuned['fpr']:.4f} recall {tuned['recall']:.4f} "
          f"at probability {tuned['probability_threshold']}")


if __name__ == "__main__":
    main()
