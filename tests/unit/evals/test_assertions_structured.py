"""JSON, JSON Schema (checked against jsonschema itself) and tool-call assertions."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from quarterdeck.evals.assertions import AssertionResult, AssertionSpec, Output, check
from quarterdeck.evals.assertions.structured import json_values_in, same_json, subset_mismatch


def output(text: str | None, tool_calls: list[dict[str, Any]] | None = None) -> Output:
    return Output(text, tool_calls or [], 10.0, 0.0)


async def run(type_: str, text: str | None, value: Any = None, tool_calls: list[dict[str, Any]] | None = None,
              ) -> AssertionResult:
    return await check(AssertionSpec(type=type_, value=value), output(text, tool_calls), {})


# --- json-schema against the library --------------------------------------------------------------

PERSON = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "age": {"type": "integer", "minimum": 0},
        "email": {"type": "string", "format": "email"},
        "tags": {"type": "array", "items": {"$ref": "#/$defs/tag"}, "uniqueItems": True},
    },
    "required": ["name", "age"],
    "additionalProperties": False,
    "$defs": {"tag": {"type": "string", "enum": ["a", "b", "c"]}},
}
TUPLE = {"type": "array", "prefixItems": [{"type": "number"}, {"type": "string"}], "items": False}
DEPENDENT = {"type": "object", "dependentRequired": {"card": ["billing"]}, "unevaluatedProperties": False,
             "properties": {"card": {}, "billing": {}}}

SCHEMA_CASES: list[tuple[dict[str, Any], Any]] = [
    (PERSON, {"name": "Ada", "age": 36}),
    (PERSON, {"name": "Ada", "age": 36, "email": "ada@example.com", "tags": ["a", "b"]}),
    (PERSON, {"name": "Ada", "age": -1}),
    (PERSON, {"name": "Ada", "age": 36.5}),
    (PERSON, {"name": "Ada", "age": 36.0}),  # 36.0 is an integer in JSON Schema
    (PERSON, {"name": "", "age": 1}),
    (PERSON, {"name": "Ada"}),
    (PERSON, {"name": "Ada", "age": 1, "extra": True}),
    (PERSON, {"name": "Ada", "age": 1, "email": "not-an-email"}),
    (PERSON, {"name": "Ada", "age": 1, "tags": ["a", "a"]}),
    (PERSON, {"name": "Ada", "age": 1, "tags": ["z"]}),
    (PERSON, ["Ada", 36]),
    (TUPLE, [1, "x"]),
    (TUPLE, [1, "x", 3]),
    (TUPLE, ["x", 1]),
    (DEPENDENT, {"card": 1, "billing": 2}),
    (DEPENDENT, {"card": 1}),
    (DEPENDENT, {"other": 1}),
]


@pytest.mark.parametrize(("schema", "instance"), SCHEMA_CASES)
async def test_json_schema_agrees_with_jsonschema(schema: dict[str, Any], instance: Any) -> None:
    expected = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).is_valid(instance)
    result = await run("json-schema", json.dumps(instance), schema)
    assert result.passed is expected, result.reason
    fenced = await run("contains-json", f"Here you go:\n```json\n{json.dumps(instance)}\n```\nDone.", schema)
    assert fenced.passed is expected, fenced.reason


async def test_json_schema_failure_names_the_path() -> None:
    result = await run("json-schema", '{"name": "Ada", "age": "old"}', PERSON)
    assert result.passed is False
    assert "$.age" in result.reason and "integer" in result.reason


async def test_json_schema_on_non_json_output_fails() -> None:
    result = await run("json-schema", "name: Ada", PERSON)
    assert result.passed is False and "not JSON" in result.reason


async def test_remote_ref_is_not_fetched_and_is_a_spec_error() -> None:
    with pytest.raises(ValueError, match=r"\$ref that cannot be resolved"):
        await run("json-schema", "{}", {"$ref": "https://example.com/schema.json"})


# --- is-json, contains-json, equals ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ok"),
    [('{"a": 1}', True), ("[1, 2]", True), ("3", True), ('"s"', True), ("  null\n", True), ("NaN", False),
     ('{"a": NaN}', False), ('{"a": 1} trailing', False), ("{'a': 1}", False), ("", False)],
)
async def test_is_json_is_strict(text: str, ok: bool) -> None:
    assert (await run("is-json", text)).passed is ok


async def test_is_json_with_a_schema() -> None:
    assert (await run("is-json", '{"name": "Ada", "age": 3}', PERSON)).passed is True
    failed = await run("is-json", '{"name": "Ada"}', PERSON)
    assert failed.passed is False and "'age' is a required property" in failed.reason


def test_json_values_in_free_text() -> None:
    text = 'a {"x": [1, {"y": 2}]} b [3, 4] c {broken d {"z": null}'
    assert json_values_in(text) == [{"x": [1, {"y": 2}]}, [3, 4], {"z": None}]
    assert json_values_in("no json here: 3 and 'x'") == []


def test_json_values_in_hostile_text_stays_cheap() -> None:
    started = time.perf_counter()
    assert json_values_in("[" * 50_000) == []
    assert json_values_in("{" * 50_000) == []
    assert time.perf_counter() - started < 5.0


async def test_contains_json_passes_when_any_value_matches_the_schema() -> None:
    text = 'first {"name": "x"} then {"name": "Ada", "age": 3}'
    assert (await run("contains-json", text, PERSON)).passed is True
    assert (await run("contains-json", 'only {"name": "x"}', PERSON)).passed is False


def test_same_json_is_type_aware() -> None:
    assert same_json({"a": [1, 2.0]}, {"a": [1.0, 2]})
    assert not same_json(True, 1)
    assert not same_json(0, False)
    assert not same_json({"a": 1}, {"a": 1, "b": 2})
    assert not same_json("1", 1)
    assert same_json(None, None)


async def test_equals_with_a_json_value_compares_parsed_output() -> None:
    assert (await run("equals", '{"b": [1, 2], "a": null}', {"a": None, "b": [1, 2]})).passed is True
    assert (await run("equals", "[1, 2]", [2, 1])).passed is False
    assert (await run("equals", "not json", [1])).passed is False
    assert (await run("equals", "42", 42)).passed is True


# --- tool-call ------------------------------------------------------------------------------------


def call(name: str, arguments: Any) -> dict[str, Any]:
    return {"id": f"call_{name}", "type": "function", "function": {"name": name, "arguments": arguments}}


SEARCH = call("search", json.dumps({"query": "paris hotels", "filters": {"stars": 4, "pool": True}, "page": [1, 2]}))


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("search", True),
        ({"name": "search"}, True),
        ({"name": "search", "arguments": {}}, True),
        ({"name": "search", "arguments": {"query": "paris hotels"}}, True),
        ({"name": "search", "arguments": {"filters": {"stars": 4}}}, True),
        ({"name": "search", "arguments": {"filters": {"stars": 4.0}}}, True),
        ({"name": "search", "arguments": {"page": [1, 2]}}, True),
        ({"name": "search", "arguments": {"page": [1]}}, False),
        ({"name": "search", "arguments": {"filters": {"pool": 1}}}, False),
        ({"name": "search", "arguments": {"query": "Paris hotels"}}, False),
        ({"name": "search", "arguments": {"missing": 1}}, False),
        ({"name": "book"}, False),
    ],
)
async def test_tool_call_subset_matching(value: Any, ok: bool) -> None:
    result = await run("tool-call", None, value, [call("lookup", "{}"), SEARCH])
    assert result.passed is ok, result.reason


async def test_tool_call_reasons_say_what_differs() -> None:
    missing = await run("tool-call", "x", {"name": "book"}, [SEARCH])
    assert "no call to tool 'book'" in missing.reason and "'search'" in missing.reason
    wrong = await run("tool-call", None, {"name": "search", "arguments": {"filters": {"stars": 5}}}, [SEARCH])
    assert "arguments.filters.stars is 4, expected 5" in wrong.reason
    absent = await run("tool-call", None, {"name": "search", "arguments": {"missing": 1}}, [SEARCH])
    assert "arguments.missing is missing" in absent.reason
    none = await run("tool-call", "plain answer", "search", [])
    assert none.passed is False and "calls made: none" in none.reason


async def test_tool_call_with_invalid_json_arguments_fails_with_a_reason() -> None:
    broken = call("search", '{"query": "paris",')
    result = await run("tool-call", None, {"name": "search", "arguments": {"query": "paris"}}, [broken])
    assert result.passed is False and "not valid JSON" in result.reason
    listed = await run("tool-call", None, {"name": "search", "arguments": {"q": 1}}, [call("search", "[1]")])
    assert listed.passed is False and "not an object" in listed.reason


async def test_tool_call_any_matching_call_passes() -> None:
    calls = [call("search", "{not json"), call("search", '{"query": "paris"}')]
    result = await run("tool-call", None, {"name": "search", "arguments": {"query": "paris"}}, calls)
    assert result.passed is True


async def test_tool_call_accepts_decoded_and_empty_arguments() -> None:
    assert (await run("tool-call", None, {"name": "s", "arguments": {"a": 1}}, [call("s", {"a": 1})])).passed
    assert (await run("tool-call", None, {"name": "s", "arguments": {}}, [call("s", "")])).passed


def test_subset_mismatch_paths() -> None:
    assert subset_mismatch({"a": {"b": [1, {"c": 2}]}}, {"a": {"b": [1, {"c": 2, "d": 3}]}, "e": 0}, "args") is None
    assert subset_mismatch({"a": {"b": 1}}, {"a": 5}, "args") == "args.a is 5, expected an object"
    assert subset_mismatch({"a": [{"c": 2}]}, {"a": [{"c": 3}]}, "args") == "args.a[0].c is 3, expected 2"
