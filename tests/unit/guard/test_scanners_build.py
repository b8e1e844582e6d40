"""build_scanner: every type, the Scanner protocol, spec errors naming the field, and the cheap layer's latency."""

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
def test_cheap_layer_latency() -> None:
    """normalise + injection + pii (patterns) + secrets + banned on a 2 KB request: p99 over 200 runs < 5 ms.

    The machine may be shared: the check passes when one of three rounds of 200 requests meets the bound.
    """
    from quarterdeck.guard.normalise import view

    scanners = [build_scanner(s) for s in (SPECS["injection"], SPECS["pii"], SPECS["secrets"], SPECS["banned"])]
    text = _request_2kb()
    for _ in range(5):
        for scanner in scanners:
            scanner.scan(normalise(text).text)
    rounds = []
    for _ in range(3):
        samples = []
        gc.collect()
        for i in range(200):
            request = f"{i} {text}"[:2048]  # a new text each time: nothing is served from a cache
            start = time.perf_counter()
            normalised = normalise(request).text
            for scanner in scanners:
                scanner.scan(normalised)
            samples.append(time.perf_counter() - start)
            view.cache_clear()
        samples.sort()
        rounds.append((samples[197] * 1000, samples[100] * 1000))
        if rounds[-1][0] < 5.0:
            break
    p99_ms, p50_ms = min(rounds)
    assert p99_ms < 5.0, f"cheap layer p99 {p99_ms:.2f} ms (p50 {p50_ms:.2f} ms) in the best of {len(rounds)} rounds"
