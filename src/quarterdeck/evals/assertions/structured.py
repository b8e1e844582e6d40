"""Structured output: ``is-json``, ``contains-json``, ``json-schema`` and ``tool-call``.

JSON is parsed strictly (``NaN`` and ``Infinity`` are not JSON). Schemas are JSON Schema Draft 2020-12
checked with ``jsonschema.Draft202012Validator`` with its format checker on, so ``"format": "email"``
is enforced for the formats jsonschema can check. ``$ref`` to another document is never fetched.
"""

from __future__ import annotations

import json
import re
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, best_match
from referencing.exceptions import Unresolvable

from quarterdeck.evals.assertions.base import Call, Kind, Measure, binary, need_text, quote, spec_error

__all__ = ["KINDS", "json_values_in", "load_json", "same_json", "schema_validator", "subset_mismatch"]

_OPENERS = re.compile(r"[\[{]")
# contains-json tries to decode at most this many opening brackets, so hostile text stays cheap.
_MAX_STARTS = 2000


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


def load_json(text: str) -> Any:
    """Parse the whole text (trimmed) as strict JSON; ``ValueError`` when it is not."""
    value, end = _DECODER.raw_decode(text.strip())
    if end != len(text.strip()):
        raise ValueError(f"extra data after the JSON value at char {end}")
    return value


def json_values_in(text: str) -> list[Any]:
    """Every top-level JSON object or array found in free text (prose, code fences), in order."""
    found: list[Any] = []
    position = 0
    for _ in range(_MAX_STARTS):
        opener = _OPENERS.search(text, position)
        if opener is None:
            break
        try:
            value, end = _DECODER.raw_decode(text, opener.start())
        except (ValueError, RecursionError):
            position = opener.start() + 1
            continue
        found.append(value)
        position = end
    return found


def same_json(left: Any, right: Any) -> bool:
    """Equality of JSON values: ``1 == 1.0`` but ``true != 1``; objects ignore key order."""
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    if isinstance(left, int | float) and isinstance(right, int | float):
        return left == right
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(same_json(left[key], right[key]) for key in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(same_json(a, b) for a, b in zip(left, right, strict=True))
    return type(left) is type(right) and bool(left == right)


def _dump(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:59] + "…"


def subset_mismatch(expected: Any, actual: Any, path: str) -> str | None:
    """Where ``actual`` fails to contain ``expected`` (objects: a subset of keys, recursively; lists: same
    length, item by item; scalars: :func:`same_json`), or ``None`` when it does."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"{path} is {_dump(actual)}, expected an object"
        for key, item in expected.items():
            if key not in actual:
                return f"{path}.{key} is missing"
            mismatch = subset_mismatch(item, actual[key], f"{path}.{key}")
            if mismatch is not None:
                return mismatch
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return f"{path} is {_dump(actual)}, expected {_dump(expected)}"
        for index, (want, got) in enumerate(zip(expected, actual, strict=True)):
            mismatch = subset_mismatch(want, got, f"{path}[{index}]")
            if mismatch is not None:
                return mismatch
        return None
    return None if same_json(expected, actual) else f"{path} is {_dump(actual)}, expected {_dump(expected)}"


def schema_validator(schema: Any) -> Draft202012Validator:
    """A Draft 2020-12 validator (formats checked) for ``schema``, or ``ValueError`` if it is no schema."""
    if not isinstance(schema, dict | bool):
        raise ValueError(f"'value' must be a JSON Schema (an object or a boolean), not a {type(schema).__name__}")
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        raise ValueError(f"'value' is not a valid JSON Schema (Draft 2020-12): {exc.message}") from exc
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _schema_problem(call: Call, validator: Draft202012Validator, instance: Any) -> str | None:
    try:
        error = best_match(validator.iter_errors(instance))
    except Unresolvable as exc:
        message = f"'value' has a $ref that cannot be resolved (other documents are not fetched): {exc}"
        raise spec_error(call.spec, message) from exc
    return None if error is None else f"{error.json_path}: {error.message}"


def _optional_schema(value: Any) -> None:
    if value is not None:
        schema_validator(value)


async def _is_json(call: Call) -> Measure:
    try:
        instance = load_json(call.text)
    except ValueError as exc:
        return binary(False, f"output is not JSON: {exc}")
    if call.value is None:
        return binary(True, "output is JSON")
    problem = _schema_problem(call, schema_validator(call.value), instance)
    return binary(problem is None, "output is JSON and matches the schema" if problem is None
                  else f"output is JSON but does not match the schema: {problem}")


async def _contains_json(call: Call) -> Measure:
    values = json_values_in(call.text)
    if not values:
        return binary(False, "output contains no JSON object or array")
    if call.value is None:
        return binary(True, f"output contains {len(values)} JSON value(s)")
    validator = schema_validator(call.value)
    problems = [_schema_problem(call, validator, value) for value in values]
    if None in problems:
        return binary(True, f"a JSON value in the output matches the schema ({len(values)} found)")
    return binary(False, f"no JSON value in the output matches the schema ({len(values)} found); "
                         f"first: {problems[0]}")


async def _json_schema(call: Call) -> Measure:
    try:
        instance = load_json(call.text)
    except ValueError as exc:
        return binary(False, f"output is not JSON: {exc}")
    problem = _schema_problem(call, schema_validator(call.value), instance)
    return binary(problem is None, "output matches the schema" if problem is None
                  else f"output does not match the schema: {problem}")


def _expected_call(value: Any) -> tuple[str, dict[str, Any] | None]:
    if isinstance(value, str):
        return need_text(value), None
    if not isinstance(value, dict):
        raise ValueError("'value' must be a tool name or an object {\"name\": ..., \"arguments\": {...}}")
    unknown = sorted(set(value) - {"name", "arguments"})
    if unknown:
        raise ValueError(f"'value' has unknown key(s) {', '.join(unknown)}; allowed: name, arguments")
    name = value.get("name")
    if not isinstance(name, str) or not name:
        raise ValueError("'value.name' must be a non-empty string")
    arguments = value.get("arguments")
    if arguments is not None and not isinstance(arguments, dict):
        raise ValueError("'value.arguments' must be an object (the expected subset of the arguments)")
    return name, arguments


def _check_tool_call_value(value: Any) -> None:
    _expected_call(value)


def _call_name(call: Any) -> str | None:
    function = call.get("function") if isinstance(call, dict) else None
    name = function.get("name") if isinstance(function, dict) else None
    return name if isinstance(name, str) else None


def _decode_arguments(call: dict[str, Any]) -> dict[str, Any]:
    raw = call["function"].get("arguments")
    if isinstance(raw, dict):
        return raw
    if not isinstance(raw, str):
        raise ValueError(f"arguments are {type(raw).__name__}, not a JSON string")
    try:
        decoded = load_json(raw) if raw.strip() else {}
    except ValueError as exc:
        raise ValueError(f"arguments are not valid JSON ({exc})") from exc
    if not isinstance(decoded, dict):
        raise ValueError(f"arguments decode to a JSON {type(decoded).__name__}, not an object")
    return decoded


async def _tool_call(call: Call) -> Measure:
    name, expected = _expected_call(call.value)
    calls = call.output.tool_calls
    matching = [item for item in calls if _call_name(item) == name]
    if not matching:
        names = ", ".join(quote(str(_call_name(item))) for item in calls) or "none"
        return binary(False, f"no call to tool {quote(name)} (calls made: {names})")
    if expected is None:
        return binary(True, f"tool {quote(name)} was called")
    problems = []
    for index, item in enumerate(matching):
        try:
            arguments = _decode_arguments(item)
        except ValueError as exc:
            problems.append(f"call {index + 1}: {exc}")
            continue
        mismatch = subset_mismatch(expected, arguments, "arguments")
        if mismatch is None:
            return binary(True, f"tool {quote(name)} was called with the expected arguments")
        problems.append(f"call {index + 1}: {mismatch}")
    return binary(False, f"tool {quote(name)} was called, but not as expected: {'; '.join(problems)}")


def _need_schema(value: Any) -> None:
    if value is None:
        raise ValueError("'value' must be a JSON Schema, and is missing")
    schema_validator(value)


KINDS = (
    Kind("is-json", _is_json, _optional_schema),
    Kind("contains-json", _contains_json, _optional_schema),
    Kind("json-schema", _json_schema, _need_schema),
    Kind("tool-call", _tool_call, _check_tool_call_value),
)
