"""Redaction placeholders: consistent per value and kind, merged overlaps, restore round-trips."""

from __future__ import annotations

from quarterdeck.guard import Finding, build_scanner, redact, restore
from quarterdeck.guard.redact import placeholder_label


def f(kind: str, start: int, end: int, score: float = 1.0) -> Finding:
    return Finding("pii", kind, start, end, score)


def test_same_value_same_placeholder_and_round_trip() -> None:
    text = "Mail bob@example.com, then ann@example.org, then bob@example.com again."
    findings = [f("EMAIL_ADDRESS", 5, 20), f("EMAIL_ADDRESS", 27, 42), f("EMAIL_ADDRESS", 49, 64)]
    redacted, mapping = redact(text, findings)
    assert redacted == "Mail <EMAIL_ADDRESS_1>, then <EMAIL_ADDRESS_2>, then <EMAIL_ADDRESS_1> again."
    assert mapping == {"<EMAIL_ADDRESS_1>": "bob@example.com", "<EMAIL_ADDRESS_2>": "ann@example.org"}
    assert restore(redacted, mapping) == text


def test_placeholders_are_consistent_across_calls_with_the_same_dict() -> None:
    placeholders: dict[str, str] = {}
    first, _ = redact("call 212-555-0187", [f("PHONE_NUMBER", 5, 17)], placeholders)
    second, same = redact("new 415-555-0100 and old 212-555-0187",
                          [f("PHONE_NUMBER", 4, 16), f("PHONE_NUMBER", 25, 37)], placeholders)
    assert same is placeholders
    assert first == "call <PHONE_NUMBER_1>"
    assert second == "new <PHONE_NUMBER_2> and old <PHONE_NUMBER_1>"
    answer = "I will call <PHONE_NUMBER_2> first, then <PHONE_NUMBER_1>."
    assert restore(answer, placeholders) == "I will call 415-555-0100 first, then 212-555-0187."


def test_same_value_different_kind_gets_its_own_placeholder() -> None:
    text = "x 123456789 y 123456789"
    redacted, mapping = redact(text, [f("US_SSN", 2, 11), f("US_PASSPORT", 14, 23)])
    assert redacted == "x <US_SSN_1> y <US_PASSPORT_1>"
    assert len(mapping) == 2


def test_overlapping_spans_are_merged_under_the_best_kind() -> None:
    text = "id 078-05-1120 end"
    redacted, mapping = redact(text, [f("PHONE_NUMBER", 3, 14, 0.4), f("US_SSN", 3, 14, 0.85), f("US_SSN", 7, 14, 0.5)])
    assert redacted == "id <US_SSN_1> end"
    assert mapping == {"<US_SSN_1>": "078-05-1120"}


def test_whole_text_and_empty_findings_are_ignored() -> None:
    assert redact("nothing", [f("injection:x", 0, 0)]) == ("nothing", {})
    assert redact("nothing", []) == ("nothing", {})


def test_secret_kinds_make_readable_labels() -> None:
    assert placeholder_label("secret:AWSKeyDetector") == "SECRET_AWSKEYDETECTOR"
    assert placeholder_label("EMAIL_ADDRESS") == "EMAIL_ADDRESS"
    redacted, _ = redact("key AKIAIOSFODNN7EXAMPLQ", [Finding("secrets", "secret:AWSKeyDetector", 4, 24, 1.0)])
    assert redacted == "key <SECRET_AWSKEYDETECTOR_1>"


def test_restore_leaves_unknown_placeholders() -> None:
    assert restore("<EMAIL_ADDRESS_9> and <X_1>", {"<X_1>": "x"}) == "<EMAIL_ADDRESS_9> and x"
    assert restore("text", {}) == "text"


def test_redact_with_a_real_scanner_on_obfuscated_text() -> None:
    scanner = build_scanner({"type": "pii", "ner": False, "entities": ["EMAIL_ADDRESS", "CREDIT_CARD"]})
    text = "card 4111\u200b1111\u200b1111\u200b1111, mail ｂｏｂ@example.com"  # noqa: RUF001
    redacted, mapping = redact(text, scanner.scan(text))
    assert redacted == "card <CREDIT_CARD_1>, mail <EMAIL_ADDRESS_1>"
    assert restore(redacted, mapping) == text
