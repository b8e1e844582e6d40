"""Spec validation (what a suite load rejects), variables in values, and the public surface."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

import quarterdeck.evals.assertions as assertions
from quarterdeck.evals.assertions import KNOWN_TYPES, AssertionSpec, Output, check, validate_spec
from quarterdeck.evals.assertions.base import PLACEHOLDER


def output(text: str = "hello") -> Output:
    return Output(text, [], 10.0, 0.0)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"type": "containz", "value": "x"},
         r"unknown assertion type 'containz' \(did you mean 'contains'\?\); known types: "),
        ({"type": "not-not-contains", "value": "x"}, "unknown assertion type"),
        ({"type": "ndcg", "value": ["a"]}, "unknown assertion type 'ndcg'"),
        ({"type": "contains"}, "'value' must be a non-empty string, not missing"),
        ({"type": "contains", "value": ""}, "'value' must be a non-empty string, not an empty string"),
        ({"type": "contains", "value": 3}, "'value' must be a non-empty string, not an int"),
        ({"type": "equals"}, "'value' is missing"),
        ({"type": "contains-any", "value": []}, "'value' must be a string or a non-empty list"),
        ({"type": "contains-all", "value": ["a", 2]}, r"'value\[1\]' must be a non-empty string"),
        ({"type": "icontains-any", "value": " , "}, "'value' must be a string or a non-empty list"),
        ({"type": "regex", "value": "(unclosed"}, "'value' is not a valid regular expression"),
        ({"type": "json-schema"}, "'value' must be a JSON Schema, and is missing"),
        ({"type": "json-schema", "value": {"type": "nonsense"}}, "not a valid JSON Schema"),
        ({"type": "json-schema", "value": "string"}, "must be a JSON Schema"),
        ({"type": "is-json", "value": {"minimum": "zero"}}, "not a valid JSON Schema"),
        ({"type": "is-refusal", "value": "x"}, "'value' does not apply"),
        ({"type": "latency", "value": 5, "threshold": 100}, "'value' does not apply"),
        ({"type": "tool-call"}, "'value' must be a tool name or an object"),
        ({"type": "tool-call", "value": {"arguments": {}}}, "'value.name' must be a non-empty string"),
        ({"type": "tool-call", "value": {"name": "f", "args": {}}}, "unknown key"),
        ({"type": "tool-call", "value": {"name": "f", "arguments": "{}"}}, "'value.arguments' must be an object"),
        ({"type": "llm-rubric"}, "'value' must be a non-empty string"),
        ({"type": "similar", "value": [""]}, r"'value\[0\]' must be a non-empty string"),
        ({"type": "levenshtein", "value": ["a"]}, "'value' must be a non-empty string"),
        ({"type": "recall@5", "value": []}, "at least one relevant id"),
        ({"type": "recall@5", "value": [True]}, r"'value\[0\]' must be a document id"),
        ({"type": "ndcg@5", "value": {"a": 0}}, "at least one id a relevance above 0"),
        ({"type": "ndcg@5", "value": {"a": -1}}, "'value.a' must be a relevance number >= 0"),
        ({"type": "mrr", "value": "d1"}, "must be a list of relevant ids"),
        ({"type": "bleu", "value": "ref", "threshold": 1.5}, "'threshold' must be between 0 and 1"),
        ({"type": "similar", "value": "ref", "threshold": -0.1}, "'threshold' must be between 0 and 1"),
        ({"type": "rouge-l", "value": "ref", "threshold": float("nan")}, "'threshold' must be a finite number"),
        ({"type": "contains", "value": "x", "threshold": 0.5}, "'threshold' does not apply"),
        ({"type": "latency"}, "'threshold' is required"),
        ({"type": "cost", "threshold": -1}, "'threshold' must be >= 0"),
        ({"type": "levenshtein", "value": "x", "threshold": -1}, "'threshold' must be >= 0"),
        ({"type": "recall@k", "value": ["a"]}, "'k' is required: set the k field or write the type as 'recall@5'"),
        ({"type": "ndcg@k", "value": ["a"]}, "'k' is required"),
        ({"type": "mrr@k", "value": ["a"]}, "'k' is required"),
        ({"type": "recall@5", "value": ["a"], "k": 3}, "'k' is 3 but the type name says 5"),
        ({"type": "precision@0", "value": ["a"]}, "'k' must be at least 1"),
        ({"type": "rouge-n", "value": "ref", "k": 12}, "'k' must be at least 1 and at most 9"),
        ({"type": "rouge-0", "value": "ref"}, "'k' must be at least 1"),
        ({"type": "contains", "value": "x", "k": 3}, "'k' does not apply"),
        ({"type": "contains", "value": "x", "weight": -1}, "'weight' must be a finite number >= 0"),
        ({"type": "not-bleu", "value": "ref", "threshold": 2}, "'threshold' must be between 0 and 1"),
    ],
)
def test_validate_spec_rejects_with_a_message_naming_the_problem(fields: dict[str, Any], message: str) -> None:
    spec = AssertionSpec(**fields)
    with pytest.raises(ValueError, match=message) as caught:
        validate_spec(spec)
    if "unknown" not in message:
        assert str(caught.value).startswith(f"assertion '{fields['type']}': ")


async def test_check_rejects_the_same_specs() -> None:
    with pytest.raises(ValueError, match="'threshold' is required"):
        await check(AssertionSpec(type="latency"), output(), {})


def test_unknown_fields_are_rejected_by_the_model() -> None:
    with pytest.raises(ValidationError, match="extra"):
        AssertionSpec(type="contains", value="x", treshold=0.5)  # type: ignore[call-arg]
    assert issubclass(ValidationError, ValueError)


@pytest.mark.parametrize(
    "fields",
    [
        {"type": "contains", "value": "x", "metric": "mentions x", "weight": 0},
        {"type": "rouge-n", "value": "ref"},
        {"type": "rouge-3", "value": "ref"},
        {"type": "rouge-n", "value": "ref", "k": 2},
        {"type": "recall@k", "value": ["a"], "k": 10},
        {"type": "not-recall@10", "value": {"a": 1, "b": 0}},
        {"type": "mrr", "value": [1, 2]},
        {"type": "mrr@3", "value": ["a"]},
        {"type": "llm-rubric", "value": "polite", "threshold": 0.7},
        {"type": "levenshtein", "value": "x", "threshold": 12},
        {"type": "is-json"},
        {"type": "tool-call", "value": "lookup"},
        {"type": "cost", "threshold": 0},
        {"type": "regex", "value": "{{pattern}}"},
        {"type": "json-schema", "value": "{{schema}}"},
    ],
)
def test_validate_spec_accepts(fields: dict[str, Any]) -> None:
    validate_spec(AssertionSpec(**fields))


# --- variables ------------------------------------------------------------------------------------


async def test_value_variables_are_rendered() -> None:
    spec = AssertionSpec(type="equals", value="Hello, {{ name }}! You are {{age}}.")
    result = await check(spec, output("Hello, Ada! You are 36."), {"name": "Ada", "age": 36})
    assert result.passed is True


async def test_whole_placeholder_takes_the_variable_as_is() -> None:
    spec = AssertionSpec(type="contains-all", value="{{words}}")
    assert (await check(spec, output("red and blue"), {"words": ["red", "blue"]})).passed is True
    schema = AssertionSpec(type="json-schema", value="{{schema}}")
    assert (await check(schema, output('{"a": 1}'), {"schema": {"required": ["a"]}})).passed is True
    nested = AssertionSpec(type="tool-call", value={"name": "search", "arguments": {"q": "{{q}}"}})
    call = {"id": "1", "type": "function", "function": {"name": "search", "arguments": '{"q": 7}'}}
    assert (await check(nested, Output(None, [call], 1.0, 0.0), {"q": 7})).passed is True


async def test_non_string_variable_inside_text_is_inserted_as_json() -> None:
    spec = AssertionSpec(type="equals", value="ids: {{ids}}")
    assert (await check(spec, output('ids: ["a",1]'), {"ids": ["a", 1]})).passed is True


async def test_missing_variable_is_a_value_error_naming_it() -> None:
    spec = AssertionSpec(type="contains", value="{{city}} and {{country}} and {{city}}")
    validate_spec(spec)  # variables are only known per case
    with pytest.raises(ValueError, match=r"^assertion 'contains': 'value' uses the variable\(s\) 'country'"):
        await check(spec, output(), {"city": "Paris"})


async def test_rendered_value_is_validated_at_check_time() -> None:
    spec = AssertionSpec(type="regex", value="{{pattern}}")
    with pytest.raises(ValueError, match="not a valid regular expression"):
        await check(spec, output(), {"pattern": "(open"})
    assert (await check(spec, output("abc"), {"pattern": "^a.c$"})).passed is True


def test_placeholder_rule_is_the_registry_one() -> None:
    from quarterdeck.registry import templates

    assert PLACEHOLDER.pattern == templates._PLACEHOLDER.pattern


# --- surface --------------------------------------------------------------------------------------


def test_public_names() -> None:
    assert set(assertions.__all__) == {
        "KNOWN_TYPES", "AssertionResult", "AssertionSpec", "Embed", "Judge", "Output", "check", "validate_spec"}
    for name in assertions.__all__:
        assert hasattr(assertions, name)


def test_known_types() -> None:
    expected = {
        "equals", "contains", "icontains", "contains-any", "contains-all", "icontains-any", "icontains-all",
        "starts-with", "regex", "is-json", "contains-json", "json-schema", "similar", "levenshtein", "bleu", "chrf",
        "rouge-n", "rouge-1", "rouge-2", "rouge-l", "f1", "latency", "cost", "llm-rubric", "is-refusal", "tool-call",
        "recall@k", "precision@k", "mrr", "ndcg@k",
    }
    assert expected | {f"not-{name}" for name in expected} == KNOWN_TYPES
    for name in KNOWN_TYPES:
        validate_spec(AssertionSpec(type=name, value=_value_for(name), threshold=_threshold_for(name), k=_k_for(name)))


def _value_for(name: str) -> Any:
    base = name.removeprefix("not-")
    if base in {"is-json", "contains-json", "is-refusal", "latency", "cost"}:
        return None
    if base == "json-schema":
        return {"type": "object"}
    if base in {"recall@k", "precision@k", "mrr", "ndcg@k"}:
        return ["d1"]
    return "x"


def _threshold_for(name: str) -> float | None:
    return 1.0 if name.removeprefix("not-") in {"latency", "cost"} else None


def _k_for(name: str) -> int | None:
    return 3 if name.endswith("@k") else None
