"""Reference-based text metrics: ``bleu``, ``chrf``, ``rouge-n`` / ``rouge-l``, ``f1`` and ``levenshtein``.

``value`` is the reference text, or a list of references (``levenshtein``: one text only).

- ``bleu``: ``sacrebleu.sentence_bleu`` (13a tokenisation, effective order) / 100; several references
  are scored together, as BLEU defines.
- ``chrf``: ``sacrebleu.sentence_chrf`` (chrF, character 6-grams, beta 2) / 100.
- ``rouge-n`` (n from ``k``, default 1, or the name ``rouge-1`` … ``rouge-9``) and ``rouge-l``: the
  F-measure from ``rouge_score.rouge_scorer.RougeScorer`` without stemming (so nothing is downloaded);
  with several references the best one counts (``score_multi``). Its tokenizer keeps only ``a-z0-9``,
  so text in other scripts scores 0: use ``chrf`` there.
- ``f1``: SQuAD token F1 — lower-case, drop ASCII punctuation and the articles a/an/the, split on
  whitespace; the best reference counts; two empty answers score 1.
- ``levenshtein``: ``rapidfuzz`` edit distance; passes when the distance is at most the threshold; the
  score is the normalised similarity ``1 - distance / max(len)``.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Awaitable, Callable

from rapidfuzz.distance import Levenshtein

from quarterdeck.evals.assertions.base import Call, Kind, KRule, Measure, ThresholdRule, need_text, need_texts, scored

__all__ = ["KINDS", "squad_f1", "squad_normalise"]

_PUNCTUATION = str.maketrans("", "", string.punctuation)
_ARTICLES = re.compile(r"\b(a|an|the)\b")


def squad_normalise(text: str) -> str:
    """The SQuAD answer normalisation: lower case, no punctuation, no articles, single spaces."""
    return " ".join(_ARTICLES.sub(" ", text.lower().translate(_PUNCTUATION)).split())


def squad_f1(prediction: str, reference: str) -> float:
    """Token-level F1 between two answers after :func:`squad_normalise`."""
    predicted = squad_normalise(prediction).split()
    expected = squad_normalise(reference).split()
    if not predicted or not expected:
        return float(predicted == expected)
    common = sum((Counter(predicted) & Counter(expected)).values())
    if common == 0:
        return 0.0
    precision = common / len(predicted)
    recall = common / len(expected)
    return 2 * precision * recall / (precision + recall)


def _check_references(value: object) -> None:
    need_texts(value)


def _check_one_reference(value: object) -> None:
    need_text(value)


# sacrebleu (0.3 s) and rouge_score (2 s: it imports all of nltk) load on first use, not with the package.


async def _bleu(call: Call) -> Measure:
    import sacrebleu

    score = sacrebleu.sentence_bleu(call.text, need_texts(call.value)).score / 100.0
    return scored("BLEU", float(score), call.limit)


async def _chrf(call: Call) -> Measure:
    import sacrebleu

    score = sacrebleu.sentence_chrf(call.text, need_texts(call.value)).score / 100.0
    return scored("chrF", float(score), call.limit)


def _rouge(longest_common: bool) -> Callable[[Call], Awaitable[Measure]]:
    async def run(call: Call) -> Measure:
        from rouge_score import rouge_scorer

        rouge_type = "rougeL" if longest_common else f"rouge{call.cutoff}"
        scorer = rouge_scorer.RougeScorer([rouge_type], use_stemmer=False)
        score = scorer.score_multi(need_texts(call.value), call.text)[rouge_type].fmeasure
        label = "ROUGE-L F" if longest_common else f"ROUGE-{call.cutoff} F"
        return scored(label, float(score), call.limit)

    return run


async def _f1(call: Call) -> Measure:
    score = max(squad_f1(call.text, reference) for reference in need_texts(call.value))
    return scored("token F1", score, call.limit)


async def _levenshtein(call: Call) -> Measure:
    reference = need_text(call.value)
    distance = Levenshtein.distance(call.text, reference)
    similarity = float(Levenshtein.normalized_similarity(call.text, reference))
    passed = distance <= call.limit
    return Measure(passed, similarity,
                   f"edit distance {distance} {'<=' if passed else '>'} threshold {call.limit:g}")


KINDS = (
    Kind("bleu", _bleu, _check_references, ThresholdRule(0.5)),
    Kind("chrf", _chrf, _check_references, ThresholdRule(0.5)),
    Kind("rouge-n", _rouge(False), _check_references, ThresholdRule(0.75), KRule(required=False, default=1, maximum=9)),
    Kind("rouge-l", _rouge(True), _check_references, ThresholdRule(0.75)),
    Kind("f1", _f1, _check_references, ThresholdRule(0.5)),
    Kind("levenshtein", _levenshtein, _check_one_reference, ThresholdRule(5.0, unit=False)),
)
