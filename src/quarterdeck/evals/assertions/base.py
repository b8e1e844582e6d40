"""The shapes every assertion shares: the spec, the output under test, the result, and ``Kind`` — the
description each assertion module registers for one type (how to check its ``value``, which
threshold and ``k`` it takes, and the coroutine that measures an output)."""

from __future__ import annotations

import math
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict

from quarterdeck.evals.judge import Judge

__all__ = [
    "AssertionResult",
    "AssertionSpec",
    "Call",
    "Embed",
    "Judge",
    "KRule",
    "Kind",
    "Measure",
    "Output",
    "ThresholdRule",
    "binary",
    "finite",
    "has_placeholder",
    "need_no_value",
    "need_text",
    "need_texts",
    "quote",
    "render_value",
    "scored",
    "spec_error",
    "unmeasured",
]

Embed = Callable[[list[str]], Awaitable[list[list[float]]]]
"""An embedding model: texts in, one vector per text out (same order)."""


class AssertionSpec(BaseModel):
    """One assertion of a suite case, as written in the suite file."""

    model_config = ConfigDict(extra="forbid")

    type: str
    value: Any = None
    threshold: float | None = None
    weight: float = 1.0
    k: int | None = None
    metric: str | None = None


@dataclass(frozen=True, slots=True)
class Output:
    """What the target produced for one case."""

    text: str | None
    tool_calls: list[dict[str, Any]]
    latency_ms: float
    cost_usd: float
    retrieved: list[str] | None = None


@dataclass(frozen=True, slots=True)
class AssertionResult:
    """The outcome of one assertion. ``passed is None`` means unmeasured: left out of pass rates."""

    type: str
    passed: bool | None
    score: float | None
    reason: str
    weight: float


@dataclass(frozen=True, slots=True)
class Measure:
    """What a type's coroutine reports, before negation and weighting."""

    passed: bool | None
    score: float | None
    reason: str


@dataclass(frozen=True, slots=True)
class Call:
    """Everything one check needs: the spec, its rendered value and the resolved threshold and k."""

    spec: AssertionSpec
    value: Any
    output: Output
    threshold: float | None
    k: int | None
    variables: Mapping[str, Any]
    embed: Embed | None
    judge: Judge | None

    @property
    def text(self) -> str:
        """The output text; a response with no text (only tool calls) reads as ``""``."""
        return self.output.text or ""

    @property
    def limit(self) -> float:
        """The threshold of a type that always has one (set by the dispatcher from the type's rule)."""
        if self.threshold is None:
            raise RuntimeError(f"assertion '{self.spec.type}' reached its check without a threshold")
        return self.threshold

    @property
    def cutoff(self) -> int:
        """The ``k`` of a type that always has one (set by the dispatcher from the type's rule)."""
        if self.k is None:
            raise RuntimeError(f"assertion '{self.spec.type}' reached its check without k")
        return self.k


@dataclass(frozen=True, slots=True)
class ThresholdRule:
    """How a type reads ``threshold``: its default, whether it is bounded to [0, 1], whether required."""

    default: float | None
    unit: bool = True
    required: bool = False


@dataclass(frozen=True, slots=True)
class KRule:
    """How a type reads ``k``: required, or a default; an optional upper bound."""

    required: bool
    default: int | None = None
    maximum: int | None = None


@dataclass(frozen=True, slots=True)
class Kind:
    """One assertion type. ``check_value`` raises ``ValueError`` naming the field; ``run`` measures."""

    name: str
    run: Callable[[Call], Awaitable[Measure]]
    check_value: Callable[[Any], None]
    threshold: ThresholdRule | None = None
    k: KRule | None = None


def spec_error(spec: AssertionSpec, message: str) -> ValueError:
    """The error for a spec that cannot be checked, naming its type."""
    return ValueError(f"assertion '{spec.type}': {message}")


def binary(passed: bool, reason: str) -> Measure:
    """A pass/fail check: score 1.0 or 0.0."""
    return Measure(passed, 1.0 if passed else 0.0, reason)


def scored(label: str, score: float, threshold: float) -> Measure:
    """A scored check that passes when ``score >= threshold``; the score is clamped to [0, 1] (sacrebleu
    reports 100.00000000000004 for identical sentences)."""
    score = min(1.0, max(0.0, score))
    passed = score >= threshold
    return Measure(passed, score, f"{label} {score:.4f} {'>=' if passed else '<'} threshold {threshold:g}")


def unmeasured(reason: str) -> Measure:
    return Measure(None, None, f"unmeasured: {reason}")


def finite(number: float) -> bool:
    return math.isfinite(number)


def quote(text: str, limit: int = 80) -> str:
    """``text`` as a short quoted excerpt for a reason."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def need_no_value(value: Any) -> None:
    if value is not None:
        raise ValueError("'value' does not apply to this type; remove it")


def need_text(value: Any) -> str:
    """``value`` as a non-empty string, or a ``ValueError`` naming the field."""
    if not isinstance(value, str) or not value:
        raise ValueError(f"'value' must be a non-empty string, not {_kind_of(value)}")
    return value


def need_texts(value: Any) -> list[str]:
    """``value`` as one or more non-empty strings (a string or a list of strings)."""
    if isinstance(value, str):
        return [need_text(value)]
    if not isinstance(value, list) or not value:
        raise ValueError(f"'value' must be a string or a non-empty list of strings, not {_kind_of(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item:
            raise ValueError(f"'value[{index}]' must be a non-empty string, not {_kind_of(item)}")
    return list(value)


def _kind_of(value: Any) -> str:
    if value is None:
        return "missing"
    if isinstance(value, str) and not value:
        return "an empty string"
    name = type(value).__name__
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


# The placeholder rule of quarterdeck.registry.templates (kept equal by a test). Not imported from
# there: the registry's release gates will read eval results, and evals must not import it back.
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}")


def has_placeholder(value: Any) -> bool:
    """Whether a string anywhere inside ``value`` (strings, list items, dict values) has ``{{name}}``."""
    if isinstance(value, str):
        return PLACEHOLDER.search(value) is not None
    if isinstance(value, list):
        return any(has_placeholder(item) for item in value)
    if isinstance(value, dict):
        return any(has_placeholder(item) for item in value.values())
    return False


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return PLACEHOLDER.findall(value)
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    if isinstance(value, dict):
        return [name for item in value.values() for name in _names(item)]
    return []


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else orjson.dumps(value).decode()


def _render(value: Any, variables: Mapping[str, Any]) -> Any:
    if isinstance(value, str):
        whole = PLACEHOLDER.fullmatch(value.strip())
        if whole is not None:
            return variables[whole.group(1)]
        return PLACEHOLDER.sub(lambda match: _as_text(variables[match.group(1)]), value)
    if isinstance(value, list):
        return [_render(item, variables) for item in value]
    if isinstance(value, dict):
        return {key: _render(item, variables) for key, item in value.items()}
    return value


def render_value(value: Any, variables: Mapping[str, Any]) -> Any:
    """Fill ``{{name}}`` placeholders in the strings of ``value`` from the case variables.

    Same rule as prompt templates: plain substitution, a non-string variable inserted as JSON. One
    addition: a string that is *only* a placeholder (``"{{ids}}"``) becomes the variable itself, so a
    list or a schema can come from the dataset. A missing variable is a ``ValueError`` naming all.
    """
    missing = list(dict.fromkeys(name for name in _names(value) if name not in variables))
    if missing:
        names = ", ".join(f"'{name}'" for name in missing)
        raise ValueError(f"'value' uses the variable(s) {names}, which the case does not define")
    return _render(value, variables)
