"""Refits the shipped prompt-injection classifier (``src/quarterdeck/guard/data/injection_model.json``).

Run from the repository root after ``make_sets`` has rewritten the training split::

    python -m scripts.guard_data.train_classifier

It reads ``injection_train.jsonl`` (fit) and ``injection_dev.jsonl`` (threshold) and never the test split. The fit
is deterministic; ``tests/unit/guard/test_injection_classifier.py`` checks that the shipped file is what this writes.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from quarterdeck.guard.injection_classifier import MODEL_FILE, dump_model, train_model

DATA = Path(__file__).resolve().parents[2] / "src" / "quarterdeck" / "guard" / "data"


def read_rows(name: str, folder: Path = DATA) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (folder / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def build(folder: Path = DATA) -> dict[str, Any]:
    """The model fitted on the training split and tuned on the dev split found in ``folder``."""
    return train_model(read_rows("injection_train.jsonl", folder), read_rows("injection_dev.jsonl", folder))


def main(out: Path = DATA) -> None:
    start = time.perf_counter()
    model = build()
    (out / MODEL_FILE).write_text(dump_model(model), encoding="utf-8")
    tuned = model["tuned_on"]
    features = sum(len(block["features"]) for block in model["blocks"])
    print(f"wrote {out / MODEL_FILE}: {features} features, fitted in {time.perf_counter() - start:.1f} s; "
          f"dev FPR {tuned['fpr']:.4f} recall {tuned['recall']:.4f} at probability {tuned['probability_threshold']}")


if __name__ == "__main__":
    main()
