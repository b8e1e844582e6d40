"""PII scanner: Presidio pattern recognizers (checksums), obfuscated PII, NER mode, no network."""

from __future__ import annotations

import pytest

from quarterdeck.guard import build_scanner, normalise
from quarterdeck.guard.pii import PiiScanner
from quarterdeck.guard.pii_engine import installed_ner_model


@pytest.fixture(scope="module")
def patterns() -> PiiScanner:
    s = build_scanner({"type": "pii", "ner": False})
    assert isinstance(s, PiiScanner) and s.mode == "patterns" and s.cheap
    return s


def kinds(scanner: PiiScanner, text: str) -> dict[str, str]:
    return {f.kind: text[f.start:f.end] for f in scanner.scan(text)}


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("Paid with 4111 1111 1111 1111 yesterday.", "CREDIT_CARD", "4111 1111 1111 1111"),
    ("Transfer to DE89 3704 0044 0532 0130 00 please.", "IBAN_CODE", "DE89 3704 0044 0532 0130 00"),
    ("Write to jane.doe@example.co.uk today.", "EMAIL_ADDRESS", "jane.doe@example.co.uk"),
    ("Call me on 212-555-0187 after five.", "PHONE_NUMBER", "212-555-0187"),
    ("Reach me at +44 20 7946 0958.", "PHONE_NUMBER", "+44 20 7946 0958"),
    ("Her SSN is 239-42-6267, check it.", "US_SSN", "239-42-6267"),
    ("Traffic from 172.16.254.1 looked odd.", "IP_ADDRESS", "172.16.254.1"),
    ("The host fe80::1ff:fe23:4567:890a is up.", "IP_ADDRESS", "fe80::1ff:fe23:4567:890a"),
    ("Dear Ingrid Sharma, your appointment is confirmed.", "PERSON", "Ingrid Sharma"),
])
def test_pattern_entities_are_found(patterns: PiiScanner, text: str, kind: str, value: str) -> None:
    assert kinds(patterns, text).get(kind) == value


@pytest.mark.parametrize("text", [
    "Paid with 4111 1111 1111 1112 yesterday.",  # fails Luhn
    "Order ORD-2023-435925 was shipped with tracking number TRK3609143887.",
    "Release 6.22.16 is scheduled for 2021-02-09.",
    "Our average response time dropped to 92 ms in 2024.",
    "SKU XS-39906 is out of stock; 4452 units on backorder.",
    "The service listens on port 8080.",
    "Set the background colour to #a3054a.",
    "Invoice SO-2024-110752 for $8537.39 is overdue.",
    "Dear customer, thank you for your order.",
])
def test_lookalikes_are_not_pii(patterns: PiiScanner, text: str) -> None:
    assert patterns.scan(text) == [], text


def test_obfuscated_pii_is_found_and_mapped_to_the_original(patterns: PiiScanner) -> None:
    text = "mail j\u200bane@exa\u200bmple.com or call ２１２-５５５-０１８７"  # noqa: RUF001
    found = kinds(patterns, text)
    assert found["EMAIL_ADDRESS"] == "j\u200bane@exa\u200bmple.com"
    assert found["PHONE_NUMBER"] == "２１２-５５５-０１８７"  # noqa: RUF001
    # the gateway scans the normalised text, then re-scans the original for redaction
    assert {f.kind for f in patterns.scan(normalise(text).text)} == {"EMAIL_ADDRESS", "PHONE_NUMBER"}


def test_pii_inside_a_base64_payload_maps_to_the_encoded_run(patterns: PiiScanner) -> None:
    import base64

    encoded = base64.b64encode(b"contact me at bob@example.com please").decode()
    text = f"blob: {encoded}"
    (finding,) = patterns.scan(text)
    assert finding.kind == "EMAIL_ADDRESS" and text[finding.start:finding.end] == encoded


def test_context_words_raise_weak_patterns(patterns: PiiScanner) -> None:
    assert "US_SSN" in kinds(patterns, "my ssn is 239426267")  # a bare nine-digit SSN is a weak pattern (0.05)
    assert patterns.scan("the build id is 239426267") == []


def test_entities_and_threshold_restrict_the_result() -> None:
    only_email = PiiScanner(entities=["EMAIL_ADDRESS"], ner=False)
    assert {f.kind for f in only_email.scan("a@example.com 212-555-0187")} == {"EMAIL_ADDRESS"}
    strict = PiiScanner(ner=False, threshold=0.99)
    assert strict.scan("Traffic from 172.16.254.1 looked odd.") == []  # IP addresses score 0.6


def test_bad_specs_name_the_field() -> None:
    with pytest.raises(ValueError, match=r"^entities:"):
        build_scanner({"type": "pii", "entities": ["SHOE_SIZE"]})
    with pytest.raises(ValueError, match=r"^threshold:"):
        build_scanner({"type": "pii", "threshold": 2})
    with pytest.raises(ValueError, match=r"^ner:"):
        build_scanner({"type": "pii", "ner": "sometimes"})
    with pytest.raises(ValueError, match=r"^entities:.*NER"):
        build_scanner({"type": "pii", "ner": False, "entities": ["LOCATION"]})


def test_no_network_at_run_time(no_network: None) -> None:
    # a fresh scanner in pattern mode: the e-mail recognizer must not fetch the Public Suffix List
    scanner = PiiScanner(ner=False)
    assert {f.kind for f in scanner.scan("write to someone@mail.example.org")} == {"EMAIL_ADDRESS"}


@pytest.mark.skipif(installed_ner_model() is None, reason="no spaCy English model installed")
def test_ner_mode_finds_names_and_places() -> None:
    scanner = build_scanner({"type": "pii", "ner": "auto"})
    assert isinstance(scanner, PiiScanner) and scanner.mode == "ner" and not scanner.cheap
    text = "I had lunch with Chloe Suzuki in Phoenix. Mail chloe@example.com."
    found = kinds(scanner, text)
    assert found.get("PERSON") == "Chloe Suzuki"
    assert found.get("LOCATION") == "Phoenix"
    assert found.get("EMAIL_ADDRESS") == "chloe@example.com"
    assert scanner.scan("Release 6.22.16 is scheduled for 2021-02-09.") == []


def test_ner_true_without_a_model_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quarterdeck.guard.pii.installed_ner_model", lambda: None)
    with pytest.raises(ValueError, match=r"^ner:"):
        PiiScanner(ner=True)
    degraded = PiiScanner(ner="auto")
    assert degraded.mode == "patterns" and degraded.cheap
