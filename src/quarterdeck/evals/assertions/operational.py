"""Operational bounds: ``latency`` (``latency_ms <= threshold``) and ``cost`` (``cost_usd <= threshold``).

Both need a ``threshold`` (milliseconds, US dollars) and take no ``value``; the score is 1.0 or 0.0.
"""

from __future__ import annotations

from quarterdeck.evals.assertions.base import Call, Kind, Measure, ThresholdRule, binary, need_no_value

__all__ = ["KINDS"]

_BOUND = ThresholdRule(None, unit=False, required=True)


async def _latency(call: Call) -> Measure:
    latency = call.output.latency_ms
    passed = latency <= call.limit
    return binary(passed, f"latency {latency:g} ms {'<=' if passed else '>'} threshold {call.limit:g} ms")


async def _cost(call: Call) -> Measure:
    cost = call.output.cost_usd
    passed = cost <= call.limit
    return binary(passed, f"cost ${cost:.6g} {'<=' if passed else '>'} threshold ${call.limit:.6g}")


KINDS = (
    Kind("latency", _latency, need_no_value, _BOUND),
    Kind("cost", _cost, need_no_value, _BOUND),
)
