"""Output scanners: JSON validity (optionally against a JSON Schema) and system-prompt leak canaries.

Canaries: plant a token (:func:`new_canary`) in a system prompt and scan answers with
``{"type": "canary", "tokens": [...]}``. A token is found also when the model obfuscates it: spaced out or
split by punctuation, upper/lower case, homoglyphs, invisible characters, tag characters, leetspeak digits,
reversed, ROT13, or inside a base64/hex run (normalisation decodes those). Matching compares the letters and
digits only, case-folded, with leetspeak digits folded on both sides.
"""

from __future__ import annotations

import codecs
import json
import re
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from quarterdeck.guard.normalise import main_part, view
from quarterdeck.guard.types import Finding, Stage

__all__ = ["CanaryScanner", "JsonScanner", "new_canary"]

_FENCED = re.compile(r"\A\s*```[A-Za-z0-9_-]*[ \t]*\r?\n(.*?)\r?\n?```\s*\Z", re.DOTALL)
_ALNUM = re.compile(r"[^\W_]+")
_LEET = str.maketrans("0134579", "oieastg")
_MAX_SCHEMA_ERRORS = 10
_TAGS_INLINE = {code: code - 0xE0000 for code in range(0xE0020, 0xE007F)}


def new_canary(prefix: str = "QD-CANARY") -> str:
    """A fresh random token to plant in a system prompt (``QD-CANARY-3f9a1c7e2b``)."""
    return f"{prefix}-{secrets.token_hex(5)}"


class JsonScanner:
    """``json:invalid`` when the answer is not JSON; ``json:schema`` for each schema violation (when a schema is set).

    A fenced code block around the JSON (```json ... ```) is accepted when ``allow_fences``. Decoded payloads that
    normalisation appended are ignored (the text is cut at the first payload separator).
    """

    stage: Stage = "output"
    cheap = True

    def __init__(self, schema: Mapping[str, Any] | None = None, allow_fences: bool = True, name: str = "json") -> None:
        if not isinstance(allow_fences, bool):
            raise ValueError("allow_fences: must be true or false")
        self._validator: Any = None
        if schema is not None:
            if not isinstance(schema, Mapping):
                raise ValueError("schema: must be a JSON Schema object")
            import jsonschema

            cls = jsonschema.validators.validator_for(schema)
            try:
                cls.check_schema(schema)
            except jsonschema.SchemaError as exc:
                raise ValueError(f"schema: {exc.message}") from exc
            self._validator = cls(schema)
        self.name = name
        self.allow_fences = allow_fences

    def scan(self, text: str) -> list[Finding]:
        body = main_part(text)
        offset = 0
        if self.allow_fences and (fenced := _FENCED.match(body)):
            body, offset = fenced.group(1), fenced.start(1)
        try:
            value = json.loads(body)
        except json.JSONDecodeError as exc:
            at = min(len(text), offset + exc.pos)
            return [Finding(self.name, "json:invalid", at, at, 1.0)]
        if self._validator is None:
            return []
        errors = sorted(self._validator.iter_errors(value), key=lambda e: list(e.path))[:_MAX_SCHEMA_ERRORS]
        return [Finding(self.name, "json:schema", 0, 0, 1.0) for _ in errors]


def _canonical(text: str) -> tuple[str, list[int]]:
    """Letters and digits of ``text``, case-folded and leet-folded, with each one's index in ``text``."""
    chars: list[str] = []
    index: list[int] = []
    for m in _ALNUM.finditer(text):
        folded = m.group(0).casefold().translate(_LEET)
        if len(folded) == len(m.group(0)):
            chars.append(folded)
            index.extend(range(m.start(), m.end()))
        else:  # case folding changed the length (e.g. "ß"): keep the span, lose the precise mapping
            chars.append(folded)
            index.extend([m.start()] * len(folded))
    return "".join(chars), index


class CanaryScanner:
    """``canary:leak`` wherever a planted token appears in the answer, also obfuscated (see the module docstring)."""

    stage: Stage = "output"
    cheap = True

    def __init__(self, tokens: Sequence[str], name: str = "canary") -> None:
        if isinstance(tokens, str) or not isinstance(tokens, Sequence) or not tokens:
            raise ValueError("tokens: must be a non-empty list of strings")
        canon: list[str] = []
        for index, token in enumerate(tokens):
            if not isinstance(token, str):
                raise ValueError(f"tokens[{index}]: must be a string")
            c = _canonical(token)[0]
            if len(c) < 6:
                raise ValueError(f"tokens[{index}]: needs at least 6 letters or digits to be found reliably")
            canon.append(c)
        self.name = name
        self.tokens = tuple(tokens)
        self._canon = tuple(dict.fromkeys(canon))

    def scan(self, text: str) -> list[Finding]:
        found: set[tuple[int, int]] = set()
        if any("\U000e0020" <= c <= "\U000e007e" for c in text):  # tag characters read in place (same offsets)
            found.update(self._search(text.translate(_TAGS_INLINE)))
        found.update(self._search(text))
        return [Finding(self.name, "canary:leak", a, b, 1.0) for a, b in sorted(found)]

    def _search(self, text: str) -> set[tuple[int, int]]:
        v = view(text)
        found: set[tuple[int, int]] = set()
        rot = codecs.encode(v.text, "rot13")
        for source in (v.text, rot):
            canon, index = _canonical(source)
            for token in self._canon:
                for needle in (token, token[::-1]):
                    at = canon.find(needle)
                    while at >= 0:
                        found.add(v.span(index[at], index[at + len(needle) - 1] + 1))
                        at = canon.find(needle, at + 1)
        return found
