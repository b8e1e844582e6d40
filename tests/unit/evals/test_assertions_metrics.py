"""Reference metrics equal the libraries' own numbers; F1, edit distance, similarity, latency and cost."""

from __future__ import annotations

import socket
import string
from typing import Any

import pytest
import sacrebleu
from rouge_score import rouge_scorer

from quarterdeck.evals.assertions import AssertionResult, AssertionSpec, Output, check
from quarterdeck.evals.assertions.metrics import squad_f1, squad_normalise


def output(text: str | None, *, latency_ms: float = 100.0, cost_usd: float = 0.001) -> Output:
    return Output(text, [], latency_ms, cost_usd)


async def score_of(type_: str, text: str, value: Any, **fields: Any) -> AssertionResult:
    return await check(AssertionSpec(type=type_, value=value, **fields), output(text), {})


PAIRS: list[tuple[str, str | list[str]]] = [
    ("the cat sat on the mat", "the cat is on the mat"),
    ("The quick brown fox jumps over the lazy dog.", "A quick brown dog jumps over the lazy fox."),
    ("It is a guide to action which ensures that the military always obeys the commands of the party.",
     ["It is a guide to action that ensures that the military will forever heed Party commands.",
      "It is the guiding principle which guarantees the military forces always being under the command of the Party.",
      "It is the practical guide for the army always to heed the directions of the party."]),
    ("completely unrelated words here", "the cat is on the mat"),
    ("", "the cat is on the mat"),
    ("Das ist ein kleiner Test, nicht wahr?", "Das ist ein Test, oder?"),
]


def refs(reference: str | list[str]) -> list[str]:
    return [reference] if isinstance(reference, str) else reference


# --- the libraries' numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(("hypothesis", "reference"), PAIRS)
async def test_bleu_equals_sacrebleu_sentence_bleu(hypothesis: str, reference: str | list[str]) -> None:
    result = await score_of("bleu", hypothesis, reference, threshold=0.3)
    expected = min(1.0, sacrebleu.sentence_bleu(hypothesis, refs(reference)).score / 100)
    assert result.score == pytest.approx(expected, abs=1e-12)
    assert result.passed is (expected >= 0.3)


@pytest.mark.parametrize(("hypothesis", "reference"), PAIRS)
async def test_chrf_equals_sacrebleu_sentence_chrf(hypothesis: str, reference: str | list[str]) -> None:
    result = await score_of("chrf", hypothesis, reference)
    expected = min(1.0, sacrebleu.sentence_chrf(hypothesis, refs(reference)).score / 100)
    assert result.score == pytest.approx(expected, abs=1e-12)
    assert result.passed is (expected >= 0.5)


@pytest.mark.parametrize(("type_", "rouge_type", "k"),
                         [("rouge-1", "rouge1", None), ("rouge-2", "rouge2", None), ("rouge-n", "rouge1", None),
                          ("rouge-n", "rouge2", 2), ("rouge-n", "rouge3", 3), ("rouge-l", "rougeL", None)])
@pytest.mark.parametrize(("hypothesis", "reference"), PAIRS)
async def test_rouge_equals_rouge_scorer(type_: str, rouge_type: str, k: int | None, hypothesis: str,
                                         reference: str | list[str]) -> None:
    result = await score_of(type_, hypothesis, reference, k=k)
    scorer = rouge_scorer.RougeScorer([rouge_type], use_stemmer=False)
    expected = max(scorer.score(target, hypothesis)[rouge_type].fmeasure for target in refs(reference))
    assert result.score == pytest.approx(expected, abs=1e-12)
    assert result.passed is (expected >= 0.75)


async def test_metrics_need_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for type_ in ("bleu", "chrf", "rouge-1", "rouge-2", "rouge-l", "f1", "levenshtein"):
        result = await score_of(type_, "running dogs ran quickly", "a running dog runs quickly")
        assert result.score is not None


# --- F1 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normalised"),
    [("The Eiffel Tower!", "eiffel tower"), ("an apple, a pear", "apple pear"),
     ("  Theory  of   a thing ", "theory of thing"), ("A.B.C", "abc")],
)
def test_squad_normalisation(text: str, normalised: str) -> None:
    assert squad_normalise(text) == normalised


@pytest.mark.parametrize(
    ("prediction", "reference", "expected"),
    [
        ("eiffel tower", "The Eiffel Tower", 1.0),
        ("the tower in paris", "Eiffel Tower", 0.4),  # tokens {tower, in, paris} vs {eiffel, tower}: P 1/3, R 1/2
        ("red red blue", "red blue blue", 2 / 3),  # common = min counts: red 1 + blue 1 = 2 of 3 and 3
        ("nothing", "something", 0.0),
        ("", "", 1.0),
        ("the", "", 1.0),  # both empty after removing the article
        ("", "answer", 0.0),
    ],
)
def test_squad_f1_by_hand(prediction: str, reference: str, expected: float) -> None:
    assert squad_f1(prediction, reference) == pytest.approx(expected)


async def test_f1_takes_the_best_reference() -> None:
    result = await score_of("f1", "the tower in paris", ["Louvre", "Eiffel Tower"], threshold=0.4)
    assert result.score == pytest.approx(0.4)
    assert result.passed is True


# --- levenshtein ----------------------------------------------------------------------------------


async def test_levenshtein_passes_on_distance_at_most_threshold() -> None:
    at = await score_of("levenshtein", "sitting", "kitten", threshold=3)
    above = await score_of("levenshtein", "sitting", "kitten", threshold=2.5)
    default = await score_of("levenshtein", "abcdefgh", "a")
    assert at.passed is True and above.passed is False
    assert at.score == pytest.approx(1 - 3 / 7)
    assert "edit distance 3" in at.reason
    assert default.passed is False  # distance 7 > the default 5


# --- similar --------------------------------------------------------------------------------------


async def letter_embed(texts: list[str]) -> list[list[float]]:
    return [[float(text.lower().count(letter)) for letter in string.ascii_lowercase] for text in texts]


async def test_similar_takes_the_best_reference_and_default_threshold() -> None:
    spec = AssertionSpec(type="similar", value=["zzz", "abc"])
    result = await check(spec, output("cab"), {}, embed=letter_embed)
    assert result.passed is True and result.score == pytest.approx(1.0)
    near = await check(AssertionSpec(type="similar", value="aab"), output("ab"), {}, embed=letter_embed)
    assert near.score == pytest.approx(3 / 10**0.5)  # (2·1 + 1·1) / (|(2,1)|·|(1,1)|) = 3/√10 ≈ 0.949
    assert near.passed is True
    strict = await check(AssertionSpec(type="similar", value="aab", threshold=0.95), output("ab"), {},
                         embed=letter_embed)
    assert strict.passed is False


@pytest.mark.parametrize(
    ("vectors", "reason"),
    [([[1.0, 0.0]], "returned 1 vectors for 2 texts"), ([[1.0, 0.0], [0.0]], "different lengths"),
     ([[1.0, 0.0], [0.0, 0.0]], "zero vector"), ([[1.0, float("nan")], [1.0, 0.0]], "non-finite")],
)
async def test_similar_with_a_broken_embedding_is_unmeasured(vectors: list[list[float]], reason: str) -> None:
    async def broken(texts: list[str]) -> list[list[float]]:
        return vectors

    result = await check(AssertionSpec(type="similar", value="x"), output("y"), {}, embed=broken)
    assert result.passed is None and result.score is None
    assert reason in result.reason


async def test_similar_without_an_embedding_model_is_unmeasured() -> None:
    result = await check(AssertionSpec(type="similar", value="x"), output("x"), {})
    assert result.passed is None and "needs an embedding model" in result.reason


async def test_similar_on_empty_output_fails_without_calling_the_model() -> None:
    calls: list[list[str]] = []

    async def recording(texts: list[str]) -> list[list[float]]:
        calls.append(texts)
        return [[1.0]] * len(texts)

    result = await check(AssertionSpec(type="similar", value="x"), output(None), {}, embed=recording)
    assert result.passed is False and result.score == 0.0 and calls == []


async def test_similar_opposite_vectors_clip_to_zero() -> None:
    async def opposite(texts: list[str]) -> list[list[float]]:
        return [[1.0, 0.0], [-1.0, 0.0]]

    result = await check(AssertionSpec(type="similar", value="x", threshold=0.0), output("y"), {}, embed=opposite)
    assert result.score == 0.0 and "raw cosine -1.0000" in result.reason


# --- latency and cost -----------------------------------------------------------------------------


async def test_latency_and_cost_bounds_are_inclusive() -> None:
    out = output("x", latency_ms=500.0, cost_usd=0.01)
    latency = await check(AssertionSpec(type="latency", threshold=500), out, {})
    cost = await check(AssertionSpec(type="cost", threshold=0.01), out, {})
    over = await check(AssertionSpec(type="cost", threshold=0.0099), out, {})
    assert (latency.passed, cost.passed, over.passed) == (True, True, False)
    assert "500 ms <= threshold 500 ms" in latency.reason
