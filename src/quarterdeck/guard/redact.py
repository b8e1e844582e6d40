"""Redaction with consistent placeholders, and the way back.

:func:`redact` replaces each finding's span by a placeholder ``<KIND_N>``: the kind upper-cased with every run of
other characters turned into ``_`` (``EMAIL_ADDRESS``, ``secret:AWSKeyDetector`` -> ``SECRET_AWSKEYDETECTOR``),
numbered per kind. The same value of the same kind always gets the same placeholder while the same
``placeholders`` dict is passed (a conversation keeps one dict), so the model can still tell two people apart.
Overlapping spans are merged first; the merged span takes the kind of its highest-scoring finding. The
replacement itself is done by Presidio's anonymizer (``replace`` operator).

:func:`restore` puts the originals back into text (typically the model's answer).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from quarterdeck.guard.types import Finding

__all__ = ["placeholder_label", "redact", "restore"]

_PLACEHOLDER = re.compile(r"<([A-Z0-9_]+)_(\d+)>")


def placeholder_label(kind: str) -> str:
    """``"secret:AWSKeyDetector"`` -> ``"SECRET_AWSKEYDETECTOR"``."""
    return re.sub(r"[^A-Z0-9]+", "_", kind.upper()).strip("_") or "REDACTED"


@cache
def _anonymizer() -> Any:
    from presidio_anonymizer import AnonymizerEngine

    engine: Any = AnonymizerEngine
    return engine()


def _merge(text: str, findings: Sequence[Finding]) -> list[tuple[int, int, str]]:
    spans = sorted(((max(0, f.start), min(len(text), f.end), f) for f in findings if f.end > f.start),
                   key=lambda s: (s[0], -s[1]))
    merged: list[tuple[int, int, Finding]] = []
    for start, end, finding in spans:
        if start >= end:
            continue
        if merged and start < merged[-1][1]:
            a, b, best = merged[-1]
            better = finding if (finding.score, end - start) > (best.score, b - a) else best
            merged[-1] = (a, max(b, end), better)
        else:
            merged.append((start, end, finding))
    return [(a, b, f.kind) for a, b, f in merged]


def redact(text: str, findings: Sequence[Finding],
           placeholders: dict[str, str] | None = None) -> tuple[str, dict[str, str]]:
    """``text`` with every finding's span replaced by its placeholder, and the ``placeholder -> original`` map.

    ``placeholders`` (updated in place and returned) carries the numbering across calls.
    """
    mapping = {} if placeholders is None else placeholders
    spans = _merge(text, findings)
    if not spans:
        return text, mapping
    known: dict[tuple[str, str], str] = {}
    counters: dict[str, int] = {}
    for placeholder, original in mapping.items():
        if m := _PLACEHOLDER.fullmatch(placeholder):
            known[(m.group(1), original)] = placeholder
            counters[m.group(1)] = max(counters.get(m.group(1), 0), int(m.group(2)))
    from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

    results = []
    operators = {}
    for index, (start, end, kind) in enumerate(spans):
        label = placeholder_label(kind)
        value = text[start:end]
        existing = known.get((label, value))
        if existing is None:
            counters[label] = counters.get(label, 0) + 1
            placeholder = f"<{label}_{counters[label]}>"
            known[(label, value)] = placeholder
            mapping[placeholder] = value
        else:
            placeholder = existing
        entity = f"SPAN{index}"
        results.append(RecognizerResult(entity, start, end, 1.0))
        operators[entity] = OperatorConfig("replace", {"new_value": placeholder})
    return _anonymizer().anonymize(text=text, analyzer_results=results, operators=operators).text, mapping


def restore(text: str, placeholders: Mapping[str, str]) -> str:
    """``text`` with every known placeholder replaced by its original value (unknown ones are left alone)."""
    if not placeholders:
        return text
    return _PLACEHOLDER.sub(lambda m: placeholders.get(m.group(0), m.group(0)), text)
