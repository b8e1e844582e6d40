"""String assertions: details beyond the pass/fail table."""

from __future__ import annotations

from typing import Any

import pytest

from quarterdeck.evals.assertions import AssertionResult, AssertionSpec, Output, check


async def run(type_: str, text: str | None, value: Any = None) -> AssertionResult:
    return await check(AssertionSpec(type=type_, value=value), Output(text, [], 1.0, 0.0), {})


async def test_icontains_uses_unicode_casefold() -> None:
    assert (await run("icontains", "Die STRASSE ist lang", "straße")).passed is True
    assert (await run("icontains-all", "ÉCOLE and Ørsted", ["école", "ØRSTED"])).passed is True


@pytest.mark.parametrize(
    ("type_", "value", "ok", "reason"),
    [
        ("contains-any", "lyon, paris ,nice", True, "contains 'paris'"),
        ("contains-any", ["x", "y"], False, "none of 'x', 'y'"),
        ("contains-all", "paris,lyon", False, "lacks 'lyon'"),
        ("contains-all", ["paris", "rome"], True, "all 2 strings"),
    ],
)
async def test_any_and_all_take_lists_or_comma_separated_strings(type_: str, value: Any, ok: bool,
                                                                 reason: str) -> None:
    result = await run(type_, "paris and rome", value)
    assert result.passed is ok
    assert reason in result.reason


async def test_regex_searches_and_reports_the_match() -> None:
    result = await run("regex", "Order #12345 shipped", r"#(\d+)")
    assert result.passed is True and "'#12345'" in result.reason
    assert (await run("regex", "abc", "^b")).passed is False


async def test_no_text_reads_as_empty() -> None:
    assert (await run("contains", None, "x")).passed is False
    assert (await run("not-contains", None, "x")).passed is True
    assert (await run("equals", None, "")).passed is True


async def test_equals_is_exact_and_says_what_differs() -> None:
    result = await run("equals", "Paris ", "Paris")
    assert result.passed is False and "'Paris ' != 'Paris'" in result.reason


async def test_long_text_is_shortened_in_reasons() -> None:
    result = await run("starts-with", "y" * 500, "x" * 200)
    assert result.passed is False and len(result.reason) < 150


async def test_is_refusal_assertion() -> None:
    assert (await run("is-refusal", "I can\u2019t help with that request.")).passed is True
    assert (await run("not-is-refusal", "Here is the summary you asked for.")).passed is True
