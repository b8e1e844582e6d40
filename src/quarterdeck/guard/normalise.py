"""Normalisation run before every scanner, so that obfuscation does not hide what a scanner looks for.

Steps, in order (each one that changes something adds its flag to :attr:`Normalised.flags`):

1. ``tag-characters``: Unicode tag characters (U+E0000..U+E007F, "ASCII smuggling") are removed; the ASCII
   text they encode is decoded and appended as a payload (below). Tag sequences of flag emoji
   (U+1F3F4 ... U+E007F) are dropped silently.
2. ``zero-width``: zero-width and other invisible format characters (category Cf: U+200B..U+200F, bidi
   controls, word joiners, BOM, soft hyphen...; Hangul fillers, combining grapheme joiner, variation
   selectors) are removed. A ZWJ or variation selector inside an emoji sequence, and a ZWNJ or ZWJ between two
   letters of the Arabic or an Indic script (Persian and Hindi spelling), are dropped silently.
   Runs of variation selectors that encode bytes ("emoji smuggling") are decoded as a payload
   (``variation-selectors``).
3. ``nfkc``: Unicode NFKC per base character and its combining marks (full-width letters, ligatures,
   mathematical alphanumerics, circled letters, compatibility spaces...).
4. ``combining-marks``: marks stacked on a Latin letter ("Zalgo") are dropped.
5. ``homoglyphs``: look-alike letters from other scripts (Cyrillic, Greek, Cherokee, symbols, per the
   Unicode confusables table shipped with confusable-homoglyphs) are folded to the Latin letter they imitate,
   in words that mix them with Latin letters, and in words made only of look-alikes when the text is Latin
   script. Russian, Greek, Ukrainian... text is left as it is.
6. ``base64-payload``, ``hex-payload``, ``percent-payload``: embedded base64 (standard and URL-safe, also
   wrapped over lines), hex (plain, spaced, ``\\x``-escaped) and percent-encoded runs that decode to readable
   UTF-8 text are decoded (nested up to three levels) and appended after a separator
   ``"\\n\\n[decoded <kind>] "`` so later scanners see them. A payload already present verbatim is not
   appended again, which makes ``normalise`` idempotent.

Offsets: :func:`view` also returns a map from the normalised text back to the original, which scanners use
to report offsets into the text they were given (an appended payload maps to the whole encoded run). Every scanner
normalises what it is given (cached: the last 32 texts), so it may be given the original text -- then offsets
point into it and redaction works on it -- or the already normalised text, which changes nothing further.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from quarterdeck.guard.payloads import decode_base64_text, find_payloads, readable_text
from quarterdeck.guard.types import Normalised

__all__ = ["PAYLOAD_SEPARATOR", "View", "decode_base64_text", "main_part", "normalise", "view"]

PAYLOAD_SEPARATOR = "\n\n[decoded "
_FLAG_ORDER = ("tag-characters", "zero-width", "variation-selectors", "nfkc", "combining-marks", "homoglyphs",
               "base64-payload", "hex-payload", "percent-payload")
_MAX_PAYLOADS = 16
_MAX_DEPTH = 3

_EMOJI_TAG_SEQ = re.compile("\U0001f3f4[\U000e0020-\U000e007e]{1,16}\U000e007f")
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20e2\u20e4-\u20ff\ufe20-\ufe2f"
_FORMAT = ("\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
           "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
           "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f")  # every character of category Cf
_BLANKS = "\u115f\u1160\u2800\u3164\uffa0"  # render as blank space: become a space
_SPECIAL = re.compile(
    f"[{_FORMAT}{_BLANKS}\u034f\u17b4\u17b5\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0000-\U000e01ef{_COMBINING}]"
)
_MARK = re.compile(f"[{_COMBINING}]")
_NON_ASCII = re.compile(r"[^\x00-\x9f]")


@dataclass(frozen=True, slots=True)
class _Segment:
    """``text[norm_start:norm_end]`` (separator included) was decoded from ``original[orig_start:orig_end]``."""

    norm_start: int
    norm_end: int
    orig_start: int
    orig_end: int


@dataclass(frozen=True, slots=True)
class View:
    """A normalised text with the map back to the original."""

    normalised: Normalised
    main_len: int
    starts: array[int] | None  # original start of each main-part character; None = identity
    ends: array[int] | None
    segments: tuple[_Segment, ...]

    @property
    def text(self) -> str:
        return self.normalised.text

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` came from."""
        lo: int | None = None
        hi = 0
        if start < self.main_len:
            e = min(max(end, start + 1), self.main_len)
            if self.starts is None or self.ends is None:
                lo, hi = start, min(end, self.main_len)
            else:
                lo, hi = self.starts[start], self.ends[e - 1]
        for seg in self.segments:
            if start < seg.norm_end and end > seg.norm_start:
                lo = seg.orig_start if lo is None else min(lo, seg.orig_start)
                hi = max(hi, seg.orig_end)
        if lo is None:
            n = len(self.normalised.original)
            return n, n
        return lo, max(lo, hi)


@cache
def _homoglyph_table() -> dict[str, str]:
    """Non-ASCII look-alike -> the ASCII letter it imitates (letters preferred to digits, case kept)."""
    utils: Any = importlib.import_module("confusable_homoglyphs.utils")  # untyped; loads its bundled JSON table
    table: dict[str, str] = {}
    for char, entries in utils.load("confusables.json").items():
        if len(char) != 1 or char.isascii():
            continue
        candidates = [e["c"] for e in entries if len(e["c"]) == 1 and e["c"].isascii() and e["c"].isalnum()]
        if not candidates:
            continue
        name = unicodedata.name(char, "")
        letters = [c for c in candidates if c.isalpha()] or candidates
        if "SMALL" in name:
            letters = [c for c in letters if not c.isupper()] or letters
        elif "CAPITAL" in name:
            letters = [c for c in letters if not c.islower()] or letters
        table[char] = letters[0]
    for char, letter in list(table.items()):  # NFKC runs first: fold what it turns a look-alike into, too
        nf = unicodedata.normalize("NFKC", char)
        if len(nf) == 1 and not nf.isascii() and nf not in table:
            table[nf] = letter
    return table


@lru_cache(maxsize=8192)
def _nfkc(unit: str) -> str:
    return unicodedata.normalize("NFKC", unit)


def _joins(ch: str) -> bool:
    """Whether ``ch`` is a letter of a script whose spelling uses ZWNJ / ZWJ between letters (Arabic script:
    Persian, Urdu...; the Indic scripts): there the joiner is removed like any invisible character, but it is
    ordinary writing, not obfuscation, so it raises no flag."""
    o = ord(ch)
    return 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0x0900 <= o <= 0x0DFF or 0xFB50 <= o <= 0xFDFF or (
        0xFE70 <= o <= 0xFEFF)


def _is_emojiish(char: str) -> bool:
    o = ord(char)
    return o >= 0x2190 and (unicodedata.category(char) in ("So", "Sk") or 0x1F3FB <= o <= 0x1F3FF)


def _vs_byte(char: str) -> int | None:
    o = ord(char)
    if 0xFE00 <= o <= 0xFE0F:
        return o - 0xFE00
    if 0xE0100 <= o <= 0xE01EF:
        return o - 0xE0100 + 16
    return None


_Hidden = tuple[str, str, int, int]  # (kind, decoded text, original start, original end)


@dataclass(slots=True)
class _Builder:
    """Accumulates the cleaned text and, for each of its characters, the original span it came from."""

    text: str
    pieces: list[str]
    starts: array[int]
    ends: array[int]
    flags: set[str]

    def add(self, piece: str, start: int, end: int) -> None:
        self.pieces.append(piece)
        self.starts.extend([start] * len(piece))
        self.ends.extend([end] * len(piece))

    def run(self, a: int, b: int) -> None:
        """Copy ``text[a:b]`` (no special characters in it), NFKC-normalising where needed."""
        run = self.text[a:b]
        if run.isascii() or unicodedata.is_normalized("NFKC", run):
            self.pieces.append(run)
            self.starts.extend(range(a, b))
            self.ends.extend(range(a + 1, b + 1))
            return
        copied = a
        for m in _NON_ASCII.finditer(self.text, a, b):
            k = m.start()
            nf = _nfkc(m.group(0))
            if nf == m.group(0):
                continue
            self.flags.add("nfkc")
            if k > copied:
                self.pieces.append(self.text[copied:k])
                self.starts.extend(range(copied, k))
                self.ends.extend(range(copied + 1, k + 1))
            self.add(nf, k, k + 1)
            copied = k + 1
        if b > copied:
            self.pieces.append(self.text[copied:b])
            self.starts.extend(range(copied, b))
            self.ends.extend(range(copied + 1, b + 1))

    def marks(self, i: int, j: int) -> None:
        """Combining marks ``text[i:j]`` on the character before them: compose, or drop them from a Latin letter."""
        if not self.pieces or not self.pieces[-1] or self.ends[-1] != i:
            self.flags.add("combining-marks")
            return
        base_start = self.starts[-1]
        base = self.pieces[-1][-1]
        self.pieces[-1] = self.pieces[-1][:-1]
        del self.starts[-1]
        del self.ends[-1]
        nf = _nfkc(base + self.text[i:j])
        latin = unicodedata.normalize("NFD", nf[:1])[:1]
        if latin.isascii() and latin.isalpha() and (j - i > 1 or _MARK.search(nf)):
            nf = latin
            self.flags.add("combining-marks")
        self.add(nf, base_start, j)


def _clean(text: str) -> tuple[str, array[int], array[int], set[str], list[_Hidden]]:
    """Steps 1-5 on a non-ASCII text: the cleaned text, its characters' original spans, flags, hidden messages."""
    out = _Builder(text, [], array("i"), array("i"), set())
    hidden: list[_Hidden] = []
    emoji_tags = set()
    if "\U0001f3f4" in text:
        emoji_tags = {i for m in _EMOJI_TAG_SEQ.finditer(text) for i in range(m.start() + 1, m.end())}
    tags: list[str] = []
    tag_span = [-1, -1]
    vs_bytes: list[int] = []
    vs_span = [-1, -1]
    pos = 0
    for m in _SPECIAL.finditer(text):
        i = m.start()
        if i < pos:  # a combining mark already taken with the ones before it
            continue
        if i > pos:
            out.run(pos, i)
        ch = text[i]
        o = ord(ch)
        pos = i + 1
        if _MARK.match(ch):
            while pos < len(text) and _MARK.match(text, pos):
                pos += 1
            out.marks(i, pos)
        elif 0xE0000 <= o <= 0xE007F:
            if i not in emoji_tags:
                out.flags.add("tag-characters")
                if 0xE0020 <= o <= 0xE007E:
                    tags.append(chr(o - 0xE0000))
                    tag_span[0] = i if tag_span[0] < 0 else tag_span[0]
                    tag_span[1] = i + 1
        elif ch in _BLANKS:
            out.flags.add("zero-width")
            out.add(" ", i, i + 1)
        else:
            prev = text[i - 1] if i else "a"
            nxt = text[i + 1] if i + 1 < len(text) else "a"
            vs = _vs_byte(ch)
            in_emoji = ch in "\u200d\ufe0e\ufe0f" and (_is_emojiish(prev) or _is_emojiish(nxt)
                                                         or (vs is not None and prev in "0123456789#*"))
            if vs is not None and not in_emoji:
                vs_bytes.append(vs)
                vs_span[0] = i if vs_span[0] < 0 else vs_span[0]
                vs_span[1] = i + 1
            elif not in_emoji and not (ch in "\u200c\u200d" and _joins(prev) and _joins(nxt)):
                out.flags.add("zero-width")
    if pos < len(text):
        out.run(pos, len(text))
    if tags:
        hidden.append(("tag-characters", "".join(tags), tag_span[0], tag_span[1]))
    if vs_bytes:
        decoded = readable_text(bytes(vs_bytes)) if len(vs_bytes) >= 4 else None
        out.flags.add("variation-selectors" if decoded else "zero-width")
        if decoded:
            hidden.append(("variation-selectors", decoded, vs_span[0], vs_span[1]))
    main = _fold_homoglyphs("".join(out.pieces), out.flags)
    return main, out.starts, out.ends, out.flags, hidden


@cache
def _homoglyph_translation() -> dict[int, str]:
    return str.maketrans(_homoglyph_table())


_WORD = re.compile(r"\w+")


def _fold_homoglyphs(text: str, flags: set[str]) -> str:
    """Fold look-alikes in words that mix them with Latin letters, and in words made only of look-alikes when the
    text is Latin-script (more ASCII letters than letters of other scripts that are not look-alikes)."""
    table = _homoglyph_translation()
    folded_text = text.translate(table)
    if folded_text == text:
        return text
    ascii_letters = sum(1 for c in text if c.isascii() and c.isalpha())
    foreign = sum(1 for c in folded_text if not c.isascii() and c.isalpha())
    latin = ascii_letters > 0 and ascii_letters >= foreign
    folded = False

    def fold(m: re.Match[str]) -> str:
        nonlocal folded
        w = m.group(0)
        if w.isascii():
            return w
        new = w.translate(table)
        if new == w:
            return w
        mixed = any(c.isascii() and c.isalpha() for c in w)
        if not (mixed or (latin and new.isascii())):
            return w  # a word of another script: leave it
        folded = True
        return new

    result = _WORD.sub(fold, text)
    if folded:
        flags.add("homoglyphs")
    return result


def _clean_plain(text: str) -> tuple[str, set[str], list[_Hidden]]:
    if text.isascii():
        return text, set(), []
    main, _, _, flags, hidden = _clean(text)
    return main, flags, hidden


@lru_cache(maxsize=32)
def view(text: str) -> View:
    """Normalise ``text`` (see the module docstring) and keep the map back to it."""
    starts: array[int] | None = None
    ends: array[int] | None = None
    flags: set[str] = set()
    hidden: list[_Hidden] = []
    if text.isascii():
        main = text
    else:
        main, s, e, flags, hidden = _clean(text)
        if main != text:
            starts, ends = s, e
    # (kind, decoded, original start, original end, depth)
    queue: list[tuple[str, str, int, int, int]] = [(k, d, a, b, 1) for k, d, a, b in hidden]
    for kind, decoded, a, b in find_payloads(main):
        oa, ob = _map(starts, ends, a, b)
        queue.append((kind, decoded, oa, ob, 1))
    pieces = [main]
    length = len(main)
    segments: list[_Segment] = []
    seen = {main}
    while queue and len(segments) < _MAX_PAYLOADS:
        kind, decoded, oa, ob, depth = queue.pop(0)
        if kind in ("base64", "hex", "percent"):
            flags.add(f"{kind}-payload")
        cleaned, more_flags, more_hidden = _clean_plain(decoded)
        flags |= more_flags
        if any(cleaned in piece for piece in seen):
            continue
        piece = f"{PAYLOAD_SEPARATOR}{kind}] {cleaned}"
        segments.append(_Segment(length, length + len(piece), oa, ob))
        pieces.append(piece)
        seen.add(cleaned)
        length += len(piece)
        if depth < _MAX_DEPTH:
            queue.extend((k, d, oa, ob, depth + 1) for k, d, _, _ in more_hidden)
            queue.extend((k, d, oa, ob, depth + 1) for k, d, _, _ in find_payloads(cleaned))
    ordered = tuple(f for f in _FLAG_ORDER if f in flags)
    return View(Normalised(text, "".join(pieces), ordered), len(main), starts, ends, tuple(segments))


def _map(starts: array[int] | None, ends: array[int] | None, a: int, b: int) -> tuple[int, int]:
    if starts is None or ends is None:
        return a, b
    return starts[a], ends[max(a, b - 1)]


def normalise(text: str) -> Normalised:
    """``text`` normalised for scanning: see the module docstring for the steps and the flags."""
    return view(text).normalised


def main_part(text: str) -> str:
    """``text`` without the decoded payloads :func:`normalise` appended (the text itself if it has none)."""
    cut = text.find(PAYLOAD_SEPARATOR)
    return text if cut < 0 else text[:cut]
