"""Prompt-injection and jailbreak scanner: weighted rules over the normalised text, plus an optional classifier.

The text is normalised first (:mod:`quarterdeck.guard.normalise`: homoglyphs, invisible characters, tag
characters, base64/hex payloads), and the rules also run on a leetspeak-folded view (``19n0r3`` -> ``ignore``) and
on a view with spaced-out letters joined (``i g n o r e`` -> ``ignore``).
The rules (:mod:`quarterdeck.guard.injection_rules`) cover overriding the instructions, extracting the system
prompt, role-play jailbreaks, fake delimiters and chat-template tokens, instructions addressed to the model inside
documents, exfiltration, encoded instructions, and the common phrasings in about thirty other languages.

Score: the noisy-or ``1 - prod(1 - w)`` over the distinct rules that match and the obfuscation the normaliser
undid (tag characters 0.8, variation-selector payloads 0.8, zero-width characters 0.3, homoglyphs 0.3, combining
marks 0.2); near-duplicate rules count once. A match that is talk *about* an attack counts a third of its weight:
inside quotation marks or a question in a text that talks about attacks (example, filter, red team, test case...),
in a sentence explaining one, inside a fenced code block, or (for fake delimiters) in a text that is code. Each rule
runs only around occurrences of its anchor words, which keeps a 2 KB request around a millisecond.
When a classifier is plugged in (:class:`~quarterdeck.guard.types.InjectionClassifier`), the score is the larger
of the rules' and the classifier's; a classifier that reads the rules' verdict as features
(:class:`~quarterdeck.guard.types.StackedInjectionClassifier`: the shipped one,
:mod:`quarterdeck.guard.injection_classifier`, selected with ``classifier: true``) gives the score on its own.
Every finding returned carries that text-level score, and findings are returned only when it reaches the
threshold.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import cast

from quarterdeck.guard.injection_rules import RULES, WINDOWS
from quarterdeck.guard.normalise import View, view
from quarterdeck.guard.types import Finding, InjectionClassifier, Normalised, StackedInjectionClassifier, Stage

__all__ = ["OBFUSCATION_WEIGHTS", "InjectionScanner", "fold_leetspeak", "rules_verdict", "score_text",
           "with_obfuscation"]

OBFUSCATION_WEIGHTS = {"tag-characters": 0.8, "variation-selectors": 0.8, "zero-width": 0.3, "homoglyphs": 0.3,
                       "combining-marks": 0.2}
_LEET = str.maketrans("0134579@$!|8", "oieastgasilb")
_LEET_L = str.maketrans("0134579@$!|8", "oleastgasilb")
_LEET_TOKEN = re.compile(r"[A-Za-z0-9@$!|]*[A-Za-z][A-Za-z0-9@$!|]*")
_LEET_CHARS = frozenset("0134579@$!|8")
_LEET_WORDS = frozenset(("all", "rules", "rule", "instructions", "instruction", "previous", "ignore", "disregard",
                        "forget", "reveal", "tell", "system", "prompt", "password", "secret", "your", "you", "the",
                        "and", "please", "list", "print", "show", "display", "output", "follow", "policy",
                        "guidelines", "filters", "limits", "still", "will", "hello", "hell", "legal", "illegal",
                        "help"))
_META = re.compile(
    r"\b(?:examples?|filters?|detect\w*|block\w*|classif\w*|categor\w*|red[\s-]?team\w*|mitigat\w*|test\s+case|pytest"
    r"|unit\s+test|warning|presentation|attacks?|jailbreaks?|injections?|phrases?|strings?|inputs?|payloads?|reported"
    r"|tokens?|format|template|syntax|chatml|tokeni[sz]ers?|slogans?|mean|meaning|xml|html|elements?|tags?|parse|markup"
    r"|translat\w*|songs?|lyrics|poem"
    r"|should\s+(?:the|our)\s+(?:bot|model|assistant)|how\s+should)\b",
    re.IGNORECASE)
_QUOTES = {'"': '"', "\u201c": "\u201d", "'": "'", "\u2018": "\u2019", "`": "`", "\u00ab": "\u00bb",
           "\u2039": "\u203a", "\u201e": "\u201c", "\u300c": "\u300d", "\u300e": "\u300f"}
_FENCE = re.compile(r"```.*?(?:```|\Z)", re.DOTALL)
_CODE = re.compile(r"\b(?:def|import|const|let|var|function|return)\s|\w+\s*=\s*[\[{(]|\.\w+\(")
_BEFORE, _AFTER = 120, 200  # a rule's pattern is run this far around each occurrence of one of its anchors
_DELIMITER_RULES = frozenset({"chat-template", "fake-system-tag", "fake-role-json", "fake-system-header"})
_SPACED_HINT = re.compile(r"(?<![^\s])(?:[A-Za-z][ .\-_*]){4,}[A-Za-z](?![^\s])")  # "i g n o r e"
_SPACED = re.compile(r"(?<!\S)(?:\S[ .\-_*]){2,}\S(?!\S)")
_LEET_INNER = re.compile(r"[A-Za-z][0134579@$!|8]+[A-Za-z]")
_DISCUSS = re.compile(r"\b(?:explain|what\s+is|what's|what\s+are|what\s+does|how\s+do(?:es)?|define|definition|describe"
                      r"|history\s+of|examples?\s+of|category\s+of|at\s+a\s+high\s+level)\b", re.IGNORECASE)


_FAMILY = {"multilingual-ignore": "ignore-instructions", "ignore-everything-before": "ignore-instructions",
           "multilingual-ignore-more": "ignore-instructions",
           "your-hidden-prompt": "reveal-system-prompt"}  # near-duplicates: the strongest counts, not both


@dataclass(frozen=True, slots=True)
class _Rule:
    id: str
    weight: float
    anchors: tuple[str, ...]
    pattern: re.Pattern[str]
    before: int
    after: int


@cache
def _rules() -> tuple[_Rule, ...]:
    # in NFKC, as the text they run on is (Thai's sara am, for one, is two characters there)
    return tuple(_Rule(i, w, tuple(_nfkc(x) for x in a), re.compile(_nfkc(p), re.IGNORECASE | re.MULTILINE),
                       *WINDOWS.get(i, (_BEFORE, _AFTER)))
                 for i, w, a, p in RULES)


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _leet_views(text: str) -> Iterator[str]:
    """The text with leetspeak folded in words that mix letters and leet characters (same length as ``text``)."""
    inner = len(_LEET_INNER.findall(text))
    if inner < 3 or inner * 20 < len(text.split()):  # leetspeak: several words with digits/symbols for letters
        return

    def fold(m: re.Match[str]) -> str:
        token = m.group(0)
        if not _LEET_CHARS & set(token):
            return token
        as_i = token.translate(_LEET)
        if "1" in token and as_i.lower() not in _LEET_WORDS:  # "1" is an "l" as often as an "i": "ru13s"
            as_l = token.translate(_LEET_L)
            return as_l if as_l.lower() in _LEET_WORDS else as_i
        return as_i

    folded = _LEET_TOKEN.sub(fold, text)
    if folded != text:
        yield folded


def fold_leetspeak(text: str) -> str:
    """``text`` with leetspeak folded (``19n0r3 y0ur ru13s`` -> ``ignore your rules``) when it reads as leetspeak,
    else ``text`` itself; the same length either way."""
    return next(_leet_views(text), text)


def _in_quotes(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start]
    after = text[end:line_end if line_end >= 0 else len(text)]
    for opening, closing in _QUOTES.items():
        if opening == "'":  # an apostrophe inside a word is not a quote
            opens = [i for i, c in enumerate(before) if c == "'"
                     and not (0 < i < len(before) - 1 and before[i - 1].isalpha() and before[i + 1].isalpha())]
            if len(opens) % 2 == 1 and re.search(r"'(?!\w)", after):
                return True
        elif opening == closing:
            if before.count(opening) % 2 == 1 and closing in after:
                return True
        elif before.rfind(opening) > before.rfind(closing) and closing in after:
            return True
    return False


def _squeezed(text: str) -> tuple[str, list[int]] | None:
    """``i g n o r e  a l l`` -> ``ignore all``, with the index in ``text`` of each character kept."""
    if not _SPACED_HINT.search(text):
        return None
    out: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _SPACED.finditer(text):
        out.append(text[pos:m.start()])
        index.extend(range(pos, m.start()))
        # "i.g.n.o.r.e y.o.u.r": when letters are joined by another mark, a space between them separates words
        words = " " in text[m.start() + 1:m.end():2] and len(set(text[m.start() + 1:m.end():2])) > 1
        for k in range(m.start(), m.end()):
            if (k - m.start()) % 2 == 0 or (words and text[k] == " "):
                out.append(text[k])
                index.append(k)
        pos = m.end()
    out.append(text[pos:])
    index.extend(range(pos, len(text)))
    return "".join(out), index


def _sentence(text: str, start: int, end: int) -> tuple[str, str]:
    """The sentence around ``text[start:end]`` and the character that ends it."""
    begin = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    stop = re.search(r"[.!?\n]", text[end:])
    return text[begin:end + (stop.start() if stop else len(text) - end)], stop.group(0) if stop else ""


def _is_question(text: str, start: int, end: int) -> bool:
    return _sentence(text, start, end)[1] == "?"


@dataclass(slots=True)
class _Context:
    """Facts about the whole text, computed only when a match needs them."""

    text: str
    _meta: bool | None = None
    _code: bool | None = None
    _fences: list[tuple[int, int]] | None = None

    @property
    def meta(self) -> bool:
        if self._meta is None:
            self._meta = _META.search(self.text) is not None
        return self._meta

    @property
    def code(self) -> bool:
        if self._code is None:
            self._code = _CODE.search(self.text) is not None
        return self._code

    @property
    def fences(self) -> list[tuple[int, int]]:
        if self._fences is None:
            self._fences = [m.span() for m in _FENCE.finditer(self.text)] if "```" in self.text else []
        return self._fences

    def dampened(self, rule: str, start: int, end: int) -> bool:
        """Whether a match is talk *about* an attack (quoted in a discussion, in code, or in a fenced block)."""
        text = self.text
        if any(a <= start < b for a, b in self.fences):
            return True
        if rule in _DELIMITER_RULES and (self.code or (self.meta and _is_question(text, start, end))):
            return True
        if self.meta and _DISCUSS.search(_sentence(text, start, end)[0]):
            return True
        return _in_quotes(text, start, end) and (self.meta or _is_question(text, start, end))


_KEY = 3  # anchors starting with 3+ ASCII letters are first looked up by the first 3 letters of the text's words
_LETTERS = re.compile(r"[a-z]+")
_LONG_LETTERS = re.compile(r"[a-z]{3,}")  # a shorter run has no lookup key


def _key(anchor: str) -> str | None:
    m = _LETTERS.match(anchor)
    return m.group(0)[:_KEY] if m and len(m.group(0)) >= _KEY else None


@cache
def _anchor_keys() -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """The anchors by lookup key, and the anchors without one (looked for directly)."""
    by_key: dict[str, list[str]] = {}
    keyless: list[str] = []
    for anchor in sorted({a for rule in _rules() for a in rule.anchors}):
        key = _key(anchor)
        if key is None:
            keyless.append(anchor)
        else:
            by_key.setdefault(key, []).append(anchor)
    return {k: tuple(v) for k, v in by_key.items()}, tuple(keyless)


class _Anchors:
    """Where the anchors occur in one (lower-cased) view."""

    def __init__(self, low: str) -> None:
        self.low = low
        by_key, keyless = _anchor_keys()
        keys = by_key.keys() & {w[:_KEY] for w in _LONG_LETTERS.findall(low)}
        self.positions: dict[str, list[int]] = {}
        for anchor in (*keyless, *(a for key in keys for a in by_key[key])):
            if anchor in low:
                found: list[int] = []
                word = anchor[0].isascii() and anchor[0].isalnum()  # then it must start a word ("as a" not in "was a")
                at = low.find(anchor)
                while at >= 0 and len(found) < 64:
                    if not (word and at and low[at - 1].isascii() and low[at - 1].isalnum()):
                        found.append(at)
                    at = low.find(anchor, at + 1)
                if found:
                    self.positions[anchor] = found

    def windows(self, rule: _Rule) -> list[tuple[int, int]]:
        """Regions around the rule's anchors' occurrences (the only places its pattern can match)."""
        hits = [at for anchor in rule.anchors if anchor in self.positions for at in self.positions[anchor]]
        if not hits:
            return []
        hits.sort()
        windows: list[tuple[int, int]] = []
        for at in hits:
            a, b = max(0, at - rule.before), min(len(self.low), at + rule.after)
            if windows and a <= windows[-1][1]:
                windows[-1] = (windows[-1][0], b)
            else:
                windows.append((a, b))
        return windows


def score_text(text: str) -> tuple[float, list[tuple[str, int, int, float]]]:
    """The rules' score of an already-normalised text and its matches ``(rule id, start, end, weight)``."""
    views: list[tuple[str, list[int] | None]] = [(text, None), *((v, None) for v in _leet_views(text))]
    if (squeezed := _squeezed(text)) is not None:
        views.append(squeezed)
    context = _Context(text)
    best: dict[str, tuple[str, int, int, float]] = {}
    for v, index in views:
        anchors = _Anchors(v.lower())
        for rule in _rules():
            for lo, hi in anchors.windows(rule):
                for m in rule.pattern.finditer(v, lo, hi):
                    start, end = m.start(), m.end()
                    if index is not None:
                        start, end = index[start], index[max(start, end - 1)] + 1
                    weight = rule.weight / 3 if context.dampened(rule.id, start, end) else rule.weight
                    if rule.id not in best or best[rule.id][3] < weight:
                        best[rule.id] = (rule.id, start, end, weight)
    families: dict[str, float] = {}
    for rule_id, _, _, weight in best.values():
        family = _FAMILY.get(rule_id, rule_id)
        families[family] = max(families.get(family, 0.0), weight)
    keep = 1.0
    for weight in families.values():
        keep *= 1.0 - weight
    return 1.0 - keep, sorted(best.values(), key=lambda x: (x[1], x[0]))


def with_obfuscation(rules_score: float, obfuscation: tuple[str, ...]) -> float:
    """The rules' score raised by the obfuscation the normaliser undid (noisy-or with :data:`OBFUSCATION_WEIGHTS`)."""
    keep = 1.0 - rules_score
    for flag in obfuscation:
        keep *= 1.0 - OBFUSCATION_WEIGHTS.get(flag, 0.0)
    return 1.0 - keep


def rules_verdict(text: str) -> tuple[float, tuple[str, ...]]:
    """The rules' score of ``text`` (normalised here) raised by the obfuscation undone, and that obfuscation:
    what a :class:`~quarterdeck.guard.types.StackedInjectionClassifier` reads beside the text."""
    total, _, obfuscation = _verdict(view(text))
    return total, obfuscation


def _verdict(v: View, undone: tuple[str, ...] = ()) -> tuple[float, list[tuple[str, int, int, float]], tuple[str, ...]]:
    rules_score, matches = score_text(v.text)
    obfuscation = tuple(f for f in dict.fromkeys((*undone, *v.normalised.flags)) if f in OBFUSCATION_WEIGHTS)
    return with_obfuscation(rules_score, obfuscation), matches, obfuscation


def _unit(value: float) -> float:
    return min(1.0, max(0.0, float(value)))


class InjectionScanner:
    """Rules (and an optional classifier) over the normalised text; offsets refer to the text given to :meth:`scan`."""

    stage: Stage = "input"

    def __init__(self, threshold: float = 0.5, classifier: InjectionClassifier | None = None,
                 name: str = "injection") -> None:
        if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold: must be a number in (0, 1] (got {threshold!r})")
        if classifier is not None and not isinstance(classifier, InjectionClassifier):
            raise ValueError("classifier: must have a score(text) -> float method")
        self.name = name
        self.threshold = float(threshold)
        self.classifier = classifier
        self._stacked = isinstance(classifier, StackedInjectionClassifier)  # once: a Protocol check is slow
        self.cheap = classifier is None

    def score(self, text: str) -> float:
        """The text-level score in [0, 1] (what :meth:`scan` compares with the threshold)."""
        return self._evaluate(text)[0]

    def _evaluate(self, text: str, undone: tuple[str, ...] = ()
                  ) -> tuple[float, list[tuple[str, int, int, float]], tuple[str, ...]]:
        v = view(text)
        total, matches, obfuscation = _verdict(v, undone)
        if self._stacked:
            total = _unit(cast(StackedInjectionClassifier, self.classifier).score_with_rules(v.text, total,
                                                                                            obfuscation))
        elif self.classifier is not None:
            total = max(total, _unit(self.classifier.score(v.text)))
        spans = [(rule, *v.span(a, b), w) for rule, a, b, w in matches]
        return total, spans, obfuscation

    def scan(self, text: str) -> list[Finding]:
        return self._findings(*self._evaluate(text))

    def scan_normalised(self, normalised: Normalised) -> list[Finding]:
        """:meth:`scan` of ``normalised.text``, counting the obfuscation its normaliser undid (which the text no
        longer shows) as :meth:`scan` of the original would: what the gateway calls, having normalised once."""
        return self._findings(*self._evaluate(normalised.text, normalised.flags))

    def _findings(self, total: float, spans: list[tuple[str, int, int, float]],
                  obfuscation: tuple[str, ...]) -> list[Finding]:
        if total < self.threshold:
            return []
        score = round(total, 4)
        findings = [Finding(self.name, f"injection:{rule}", a, b, score) for rule, a, b, _ in spans]
        findings.extend(Finding(self.name, f"obfuscation:{flag}", 0, 0, score) for flag in obfuscation)
        if not findings:
            findings.append(Finding(self.name, "injection:classifier", 0, 0, score))
        return findings
