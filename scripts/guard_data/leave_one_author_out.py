"""How the injection classifier's design carries to an author it never saw: fit on three authors, score the fourth.

    python -m scripts.guard_data.leave_one_author_out          # ~6 minutes on 2 cores

The authors: the generator of ``injection_train`` / ``dev`` / ``test`` (scored on its test split),
``injection_train_extra`` (a second author), ``injection_holdout`` and ``injection_holdout2`` (the first and second
blind holdouts, a third and a fourth author). For each held-out author, the other three are split 80/20 per file
(seeded): the model is fitted on the 80%, its threshold set on the 20% at the FPR budget, and recall and FPR are
counted on the held-out author at that threshold, with the threshold-free ROC AUC. Prints one JSON line per
(design, held-out author). The table in docs/guardrails.md comes from here; ``holdout4`` is never read (nor
``holdout3``, a fifth author, added to training after this check).
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from quarterdeck.guard.injection import rules_verdict
from quarterdeck.guard.injection_classifier import (
    MIN_DF,
    char_ngrams,
    dense_values,
    prepare,
    threshold_at_fpr,
    word_ngrams,
)
from scripts.guard_data.train_classifier import read_rows

AUTHORS = {"A": "injection_train.jsonl", "A_test": "injection_test.jsonl", "B": "injection_train_extra.jsonl",
           "C": "injection_holdout.jsonl", "D": "injection_holdout2.jsonl"}
FOLDS = ((("B", "C", "D"), "A_test"), (("A", "C", "D"), "B"), (("A", "B", "D"), "C"), (("A", "B", "C"), "D"))
DESIGNS: tuple[dict[str, Any], ...] = (
    {"name": "max with the rules, C=10", "stacked": False, "C": 10.0, "budgets": (0.01,)},
    {"name": "stacked on the rules, C=10", "stacked": True, "C": 10.0, "budgets": (0.01,)},
    {"name": "stacked on the rules, C=3", "stacked": True, "C": 3.0, "budgets": (0.002, 0.005, 0.01)},
)


class Rows:
    """One file's rows with what the model reads: the prepared text, the rules' verdict, the label."""

    def __init__(self, name: str) -> None:
        rows = read_rows(name)
        verdicts = [rules_verdict(row["text"]) for row in rows]
        self.texts = [prepare(row["text"]) for row in rows]
        self.dense = np.array([dense_values(*v) for v in verdicts])
        self.rules = np.array([v[0] for v in verdicts])
        self.labels = np.array([row["label"] == "attack" for row in rows])

    def take(self, index: Sequence[int]) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
        return [self.texts[i] for i in index], self.dense[index], self.rules[index], self.labels[index]


def _split(n: int, rng: random.Random) -> tuple[list[int], list[int]]:
    index = list(range(n))
    rng.shuffle(index)
    cut = int(0.8 * n)
    return index[:cut], index[cut:]


def run(data: dict[str, Rows], fit_authors: Sequence[str], held_out: str,
        design: dict[str, Any]) -> list[dict[str, Any]]:
    parts: dict[str, list[Any]] = {"fit": [[], [], [], []], "tune": [[], [], [], []]}
    rng = random.Random(0)
    for author in fit_authors:
        fit, tune = _split(len(data[author].texts), rng)
        for part, index in (("fit", fit), ("tune", tune)):
            for slot, values in zip(parts[part], data[author].take(index), strict=True):
                slot.append(values)
    fit_texts = [t for chunk in parts["fit"][0] for t in chunk]
    vectorizers = [TfidfVectorizer(analyzer=char_ngrams, sublinear_tf=True, min_df=MIN_DF),
                   TfidfVectorizer(analyzer=word_ngrams, sublinear_tf=True, min_df=MIN_DF)]

    def features(texts: list[str], dense: np.ndarray, fit: bool = False) -> Any:
        blocks = [v.fit_transform(texts) if fit else v.transform(texts) for v in vectorizers]
        if design["stacked"]:
            blocks.append(sparse.csr_matrix(dense))
        return sparse.hstack(blocks).tocsr()

    fit_dense = np.vstack(parts["fit"][1])
    model = LogisticRegression(C=design["C"], solver="liblinear", class_weight="balanced", max_iter=5000,
                               random_state=0)
    model.fit(features(fit_texts, fit_dense, fit=True), np.concatenate(parts["fit"][3]))
    tune_texts = [t for chunk in parts["tune"][0] for t in chunk]
    tune_scores = model.predict_proba(features(tune_texts, np.vstack(parts["tune"][1])))[:, 1]
    tune_labels = np.concatenate(parts["tune"][3])
    held = data[held_out]
    scores = model.predict_proba(features(held.texts, held.dense))[:, 1]
    out = []
    for budget in design["budgets"]:
        flagged = scores > threshold_at_fpr(tune_scores.tolist(), tune_labels.tolist(), budget)[0]
        if not design["stacked"]:  # the classifier at its threshold, or the rules at their 0.5
            flagged |= held.rules >= 0.5
        out.append({"design": design["name"], "budget": budget, "fitted_on": "+".join(fit_authors),
                    "scored_on": held_out, "recall": round(float(flagged[held.labels].mean()), 3),
                    "fpr": round(float(flagged[~held.labels].mean()), 3),
                    "auc": round(float(roc_auc_score(held.labels, scores)), 3)})
    return out


def main() -> None:
    data = {author: Rows(name) for author, name in AUTHORS.items()}
    for design in DESIGNS:
        for fit_authors, held_out in FOLDS:
            for line in run(data, fit_authors, held_out, design):
                print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
