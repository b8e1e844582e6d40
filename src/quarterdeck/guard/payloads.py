"""Finding and decoding payloads embedded in text: base64 (standard, URL-safe, wrapped), hex, percent-encoding.

A run is only decoded when the result is readable UTF-8 text (printable, mostly letters and spaces), so that
random tokens, hashes and binary data are left alone.
"""

from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import unquote_to_bytes

__all__ = ["decode_base64_text", "find_payloads", "readable_text"]

_MAX_BLOB = 65536
_B64 = re.compile(r"(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{16,}={0,2}(?![A-Za-z0-9+/=_-])")
_B64_WRAPPED = re.compile(r"(?:[A-Za-z0-9+/]{20,}[ \t]*\r?\n[ \t]*)+[A-Za-z0-9+/]{4,}={0,2}")
_HEX_RUN = re.compile(r"(?:0[xX])?[0-9A-Fa-f]{16,}")
_HEX_SPACED = re.compile(r"[0-9A-Fa-f]{2}(?:[ :,][0-9A-Fa-f]{2}){7,}")
_HEX_ESCAPED = re.compile(r"(?:\\x[0-9A-Fa-f]{2}){6,}")
_PERCENT = re.compile(r"(?:%[0-9A-Fa-f]{2}){6,}")


def readable_text(raw: bytes) -> str | None:
    """``raw`` as text when it is readable UTF-8 (not binary that happens to decode)."""
    if len(raw) < 6:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    good = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
    wordish = sum(1 for c in text if c.isalpha() or c == " ")
    if good < 0.95 * len(text) or wordish < 0.4 * len(text) or sum(c.isalpha() for c in text) < 4:
        return None
    return text


def _decode_b64(blob: str) -> str | None:
    blob = re.sub(r"\s+", "", blob).rstrip("=")
    if len(blob) % 4 == 1:
        blob = blob[:-1]
    blob += "=" * (-len(blob) % 4)
    try:
        raw = base64.urlsafe_b64decode(blob) if "-" in blob or "_" in blob else base64.b64decode(blob, validate=True)
    except (binascii.Error, ValueError):
        return None
    return readable_text(raw)


def decode_base64_text(blob: str) -> str | None:
    """``blob`` (standard or URL-safe base64) decoded, when it decodes to readable text; else None."""
    return _decode_b64(blob)


def _decode_hex(blob: str) -> str | None:
    digits = re.sub(r"\\x|[\s:,]", "", blob)
    if digits[:2] in ("0x", "0X"):
        digits = digits[2:]
    try:
        return readable_text(bytes.fromhex(digits))
    except ValueError:
        return None


def find_payloads(text: str) -> list[tuple[str, str, int, int]]:
    """Decodable runs in ``text``: (kind, decoded, start, end)."""
    found: list[tuple[str, str, int, int]] = []
    runs = [m for m in _B64.finditer(text) if len(m.group(0)) <= _MAX_BLOB]
    blocks: list[tuple[int, int]] = []
    if any(len(m.group(0)) >= 20 and text.startswith(("\n", "\r\n"), m.end()) for m in runs):
        for m in _B64_WRAPPED.finditer(text):  # base64 wrapped over lines: decode the joined lines as one
            if len(m.group(0)) <= _MAX_BLOB and (decoded := _decode_b64(m.group(0))):
                found.append(("base64", decoded, m.start(), m.end()))
                blocks.append(m.span())
    for m in runs:
        if any(a <= m.start() < b for a, b in blocks):
            continue
        run = m.group(0)
        if _HEX_RUN.fullmatch(run) and (decoded := _decode_hex(run)):
            found.append(("hex", decoded, m.start(), m.end()))
        elif decoded := _decode_b64(run):
            found.append(("base64", decoded, m.start(), m.end()))
    hex_runs = list(_HEX_SPACED.finditer(text))
    if "\\x" in text:
        hex_runs.extend(_HEX_ESCAPED.finditer(text))
    for m in hex_runs:
        if len(m.group(0)) <= _MAX_BLOB and (decoded := _decode_hex(m.group(0))):
            found.append(("hex", decoded, m.start(), m.end()))
    if "%" in text:
        for m in _PERCENT.finditer(text):
            if decoded := readable_text(unquote_to_bytes(m.group(0))):
                found.append(("percent", decoded, m.start(), m.end()))
    return found
