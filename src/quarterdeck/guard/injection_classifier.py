"""The shipped local prompt-injection classifier: TF-IDF n-grams and a logistic regression, stored as JSON.

What it reads. The normalised text (:mod:`quarterdeck.guard.normalise`: homoglyphs folded, invisible and tag
characters removed, base64/hex payloads decoded and appended), with leetspeak folded when the text reads as
leetspeak (:func:`quarterdeck.guard.injection.fold_leetspeak`), lower-cased. Two blocks of features, each
sublinear TF-IDF with its own L2 norm: character n-grams of 1 to 5 inside word boundaries (``char_wb``: each word
padded with a space) and word unigrams and bigrams (words of 2+ word characters). The score is the logistic
regression's probability, shifted so that 0.5 is the decision threshold chosen on the dev split (see below):
``sigmoid(w·x + b - threshold_logit)``.

What it learnt from. ``guard/data/injection_train.jsonl``, a training split written by the generator
(``scripts/guard_data/make_sets.py``) from pools of its own (``_train_attack_pools``, ``_train_benign_pools``,
``_train_grammar``): other templates, payloads, documents and slot values than the dev and test splits, and no
training text shares a text or a run of six words with a dev or test text (the generator drops or refuses those).
Fitted with scikit-learn (``liblinear``, ``C=10``, balanced class weights, fixed ``random_state``: the fit is
deterministic). The threshold is the lowest one at which the classifier alone flags at most
:data:`DEV_FPR_BUDGET` of the dev split's benign prompts; the test split is never read.

How it ships. ``guard/data/injection_model.json``: the features of each block in index order, their IDF weights
and coefficients, the intercept and the threshold, with the SHA-256 of the files it was fitted and tuned on. No
pickle: loading reads JSON, scoring is plain Python (no scikit-learn at run time, nothing downloaded).
:func:`train_model` refits it (``python -m scripts.guard_data.train_classifier``), and a unit test checks that the
shipped file is what a refit gives.
"""

from __future__ import annotations

import hashlib
import importlib
import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from quarterdeck.guard.injection import fold_leetspeak
from quarterdeck.guard.normalise import view

__all__ = ["DEV_FPR_BUDGET", "FORMAT", "MODEL_FILE", "LocalInjectionClassifier", "char_ngrams", "dump_model",
           "local_classifier", "prepare", "sha256_rows", "train_model", "word_ngrams"]

FORMAT = "quarterdeck-injection-tfidf-logreg/1"
MODEL_FILE = "injection_model.json"
DEV_FPR_BUDGET = 0.01
"""Share of the dev split's benign prompts the classifier alone may flag: half of the issue's 2% budget, the other
half being the rules'."""
C = 10.0
MIN_DF = 2
CHAR_N = (1, 5)
_WORD = re.compile(r"(?u)\b\w\w+\b")
_SPACE = re.compile(r"\s\s+")
_DATA = "quarterdeck.guard"
_DIGITS = 6


def prepare(text: str) -> str:
    """What the classifier reads: ``text`` normalised, leetspeak folded, lower-cased."""
    return fold_leetspeak(view(text).text).lower()


def char_ngrams(text: str) -> list[str]:
    """Character n-grams (:data:`CHAR_N`) of each whitespace-separated word padded with one space on each side."""
    out: list[str] = []
    lo, hi = CHAR_N
    for word in _SPACE.sub(" ", text).split():
        padded = f" {word} "
        size = len(padded)
        for n in range(lo, min(hi, size) + 1):
            out.extend(padded[i:i + n] for i in range(size - n + 1))
    return out


def word_ngrams(text: str) -> list[str]:
    """Words of two or more word characters, and each pair of neighbouring words."""
    words = _WORD.findall(text)
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


_ANALYZERS: dict[str, Callable[[str], list[str]]] = {"char_wb": char_ngrams, "word": word_ngrams}


@dataclass(frozen=True, slots=True)
class _Block:
    """One TF-IDF block: feature -> (idf, coefficient)."""

    analyzer: Callable[[str], list[str]]
    weights: dict[str, tuple[float, float]]

    def contribution(self, text: str) -> float:
        total = norm = 0.0
        for gram, count in Counter(self.analyzer(text)).items():
            found = self.weights.get(gram)
            if found is not None:
                value = (1.0 + math.log(count)) * found[0]
                norm += value * value
                total += value * found[1]
        return total / math.sqrt(norm) if norm > 0.0 else 0.0


class LocalInjectionClassifier:
    """The shipped model (or any model in the same JSON format); :meth:`score` is the
    :class:`~quarterdeck.guard.types.InjectionClassifier` interface."""

    def __init__(self, model: Mapping[str, Any]) -> None:
        if model.get("format") != FORMAT:
            raise ValueError(f"injection model: expected format {FORMAT!r}, got {model.get('format')!r}")
        blocks = []
        for block in model["blocks"]:
            analyzer = _ANALYZERS.get(block["analyzer"])
            if analyzer is None:
                raise ValueError(f"injection model: unknown analyzer {block['analyzer']!r}")
            features, idf, coef = block["features"], block["idf"], block["coef"]
            if not len(features) == len(idf) == len(coef):
                raise ValueError("injection model: features, idf and coef differ in length")
            blocks.append(_Block(analyzer, {f: (float(i), float(c)) for f, i, c in zip(features, idf, coef,
                                                                                         strict=True)}))
        self._blocks = tuple(blocks)
        self._bias = float(model["intercept"]) - float(model["threshold_logit"])
        self.info: dict[str, Any] = {k: v for k, v in model.items() if k != "blocks"}

    def logit(self, text: str) -> float:
        """The decision value, shifted so that 0 is the threshold (``text`` is normalised here)."""
        prepared = prepare(text)
        return self._bias + sum(block.contribution(prepared) for block in self._blocks)

    def score(self, text: str) -> float:
        """In [0, 1]; 0.5 or more means the classifier takes ``text`` for an attack."""
        z = self.logit(text)
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


@cache
def local_classifier() -> LocalInjectionClassifier:
    """The shipped model, read once per process from ``guard/data/injection_model.json``."""
    path = resources.files(_DATA).joinpath("data").joinpath(MODEL_FILE)
    return LocalInjectionClassifier(json.loads(path.read_text(encoding="utf-8")))


# --------------------------------------------------------------------------------------------- training


def sha256_rows(rows: Sequence[Mapping[str, Any]]) -> str:
    """The SHA-256 of ``rows`` as canonical JSON lines (what the model records of the files it learnt from)."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update(json.dumps(row, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
    return digest.hexdigest()


def _round(value: float) -> float:
    return float(f"{value:.{_DIGITS}g}")


def _threshold(probabilities: Sequence[float], labels: Sequence[bool], budget: float) -> tuple[float, float, float]:
    """The lowest probability threshold flagging at most ``budget`` of the negatives; with the FPR and recall there."""
    negatives = sorted((p for p, y in zip(probabilities, labels, strict=True) if not y), reverse=True)
    allowed = math.floor(budget * len(negatives))
    # flag p > threshold: the threshold sits on the (allowed+1)-th highest negative score
    threshold = negatives[allowed] if allowed < len(negatives) else 0.0
    fp = sum(p > threshold for p in negatives)
    positives = [p for p, y in zip(probabilities, labels, strict=True) if y]
    recall = sum(p > threshold for p in positives) / max(1, len(positives))
    return threshold, fp / max(1, len(negatives)), recall


def _iter_labels(rows: Sequence[Mapping[str, Any]]) -> Iterator[bool]:
    for row in rows:
        yield row["label"] == "attack"


def train_model(
    train_rows: Sequence[Mapping[str, Any]],
    dev_rows: Sequence[Mapping[str, Any]],
    *,
    sources: Mapping[str, str] | None = None,
    dropped: int = 0,
) -> dict[str, Any]:
    """Fit the model on ``train_rows`` and set its threshold on ``dev_rows`` (rows: ``{"text", "label"}``, label
    ``attack`` or ``benign``); the JSON-ready model. Deterministic: the same rows give the same model.
    ``sources`` (file name -> SHA-256 of its rows) and ``dropped`` (rows left out for overlapping an evaluation
    split) are recorded as the model's provenance."""
    sklearn_text: Any = importlib.import_module("sklearn.feature_extraction.text")
    sklearn_linear: Any = importlib.import_module("sklearn.linear_model")
    sparse: Any = importlib.import_module("scipy.sparse")
    sklearn: Any = importlib.import_module("sklearn")

    texts = [prepare(str(row["text"])) for row in train_rows]
    labels = list(_iter_labels(train_rows))
    vectorizers = [
        (name, sklearn_text.TfidfVectorizer(analyzer=_ANALYZERS[name], sublinear_tf=True, min_df=MIN_DF))
        for name in ("char_wb", "word")
    ]
    matrix = sparse.hstack([vec.fit_transform(texts) for _, vec in vectorizers]).tocsr()
    model = sklearn_linear.LogisticRegression(C=C, solver="liblinear", class_weight="balanced", max_iter=5000,
                                              random_state=0)
    model.fit(matrix, labels)
    coef = model.coef_[0]
    blocks = []
    offset = 0
    for name, vec in vectorizers:
        features = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
        size = len(features)
        blocks.append({
            "analyzer": name,
            "features": features,
            "idf": [_round(v) for v in vec.idf_],
            "coef": [_round(v) for v in coef[offset:offset + size]],
        })
        offset += size
    unshifted = {"format": FORMAT, "blocks": blocks, "intercept": _round(float(model.intercept_[0])),
                 "threshold_logit": 0.0}
    scorer = LocalInjectionClassifier(unshifted)
    dev_labels = list(_iter_labels(dev_rows))
    dev_scores = [scorer.score(str(row["text"])) for row in dev_rows]
    threshold, dev_fpr, dev_recall = _threshold(dev_scores, dev_labels, DEV_FPR_BUDGET)
    # score > threshold  <=>  logit - threshold_logit > 0; nudge so that the boundary case itself is not flagged
    threshold_logit = math.log(threshold / (1.0 - threshold)) + 1e-6 if 0.0 < threshold < 1.0 else 0.0
    return {
        "format": FORMAT,
        "description": "prompt-injection classifier: char_wb 1-5 + word 1-2 TF-IDF (sublinear, L2 per block), "
                       "logistic regression; score = sigmoid(w.x + intercept - threshold_logit)",
        "trained_on": {"files": dict(sources or {"injection_train.jsonl": sha256_rows(train_rows)}),
                       "rows": len(train_rows), "sha256": sha256_rows(train_rows), "attacks": sum(labels),
                       "dropped_overlapping_evaluation_splits": dropped},
        "tuned_on": {"file": "injection_dev.jsonl", "rows": len(dev_rows), "sha256": sha256_rows(dev_rows),
                     "fpr_budget": DEV_FPR_BUDGET, "fpr": round(dev_fpr, 4), "recall": round(dev_recall, 4),
                     "probability_threshold": round(threshold, 6)},
        "fit": {"scikit-learn": str(sklearn.__version__), "solver": "liblinear", "C": C,
                "class_weight": "balanced", "min_df": MIN_DF, "char_ngrams": list(CHAR_N), "word_ngrams": [1, 2]},
        "intercept": unshifted["intercept"],
        "threshold_logit": _round(threshold_logit),
        "blocks": blocks,
    }


def dump_model(model: Mapping[str, Any]) -> str:
    """The model as the JSON text that is shipped (one block per line group, stable key order)."""
    return json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
