"""From a type name to its ``Kind``; checking a spec when a suite loads; running one check.

A type name is a known type, optionally prefixed ``not-``. ``recall``, ``precision``, ``ndcg`` and
``mrr`` take ``@<k>`` (``recall@5``; ``recall@k`` reads the ``k`` field) and ``rouge-<n>`` names ROUGE-N.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quarterdeck.evals.assertions import metrics, model, operational, retrieval, structured, text
from quarterdeck.evals.assertions.base import (
    AssertionResult,
    AssertionSpec,
    Call,
    Embed,
    Judge,
    Kind,
    Measure,
    Output,
    finite,
    has_placeholder,
    render_value,
    spec_error,
)

__all__ = ["KNOWN_TYPES", "check", "validate_spec"]

_KINDS: dict[str, Kind] = {
    kind.name: kind
    for module in (text, structured, metrics, model, operational, retrieval)
    for kind in module.KINDS
}
_NEGATION = "not-"
_BASE_NAMES = frozenset(_KINDS) | {"rouge-1", "rouge-2"}
KNOWN_TYPES: frozenset[str] = _BASE_NAMES | {_NEGATION + name for name in _BASE_NAMES}
"""Every type name in its canonical spelling; ``recall@5``-style and ``rouge-3``-style names also work."""

_AT_K = re.compile(r"(recall|precision|ndcg|mrr)@(k|[0-9]+)")
_ROUGE_N = re.compile(r"rouge-([0-9]+)")


@dataclass(frozen=True, slots=True)
class _Plan:
    kind: Kind
    negated: bool
    threshold: float | None
    k: int | None


def _kind_of(spec: AssertionSpec) -> tuple[Kind, bool, int | None, bool]:
    """The kind, whether negated, the k written in the name, and whether the name says ``@k``."""
    negated = spec.type.startswith(_NEGATION)
    base = spec.type[len(_NEGATION):] if negated else spec.type
    k_in_name: int | None = None
    k_field_named = False
    if (at_k := _AT_K.fullmatch(base)) is not None:
        base = "mrr" if at_k.group(1) == "mrr" else f"{at_k.group(1)}@k"
        k_field_named = at_k.group(2) == "k"
        k_in_name = None if k_field_named else int(at_k.group(2))
    elif (rouge := _ROUGE_N.fullmatch(base)) is not None:
        base, k_in_name = "rouge-n", int(rouge.group(1))
    kind = _KINDS.get(base)
    if kind is None:
        close = difflib.get_close_matches(spec.type, sorted(KNOWN_TYPES), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ValueError(f"unknown assertion type '{spec.type}'{hint}; known types: "
                         f"{', '.join(sorted(_BASE_NAMES))}, each also as not-<type>")
    return kind, negated, k_in_name, k_field_named


def _threshold(kind: Kind, spec: AssertionSpec) -> float | None:
    rule, value = kind.threshold, spec.threshold
    if rule is None:
        if value is not None:
            raise spec_error(spec, "'threshold' does not apply: this type passes or fails outright")
        return None
    if value is None:
        if rule.required:
            raise spec_error(spec, "'threshold' is required for this type")
        return rule.default
    if not finite(value):
        raise spec_error(spec, "'threshold' must be a finite number")
    if rule.unit and not 0.0 <= value <= 1.0:
        raise spec_error(spec, f"'threshold' must be between 0 and 1 (the score's range), not {value:g}")
    if value < 0:
        raise spec_error(spec, f"'threshold' must be >= 0, not {value:g}")
    return value


def _k(kind: Kind, spec: AssertionSpec, k_in_name: int | None, k_field_named: bool) -> int | None:
    rule = kind.k
    if rule is None:
        if spec.k is not None:
            raise spec_error(spec, "'k' does not apply to this type")
        return None
    if k_in_name is not None and spec.k is not None and spec.k != k_in_name:
        raise spec_error(spec, f"'k' is {spec.k} but the type name says {k_in_name}")
    k = k_in_name if k_in_name is not None else spec.k
    if k is None:
        if rule.required or k_field_named:
            example = kind.name.replace("@k", "@5") if "@k" in kind.name else f"{kind.name}@5"
            raise spec_error(spec, f"'k' is required: set the k field or write the type as '{example}'")
        k = rule.default
    if k is not None and (k < 1 or (rule.maximum is not None and k > rule.maximum)):
        bound = f" and at most {rule.maximum}" if rule.maximum is not None else ""
        raise spec_error(spec, f"'k' must be at least 1{bound}, not {k}")
    return k


def _plan(spec: AssertionSpec) -> _Plan:
    kind, negated, k_in_name, k_field_named = _kind_of(spec)
    if not finite(spec.weight) or spec.weight < 0:
        raise spec_error(spec, f"'weight' must be a finite number >= 0, not {spec.weight:g}")
    return _Plan(kind, negated, _threshold(kind, spec), _k(kind, spec, k_in_name, k_field_named))


def _check_value(spec: AssertionSpec, kind: Kind, value: Any) -> None:
    try:
        kind.check_value(value)
    except ValueError as exc:
        raise spec_error(spec, str(exc)) from exc


def validate_spec(spec: AssertionSpec) -> None:
    """Raise ``ValueError`` naming the problem: unknown type, a missing or malformed value, a bad
    threshold, k or weight. A value with ``{{variables}}`` is checked at :func:`check` time, rendered."""
    plan = _plan(spec)
    if not has_placeholder(spec.value):
        _check_value(spec, plan.kind, spec.value)


async def check(spec: AssertionSpec, output: Output, variables: Mapping[str, Any], *,
                embed: Embed | None = None, judge: Judge | None = None) -> AssertionResult:
    """Run one assertion on one output. Spec problems (including a missing variable) raise ``ValueError``.

    ``not-<type>`` inverts ``passed`` and reports ``1 - score``; an unmeasured result stays unmeasured.
    """
    plan = _plan(spec)
    try:
        value = render_value(spec.value, variables)
    except ValueError as exc:
        raise spec_error(spec, str(exc)) from exc
    _check_value(spec, plan.kind, value)
    measure = await plan.kind.run(Call(spec, value, output, plan.threshold, plan.k, variables, embed, judge))
    if plan.negated and measure.passed is not None:
        score = None if measure.score is None else 1.0 - measure.score
        measure = Measure(not measure.passed, score, f"(negated) {measure.reason}")
    return AssertionResult(spec.type, measure.passed, measure.score, measure.reason, spec.weight)
