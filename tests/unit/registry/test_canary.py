"""Canary assignment (sticky, hash-based) and the automatic-rollback judgement."""

from __future__ import annotations

import pytest

from quarterdeck.registry import CanaryPolicy, assign_canary, judge_canary
from quarterdeck.registry.canary import p95

USERS = [f"user-{i}" for i in range(20_000)]


# --- assignment ----------------------------------------------------------------------------------------------


def test_assignment_is_deterministic_per_release_and_user() -> None:
    first = [assign_canary("rel_a", user, 0.3) for user in USERS[:2000]]
    again = [assign_canary("rel_a", user, 0.3) for user in USERS[:2000]]
    assert first == again


def test_assignment_differs_across_releases() -> None:
    a = [assign_canary("rel_a", user, 0.5) for user in USERS[:2000]]
    b = [assign_canary("rel_b", user, 0.5) for user in USERS[:2000]]
    assert a != b
    # independent draws: about half the users get a different answer, not a shifted copy of the same split
    differing = sum(x != y for x, y in zip(a, b, strict=True)) / len(a)
    assert 0.4 < differing < 0.6


def test_a_user_in_the_canary_stays_in_it_when_the_weight_grows() -> None:
    small = {user for user in USERS[:5000] if assign_canary("rel_a", user, 0.1)}
    large = {user for user in USERS[:5000] if assign_canary("rel_a", user, 0.4)}
    assert small <= large


@pytest.mark.parametrize("weight", [0.05, 0.2, 0.5])
def test_share_over_many_users_matches_the_weight(weight: float) -> None:
    share = sum(assign_canary("rel_share", user, weight) for user in USERS) / len(USERS)
    assert abs(share - weight) <= 0.015, share


@pytest.mark.parametrize("weight", [0.0, -0.5])
def test_weight_zero_never_assigns_the_canary(weight: float) -> None:
    assert not any(assign_canary("rel_a", user, weight) for user in USERS[:5000])
    assert not any(assign_canary("rel_a", None, weight) for _ in range(1000))


def test_weight_one_always_assigns_the_canary() -> None:
    assert all(assign_canary("rel_a", user, 1.0) for user in USERS[:1000])


def test_without_a_user_the_assignment_is_random_at_the_weight() -> None:
    draws = [assign_canary("rel_a", None, 0.3) for _ in range(20_000)]
    assert abs(sum(draws) / len(draws) - 0.3) <= 0.015


def test_the_separator_keeps_release_and_user_apart() -> None:
    """("rel_1", "2x") and ("rel_12", "x") must not hash the same text."""
    pairs = [(f"rel_{i}", f"{j}u") for i in range(50) for j in range(10)]
    joined = [(r + u[0], u[1:]) for r, u in pairs]
    assert [assign_canary(r, u, 0.5) for r, u in pairs] != [assign_canary(r, u, 0.5) for r, u in joined]


# --- p95 -----------------------------------------------------------------------------------------------------


def test_p95_is_the_nearest_rank() -> None:
    assert p95([float(v) for v in range(1, 101)]) == 95.0
    assert p95([float(v) for v in range(100, 0, -1)]) == 95.0  # order does not matter
    assert p95([7.0]) == 7.0
    assert p95([1.0, 2.0]) == 2.0
    assert p95([float(v) for v in range(1, 21)]) == 19.0


# --- judgement -------------------------------------------------------------------------------------------------

POLICY = CanaryPolicy(weight=0.2, min_requests=50, max_error_rate_delta=0.05, max_p95_ratio=2.0)


def requests(count: int, *, errors: int = 0, status: int = 500, ms: float = 100.0) -> list[tuple[int, float]]:
    return [(status, ms)] * errors + [(200, ms)] * (count - errors)


def test_below_min_requests_nothing_is_judged() -> None:
    outcomes = {"stable": requests(500), "canary": requests(49, errors=49)}
    assert judge_canary(outcomes, POLICY) is None
    assert judge_canary({"canary": requests(49, errors=49)}, POLICY) is None
    assert judge_canary({}, POLICY) is None


def test_error_rate_breach_gives_the_numbers() -> None:
    outcomes = {"stable": requests(100, errors=1), "canary": requests(50, errors=10)}
    assert judge_canary(outcomes, POLICY) == (
        "canary error rate 20.0% over 50 requests exceeds stable's 1.0% by more than 5.0%")


def test_error_rate_is_judged_at_exactly_min_requests() -> None:
    assert judge_canary({"stable": requests(50), "canary": requests(50, errors=50)}, POLICY) is not None


def test_error_rate_within_the_delta_is_healthy() -> None:
    # canary 6%, stable 2%: 4 points above, within 5
    assert judge_canary({"stable": requests(100, errors=2), "canary": requests(100, errors=6)}, POLICY) is None
    # both equally bad: the canary is not to blame
    assert judge_canary({"stable": requests(100, errors=40), "canary": requests(100, errors=40)}, POLICY) is None


def test_error_rate_without_stable_traffic_compares_with_zero() -> None:
    breach = judge_canary({"canary": requests(50, errors=5)}, POLICY)
    assert breach == "canary error rate 10.0% over 50 requests exceeds stable's 0.0% by more than 5.0%"


@pytest.mark.parametrize("status", [400, 401, 404, 409, 422, 429, 499])
def test_client_errors_are_not_errors(status: int) -> None:
    outcomes = {"stable": requests(100), "canary": requests(100, errors=100, status=status)}
    assert judge_canary(outcomes, POLICY) is None


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_errors(status: int) -> None:
    outcomes = {"stable": requests(100), "canary": requests(100, errors=10, status=status)}
    assert judge_canary(outcomes, POLICY) is not None


def test_p95_breach_gives_the_numbers() -> None:
    outcomes = {"stable": requests(100, ms=100.0), "canary": requests(50, ms=250.0)}
    assert judge_canary(outcomes, POLICY) == (
        "canary p95 latency 250 ms exceeds 2x stable's 100 ms (by more than 50 ms)")


def test_p95_breach_needs_a_minimum_increase_in_ms() -> None:
    """3x slower but 4 ms more (a cached or tiny route): no rollback unless the policy asks for it."""
    outcomes = {"stable": requests(100, ms=2.0), "canary": requests(50, ms=6.0)}
    assert judge_canary(outcomes, POLICY) is None
    assert judge_canary(outcomes, CanaryPolicy(max_p95_ratio=2.0, min_p95_increase_ms=0)) == (
        "canary p95 latency 6 ms exceeds 2x stable's 2 ms (by more than 0 ms)")
    assert judge_canary({"stable": requests(100, ms=100.0), "canary": requests(50, ms=240.0)},
                        CanaryPolicy(max_p95_ratio=2.0, min_p95_increase_ms=150)) is None  # 140 ms more


def test_p95_within_the_ratio_is_healthy() -> None:
    assert judge_canary({"stable": requests(100, ms=100.0), "canary": requests(50, ms=200.0)}, POLICY) is None


def test_p95_uses_the_tail_not_the_mean() -> None:
    stable = requests(100, ms=100.0)
    slow_tail = requests(90, ms=50.0) + requests(10, ms=1000.0)  # mean 145 ms, p95 1000 ms
    assert judge_canary({"stable": stable, "canary": slow_tail}, POLICY) == (
        "canary p95 latency 1000 ms exceeds 2x stable's 100 ms (by more than 50 ms)")
    few_slow = requests(97, ms=100.0) + requests(3, ms=10_000.0)  # p95 still 100 ms
    assert judge_canary({"stable": stable, "canary": few_slow}, POLICY) is None


def test_p95_needs_min_requests_successful_stable_requests() -> None:
    slow = requests(50, ms=1000.0)
    assert judge_canary({"stable": requests(49, ms=10.0), "canary": slow}, POLICY) is None
    assert judge_canary({"stable": requests(60, errors=11, ms=10.0), "canary": slow}, CanaryPolicy(
        max_error_rate_delta=1.0)) is None  # only 49 successful stable requests
    assert judge_canary({"stable": requests(50, ms=10.0), "canary": slow}, POLICY) is not None


def test_p95_ignores_failed_requests() -> None:
    """Only successful latencies count: failures are judged by the error rate, not the p95."""
    policy = CanaryPolicy(min_requests=50, max_error_rate_delta=1.0, max_p95_ratio=2.0)
    stable = requests(100, ms=100.0) + [(500, 1.0)] * 20
    canary = requests(100, ms=150.0) + [(504, 60_000.0)] * 20  # timeouts: counted, p95 would be 60 s
    assert judge_canary({"stable": stable, "canary": canary}, policy) is None


def test_error_rate_is_checked_before_latency() -> None:
    outcomes = {"stable": requests(100, ms=100.0), "canary": requests(100, errors=50, ms=900.0)}
    breach = judge_canary(outcomes, POLICY)
    assert breach is not None and breach.startswith("canary error rate 50.0%")


def test_healthy_canary() -> None:
    outcomes = {"stable": requests(1000, errors=5, ms=120.0), "canary": requests(200, errors=1, ms=130.0)}
    assert judge_canary(outcomes, POLICY) is None


def test_thresholds_come_from_the_policy() -> None:
    outcomes = {"stable": requests(20, ms=100.0), "canary": requests(20, errors=2, ms=160.0)}
    assert judge_canary(outcomes, CanaryPolicy(min_requests=20, max_error_rate_delta=0.2)) is None
    assert judge_canary(outcomes, CanaryPolicy(min_requests=20, max_error_rate_delta=0.05)) is not None
    assert judge_canary(outcomes, CanaryPolicy(min_requests=20, max_error_rate_delta=0.5,
                                               max_p95_ratio=1.2)) == (
        "canary p95 latency 160 ms exceeds 1.2x stable's 100 ms (by more than 50 ms)")
