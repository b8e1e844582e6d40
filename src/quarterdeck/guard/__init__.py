"""Guardrails: input/output scanners, normalisation, redaction (and, in :mod:`.enforce`, guard policies).

Scanners (built from a policy entry by :func:`build_scanner`; each normalises its input first):

* ``pii`` -- Presidio analyzer (pattern recognizers with checksums; spaCy NER when a model is installed),
* ``secrets`` -- detect-secrets plugins,
* ``injection`` -- weighted prompt-injection/jailbreak rules plus an optional local classifier,
* ``banned`` -- banned substrings, regular expressions and topics,
* ``json`` -- output JSON validity (optionally a JSON Schema),
* ``canary`` -- system-prompt leak canaries in the output.

Nothing here touches the network at run time.
"""

from quarterdeck.guard.normalise import normalise
from quarterdeck.guard.redact import redact, restore
from quarterdeck.guard.scanners import SCANNER_TYPES, build_scanner
from quarterdeck.guard.types import Finding, InjectionClassifier, Normalised, Scanner

__all__ = ["SCANNER_TYPES", "Finding", "InjectionClassifier", "Normalised", "Scanner", "build_scanner", "normalise",
           "redact", "restore"]
