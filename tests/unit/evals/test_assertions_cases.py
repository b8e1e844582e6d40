"""Every assertion type passes and fails where it should, and its ``not-`` variant does the opposite."""

from __future__ import annotations

import json
import string
from typing import Any

import pytest

from quarterdeck.evals.assertions import KNOWN_TYPES, AssertionResult, AssertionSpec, Output, check, validate_spec


def output(text: str | None = "", *, tool_calls: list[dict[str, Any]] | None = None, latency_ms: float = 100.0,
           cost_usd: float = 0.001, retrieved: list[str] | None = None) -> Output:
    return Output(text, tool_calls or [], latency_ms, cost_usd, retrieved)


def tool_call(name: str, arguments: str) -> dict[str, Any]:
    return {"id": "call_1", "type": "function", "function": {"name": name, "arguments": arguments}}


async def letter_embed(texts: list[str]) -> list[list[float]]:
    """A stand-in embedding model: letter counts, so texts with the same letters point the same way."""
    return [[float(text.lower().count(letter)) for letter in string.ascii_lowercase] for text in texts]


async def paris_judge(messages: list[dict[str, Any]]) -> str:
    """A stand-in judge: passes an output that mentions Paris."""
    case = json.loads(messages[-1]["content"].split("\n", 1)[1])
    ok = "Paris" in case["output"]
    return json.dumps({"score": 0.9 if ok else 0.1, "pass": ok, "reason": "mentions Paris" if ok else "no Paris"})


WEATHER = tool_call("get_weather", '{"city": "Paris", "unit": "c"}')
SCHEMA = {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]}

# (type, extra spec fields, output, expected passed)
CASES: list[tuple[str, dict[str, Any], Output, bool]] = [
    ("equals", {"value": "Paris"}, output("Paris"), True),
    ("equals", {"value": "Paris"}, output("Paris."), False),
    ("equals", {"value": {"a": 1}}, output('{"a": 1.0}'), True),
    ("equals", {"value": {"a": 1}}, output('{"a": true}'), False),
    ("contains", {"value": "Paris"}, output("It is Paris."), True),
    ("contains", {"value": "Paris"}, output("It is paris."), False),
    ("icontains", {"value": "PARIS"}, output("It is paris."), True),
    ("icontains", {"value": "Lyon"}, output("It is paris."), False),
    ("contains-any", {"value": ["Lyon", "Paris"]}, output("Paris"), True),
    ("contains-any", {"value": "Lyon, Nice"}, output("Paris"), False),
    ("contains-all", {"value": ["red", "blue"]}, output("red and blue"), True),
    ("contains-all", {"value": ["red", "blue"]}, output("red and Blue"), False),
    ("icontains-any", {"value": ["LYON", "PARIS"]}, output("paris"), True),
    ("icontains-any", {"value": ["LYON"]}, output("paris"), False),
    ("icontains-all", {"value": "RED, BLUE"}, output("red and Blue"), True),
    ("icontains-all", {"value": ["red", "green"]}, output("red and Blue"), False),
    ("starts-with", {"value": "Yes"}, output("Yes, it is."), True),
    ("starts-with", {"value": "Yes"}, output(" Yes, it is."), False),
    ("regex", {"value": r"\b\d{3}-\d{4}\b"}, output("call 555-1234 now"), True),
    ("regex", {"value": r"^\d+$"}, output("12a"), False),
    ("is-json", {}, output(' {"a": [1, 2]} '), True),
    ("is-json", {}, output('Here: {"a": 1}'), False),
    ("contains-json", {}, output('Sure:\n```json\n{"a": 1}\n```'), True),
    ("contains-json", {"value": SCHEMA}, output('Sure: {"b": 1}'), False),
    ("json-schema", {"value": SCHEMA}, output('{"a": 3}'), True),
    ("json-schema", {"value": SCHEMA}, output('{"a": "3"}'), False),
    ("similar", {"value": "the cat sat"}, output("The cat sat."), True),
    ("similar", {"value": "the cat sat"}, output("zzz qqq"), False),
    ("levenshtein", {"value": "kitten"}, output("sitting"), True),
    ("levenshtein", {"value": "kitten", "threshold": 2}, output("sitting"), False),
    ("bleu", {"value": "the cat sat on the mat"}, output("the cat sat on the mat"), True),
    ("bleu", {"value": "the cat sat on the mat"}, output("a dog ran in a park"), False),
    ("chrf", {"value": "the cat sat on the mat"}, output("the cat sat on a mat"), True),
    ("chrf", {"value": "the cat sat on the mat"}, output("dogs run"), False),
    ("rouge-n", {"value": "the cat sat on the mat"}, output("the cat sat on the mat"), True),
    ("rouge-n", {"value": "the cat sat on the mat", "k": 2}, output("mat the on sat cat the"), False),
    ("rouge-1", {"value": "the cat sat on the mat"}, output("the cat sat on a mat"), True),
    ("rouge-1", {"value": "the cat sat on the mat"}, output("dogs run"), False),
    ("rouge-2", {"value": "the cat sat on the mat"}, output("the cat sat on the mat today"), True),
    ("rouge-2", {"value": "the cat sat on the mat"}, output("mat the on sat cat the"), False),
    ("rouge-l", {"value": "the cat sat on the mat"}, output("the cat sat on the red mat"), True),
    ("rouge-l", {"value": "the cat sat on the mat"}, output("mat the on sat cat the"), False),
    ("f1", {"value": "The Eiffel Tower"}, output("eiffel tower!"), True),
    ("f1", {"value": "The Eiffel Tower"}, output("Louvre"), False),
    ("latency", {"threshold": 500}, output("x", latency_ms=120.0), True),
    ("latency", {"threshold": 500}, output("x", latency_ms=800.0), False),
    ("cost", {"threshold": 0.01}, output("x", cost_usd=0.002), True),
    ("cost", {"threshold": 0.01}, output("x", cost_usd=0.02), False),
    ("llm-rubric", {"value": "Names the capital of France"}, output("It is Paris."), True),
    ("llm-rubric", {"value": "Names the capital of France"}, output("It is Lyon."), False),
    ("is-refusal", {}, output("I'm sorry, but I can't help with that."), True),
    ("is-refusal", {}, output("Paris is the capital of France."), False),
    ("tool-call", {"value": {"name": "get_weather", "arguments": {"city": "Paris"}}},
     output(None, tool_calls=[WEATHER]), True),
    ("tool-call", {"value": {"name": "get_weather", "arguments": {"city": "Lyon"}}},
     output(None, tool_calls=[WEATHER]), False),
    ("recall@k", {"value": ["d1", "d2"], "k": 2}, output(retrieved=["d1", "d2", "d3"]), True),
    ("recall@k", {"value": ["d1", "d2"], "k": 2}, output(retrieved=["d3", "d4", "d1"]), False),
    ("precision@k", {"value": ["d1", "d2"], "k": 2}, output(retrieved=["d1", "d3"]), True),
    ("precision@k", {"value": ["d1", "d2"], "k": 2}, output(retrieved=["d3", "d4", "d1"]), False),
    ("ndcg@k", {"value": {"d1": 2, "d2": 1}, "k": 3}, output(retrieved=["d1", "d2"]), True),
    ("ndcg@k", {"value": {"d1": 2, "d2": 1}, "k": 3}, output(retrieved=["x", "y", "d2"]), False),
    ("mrr", {"value": ["d2"]}, output(retrieved=["d1", "d2"]), True),
    ("mrr", {"value": ["d2"]}, output(retrieved=["d1", "d3", "d4", "d2"]), False),
]


def spec(type_: str, fields: dict[str, Any]) -> AssertionSpec:
    return AssertionSpec(type=type_, **fields)


async def run(assertion: AssertionSpec, out: Output) -> AssertionResult:
    validate_spec(assertion)
    return await check(assertion, out, {}, embed=letter_embed, judge=paris_judge)


@pytest.mark.parametrize(("type_", "fields", "out", "expected"), CASES,
                         ids=[f"{case[0]}-{'pass' if case[3] else 'fail'}-{i}" for i, case in enumerate(CASES)])
async def test_each_type_passes_and_fails(type_: str, fields: dict[str, Any], out: Output, expected: bool) -> None:
    result = await run(spec(type_, fields), out)
    assert result.passed is expected, result.reason
    assert result.type == type_
    assert result.weight == 1.0
    assert result.score is not None and 0.0 <= result.score <= 1.0
    assert result.reason


@pytest.mark.parametrize(("type_", "fields", "out", "expected"), CASES,
                         ids=[f"not-{case[0]}-{i}" for i, case in enumerate(CASES)])
async def test_not_variant_inverts_pass_and_score(type_: str, fields: dict[str, Any], out: Output,
                                                  expected: bool) -> None:
    plain = await run(spec(type_, fields), out)
    negated = await run(spec(f"not-{type_}", fields), out)
    assert negated.passed is (not expected)
    assert negated.type == f"not-{type_}"
    assert plain.score is not None and negated.score == pytest.approx(1.0 - plain.score)
    assert "negated" in negated.reason


def test_the_table_covers_every_known_type_both_ways() -> None:
    base_types = {name for name in KNOWN_TYPES if not name.startswith("not-")}
    passing = {case[0] for case in CASES if case[3]}
    failing = {case[0] for case in CASES if not case[3]}
    assert passing == base_types
    assert failing == base_types


async def test_weight_is_carried_to_the_result() -> None:
    result = await run(AssertionSpec(type="contains", value="a", weight=2.5), output("abc"))
    assert result.weight == 2.5


async def test_unmeasured_stays_unmeasured_when_negated() -> None:
    for type_ in ("similar", "not-similar"):
        result = await check(AssertionSpec(type=type_, value="x"), output("x"), {})
        assert result.passed is None and result.score is None
        assert result.reason.startswith("unmeasured: ")
