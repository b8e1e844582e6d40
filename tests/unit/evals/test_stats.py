"""Statistics for eval runs, checked against SciPy and against hand-computed textbook values."""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np
import pytest
from scipy import stats as sps

from quarterdeck.evals.stats import (
    Interval,
    bootstrap_mean_interval,
    collapse_clusters,
    compare_runs,
    holm,
    mcnemar_exact,
    minimum_detectable_effect,
    paired_difference,
    wilcoxon_signed_rank,
    wilson_interval,
)

# ------------------------------------------------------------------------------------------------ Wilson


@pytest.mark.parametrize("confidence", [0.8, 0.9, 0.95, 0.99])
def test_wilson_matches_scipy_for_many_k_and_n(confidence: float) -> None:
    for n in [1, 2, 3, 5, 10, 17, 40, 100, 333, 1000]:
        for k in sorted({0, 1, n // 3, n // 2, n - 1, n}):
            ours = wilson_interval(k, n, confidence)
            ref = sps.binomtest(k, n).proportion_ci(confidence_level=confidence, method="wilson")
            assert ours.low == pytest.approx(ref.low, abs=1e-12), (k, n)
            assert ours.high == pytest.approx(ref.high, abs=1e-12), (k, n)
            assert ours.estimate == k / n
            assert 0.0 <= ours.low <= ours.estimate <= ours.high <= 1.0


def test_wilson_edges_and_default_confidence() -> None:
    assert wilson_interval(0, 20).low == 0.0
    assert wilson_interval(20, 20).high == 1.0
    # Textbook value: 81 successes of 263, 95% Wilson interval 0.2553 to 0.3662 (Newcombe 1998, Table II).
    interval = wilson_interval(81, 263)
    assert (round(interval.low, 4), round(interval.high, 4)) == (0.2553, 0.3662)


def test_wilson_empty_sample_is_uninformative() -> None:
    interval = wilson_interval(0, 0)
    assert (interval.low, interval.high) == (0.0, 1.0)
    assert math.isnan(interval.estimate)


# --------------------------------------------------------------------------------------------- bootstrap


def test_bootstrap_is_deterministic_for_a_seed() -> None:
    values = np.random.default_rng(7).normal(size=300).tolist()
    first = bootstrap_mean_interval(values, seed=3)
    assert bootstrap_mean_interval(values, seed=3) == first
    assert bootstrap_mean_interval(values, seed=4) != first
    assert first.estimate == pytest.approx(float(np.mean(values)))
    assert first.low < first.estimate < first.high


def test_bootstrap_coverage_on_normal_samples() -> None:
    rng = np.random.default_rng(2024)
    true_mean = 1.5
    hits = 0
    simulations = 200
    for i in range(simulations):
        sample = rng.normal(true_mean, 2.0, size=60)
        hits += bootstrap_mean_interval(sample.tolist(), resamples=2000, seed=i).contains(true_mean)
    assert 0.88 <= hits / simulations <= 0.99


def test_bootstrap_width_tracks_confidence() -> None:
    values = np.random.default_rng(1).normal(size=200).tolist()
    narrow = bootstrap_mean_interval(values, confidence=0.8)
    wide = bootstrap_mean_interval(values, confidence=0.99)
    assert wide.low < narrow.low < narrow.high < wide.high


def _correlated_repeats(cases: int = 30, repeats: int = 5, seed: int = 11) -> tuple[list[float], list[int]]:
    rng = np.random.default_rng(seed)
    case_effect = rng.normal(0.0, 1.0, size=cases)
    values = [float(case_effect[c] + rng.normal(0.0, 0.05)) for c in range(cases) for _ in range(repeats)]
    clusters = [c for c in range(cases) for _ in range(repeats)]
    return values, clusters


def test_cluster_bootstrap_is_wider_than_naive_for_correlated_repeats() -> None:
    values, clusters = _correlated_repeats()
    naive = bootstrap_mean_interval(values)
    clustered = bootstrap_mean_interval(values, clusters=clusters)
    assert clustered.estimate == pytest.approx(naive.estimate)
    # Five near-identical repeats per case: the honest interval is about sqrt(5) times wider.
    assert clustered.width > 1.8 * naive.width
    assert clustered.width == pytest.approx(math.sqrt(5) * naive.width, rel=0.25)


def test_cluster_bootstrap_with_singleton_clusters_equals_naive() -> None:
    values = np.random.default_rng(5).normal(size=100).tolist()
    assert bootstrap_mean_interval(values, clusters=list(range(100))) == bootstrap_mean_interval(values)


def test_cluster_bootstrap_accepts_any_hashable_ids() -> None:
    interval = bootstrap_mean_interval([1.0, 1.0, 0.0, 0.0, 1.0], clusters=["x", "x", ("y", 1), ("y", 1), None])
    assert interval.estimate == pytest.approx(0.6)
    assert 0.0 <= interval.low <= interval.high <= 1.0


def test_bootstrap_of_one_value_is_degenerate() -> None:
    assert bootstrap_mean_interval([0.25]) == Interval(0.25, 0.25, 0.25)


def test_bootstrap_performance() -> None:
    values = np.random.default_rng(0).normal(size=2000).tolist()
    start = time.perf_counter()
    bootstrap_mean_interval(values, resamples=10_000)
    assert time.perf_counter() - start < 2.0


# --------------------------------------------------------------------------------------- paired difference


def test_paired_difference_is_b_minus_a() -> None:
    rng = np.random.default_rng(3)
    a = rng.normal(size=80)
    b = a + 0.4 + rng.normal(scale=0.1, size=80)
    result = paired_difference(a.tolist(), b.tolist())
    assert result.mean_diff == pytest.approx(float(np.mean(b - a)))
    assert result.n_pairs == result.n_clusters == 80
    assert 0.3 < result.interval.low < result.mean_diff < result.interval.high < 0.5
    assert result.interval == bootstrap_mean_interval((b - a).tolist())
    reverse = paired_difference(b.tolist(), a.tolist())
    assert reverse.mean_diff == pytest.approx(-result.mean_diff)


def test_paired_difference_is_much_tighter_than_unpaired_spread() -> None:
    rng = np.random.default_rng(4)
    a = rng.normal(0, 3, size=50)
    b = a + 0.2 + rng.normal(scale=0.05, size=50)
    result = paired_difference(a.tolist(), b.tolist())
    assert result.interval.width < 0.1


def test_paired_difference_with_clusters_and_booleans() -> None:
    a = [True, True, False, False, True, True]
    b = [True, True, True, True, False, False]
    result = paired_difference(a, b, clusters=["c1", "c1", "c2", "c2", "c3", "c3"])
    assert result.mean_diff == pytest.approx(0.0)
    assert (result.n_pairs, result.n_clusters) == (6, 3)
    assert result.interval.low == pytest.approx(-1.0)
    assert result.interval.high == pytest.approx(1.0)


def test_collapse_clusters_keeps_first_appearance_order() -> None:
    keys, means = collapse_clusters([1.0, 0.0, 3.0, 1.0, 5.0], ["b", "a", "b", "a", "c"])
    assert keys == ["b", "a", "c"]
    assert means == [2.0, 0.5, 5.0]


# -------------------------------------------------------------------------------------------------- McNemar


def test_mcnemar_textbook_example() -> None:
    # Fagerland, Lydersen & Laake (2013), BMC Med Res Methodol 13:91: 21 matched pairs with discordant
    # counts 1 and 7; exact conditional McNemar p = 0.070 (= 2 * (1 + 8) / 2**8 = 18/256).
    a = [True] * 1 + [True] * 1 + [False] * 7 + [False] * 12
    b = [True] * 1 + [False] * 1 + [True] * 7 + [False] * 12
    result = mcnemar_exact(a, b)
    assert (result.b01, result.b10) == (7, 1)
    assert result.statistic == 1.0
    assert result.p_value == pytest.approx(18 / 256)
    assert round(result.p_value, 3) == 0.070
    assert result.method == "mcnemar-exact"
    assert mcnemar_exact(b, a).p_value == pytest.approx(result.p_value)


def test_mcnemar_matches_scipy_binomtest_on_discordant_counts() -> None:
    rng = np.random.default_rng(9)
    for trial in range(50):
        n = int(rng.integers(1, 120))
        a = rng.random(n) < rng.random()
        b = np.where(rng.random(n) < 0.3, ~a, a) if trial % 2 else rng.random(n) < 0.5
        result = mcnemar_exact(a.tolist(), b.tolist())
        b01 = int(np.sum(~a & b))
        b10 = int(np.sum(a & ~b))
        assert (result.b01, result.b10) == (b01, b10)
        expected = 1.0 if b01 + b10 == 0 else sps.binomtest(b01, b01 + b10, 0.5).pvalue
        assert result.p_value == pytest.approx(expected, rel=1e-12)


def test_mcnemar_without_discordant_pairs() -> None:
    result = mcnemar_exact([True, False, True], [1, 0, 1])  # type: ignore[list-item]
    assert (result.p_value, result.b01, result.b10, result.statistic) == (1.0, 0, 0, 0.0)


# ------------------------------------------------------------------------------------------------- Wilcoxon


@pytest.mark.parametrize("n", [5, 12, 30, 80])
def test_wilcoxon_matches_scipy(n: int) -> None:
    rng = np.random.default_rng(n)
    a = rng.normal(size=n)
    b = a + rng.normal(0.3, 1.0, size=n)
    ours = wilcoxon_signed_rank(a.tolist(), b.tolist())
    ref = sps.wilcoxon(b, a, zero_method="pratt")
    assert ours.p_value == pytest.approx(float(ref.pvalue), rel=1e-12)
    assert ours.statistic == pytest.approx(float(ref.statistic))
    assert ours.b01 == int(np.sum(b > a))
    assert ours.b10 == int(np.sum(b < a))
    assert ours.method == "wilcoxon-signed-rank"


@pytest.mark.parametrize("n", [8, 40])
def test_wilcoxon_matches_scipy_with_ties_and_zeros(n: int) -> None:
    rng = np.random.default_rng(100 + n)
    a = rng.integers(0, 5, size=n).astype(float)
    b = np.clip(a + rng.integers(-1, 3, size=n), 0, 5).astype(float)
    assert np.any(a == b)
    ours = wilcoxon_signed_rank(a.tolist(), b.tolist())
    ref = sps.wilcoxon(b, a, zero_method="pratt")
    assert ours.p_value == pytest.approx(float(ref.pvalue), rel=1e-12)
    assert wilcoxon_signed_rank(a.tolist(), b.tolist()) == ours  # deterministic


def test_wilcoxon_all_zero_differences_gives_p_one() -> None:
    result = wilcoxon_signed_rank([0.5, 0.7, 0.1], [0.5, 0.7, 0.1])
    assert (result.statistic, result.p_value, result.b01, result.b10) == (0.0, 1.0, 0, 0)


# ---------------------------------------------------------------------------------------------------- Holm


def test_holm_hand_example() -> None:
    # sorted: 0.005*4=0.02, 0.01*3=0.03, 0.03*2=0.06, 0.04*1=0.04 -> running max 0.06
    assert holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])


def test_holm_caps_at_one_and_is_monotone() -> None:
    assert holm([0.5, 0.6]) == [1.0, 1.0]
    rng = np.random.default_rng(0)
    raw = rng.random(25) ** 3
    adjusted = np.array(holm(raw.tolist()))
    order = np.argsort(raw)
    assert np.all(np.diff(adjusted[order]) >= 0)
    assert np.all(adjusted >= raw)
    assert np.all(adjusted <= 1.0)


def test_holm_trivial_cases() -> None:
    assert holm([]) == []
    assert holm([0.2]) == [0.2]
    assert holm([0.01, 0.01]) == [0.02, 0.02]


# ----------------------------------------------------------------------------------------------------- MDE


def test_mde_for_scores_matches_formula() -> None:
    expected = (sps.norm.ppf(0.975) + sps.norm.ppf(0.8)) * 1.0 / 10.0
    assert minimum_detectable_effect(100, sd=1.0) == pytest.approx(expected)
    assert minimum_detectable_effect(100, sd=1.0) == pytest.approx(0.2802, abs=1e-4)


def test_mde_for_pass_rates_matches_formula() -> None:
    expected = (sps.norm.ppf(0.975) + sps.norm.ppf(0.8)) * math.sqrt(2 * 0.5 * 0.5 / 100)
    assert minimum_detectable_effect(100, baseline_rate=0.5) == pytest.approx(expected)
    assert minimum_detectable_effect(100, baseline_rate=0.9) < minimum_detectable_effect(100, baseline_rate=0.5)


@pytest.mark.parametrize("kwargs", [{"sd": 0.7}, {"baseline_rate": 0.3}])
def test_mde_shrinks_as_one_over_sqrt_n(kwargs: dict[str, float]) -> None:
    base = minimum_detectable_effect(25, **kwargs)
    for factor in [4, 16, 100]:
        assert minimum_detectable_effect(25 * factor, **kwargs) == pytest.approx(base / math.sqrt(factor))


def test_mde_grows_with_power_and_stricter_alpha() -> None:
    base = minimum_detectable_effect(50, sd=1.0)
    assert minimum_detectable_effect(50, sd=1.0, power=0.9) > base
    assert minimum_detectable_effect(50, sd=1.0, alpha=0.01) > base


# -------------------------------------------------------------------------------------------- compare_runs


def test_compare_runs_end_to_end() -> None:
    rng = np.random.default_rng(12)
    n = 40
    a_score = rng.normal(0.6, 0.1, size=n)
    b_score = a_score + 0.1 + rng.normal(0.0, 0.03, size=n)
    a_pass = rng.random(n) < 0.7
    b_pass = np.where(rng.random(n) < 0.1, ~a_pass, a_pass)
    result = compare_runs(
        {
            "similar": (a_score.tolist(), b_score.tolist(), "score"),
            "contains": (a_pass.tolist(), b_pass.tolist(), "pass"),
        }
    )
    assert len(result) == 2
    assert [item.name for item in result] == ["similar", "contains"]

    score = result.get("similar")
    assert score.test == "wilcoxon-signed-rank"
    assert score.p_value == pytest.approx(float(sps.wilcoxon(b_score, a_score, zero_method="pratt").pvalue))
    assert score.diff == pytest.approx(float(np.mean(b_score - a_score)))
    assert score.interval == paired_difference(a_score.tolist(), b_score.tolist()).interval
    assert score.significant
    assert score.summary.startswith("b is higher than a by 0.1")
    assert score.mde == pytest.approx(minimum_detectable_effect(n, sd=float(np.std(b_score - a_score, ddof=1))))

    passing = result.get("contains")
    assert passing.test == "mcnemar-exact"
    assert passing.p_value == mcnemar_exact(a_pass.tolist(), b_pass.tolist()).p_value
    assert not passing.significant
    assert passing.mde == pytest.approx(minimum_detectable_effect(n, baseline_rate=(int(a_pass.sum()) + 1) / (n + 2)))
    assert (passing.mean_a, passing.mean_b) == (pytest.approx(a_pass.mean()), pytest.approx(b_pass.mean()))

    assert [item.p_adjusted for item in result] == pytest.approx(holm([score.p_value, passing.p_value]))
    assert result.significant == ("similar",)
    with pytest.raises(KeyError):
        result.get("missing")


def test_compare_runs_sentence_for_no_difference() -> None:
    a = [True] * 20 + [False] * 20
    b = [True] * 19 + [False] + [True] + [False] * 19  # one discordant pair each way
    item = compare_runs({"equals": (a, b, "pass")}).get("equals")
    assert item.p_value == 1.0
    expected_mde = minimum_detectable_effect(40, baseline_rate=21 / 42)
    assert item.summary.startswith(
        f"no significant difference (p=1.00 after Holm); at n=40 the smallest difference this run could detect "
        f"is ±{expected_mde:.2f}"
    )


def test_compare_runs_with_repeats_tests_one_value_per_case() -> None:
    rng = np.random.default_rng(21)
    cases, repeats = 15, 3
    clusters = [f"case-{c}" for c in range(cases) for _ in range(repeats)]
    a = (rng.random(cases * repeats) < 0.5).tolist()
    b = (rng.random(cases * repeats) < 0.8).tolist()
    scores_a = rng.normal(size=cases * repeats).tolist()
    scores_b = (np.array(scores_a) + 0.05).tolist()
    result = compare_runs(
        {"rubric": (a, b, "pass"), "bleu": (scores_a, scores_b, "score")}, clusters=clusters, resamples=2000
    )
    rubric = result.get("rubric")
    assert (rubric.n_pairs, rubric.n_cases) == (45, 15)
    assert rubric.test == "wilcoxon-signed-rank"  # per-case pass rates are not all 0/1
    _, rate_a = collapse_clusters(a, clusters)
    _, rate_b = collapse_clusters(b, clusters)
    assert rubric.p_value == wilcoxon_signed_rank(rate_a, rate_b).p_value
    assert rubric.interval == paired_difference(a, b, clusters=clusters, resamples=2000).interval
    assert "at n=15" in rubric.summary or "n=15)" in rubric.summary

    # per-assertion clusters; an assertion missing from the mapping has no repeats
    mapped = compare_runs(
        {"rubric": (a, b, "pass"), "bleu": (scores_a, scores_b, "score")},
        clusters={"rubric": clusters},
        resamples=2000,
    )
    assert mapped.get("rubric") == rubric
    assert mapped.get("bleu").n_cases == 45


def test_compare_runs_with_agreeing_repeats_uses_mcnemar() -> None:
    clusters = [c for c in range(10) for _ in range(2)]
    a = [c < 5 for c in clusters]
    b = [c < 8 for c in clusters]
    item = compare_runs({"x": (a, b, "pass")}, clusters=clusters).get("x")
    assert item.test == "mcnemar-exact"
    assert (item.n_cases, item.statistic) == (10, 0.0)
    assert item.p_value == pytest.approx(sps.binomtest(3, 3, 0.5).pvalue)


def test_compare_runs_single_case_score_has_no_mde() -> None:
    item = compare_runs({"s": ([0.1], [0.4], "score")}).get("s")
    assert math.isnan(item.mde)
    assert "cannot be estimated" in item.summary


# ---------------------------------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: wilson_interval(5, 3), "successes must not exceed n"),
        (lambda: wilson_interval(-1, 3), "successes must be >= 0"),
        (lambda: wilson_interval(1, -3), "n must be >= 0"),
        (lambda: wilson_interval(1.5, 3), "successes must be an integer"),
        (lambda: wilson_interval(1, 3, 1.0), "confidence must be strictly between 0 and 1"),
        (lambda: wilson_interval(1, 3, 0.0), "confidence must be strictly between 0 and 1"),
        (lambda: wilson_interval(1, 3, math.nan), "confidence must be strictly between 0 and 1"),
        (lambda: bootstrap_mean_interval([]), "values must not be empty"),
        (lambda: bootstrap_mean_interval([1.0, math.nan]), "finite"),
        (lambda: bootstrap_mean_interval([1.0, "x"]), "values must be a sequence of numbers"),
        (lambda: bootstrap_mean_interval("abc"), "not a string"),
        (lambda: bootstrap_mean_interval([[1.0], [2.0]]), "flat sequence"),
        (lambda: bootstrap_mean_interval([1.0, 2.0], confidence=1.5), "confidence must be strictly between 0 and 1"),
        (lambda: bootstrap_mean_interval([1.0, 2.0], resamples=0), "resamples must be >= 1"),
        (lambda: bootstrap_mean_interval([1.0, 2.0], seed=-1), "seed must be >= 0"),
        (lambda: bootstrap_mean_interval([1.0, 2.0], clusters=[1]), "one id per value"),
        (lambda: bootstrap_mean_interval([1.0, 2.0], clusters=[[1], [2]]), "hashable"),
        (lambda: paired_difference([1.0, 2.0], [1.0]), "same length"),
        (lambda: paired_difference([], []), "must not be empty"),
        (lambda: paired_difference([1.0], [2.0], confidence=-0.1), "confidence must be strictly between 0 and 1"),
        (lambda: collapse_clusters([1.0, 2.0], ["a"]), "one id per value"),
        (lambda: mcnemar_exact([True, False], [True]), "same length"),
        (lambda: mcnemar_exact([], []), "must not be empty"),
        (lambda: mcnemar_exact([True, 2], [True, False]), "pass/fail"),
        (lambda: wilcoxon_signed_rank([1.0, 2.0, 3.0], [1.0, 2.0]), "same length"),
        (lambda: wilcoxon_signed_rank([], []), "must not be empty"),
        (lambda: holm([0.5, 1.5]), r"p_values must lie in \[0, 1\]"),
        (lambda: holm([math.nan]), r"p_values must lie in \[0, 1\]"),
        (lambda: minimum_detectable_effect(0, sd=1.0), "n must be >= 1"),
        (lambda: minimum_detectable_effect(10), "exactly one of baseline_rate"),
        (lambda: minimum_detectable_effect(10, sd=1.0, baseline_rate=0.5), "exactly one of baseline_rate"),
        (lambda: minimum_detectable_effect(10, baseline_rate=1.2), r"baseline_rate must lie in \[0, 1\]"),
        (lambda: minimum_detectable_effect(10, sd=-1.0), "sd must be a finite number >= 0"),
        (lambda: minimum_detectable_effect(10, sd=1.0, alpha=0.0), "alpha must be strictly between 0 and 1"),
        (lambda: minimum_detectable_effect(10, sd=1.0, power=1.0), "power must be strictly between 0 and 1"),
        (lambda: compare_runs({}), "at least one assertion"),
        (lambda: compare_runs({"x": ([1.0], [1.0], "rank")}), "kind must be 'pass' or 'score'"),
        (lambda: compare_runs({"x": ([1.0], [1.0])}), r"expected \(a_values, b_values, kind\)"),
        (lambda: compare_runs({"x": ([1.0, 0.0], [1.0], "pass")}), "assertion 'x': a and b must have the same"),
        (lambda: compare_runs({"x": ([0.5], [1.0], "pass")}), "assertion 'x': a_values must contain only pass/fail"),
        (lambda: compare_runs({"x": ([1.0], [1.0], "score")}, clusters={"y": [1]}), "unknown assertions: y"),
        (lambda: compare_runs({"x": ([1.0], [1.0], "score")}, clusters=[1, 2]), "one id per value"),
        (lambda: compare_runs({"x": ([1.0], [1.0], "score")}, alpha=2.0), "alpha must be strictly between"),
    ],
)
def test_bad_inputs_raise_clear_value_errors(call: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()
