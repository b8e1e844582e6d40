"""Prompt references and template rendering: what a caller of ``prompt:NAME...`` relies on."""

from __future__ import annotations

import re
from typing import Any

import pytest

from quarterdeck.errors import InvalidRequestError, MissingVariableError
from quarterdeck.registry import PromptRef, parse_prompt_ref, render_prompt, template_variables


def prompt(*contents: str, role: str = "user") -> dict[str, Any]:
    return {"model": "gpt", "messages": [{"role": role, "content": text} for text in contents]}


# --- references -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "canonical"),
    [
        ("prompt:support-reply@production", PromptRef("support-reply", "production", None),
         "prompt:support-reply@production"),
        ("prompt:support-reply@staging", PromptRef("support-reply", "staging", None), "prompt:support-reply@staging"),
        ("prompt:support-reply:3", PromptRef("support-reply", None, 3), "prompt:support-reply:3"),
        ("prompt:support-reply", PromptRef("support-reply", "production", None), "prompt:support-reply@production"),
        ("prompt:a.b_c-9@canary-2.x_y", PromptRef("a.b_c-9", "canary-2.x_y", None), "prompt:a.b_c-9@canary-2.x_y"),
        ("prompt:x:007", PromptRef("x", None, 7), "prompt:x:7"),
        ("prompt:x:123456789", PromptRef("x", None, 123456789), "prompt:x:123456789"),
    ],
)
def test_prompt_references_parse(text: str, expected: PromptRef, canonical: str) -> None:
    ref = parse_prompt_ref(text)
    assert ref == expected
    assert ref.text == canonical
    assert parse_prompt_ref(ref.text) == ref  # the canonical text parses back to the same reference


def test_a_bare_name_means_the_production_label() -> None:
    assert parse_prompt_ref("prompt:greet").text == parse_prompt_ref("prompt:greet@production").text


@pytest.mark.parametrize(
    "text",
    [
        "gpt-4o",                       # a plain model name
        "prompt:",                      # no name
        "PROMPT:greet",                 # the prefix is lower case
        "prompt :greet",
        "prompt:greet@",                # empty label
        "prompt:greet:",                # empty version
        "prompt:greet:v1",              # version not a number
        "prompt:greet:-1",
        "prompt:greet:1.5",
        "prompt:greet:1234567890",      # more than nine digits
        "prompt:greet:1:2",
        "prompt:greet@a@b",
        "prompt:greet@prod:3",          # label and version together
        "prompt:greet@pro duction",     # space in the label
        "prompt:-greet",                # name starts with a dash
        "prompt:.greet",
        "prompt:gr eet",
        "prompt:gr/eet",
        "prompt:" + "a" * 129,          # name too long
        "prompt:greet@" + "l" * 101,    # label too long
        " prompt:greet",
        "prompt:greet ",
        "prompt:greet\n",
    ],
)
def test_bad_references_are_refused_naming_the_text_and_the_forms(text: str) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        parse_prompt_ref(text)
    error = caught.value
    assert error.param == "model"
    assert error.status == 400
    assert error.message == (f"'{text}' is not a prompt reference: write prompt:NAME@LABEL or "
                             "prompt:NAME:VERSION")


def test_longest_valid_name_and_label_are_accepted() -> None:
    name, label = "a" * 128, "l" * 100
    assert parse_prompt_ref(f"prompt:{name}@{label}") == PromptRef(name, label, None)


# --- variables --------------------------------------------------------------------------------------


def test_template_variables_in_order_of_first_use_without_duplicates() -> None:
    content = prompt("You answer about {{product}} for {{ customer }}.", "{{question}} ({{product}}, {{customer}})",
                     role="system")
    assert template_variables(content) == ["product", "customer", "question"]


def test_template_variables_of_a_prompt_without_placeholders() -> None:
    assert template_variables(prompt("no variables here")) == []
    assert template_variables({}) == []


@pytest.mark.parametrize("placeholder", ["{{name}}", "{{ name }}", "{{  name\t}}", "{{name }}", "{{ name}}"])
def test_spaced_placeholders(placeholder: str) -> None:
    content = prompt(f"Hello {placeholder}!")
    assert template_variables(content) == ["name"]
    assert render_prompt(content, {"name": "Ada"}, "prompt:p:1") == [{"role": "user", "content": "Hello Ada!"}]


def test_render_fills_every_message_and_keeps_roles() -> None:
    content = {
        "model": "gpt",
        "messages": [
            {"role": "system", "content": "You answer questions about {{product}}. Be brief."},
            {"role": "assistant", "content": "Ready."},
            {"role": "user", "content": "{{question}}"},
        ],
        "params": {"temperature": 0.2},
    }
    rendered = render_prompt(content, {"product": "Quarterdeck", "question": "How do I rotate a key?"}, "p")
    assert rendered == [
        {"role": "system", "content": "You answer questions about Quarterdeck. Be brief."},
        {"role": "assistant", "content": "Ready."},
        {"role": "user", "content": "How do I rotate a key?"},
    ]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (42, "42"),
        (2.5, "2.5"),
        (True, "true"),
        (False, "false"),
        (None, "null"),
        ([1, "two", None], '[1,"two",null]'),
        ({"b": 1, "a": [True]}, '{"b":1,"a":[true]}'),
        ("already text", "already text"),
        ("", ""),
        ('"quoted"', '"quoted"'),  # a string is inserted as is, not JSON-encoded
    ],
)
def test_values_that_are_not_strings_are_inserted_as_json(value: Any, text: str) -> None:
    assert render_prompt(prompt("<{{v}}>"), {"v": value}, "p")[0]["content"] == f"<{text}>"


def test_unused_variables_are_ignored() -> None:
    assert render_prompt(prompt("{{a}}"), {"a": "x", "extra": "y"}, "p") == [{"role": "user", "content": "x"}]


def test_every_missing_variable_is_named_in_order_in_one_error() -> None:
    content = prompt("{{ product }} and {{question}}", "{{tone}} {{product}} {{given}} {{audience}}")
    with pytest.raises(MissingVariableError) as caught:
        render_prompt(content, {"given": "g"}, "prompt:support-reply@production")
    error = caught.value
    assert error.code == "missing_variable" and error.status == 422
    assert error.param == "variables.product"
    assert error.message == (
        "The prompt 'prompt:support-reply@production' needs the variable(s) 'product', 'question', 'tone', "
        "'audience'; pass them in the request's 'variables' object (or the X-Quarterdeck-Variables header as JSON).")


def test_one_missing_variable() -> None:
    with pytest.raises(MissingVariableError, match=r"needs the variable\(s\) 'question';") as caught:
        render_prompt(prompt("{{question}}"), {}, "prompt:p:2")
    assert "'prompt:p:2'" in caught.value.message
    assert caught.value.param == "variables.question"


def test_a_variable_given_as_null_is_not_missing() -> None:
    assert render_prompt(prompt("{{x}}"), {"x": None}, "p")[0]["content"] == "null"


# --- no code execution, no re-expansion ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["__class__", "__globals__", "__import__", "self", "config", "os.system", "a-b"])
def test_dunder_and_dotted_names_are_just_variable_names(name: str) -> None:
    content = prompt("{{" + name + "}}")
    assert template_variables(content) == [name]
    assert render_prompt(content, {name: "plain"}, "p")[0]["content"] == "plain"
    with pytest.raises(MissingVariableError, match=re.escape(f"'{name}'")):
        render_prompt(content, {}, "p")


def test_a_dotted_name_is_looked_up_literally_not_as_an_attribute() -> None:
    content = prompt("{{user.name}}")
    with pytest.raises(MissingVariableError, match=r"'user\.name'"):
        render_prompt(content, {"user": {"name": "Ada"}}, "p")
    assert render_prompt(content, {"user.name": "Ada"}, "p")[0]["content"] == "Ada"


@pytest.mark.parametrize(
    "text",
    [
        "{single}",
        "{{}}",
        "{{ }}",
        "{{1abc}}",
        "{{ a b }}",
        "{{a + b}}",
        "{{ x|upper }}",
        "{{ x() }}",
        "{% for x in y %}{{% endfor %}",
        "{{ ''.__class__.__mro__ }}",
        "${x} %(x)s {0} {x!r}",
        "{ {x} }",
        "{{x}",
        "{x}}",
        "JSON: {\"a\": {\"b\": 1}}",
    ],
)
def test_braces_that_are_not_placeholders_stay_as_text(text: str) -> None:
    content = prompt(text)
    assert template_variables(content) == []
    assert render_prompt(content, {"x": "X", "a": "A", "y": [1]}, "p")[0]["content"] == text


def test_triple_braces_keep_the_outer_brace() -> None:
    assert render_prompt(prompt("{{{x}}}"), {"x": "v"}, "p")[0]["content"] == "{v}"


def test_values_are_not_expanded_again() -> None:
    """A value that looks like a placeholder (or a regex back-reference) is inserted literally."""
    content = prompt("{{a}} / {{b}}")
    rendered = render_prompt(content, {"a": "{{b}}", "b": r"\1 \g<0> {{a}}"}, "p")
    assert rendered[0]["content"] == r"{{b}} / \1 \g<0> {{a}}"


def test_rendering_does_not_modify_the_stored_content() -> None:
    content = prompt("{{a}}")
    render_prompt(content, {"a": "x"}, "p")
    assert content["messages"][0]["content"] == "{{a}}"
