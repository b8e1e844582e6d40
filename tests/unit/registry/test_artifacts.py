"""Artifact content: validation per kind, normalisation and the content digest (the version's address)."""

from __future__ import annotations

import copy
import hashlib
from typing import Any

import orjson
import pytest

from quarterdeck.errors import UnprocessableError
from quarterdeck.registry import canonical_json, content_digest, validate_content

PROMPT: dict[str, Any] = {
    "model": "gpt-4o-mini",
    "messages": [
        {"role": "system", "content": "You answer questions about {{product}}. Be brief."},
        {"role": "user", "content": "{{question}}"},
    ],
    "params": {"temperature": 0.2, "max_tokens": 300, "stop": ["\n\n", "END"]},
}
ROUTE: dict[str, Any] = {"deployments": [{"provider": "openai", "model": "gpt-4o-mini-2024-07-18"}]}


def digest_of(kind: str, content: Any, name: str = "thing") -> str:
    return content_digest(validate_content(kind, name, content))


def reversed_keys(value: Any) -> Any:
    """The same JSON value with every object's keys in reverse order."""
    if isinstance(value, dict):
        return {key: reversed_keys(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [reversed_keys(item) for item in value]
    return value


def refused(kind: str, content: Any, name: str = "thing") -> UnprocessableError:
    with pytest.raises(UnprocessableError) as caught:
        validate_content(kind, name, content)
    assert caught.value.status == 422
    return caught.value


# --- the digest --------------------------------------------------------------------------------------


def test_digest_is_the_sha256_of_the_canonical_json() -> None:
    normal = validate_content("prompt", "p", PROMPT)
    expected = hashlib.sha256(orjson.dumps(normal, option=orjson.OPT_SORT_KEYS)).hexdigest()
    assert content_digest(normal) == expected
    assert len(expected) == 64
    assert canonical_json({"b": 1, "a": {"d": [1, 2], "c": "é"}}) == '{"a":{"c":"é","d":[1,2]},"b":1}'.encode()


def test_digest_is_stable_across_calls() -> None:
    assert digest_of("prompt", PROMPT) == digest_of("prompt", copy.deepcopy(PROMPT))


@pytest.mark.parametrize(("kind", "content"), [
    ("prompt", PROMPT),
    ("route", {**ROUTE, "strategy": "weighted", "fallbacks": ["b", "a"]}),
    ("dataset", {"rows": [{"input": "a", "expected": {"x": 1, "y": [1, {"q": 2, "p": 3}]}}]}),
    ("guard_policy", {"pii": {"mode": "redact", "entities": ["email"]}, "blocklist": ["x"]}),
])
def test_key_order_does_not_change_the_digest(kind: str, content: dict[str, Any]) -> None:
    shuffled = reversed_keys(content)
    assert list(shuffled) != list(content) or len(content) == 1
    assert digest_of(kind, shuffled) == digest_of(kind, content)


def test_prompt_defaults_omitted_or_explicit_give_the_same_digest() -> None:
    minimal = {"model": "gpt", "messages": [{"role": "user", "content": "hi"}]}
    explicit = {**minimal, "params": {}, "tools": None, "response_format": None, "description": None}
    assert validate_content("prompt", "p", explicit) == validate_content("prompt", "p", minimal)
    assert digest_of("prompt", explicit) == digest_of("prompt", minimal)


def test_route_defaults_omitted_or_explicit_give_the_same_digest() -> None:
    explicit = {
        "name": "ignored-anyway",
        "deployments": [{"provider": "openai", "model": "gpt-4o-mini-2024-07-18", "weight": 1,
                         "input_cost_per_mtok": 0, "output_cost_per_mtok": 0.0}],
        "strategy": "ordered", "fallbacks": [], "timeout_s": 600, "attempt_timeout_s": None, "retries": 1,
        "rpm": None, "tpm": None, "cache_ttl_s": 0,
    }
    assert digest_of("route", explicit, "gpt") == digest_of("route", ROUTE, "gpt")
    normal = validate_content("route", "gpt", ROUTE)
    assert "name" not in normal  # the artifact's name is the model's name
    assert normal["strategy"] == "ordered" and normal["timeout_s"] == 600.0 and normal["retries"] == 1


@pytest.mark.parametrize(("kind", "content", "change"), [
    ("prompt", PROMPT, lambda c: c["messages"][1].update(content="{{question}}?")),
    ("prompt", PROMPT, lambda c: c["params"].update(temperature=0.3)),
    ("prompt", PROMPT, lambda c: c.update(model="gpt-4o")),
    ("prompt", PROMPT, lambda c: c["messages"].reverse()),
    ("prompt", PROMPT, lambda c: c.update(description="now documented")),
    ("prompt", PROMPT, lambda c: c["params"]["stop"].reverse()),
    ("route", ROUTE, lambda c: c.update(strategy="latency")),
    ("route", ROUTE, lambda c: c["deployments"][0].update(weight=2)),
    ("dataset", {"rows": [{"q": 1}, {"q": 2}]}, lambda c: c["rows"].reverse()),
    ("dataset", {"rows": [{"q": 1}]}, lambda c: c["rows"][0].update(q="1")),
    ("guard_policy", {"a": 1}, lambda c: c.update(a=2)),
])
def test_a_real_change_gives_a_different_digest(kind: str, content: dict[str, Any], change: Any) -> None:
    changed = copy.deepcopy(content)
    change(changed)
    assert digest_of(kind, changed) != digest_of(kind, content)


def test_validation_does_not_modify_its_input() -> None:
    original = copy.deepcopy(ROUTE)
    validate_content("route", "gpt", ROUTE)
    assert original == ROUTE


# --- prompts ---------------------------------------------------------------------------------------------


def test_a_full_prompt_is_kept() -> None:
    content = {
        **PROMPT,
        "tools": [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object"}}}],
        "response_format": {"type": "json_object"},
        "description": "support answers",
    }
    assert validate_content("prompt", "support-reply", content) == content


@pytest.mark.parametrize(("content", "field"), [
    ({**PROMPT, "temprature": 1}, "content.temprature"),
    ({**PROMPT, "kind": "prompt"}, "content.kind"),
    ({**PROMPT, "messages": [{"role": "user", "content": "x", "name": "bob"}]}, "content.messages.0.name"),
])
def test_unknown_fields_are_refused_naming_the_field(content: dict[str, Any], field: str) -> None:
    error = refused("prompt", content)
    assert error.param == field
    assert error.message.startswith(f"{field}: ")
    assert "Extra inputs are not permitted" in error.message


@pytest.mark.parametrize("reserved", ["model", "messages", "stream", "tools", "response_format"])
def test_reserved_params_are_refused(reserved: str) -> None:
    error = refused("prompt", {**PROMPT, "params": {"temperature": 0, reserved: True}})
    assert error.param == "content.params"
    assert f"params may not set {reserved} (they have their own fields)" in error.message


def test_all_reserved_params_are_named_at_once() -> None:
    error = refused("prompt", {**PROMPT, "params": {"stream": True, "model": "x", "max_tokens": 3}})
    assert "params may not set model, stream" in error.message


@pytest.mark.parametrize(("content", "field"), [
    ({"messages": PROMPT["messages"]}, "content.model"),
    ({**PROMPT, "model": ""}, "content.model"),
    ({"model": "gpt"}, "content.messages"),
    ({**PROMPT, "messages": []}, "content.messages"),
    ({**PROMPT, "messages": [{"role": "robot", "content": "x"}]}, "content.messages.0.role"),
    ({**PROMPT, "messages": [PROMPT["messages"][0], {"role": "user"}]}, "content.messages.1.content"),
    ({**PROMPT, "messages": [{"role": "user", "content": 3}]}, "content.messages.0.content"),
    ({**PROMPT, "params": ["temperature"]}, "content.params"),
])
def test_bad_prompts_name_the_field(content: dict[str, Any], field: str) -> None:
    assert refused("prompt", content).param == field


@pytest.mark.parametrize("content", ["a string", ["a", "list"], None, 3])
def test_content_must_be_an_object(content: Any) -> None:
    error = refused("prompt", content)
    assert error.param == "content"
    assert error.message == f"content: must be an object (got {type(content).__name__})"


def test_the_source_prefixes_the_field() -> None:
    with pytest.raises(UnprocessableError) as caught:
        validate_content("prompt", "p", {**PROMPT, "oops": 1}, source="prompts/p.yaml")
    assert caught.value.param == "prompts/p.yaml.oops"


# --- routes: validated with the config's model schema ------------------------------------------------------


@pytest.mark.parametrize(("content", "field"), [
    ({}, "content.deployments"),
    ({"deployments": []}, "content.deployments"),
    ({"deployments": [{"provider": "p"}]}, "content.deployments.0.model"),
    ({"deployments": [{"provider": "p", "model": "m", "wieght": 2}]}, "content.deployments.0.wieght"),
    ({"deployments": [{"provider": "p", "model": "m", "weight": -1}]}, "content.deployments.0.weight"),
    ({**ROUTE, "strategy": "random"}, "content.strategy"),
    ({**ROUTE, "timeout_s": 0}, "content.timeout_s"),
    ({**ROUTE, "retries": 11}, "content.retries"),
    ({**ROUTE, "models": []}, "content.models"),
])
def test_route_content_is_validated_with_the_config_model_schema(content: dict[str, Any], field: str) -> None:
    assert refused("route", content, "gpt").param == field


def test_a_valid_route_is_kept_with_defaults_filled_in() -> None:
    normal = validate_content("route", "gpt", {**ROUTE, "strategy": "weighted", "fallbacks": ["small"],
                                               "attempt_timeout_s": 10})
    assert normal["deployments"] == [{"provider": "openai", "model": "gpt-4o-mini-2024-07-18", "weight": 1.0,
                                      "input_cost_per_mtok": 0.0, "output_cost_per_mtok": 0.0}]
    assert (normal["strategy"], normal["fallbacks"], normal["attempt_timeout_s"]) == ("weighted", ["small"], 10.0)


# --- datasets and guard policies ---------------------------------------------------------------------------


def test_dataset_rows_are_kept_as_given() -> None:
    rows = [{"input": "hi", "expected": None, "tags": ["a"]}, {"input": "bye", "meta": {"n": 1.5}}, {}]
    assert validate_content("dataset", "golden", {"rows": rows, "description": "golden set"}) == {
        "rows": rows, "description": "golden set"}


@pytest.mark.parametrize(("content", "field"), [
    ({}, "content.rows"),
    ({"rows": []}, "content.rows"),
    ({"rows": [{"a": 1}, "not an object"]}, "content.rows.1"),
    ({"rows": [[1, 2]]}, "content.rows.0"),
    ({"rows": [{"a": 1}], "columns": ["a"]}, "content.columns"),
])
def test_bad_datasets_name_the_field(content: dict[str, Any], field: str) -> None:
    assert refused("dataset", content, "golden").param == field


def test_a_guard_policy_is_any_mapping_kept_as_given() -> None:
    policy = {"pii": {"mode": "redact", "entities": ["email", "phone"]}, "max_chars": 4000, "nested": {"x": None}}
    assert validate_content("guard_policy", "default", policy) == policy


def test_a_guard_policy_keeps_top_level_null_values() -> None:
    """'any mapping is kept as given': an explicit null is a value the guardrails may act on."""
    policy = {"pii": None, "max_chars": 4000}
    assert validate_content("guard_policy", "default", policy) == policy


def test_a_guard_policy_must_be_a_mapping() -> None:
    assert refused("guard_policy", ["block", "pii"], "default").param == "content"


# --- names and kinds -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["support-reply", "a", "A.b_c-9", "9lives", "x" * 128])
def test_valid_names(name: str) -> None:
    assert validate_content("dataset", name, {"rows": [{}]}) == {"rows": [{}]}


@pytest.mark.parametrize("name", ["", "-lead", ".hidden", "_x", "has space", "a/b", "a:b", "a@b", "x" * 129, "é",
                                  "greet\n", "greet\r\n", "\ngreet", "greet\t"])
def test_invalid_names_are_refused(name: str) -> None:
    error = refused("prompt", PROMPT, name)
    assert error.param == "name"
    assert error.message.startswith(f"name: {name!r} is not a valid artifact name")


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(UnprocessableError) as caught:
        validate_content("widget", "p", PROMPT)
    assert caught.value.param == "kind"
    assert caught.value.message == "kind: must be one of prompt, route, dataset, guard_policy (got 'widget')"
