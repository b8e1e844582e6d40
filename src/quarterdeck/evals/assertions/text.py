"""String checks on the output text: ``equals``, the ``contains`` family, ``starts-with``, ``regex``
and ``is-refusal``. All are pass/fail (score 1.0 or 0.0) and take no threshold.

``icontains*`` compare case-insensitively (Unicode casefold). ``contains-any``/``-all`` take a list of
strings, or — as promptfoo does — one comma-separated string. ``regex`` is Python ``re.search``
(the pattern may match anywhere; anchor it with ``^``/``$``); a variable rendered into a pattern is
inserted as written, not escaped.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from quarterdeck.evals.assertions.base import (
    Call,
    Kind,
    Measure,
    binary,
    need_no_value,
    need_text,
    need_texts,
    quote,
)
from quarterdeck.evals.assertions.structured import load_json, same_json
from quarterdeck.evals.refusal import is_refusal

__all__ = ["KINDS"]


def _check_equals_value(value: Any) -> None:
    if value is None:
        raise ValueError("'value' is missing: give the expected text (or a JSON value to compare parsed output)")


async def _equals(call: Call) -> Measure:
    if isinstance(call.value, str):
        same = call.text == call.value
        return binary(same, "output equals the value" if same else f"output {quote(call.text)} != {quote(call.value)}")
    try:
        parsed = load_json(call.text)
    except ValueError as exc:
        return binary(False, f"value is JSON but the output is not: {exc}")
    same = same_json(parsed, call.value)
    return binary(same, "output JSON equals the value" if same else "output JSON differs from the value")


def _needles(value: Any) -> list[str]:
    if isinstance(value, str):
        parts = [part.strip() for part in value.split(",")]
        return need_texts([part for part in parts if part])
    return need_texts(value)


def _check_needles(value: Any) -> None:
    _needles(value)


def _contains_check(*, fold: bool, mode: str) -> Callable[[Call], Awaitable[Measure]]:
    """The coroutine for contains / icontains (mode "one"), -any and -all."""

    async def run(call: Call) -> Measure:
        haystack = call.text.casefold() if fold else call.text
        needles = [need_text(call.value)] if mode == "one" else _needles(call.value)
        found = [needle for needle in needles if (needle.casefold() if fold else needle) in haystack]
        missing = [needle for needle in needles if needle not in found]
        if mode == "one":
            return binary(bool(found), f"output {'contains' if found else 'does not contain'} {quote(needles[0])}")
        if mode == "any":
            return binary(bool(found), f"output contains {quote(found[0])}" if found
                          else f"output contains none of {', '.join(quote(n) for n in needles)}")
        return binary(not missing, f"output contains all {len(needles)} strings" if not missing
                      else f"output lacks {', '.join(quote(n) for n in missing)}")

    return run


def _check_one_text(value: Any) -> None:
    need_text(value)


async def _starts_with(call: Call) -> Measure:
    prefix = need_text(call.value)
    ok = call.text.startswith(prefix)
    return binary(ok, f"output {'starts' if ok else 'does not start'} with {quote(prefix)}")


def _check_regex(value: Any) -> None:
    pattern = need_text(value)
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"'value' is not a valid regular expression: {exc}") from exc


async def _regex(call: Call) -> Measure:
    match = re.search(call.value, call.text)
    if match is None:
        return binary(False, f"no match for /{call.value}/")
    return binary(True, f"/{call.value}/ matched {quote(match.group(0))}")


async def _is_refusal(call: Call) -> Measure:
    refused = is_refusal(call.text)
    return binary(refused, "output is a refusal" if refused else "output is not a refusal")


KINDS = (
    Kind("equals", _equals, _check_equals_value),
    Kind("contains", _contains_check(fold=False, mode="one"), _check_one_text),
    Kind("icontains", _contains_check(fold=True, mode="one"), _check_one_text),
    Kind("contains-any", _contains_check(fold=False, mode="any"), _check_needles),
    Kind("contains-all", _contains_check(fold=False, mode="all"), _check_needles),
    Kind("icontains-any", _contains_check(fold=True, mode="any"), _check_needles),
    Kind("icontains-all", _contains_check(fold=True, mode="all"), _check_needles),
    Kind("starts-with", _starts_with, _check_one_text),
    Kind("regex", _regex, _check_regex),
    Kind("is-refusal", _is_refusal, need_no_value),
)
