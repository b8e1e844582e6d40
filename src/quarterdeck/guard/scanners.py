"""Building scanners from guard-policy specs.

=============  =======  ============================================================================================
type           stage    fields (all optional unless marked)
=============  =======  ============================================================================================
``pii``        both     ``entities`` (list or null = default set), ``threshold`` (0.5), ``ner`` (``"auto"``/true/false)
``secrets``    both     ``plugins`` (detect-secrets plugin names; default all), ``high_entropy`` (true)
``injection``  input    ``threshold`` (0.5), ``classifier`` (false; true or ``"deep"``: shipped; ``"module:factory"``)
``banned``     both     ``substrings``, ``regex``, ``topics`` (``{name: [keywords]}``): at least one of them
``json``       output   ``schema`` (a JSON Schema), ``allow_fences`` (true)
``canary``     output   ``tokens`` (required, list of strings)
=============  =======  ============================================================================================

Every spec may also carry ``name`` (default: the type), the scanner name recorded in findings and verdicts.
A bad spec raises ``ValueError`` whose message starts with the offending field.

``classifier`` is the plug-in point for a local injection classifier. ``true`` selects the shipped one
(:mod:`quarterdeck.guard.injection_classifier`: TF-IDF n-grams and the rules' verdict, a logistic regression trained
on the project's own data, read from a JSON file, nothing downloaded): it reads the rules' verdict as features, and
its probability alone is the scanner's score. ``"deep"`` selects the second shipped one
(:mod:`quarterdeck.guard.injection_deep`: those n-grams plus a fine-tuned MiniLM encoder run with onnxruntime, a few
milliseconds more per message; see docs/guardrails.md for what each finds). An import path ``module:attribute`` names
another, whose attribute is either an object with ``score(text) -> float``
(:class:`~quarterdeck.guard.types.InjectionClassifier`) or a zero-argument factory returning one; the scanner's
score is then the larger of the rules' and that classifier's. Either is loaded once per process, and the scanner is
no longer ``cheap``.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from functools import cache
from typing import Any

from quarterdeck.guard.banned import BannedScanner
from quarterdeck.guard.injection import InjectionScanner
from quarterdeck.guard.output import CanaryScanner, JsonScanner
from quarterdeck.guard.pii import PiiScanner
from quarterdeck.guard.secrets_scan import SecretsScanner
from quarterdeck.guard.types import InjectionClassifier, Scanner

__all__ = ["SCANNER_TYPES", "build_scanner", "load_classifier"]

_FIELDS: dict[str, frozenset[str]] = {
    "pii": frozenset({"entities", "threshold", "ner"}),
    "secrets": frozenset({"plugins", "high_entropy"}),
    "injection": frozenset({"threshold", "classifier"}),
    "banned": frozenset({"substrings", "regex", "topics"}),
    "json": frozenset({"schema", "allow_fences"}),
    "canary": frozenset({"tokens"}),
}
SCANNER_TYPES: frozenset[str] = frozenset(_FIELDS)


@cache
def load_classifier(path: str) -> InjectionClassifier:
    """The classifier at ``module:attribute`` (an object with ``score`` or a factory of one), loaded once."""
    module_name, _, attribute = path.partition(":")
    if not module_name or not attribute:
        raise ValueError(f"classifier: expected 'package.module:attribute', got {path!r}")
    try:
        target: Any = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as exc:
        raise ValueError(f"classifier: cannot load {path!r}: {exc}") from exc
    if not isinstance(target, InjectionClassifier) and callable(target):
        target = target()
    if not isinstance(target, InjectionClassifier):
        raise ValueError(f"classifier: {path!r} has no score(text) method")
    return target


def _number(spec: Mapping[str, Any], field: str, default: float) -> float:
    value = spec.get(field, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{field}: must be a number (got {value!r})")
    return float(value)


def build_scanner(spec: Mapping[str, Any]) -> Scanner:
    """The scanner a guard-policy entry describes (see the module docstring); ``ValueError`` naming the bad field."""
    if not isinstance(spec, Mapping):
        raise ValueError("type: a scanner spec must be a mapping")
    kind = spec.get("type")
    if kind not in _FIELDS:
        raise ValueError(f"type: must be one of {', '.join(sorted(SCANNER_TYPES))} (got {kind!r})")
    for key in spec:
        if key not in _FIELDS[kind] and key not in ("type", "name"):
            raise ValueError(f"{key}: unknown field for a {kind} scanner (allowed: {', '.join(sorted(_FIELDS[kind]))})")
    name = spec.get("name", kind)
    if not isinstance(name, str) or not name.strip():
        raise ValueError("name: must be a non-empty string")
    if kind == "pii":
        entities = spec.get("entities")
        if entities is not None and (isinstance(entities, str) or not isinstance(entities, list | tuple)):
            raise ValueError("entities: must be a list of entity names or null")
        if entities is not None and not all(isinstance(e, str) for e in entities):
            raise ValueError("entities: must be a list of entity names")
        return PiiScanner(entities, _number(spec, "threshold", 0.5), spec.get("ner", "auto"), name)
    if kind == "secrets":
        return SecretsScanner(spec.get("plugins"), spec.get("high_entropy", True), name)
    if kind == "injection":
        classifier = spec.get("classifier", False)
        loaded: InjectionClassifier | None
        if classifier is None or classifier is False or classifier == "":
            loaded = None
        elif classifier is True:
            from quarterdeck.guard.injection_classifier import local_classifier  # reads the model file once

            loaded = local_classifier()
        elif classifier == "deep":
            from quarterdeck.guard.injection_deep import deep_classifier  # loads onnxruntime and the model once

            loaded = deep_classifier()
        elif isinstance(classifier, str) and classifier:
            loaded = load_classifier(classifier)
        else:
            raise ValueError("classifier: must be true (the shipped n-gram model), \"deep\" (the shipped n-gram and "
                             "encoder models), false, or an import path 'package.module:attribute'")
        return InjectionScanner(_number(spec, "threshold", 0.5), loaded, name)
    if kind == "banned":
        return BannedScanner(spec.get("substrings", ()) or (), spec.get("regex", ()) or (), spec.get("topics"), name)
    if kind == "json":
        return JsonScanner(spec.get("schema"), spec.get("allow_fences", True), name)
    tokens = spec.get("tokens")
    if tokens is None:
        raise ValueError("tokens: required for a canary scanner")
    return CanaryScanner(tokens, name)
