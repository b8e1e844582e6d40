"""The value types and interfaces shared by every guard scanner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

__all__ = ["Finding", "InjectionClassifier", "Normalised", "Scanner", "Stage"]

Stage = Literal["input", "output", "both"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a scanner found.

    ``kind`` names what was found (``"EMAIL_ADDRESS"``, ``"secret:AWSKeyDetector"``,
    ``"injection:ignore-instructions"``, ``"obfuscation:zero-width"``, ``"json:invalid"``, ``"canary:leak"``...).
    ``start``/``end`` are offsets into the text the scanner was given; ``(0, 0)`` marks a finding about the
    whole text. ``score`` is in ``[0, 1]``; a scanner only returns findings at or above its threshold.
    """

    scanner: str
    kind: str
    start: int
    end: int
    score: float


@dataclass(frozen=True, slots=True)
class Normalised:
    """``text`` is ``original`` normalised for scanning; ``flags`` name the tricks that were undone."""

    original: str
    text: str
    flags: tuple[str, ...]


@runtime_checkable
class Scanner(Protocol):
    """A detector run on a request's input, on the answer, or both. ``cheap`` means no NER and no ML model."""

    name: str
    stage: Stage
    cheap: bool

    def scan(self, text: str) -> list[Finding]: ...


def scan_normalised(scanner: Scanner, normalised: Normalised) -> list[Finding]:
    """``scanner`` on a text normalised once for every scanner of a policy. A scanner that also reads what the
    normaliser undid (the injection scanner: hidden characters and homoglyphs are evidence, and the normalised text no
    longer shows them) gets the flags through its ``scan_normalised``; the others scan the normalised text."""
    own = getattr(scanner, "scan_normalised", None)
    return own(normalised) if own is not None else scanner.scan(normalised.text)


@runtime_checkable
class InjectionClassifier(Protocol):
    """Plug-in point for a local prompt-injection classifier: the probability that ``text`` is an attack.

    It is given the normalised text. The project ships one (``{"type": "injection", "classifier": true}``,
    :mod:`quarterdeck.guard.injection_classifier`); another is plugged in by import path
    (``{"type": "injection", "classifier": "package.module:factory"}``), see
    :func:`quarterdeck.guard.build_scanner`.
    """

    def score(self, text: str) -> float: ...


@runtime_checkable
class StackedInjectionClassifier(Protocol):
    """A classifier that also reads the rules' verdict (their score and the obfuscation undone) as features:
    its probability is then the scanner's score on its own, so the rules cannot add false positives it has
    learnt to discount. The shipped model is one."""

    def score(self, text: str) -> float: ...

    def score_with_rules(self, text: str, rules: float, obfuscation: tuple[str, ...]) -> float: ...
