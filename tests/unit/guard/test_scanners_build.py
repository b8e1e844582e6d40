"""build_scanner: every type, the Scanner protocol, spec errors naming the field, and the cheap layer's cost."""

from __future__ import annotations

import gc
import time
from typing import Any

import pytest

from quarterdeck.guard import SCANNER_TYPES, Finding, Scanner, build_scanner, normalise

SPECS: dict[str, dict[str, Any]] = {
    "pii": {"type": "pii", "ner": False},
    "secrets": {"type": "secrets"},
    "injection": {"type": "injection", "threshold": 0.6},
    "banned": {"type": "banned", "substrings": ["falcon"]},
    "json": {"type": "json"},
    "canary": {"type": "canary", "tokens": ["QD-CANARY-1234abcd"]},
}


def test_scanner_types() -> None:
    assert frozenset(SPECS) == SCANNER_TYPES


@pytest.mark.parametrize("kind", sorted(SPECS))
def test_every_type_builds_a_scanner(kind: str) -> None:
    scanner = build_scanner(SPECS[kind])
    assert isinstance(scanner, Scanner)
    assert scanner.name == kind
    assert scanner.stage in ("input", "output", "both")
    assert scanner.cheap is True
    findings = scanner.scan("hello world")
    assert isinstance(findings, list) and all(isinstance(f, Finding) for f in findings)


def test_stages() -> None:
    stages = {kind: build_scanner(spec).stage for kind, spec in SPECS.items()}
    assert stages == {"pii": "both", "secrets": "both", "injection": "input", "banned": "both", "json": "output",
                      "canary": "output"}


def test_name_override() -> None:
    scanner = build_scanner({"type": "banned", "substrings": ["falcon"], "name": "codenames"})
    assert scanner.name == "codenames"
    assert scanner.scan("falcon")[0].scanner == "codenames"


@pytest.mark.parametrize(("spec", "field"), [
    ({}, "type"),
    ({"type": "antivirus"}, "type"),
    ({"type": "pii", "entitys": ["EMAIL_ADDRESS"]}, "entitys"),
    ({"type": "pii", "entities": "EMAIL_ADDRESS"}, "entities"),
    ({"type": "pii", "threshold": "high"}, "threshold"),
    ({"type": "injection", "threshold": 0}, "threshold"),
    ({"type": "injection", "threshold": True}, "threshold"),
    ({"type": "injection", "classifier": 3}, "classifier"),
    ({"type": "injection", "classifier": "nocolon"}, "classifier"),
    ({"type": "json", "allow_fences": "yes"}, "allow_fences"),
    ({"type": "json", "schema": []}, "schema"),
    ({"type": "canary", "tokens": []}, "tokens"),
    ({"type": "secrets", "plugins": []}, "plugins"),
    ({"type": "banned", "substrings": ["x"], "name": ""}, "name"),
])
def test_bad_specs_name_the_field(spec: dict[str, Any], field: str) -> None:
    with pytest.raises(ValueError) as info:
        build_scanner(spec)
    assert str(info.value).startswith(f"{field}:"), str(info.value)


def _request_2kb() -> str:
    """A 2 KB request: prose, a contact block, a card number, a code snippet (what the gateway typically sees)."""
    prose = (
        "We reviewed the incident on Tuesday. The root cause was a configuration change that doubled the connection "
        "pool size on every replica, exhausting the database's connection limit. The fix was rolled back within "
        "twenty minutes, and we added a check to the deployment pipeline. Customers saw errors for about a quarter "
        "of an hour; support answered 140 tickets in that window. "
    )
    contact = "Name: Grace Johansson\nEmail: johansson.g@contoso.org\nPhone: +33 1 95 67 50 54\nCity: Seattle\n\n"
    code = ("```python\ndef retry(fn, attempts=3):\n    for i in range(attempts):\n        try:\n"
            "            return fn()\n        except TimeoutError:\n            time.sleep(2 ** i)\n```\n\n")
    ask = ("My card 4111 1111 1111 1111 was charged twice for invoice INV-2024-873906. Please summarise the notes "
           "above and suggest three follow-up actions for the team, ordered by impact.\n\n")
    text = contact + prose + code + ask
    while len(text) < 2048:
        text += prose
    return text[:2048]


@pytest.mark.slow  # building Presidio's engine takes a few seconds the first time
def test_cheap_layer_is_an_order_cheaper_than_ner() -> None:
    """The layering holds: normalise + injection rules + pattern PII + secrets + banned on a 2 KB request
    costs a fraction of the NER layer on the same requests, measured in one run (a ratio, not a time:
    the absolute p50/p99 against the issue's 5 ms are measured by `quarterdeck guard benchmark`)."""
    from quarterdeck.guard.normalise import view

    cheap = [build_scanner(s) for s in (SPECS["injection"], SPECS["pii"], SPECS["secrets"], SPECS["banned"])]
    ner = [build_scanner({"type": "pii", "ner": True})]
    text = _request_2kb()

    def median_s(scanners: list[Scanner], offset: int) -> float:
        for scanner in scanners:  # warm up (the NER model loads on first use)
            scanner.scan(normalise(text).text)
        samples = []
        gc.collect()
        for i in range(40):
            request = f"{offset + i} {text}"[:2048]  # a new text each time: nothing is served from a cache
            start = time.process_time()
            normalised = normalise(request).text
            for scanner in scanners:
                scanner.scan(normalised)
            samples.append(time.process_time() - start)
            view.cache_clear()
        return sorted(samples)[len(samples) // 2]

    cheap_s, ner_s = median_s(cheap, 0), median_s(ner, 1000)
    assert cheap_s * 3 < ner_s, f"cheap layer {cheap_s * 1000:.2f} ms vs NER layer {ner_s * 1000:.2f} ms (CPU, p50)"
