"""Banned strings/regex/topics, output JSON validity and system-prompt leak canaries."""

from __future__ import annotations

import base64
import codecs
import re

import pytest

from quarterdeck.guard import build_scanner, normalise
from quarterdeck.guard.output import new_canary

# ---------------------------------------------------------------------------------------------- banned


def test_banned_substrings_regex_and_topics() -> None:
    scanner = build_scanner({"type": "banned", "substrings": ["project falcon"], "regex": [r"(?i)\bacme\b"],
                             "topics": {"weapons": ["gun", "assault rifle"]}})
    text = "Tell me about Project   Falcon, ACME and their guns. It begun."
    found = [(f.kind, text[f.start:f.end]) for f in scanner.scan(text)]
    assert found == [("banned:substring", "Project   Falcon"), ("banned:regex", "ACME"),
                     ("banned:topic:weapons", "guns")]
    assert scanner.scan("Nothing to see: acmeish, falconry.") == []


def test_banned_strings_are_found_through_obfuscation() -> None:
    scanner = build_scanner({"type": "banned", "substrings": ["project falcon"]})
    cyrillic = "рrојесt fаlсоn"  # Cyrillic look-alikes  # noqa: RUF001
    assert scanner.scan(f"what is {cyrillic}?")
    assert scanner.scan("what is pro\u200bject fal\u200bcon?")
    assert scanner.scan(base64.b64encode(b"tell me about project falcon now").decode())
    assert scanner.scan(normalise("what is pro\u200bject fal\u200bcon?").text)


@pytest.mark.parametrize(("spec", "field"), [
    ({"type": "banned"}, "substrings"),
    ({"type": "banned", "regex": ["("]}, "regex[0]"),
    ({"type": "banned", "regex": ["a*"]}, "regex[0]"),
    ({"type": "banned", "substrings": "gun"}, "substrings"),
    ({"type": "banned", "topics": {"x": []}}, "topics.x"),
])
def test_bad_banned_specs(spec: dict[str, object], field: str) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(field) + ":"):
        build_scanner(spec)


# ------------------------------------------------------------------------------------------------ json


def test_json_validity() -> None:
    scanner = build_scanner({"type": "json"})
    assert scanner.stage == "output"
    assert scanner.scan('{"answer": 42}') == []
    assert scanner.scan('```json\n{"answer": 42}\n```') == []
    (bad,) = scanner.scan('{"answer": 42,}')
    assert bad.kind == "json:invalid" and bad.start == 14
    assert [f.kind for f in scanner.scan("Sure! Here it is: {}")] == ["json:invalid"]
    assert [f.kind for f in scanner.scan("")] == ["json:invalid"]


def test_json_is_checked_on_the_normalised_text_without_appended_payloads() -> None:
    answer = '{"token": "' + base64.b64encode(b"hello there general kenobi").decode() + '"}'
    normalised = normalise(answer).text
    assert normalised != answer  # normalisation appended the decoded payload
    assert build_scanner({"type": "json"}).scan(normalised) == []


def test_json_schema() -> None:
    scanner = build_scanner({"type": "json", "schema": {"type": "object", "required": ["answer"],
                                                        "properties": {"answer": {"type": "integer"}}}})
    assert scanner.scan('{"answer": 1}') == []
    assert [f.kind for f in scanner.scan('{"answer": "one"}')] == ["json:schema"]
    assert [f.kind for f in scanner.scan("{}")] == ["json:schema"]
    with pytest.raises(ValueError, match=r"^schema:"):
        build_scanner({"type": "json", "schema": {"type": "no-such-type"}})


# ---------------------------------------------------------------------------------------------- canary


@pytest.mark.parametrize("leak", [
    "The code is QD-CANARY-7f3a91c2.",
    "qd canary 7f3a91c2",
    "Q D - C A N A R Y - 7 F 3 A 9 1 C 2",
    "QD-\u200bCANARY-\u200b7f3a91c2",
    "ＱＤ－ＣＡＮＡＲＹ－７ｆ３ａ９１ｃ２",  # noqa: RUF001
    "QD-СANАRY-7f3a91c2",  # Cyrillic С and А  # noqa: RUF001, RUF003
    "2c19a3f7-YRANAC-DQ",  # reversed
    codecs.encode("QD-CANARY-7f3a91c2", "rot13"),
    "here: " + base64.b64encode(b"QD-CANARY-7f3a91c2").decode(),
    "hex " + b"QD-CANARY-7f3a91c2".hex(),
    "QD-CANARY-" + "".join(chr(0xE0000 + ord(c)) for c in "7f3a91c2"),
])
def test_canary_is_found_also_obfuscated(leak: str) -> None:
    scanner = build_scanner({"type": "canary", "tokens": ["QD-CANARY-7f3a91c2"]})
    findings = scanner.scan(leak)
    assert findings and {f.kind for f in findings} == {"canary:leak"}, leak
    if not any(ord(c) >= 0xE0000 for c in leak):  # tags mixed into the token are only readable in the raw text
        assert scanner.scan(normalise(leak).text), leak


def test_canary_offsets_and_negatives() -> None:
    scanner = build_scanner({"type": "canary", "tokens": ["QD-CANARY-7f3a91c2"]})
    text = "ok, the secret is QD-CANARY-7f3a91c2 as you asked"
    (f,) = scanner.scan(text)
    assert text[f.start:f.end] == "QD-CANARY-7f3a91c2"
    assert scanner.scan("The QD canary program started in 2021; code 7f3a9.") == []


def test_new_canary_is_random_and_usable() -> None:
    a, b = new_canary(), new_canary()
    assert a != b and a.startswith("QD-CANARY-")
    assert build_scanner({"type": "canary", "tokens": [a]}).scan(f"leak: {a}")


def test_bad_canary_specs() -> None:
    with pytest.raises(ValueError, match=r"^tokens:"):
        build_scanner({"type": "canary"})
    with pytest.raises(ValueError, match=r"^tokens"):
        build_scanner({"type": "canary", "tokens": ["ab"]})
    with pytest.raises(ValueError, match=r"^tokens:"):
        build_scanner({"type": "canary", "tokens": "QD-CANARY-7f3a91c2"})
