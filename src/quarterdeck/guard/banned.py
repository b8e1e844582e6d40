"""Banned substrings, regular expressions and topics, matched on the normalised text.

* ``substrings``: case-insensitive literal matches (any run of whitespace in the substring matches any run of
  whitespace in the text); a substring matches inside words too (``"gun"`` matches ``"begun"``: use ``regex``
  with ``\\b`` for whole words). Kind ``banned:substring``.
* ``regex``: Python regular expressions, compiled as given (add ``(?i)`` for case-insensitive). A pattern that
  matches the empty string is refused. Kind ``banned:regex``.
* ``topics``: ``{name: [keywords]}``; a keyword matches as a whole word or phrase, case-insensitively, also
  with a plural ``s``/``es``. Kind ``banned:topic:<name>``.

Because the text is normalised first, homoglyphs, invisible characters, full-width letters and base64/hex
payloads do not hide a banned string.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from quarterdeck.guard.normalise import view
from quarterdeck.guard.types import Finding, Stage

__all__ = ["BannedScanner"]


def _phrase(text: str) -> str:
    return r"\s+".join(re.escape(part) for part in text.split())


def _strings(value: Any, field: str) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ValueError(f"{field}: must be a list of strings")
    out = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise ValueError(f"{field}[{index}]: must be a non-empty string")
        out.append(item)
    return out


class BannedScanner:
    """Banned substrings / regex / topics on the normalised text; offsets refer to the text given to :meth:`scan`."""

    stage: Stage = "both"
    cheap = True

    def __init__(self, substrings: Sequence[str] = (), regex: Sequence[str] = (),
                 topics: Mapping[str, Sequence[str]] | None = None, name: str = "banned") -> None:
        subs = _strings(substrings, "substrings")
        patterns: list[re.Pattern[str]] = []
        for index, source in enumerate(_strings(regex, "regex")):
            try:
                pattern = re.compile(source)
            except re.error as exc:
                raise ValueError(f"regex[{index}]: {exc}") from exc
            if pattern.fullmatch("") is not None:
                raise ValueError(f"regex[{index}]: matches the empty string")
            patterns.append(pattern)
        compiled_topics: list[tuple[str, re.Pattern[str]]] = []
        if topics is not None:
            if not isinstance(topics, Mapping):
                raise ValueError("topics: must be a mapping of topic name to a list of keywords")
            for topic, keywords in topics.items():
                if not isinstance(topic, str) or not topic.strip():
                    raise ValueError("topics: topic names must be non-empty strings")
                words = _strings(keywords, f"topics.{topic}")
                if not words:
                    raise ValueError(f"topics.{topic}: must list at least one keyword")
                alternatives = "|".join(sorted((_phrase(w) for w in words), key=len, reverse=True))
                compiled_topics.append((topic, re.compile(rf"(?<!\w)(?:{alternatives})(?:e?s)?(?!\w)", re.IGNORECASE)))
        if not subs and not patterns and not compiled_topics:
            raise ValueError("substrings: give at least one of substrings, regex or topics")
        self.name = name
        self._substrings = (re.compile("|".join(sorted((_phrase(s) for s in subs), key=len, reverse=True)),
                                       re.IGNORECASE) if subs else None)
        self._regex = tuple(patterns)
        self._topics = tuple(compiled_topics)

    def scan(self, text: str) -> list[Finding]:
        v = view(text)
        norm = v.text
        raw: list[tuple[str, int, int]] = []
        if self._substrings is not None:
            raw.extend(("banned:substring", m.start(), m.end()) for m in self._substrings.finditer(norm))
        for pattern in self._regex:
            raw.extend(("banned:regex", m.start(), m.end()) for m in pattern.finditer(norm) if m.end() > m.start())
        for topic, pattern in self._topics:
            raw.extend((f"banned:topic:{topic}", m.start(), m.end()) for m in pattern.finditer(norm))
        findings = sorted({(kind, *v.span(a, b)) for kind, a, b in raw}, key=lambda f: (f[1], f[2], f[0]))
        return [Finding(self.name, kind, a, b, 1.0) for kind, a, b in findings]
