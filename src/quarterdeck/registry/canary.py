"""Canary assignment (sticky, hash-based) and the automatic-rollback judgement."""

from __future__ import annotations

import hashlib
import math
import os

from quarterdeck.registry.policy import CanaryPolicy

__all__ = ["assign_canary", "judge_canary", "p95"]

_SCALE = float(1 << 64)
SERVER_ERROR = 500
_EPSILON = 1e-9  # rates exactly at a threshold are not a breach, whatever the float rounding


def assign_canary(release_id: str, sticky_id: str | None, weight: float) -> bool:
    """Whether this caller gets the canary. The same (release, user or session) always gets the same
    answer; without an id each request is drawn at random."""
    if weight <= 0:
        return False
    if sticky_id is None:
        return int.from_bytes(os.urandom(8), "big") / _SCALE < weight
    digest = hashlib.sha256(f"{release_id}\x00{sticky_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / _SCALE < weight


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def judge_canary(outcomes: dict[str, list[tuple[int, float]]], policy: CanaryPolicy) -> str | None:
    """Why the canary must be rolled back, or None (healthy, or too few requests to judge yet).

    ``outcomes`` maps variant (stable / canary) to (status, latency ms) of logged requests. An error
    is a 5xx answer (the gateway's or the upstream's fault), not a client error.
    """
    canary = outcomes.get("canary", [])
    if len(canary) < policy.min_requests:
        return None
    stable = outcomes.get("stable", [])
    canary_errors = sum(1 for status, _ in canary if status >= SERVER_ERROR) / len(canary)
    stable_errors = (sum(1 for status, _ in stable if status >= SERVER_ERROR) / len(stable)) if stable else 0.0
    if canary_errors - stable_errors > policy.max_error_rate_delta + _EPSILON:
        return (f"canary error rate {canary_errors:.1%} over {len(canary)} requests exceeds stable's "
                f"{stable_errors:.1%} by more than {policy.max_error_rate_delta:.1%}")
    ok_canary = [ms for status, ms in canary if status < SERVER_ERROR]
    ok_stable = [ms for status, ms in stable if status < SERVER_ERROR]
    if len(ok_stable) >= policy.min_requests and ok_canary:
        canary_p95, stable_p95 = p95(ok_canary), p95(ok_stable)
        slower = canary_p95 - stable_p95 > policy.min_p95_increase_ms
        if stable_p95 > 0 and canary_p95 > policy.max_p95_ratio * stable_p95 and slower:
            return (f"canary p95 latency {canary_p95:.0f} ms exceeds {policy.max_p95_ratio:g}x stable's "
                    f"{stable_p95:.0f} ms (by more than {policy.min_p95_increase_ms:g} ms)")
    return None
