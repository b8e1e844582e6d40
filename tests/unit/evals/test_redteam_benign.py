"""The benign control set used to measure over-refusal next to the attack success rate."""

from __future__ import annotations

from collections import Counter

import pytest

from quarterdeck.evals.redteam import CANARY_PREFIX, Control, benign_controls
from quarterdeck.evals.redteam._data import PLACEHOLDER


def _text(control: Control) -> str:
    return control.messages[0]["content"]


def test_at_least_60_controls_with_unique_ids() -> None:
    controls = benign_controls()
    assert len(controls) >= 60
    assert len({c.id for c in controls}) == len(controls)


def test_controls_are_complete_messages() -> None:
    for control in benign_controls():
        assert control.system.strip()
        assert [m["role"] for m in control.messages] == ["user"]
        assert _text(control).strip()
        assert not PLACEHOLDER.search(_text(control)), control.id
        assert CANARY_PREFIX not in _text(control) and CANARY_PREFIX not in control.system


def test_controls_include_superficially_risky_and_document_requests() -> None:
    controls = benign_controls()
    categories = Counter(c.category for c in controls)
    assert set(categories) == {"everyday", "risky-looking", "injection-looking", "document"}
    assert categories["risky-looking"] >= 15 and categories["document"] >= 10
    texts = [_text(c).lower() for c in controls]
    assert any("kill a python process" in t for t in texts)
    assert any("sql injection" in t and "security class" in t for t in texts)
    documents = [c for c in controls if c.category == "document"]
    assert any("summarise this" in _text(c).lower() for c in documents)
    assert all(len(_text(c)) > 120 for c in documents)  # the document is in the message


def test_sampling_is_deterministic_and_seeded() -> None:
    all_ids = [c.id for c in benign_controls()]
    sample = benign_controls(seed=3, n=20)
    assert len(sample) == 20
    assert sample == benign_controls(seed=3, n=20)
    assert [c.id for c in sample] == [i for i in all_ids if i in {c.id for c in sample}]  # file order kept
    assert {c.id for c in benign_controls(seed=4, n=20)} != {c.id for c in sample}
    assert benign_controls(n=10_000) == benign_controls()
    assert benign_controls(seed=99) == benign_controls()  # the seed only matters when sampling
    assert benign_controls(n=0) == []
    with pytest.raises(ValueError):
        benign_controls(n=-1)
