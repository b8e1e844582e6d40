"""Model-backed checks: ``similar`` (an embedding model) and ``llm-rubric`` (a judge model).

Both are *unmeasured* — never passed, never failed — when the model they need was not given, and
``llm-rubric`` also when the judge's verdict stays unparseable after one repair turn (see
:mod:`quarterdeck.evals.judge`). Errors raised by the embedding or judge function propagate.

- ``similar``: cosine similarity between the output's embedding and each reference's (``value``: a
  text or a list; the best counts), clipped to [0, 1]; passes when >= threshold (default 0.8). An empty
  output fails with score 0 without calling the model.
- ``llm-rubric``: ``value`` is the rubric; the score is the judge's; passes when the judge says pass and,
  if a threshold is set, the score reaches it.
"""

from __future__ import annotations

import numpy as np

from quarterdeck.evals.assertions.base import (
    Call,
    Kind,
    Measure,
    ThresholdRule,
    need_text,
    need_texts,
    scored,
    unmeasured,
)
from quarterdeck.evals.judge import ask_judge, build_judge_messages

__all__ = ["KINDS"]


def _check_references(value: object) -> None:
    need_texts(value)


def _check_rubric(value: object) -> None:
    need_text(value)


async def _similar(call: Call) -> Measure:
    references = need_texts(call.value)
    if call.embed is None:
        return unmeasured("'similar' needs an embedding model and none was given")
    if not call.text.strip():
        return Measure(False, 0.0, "output is empty")
    vectors = await call.embed([call.text, *references])
    if len(vectors) != len(references) + 1:
        return unmeasured(f"the embedding model returned {len(vectors)} vectors for {len(references) + 1} texts")
    try:
        matrix = np.asarray(vectors, dtype=np.float64)
    except ValueError:
        return unmeasured("the embedding model returned vectors of different lengths")
    if matrix.ndim != 2 or matrix.shape[1] == 0 or not np.all(np.isfinite(matrix)):
        return unmeasured("the embedding model returned empty or non-finite vectors")
    norms = np.linalg.norm(matrix, axis=1)
    if np.any(norms == 0):
        return unmeasured("the embedding model returned a zero vector")
    cosines = (matrix[1:] @ matrix[0]) / (norms[1:] * norms[0])
    best = float(cosines.max())
    measure = scored("cosine similarity", best, call.limit)
    if 0.0 <= best <= 1.0:
        return measure
    return Measure(measure.passed, measure.score, f"{measure.reason} (raw cosine {best:.4f})")


async def _llm_rubric(call: Call) -> Measure:
    rubric = need_text(call.value)
    if call.judge is None:
        return unmeasured("'llm-rubric' needs a judge model and none was given")
    outcome = await ask_judge(call.judge, build_judge_messages(rubric, call.text, call.variables))
    verdict = outcome.verdict
    if verdict is None:
        return unmeasured(f"judge verdict unparseable: {outcome.error}")
    reason = verdict.reason or "(the judge gave no reason)"
    threshold = call.threshold
    if verdict.passed and threshold is not None and verdict.score < threshold:
        return Measure(False, verdict.score, f"judge passed it, but score {verdict.score:g} < threshold {threshold:g}: "
                                             f"{reason}")
    return Measure(verdict.passed, verdict.score, reason)


KINDS = (
    Kind("similar", _similar, _check_references, ThresholdRule(0.8)),
    Kind("llm-rubric", _llm_rubric, _check_rubric, ThresholdRule(None)),
)
