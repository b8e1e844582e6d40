"""Statistics for evaluation runs: intervals, paired comparisons, multiplicity and power.

Everything here is a pure function of its arguments (no I/O, no global state) and validates its input,
raising :class:`ValueError` with a message that names the offending argument.

Conventions used throughout:

* A *run* yields one value per case (and repeat): a pass/fail outcome (``bool`` or 0/1) or a score.
* Two runs are compared **paired**, case by case, in the order given; differences are always ``b - a``
  (``a`` is the baseline, ``b`` the candidate), so a positive difference means ``b`` scored higher.
* *Clusters* label observations that are not independent, typically the repeats of one case
  (``clusters[i]`` is the case id of observation ``i``). Bootstrap intervals then resample whole clusters,
  and paired tests first collapse each cluster to its mean so that every case counts once.
* Distributions come from SciPy (``norm``, ``binomtest``, ``wilcoxon``); resampling uses NumPy's
  ``Generator`` and is deterministic for a given seed.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import stats as _sps

__all__ = [
    "AssertionComparison",
    "Interval",
    "PairedDiff",
    "RunComparison",
    "TestResult",
    "bootstrap_mean_interval",
    "collapse_clusters",
    "compare_runs",
    "holm",
    "mcnemar_exact",
    "minimum_detectable_effect",
    "paired_difference",
    "wilcoxon_signed_rank",
    "wilson_interval",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

#: Upper bound on the number of resampling indices held in memory at once (about 4 MB as int32, and 8 MB
#: for the values they pick), whatever the number of cases.
_CHUNK_ELEMENTS = 1_000_000

KINDS = ("pass", "score")


# --------------------------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Interval:
    """A two-sided confidence interval ``[low, high]`` around a point ``estimate``."""

    low: float
    high: float
    estimate: float

    @property
    def width(self) -> float:
        """``high - low``."""
        return self.high - self.low

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies inside the closed interval."""
        return self.low <= value <= self.high


@dataclass(frozen=True, slots=True)
class PairedDiff:
    """Mean paired difference ``b - a`` with its bootstrap interval.

    ``n_pairs`` counts observations (pairs); ``n_clusters`` counts the independent units that were
    resampled (equal to ``n_pairs`` when no clusters were given).
    """

    mean_diff: float
    interval: Interval
    n_pairs: int
    n_clusters: int


@dataclass(frozen=True, slots=True)
class TestResult:
    """Outcome of a paired two-sided test of ``a`` against ``b``.

    ``b01`` is the number of pairs where ``b`` beat ``a`` (for pass/fail: ``a`` failed and ``b`` passed) and
    ``b10`` the number where ``a`` beat ``b``; ties are in neither. ``method`` names the test.
    """

    __test__ = False  # not a pytest test class, despite the name

    statistic: float
    p_value: float
    b01: int
    b10: int
    method: str


@dataclass(frozen=True, slots=True)
class AssertionComparison:
    """Comparison of one assertion between two runs (see :func:`compare_runs`)."""

    name: str
    kind: str
    #: Observations per run (pairs), before collapsing repeats.
    n_pairs: int
    #: Independent cases (clusters) after collapsing repeats; the ``n`` of the test and of the MDE.
    n_cases: int
    mean_a: float
    mean_b: float
    #: Mean paired difference ``b - a`` over all pairs.
    diff: float
    #: Percentile (cluster) bootstrap interval of ``diff``.
    interval: Interval
    #: ``"mcnemar-exact"`` or ``"wilcoxon-signed-rank"``.
    test: str
    statistic: float
    p_value: float
    #: Holm-Bonferroni adjusted p-value across all assertions of the comparison.
    p_adjusted: float
    #: ``p_adjusted < alpha``.
    significant: bool
    #: Smallest difference detectable at ``alpha``/``power`` with ``n_cases`` (two-sided); NaN if unknown.
    mde: float
    #: One human sentence summarising the above.
    summary: str


@dataclass(frozen=True, slots=True)
class RunComparison:
    """Per-assertion comparisons of two runs, in the order the assertions were given."""

    assertions: tuple[AssertionComparison, ...]
    alpha: float
    confidence: float

    def __iter__(self) -> Iterator[AssertionComparison]:
        return iter(self.assertions)

    def __len__(self) -> int:
        return len(self.assertions)

    def get(self, name: str) -> AssertionComparison:
        """The comparison for assertion ``name``; :class:`KeyError` if there is none."""
        for item in self.assertions:
            if item.name == name:
                return item
        raise KeyError(name)

    @property
    def significant(self) -> tuple[str, ...]:
        """Names of the assertions whose difference is significant after Holm's correction."""
        return tuple(item.name for item in self.assertions if item.significant)


# ------------------------------------------------------------------------------------------ validation


def _check_fraction(name: str, value: float) -> float:
    """``value`` as a float strictly between 0 and 1."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise ValueError(f"{name} must be a number strictly between 0 and 1, got {value!r}")
    result = float(value)
    if not (0.0 < result < 1.0):  # also rejects NaN
        raise ValueError(f"{name} must be strictly between 0 and 1, got {value!r}")
    return result


def _check_int(name: str, value: int, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ValueError(f"{name} must be an integer, got {value!r}")
    result = int(value)
    if result < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {result}")
    return result


def _check_seed(seed: int | None) -> int | None:
    if seed is None:
        return None
    return _check_int("seed", seed, 0)


def _as_values(name: str, values: Sequence[float]) -> FloatArray:
    """A non-empty 1-D float array of finite values."""
    if isinstance(values, str | bytes):
        raise ValueError(f"{name} must be a sequence of numbers, not a string")
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a sequence of numbers: {exc}") from exc
    if array.ndim != 1:
        raise ValueError(f"{name} must be a flat sequence of numbers, got an array of shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} must not be empty")
    if not np.all(np.isfinite(array)):
        bad = int(np.flatnonzero(~np.isfinite(array))[0])
        raise ValueError(f"{name} must contain only finite numbers; item {bad} is {array[bad]!r}")
    return array


def _as_outcomes(name: str, values: Sequence[float]) -> FloatArray:
    """A non-empty 1-D array of 0.0/1.0 from booleans (or 0/1 numbers)."""
    array = _as_values(name, values)
    bad = np.flatnonzero((array != 0.0) & (array != 1.0))
    if bad.size:
        raise ValueError(f"{name} must contain only pass/fail values (bool or 0/1); item {bad[0]} is {array[bad[0]]!r}")
    return array


def _check_same_length(a: FloatArray, b: FloatArray) -> None:
    if a.size != b.size:
        raise ValueError(f"a and b must have the same length (one value per case), got {a.size} and {b.size}")


def _cluster_codes(clusters: Sequence[Hashable], n: int) -> tuple[list[Hashable], IntArray]:
    """Cluster keys in order of first appearance and, per observation, the index of its cluster."""
    if isinstance(clusters, str | bytes):
        raise ValueError("clusters must be a sequence of cluster ids, not a string")
    if len(clusters) != n:
        raise ValueError(f"clusters must have one id per value, got {len(clusters)} ids for {n} values")
    index: dict[Hashable, int] = {}
    codes = np.empty(n, dtype=np.intp)
    for i, key in enumerate(clusters):
        try:
            codes[i] = index.setdefault(key, len(index))
        except TypeError as exc:
            raise ValueError(f"cluster ids must be hashable; item {i} is a {type(key).__name__}") from exc
    return list(index), codes


# -------------------------------------------------------------------------------------------- intervals


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> Interval:
    """Wilson score interval for a binomial proportion ``successes / n``.

    Uses the closed form (Newcombe 1998, method 3; no continuity correction)::

        z = Phi^-1(1/2 + confidence/2),  p = k/n
        centre = (2k + z^2) / (2(n + z^2))
        delta  = z * sqrt(4np(1 - p) + z^2) / (2(n + z^2))
        [centre - delta, centre + delta], with low = 0 when k = 0 and high = 1 when k = n

    which matches ``scipy.stats.binomtest(k, n).proportion_ci(confidence, method="wilson")``.

    With ``n == 0`` there is no information: the result is ``Interval(0.0, 1.0, nan)`` rather than an error,
    so that an empty slice of a report still renders.

    Raises:
        ValueError: if ``successes`` or ``n`` is negative or not an integer, if ``successes > n``, or if
            ``confidence`` is not strictly between 0 and 1.
    """
    k = _check_int("successes", successes, 0)
    total = _check_int("n", n, 0)
    level = _check_fraction("confidence", confidence)
    if k > total:
        raise ValueError(f"successes must not exceed n, got successes={k} and n={total}")
    if total == 0:
        return Interval(0.0, 1.0, math.nan)
    z = float(_sps.norm.ppf(0.5 + level / 2.0))
    p = k / total
    denom = 2.0 * (total + z * z)
    centre = (2.0 * k + z * z) / denom
    delta = z * math.sqrt(4.0 * total * p * (1.0 - p) + z * z) / denom
    low = 0.0 if k == 0 else max(0.0, centre - delta)
    high = 1.0 if k == total else min(1.0, centre + delta)
    return Interval(low, high, p)


def _bootstrap_ratio_means(
    sums: FloatArray, sizes: FloatArray | None, resamples: int, rng: np.random.Generator
) -> FloatArray:
    """``resamples`` bootstrap replicates of ``sum(sums[idx]) / sum(sizes[idx])``, resampling ``len(sums)`` units.

    ``sizes=None`` means every unit has size one (the plain mean). Work is chunked so that memory stays
    bounded by about ``_CHUNK_ELEMENTS`` indices whatever the sample size.
    """
    units = sums.size
    dtype = np.int32 if units < 2**31 else np.int64
    out = np.empty(resamples, dtype=np.float64)
    step = max(1, _CHUNK_ELEMENTS // units)
    for start in range(0, resamples, step):
        stop = min(resamples, start + step)
        idx = rng.integers(0, units, size=(stop - start, units), dtype=dtype)
        totals = sums[idx].sum(axis=1)
        if sizes is None:
            out[start:stop] = totals / units
        else:
            out[start:stop] = totals / sizes[idx].sum(axis=1)
        del idx, totals  # free this chunk before drawing the next
    return out


def _bootstrap(
    values: FloatArray,
    clusters: Sequence[Hashable] | None,
    confidence: float,
    resamples: int,
    seed: int | None,
) -> tuple[Interval, int]:
    """Percentile (cluster) bootstrap interval of the mean of validated ``values``; also the unit count."""
    rng = np.random.default_rng(seed)
    estimate = float(values.mean())
    if clusters is None:
        replicates = _bootstrap_ratio_means(values, None, resamples, rng)
        units = values.size
    else:
        keys, codes = _cluster_codes(clusters, values.size)
        units = len(keys)
        sums = np.bincount(codes, weights=values, minlength=units).astype(np.float64)
        sizes = np.bincount(codes, minlength=units).astype(np.float64)
        replicates = _bootstrap_ratio_means(sums, sizes, resamples, rng)
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(replicates, [tail, 1.0 - tail])
    return Interval(float(low), float(high), estimate), units


def bootstrap_mean_interval(
    values: Sequence[float],
    *,
    confidence: float = 0.95,
    resamples: int = 10_000,
    seed: int | None = 0,
    clusters: Sequence[Hashable] | None = None,
) -> Interval:
    """Percentile bootstrap confidence interval for the mean of ``values``.

    Each of ``resamples`` replicates draws ``len(values)`` values with replacement and takes their mean; the
    interval is the ``(1 - confidence)/2`` and ``(1 + confidence)/2`` quantiles of the replicates, and the
    estimate is the sample mean.

    When ``clusters`` is given (``clusters[i]`` is the id of the case that produced ``values[i]``, e.g. the
    repeats of one prompt), whole clusters are resampled instead of single values (cluster bootstrap): each
    replicate draws as many clusters as there are, with replacement, and takes the mean of all values in the
    drawn clusters. This keeps correlated repeats from posing as independent evidence.

    The result is deterministic for a given ``seed`` (``None`` draws fresh entropy). Resampling is vectorised
    with NumPy; 10,000 resamples of a few thousand values take a fraction of a second.

    Raises:
        ValueError: if ``values`` is empty or holds non-finite numbers, ``confidence`` is not in (0, 1),
            ``resamples < 1``, ``seed`` is negative, or ``clusters`` does not have one hashable id per value.
    """
    array = _as_values("values", values)
    level = _check_fraction("confidence", confidence)
    count = _check_int("resamples", resamples, 1)
    interval, _ = _bootstrap(array, clusters, level, count, _check_seed(seed))
    return interval


def paired_difference(
    a: Sequence[float],
    b: Sequence[float],
    *,
    clusters: Sequence[Hashable] | None = None,
    confidence: float = 0.95,
    resamples: int = 10_000,
    seed: int | None = 0,
) -> PairedDiff:
    """Mean paired difference ``b - a`` of two runs on the same cases, with a paired bootstrap interval.

    ``a[i]`` and ``b[i]`` must come from the same case (and repeat). The interval is the percentile bootstrap
    of the per-pair differences, resampling pairs, or whole clusters of pairs when ``clusters`` is given (see
    :func:`bootstrap_mean_interval`). Pass/fail runs may be given as booleans; the difference is then the
    change in pass rate.

    Raises:
        ValueError: on empty or non-finite input, a length mismatch between ``a``, ``b`` and ``clusters``,
            or an invalid ``confidence``, ``resamples`` or ``seed``.
    """
    first = _as_values("a", a)
    second = _as_values("b", b)
    _check_same_length(first, second)
    level = _check_fraction("confidence", confidence)
    count = _check_int("resamples", resamples, 1)
    return _paired(second - first, clusters, level, count, _check_seed(seed))


def _paired(
    diffs: FloatArray, clusters: Sequence[Hashable] | None, confidence: float, resamples: int, seed: int | None
) -> PairedDiff:
    interval, units = _bootstrap(diffs, clusters, confidence, resamples, seed)
    return PairedDiff(interval.estimate, interval, int(diffs.size), units)


# ---------------------------------------------------------------------------------------------- repeats


def collapse_clusters(values: Sequence[float], clusters: Sequence[Hashable]) -> tuple[list[Hashable], list[float]]:
    """Mean of ``values`` per cluster: ``(keys, means)`` with keys in order of first appearance.

    Paired tests assume one value per case; with repeats, collapse each run with the same ``clusters`` and
    test the per-case means (for pass/fail outcomes these are per-case pass rates).

    Raises:
        ValueError: if ``values`` is empty or non-finite or ``clusters`` does not have one hashable id per value.
    """
    keys, means = _collapse(_as_values("values", values), clusters)
    return keys, [float(x) for x in means]


def _collapse(array: FloatArray, clusters: Sequence[Hashable]) -> tuple[list[Hashable], FloatArray]:
    keys, codes = _cluster_codes(clusters, array.size)
    sums = np.bincount(codes, weights=array, minlength=len(keys))
    sizes = np.bincount(codes, minlength=len(keys))
    return keys, (sums / sizes).astype(np.float64)


# ------------------------------------------------------------------------------------------------ tests


def mcnemar_exact(a_pass: Sequence[bool], b_pass: Sequence[bool]) -> TestResult:
    """Exact (conditional) McNemar test for paired pass/fail outcomes of two runs.

    Only discordant pairs carry information: ``b01`` pairs where ``a`` failed and ``b`` passed, ``b10`` where
    ``a`` passed and ``b`` failed. Under the null hypothesis each discordant pair is equally likely to go
    either way, so ``b01 ~ Binomial(b01 + b10, 1/2)``; the two-sided p-value is that of
    ``scipy.stats.binomtest(b01, b01 + b10, 0.5)``. With no discordant pairs the p-value is 1.0.
    ``statistic`` is ``min(b01, b10)`` (the statsmodels convention).

    Raises:
        ValueError: if either input is empty, holds anything but booleans or 0/1, or the lengths differ.
    """
    first = _as_outcomes("a_pass", a_pass)
    second = _as_outcomes("b_pass", b_pass)
    _check_same_length(first, second)
    return _mcnemar(first, second)


def _mcnemar(first: FloatArray, second: FloatArray) -> TestResult:
    b01 = int(np.count_nonzero((first == 0.0) & (second == 1.0)))
    b10 = int(np.count_nonzero((first == 1.0) & (second == 0.0)))
    discordant = b01 + b10
    p_value = 1.0 if discordant == 0 else float(_sps.binomtest(b01, discordant, 0.5).pvalue)
    return TestResult(float(min(b01, b10)), min(1.0, p_value), b01, b10, "mcnemar-exact")


def wilcoxon_signed_rank(a: Sequence[float], b: Sequence[float]) -> TestResult:
    """Wilcoxon signed-rank test (two-sided) of the paired differences ``b - a``.

    Delegates to ``scipy.stats.wilcoxon(b - a, zero_method="pratt")``. Pratt's treatment of zero differences
    (ties between the runs) is chosen over Wilcox's: zeros are ranked with the other differences and then
    dropped, so cases on which the runs agree still count against a difference instead of being discarded.
    This is the more conservative choice when many cases score identically, as is common in LLM evaluations.
    SciPy picks the p-value method (``method="auto"``): exact for up to 50 pairs without ties or zeros, an
    exhaustive permutation test for up to 13 pairs with them, the normal approximation otherwise; all three
    are deterministic.

    When every difference is zero the runs are indistinguishable and the result is ``statistic=0.0``,
    ``p_value=1.0`` (SciPy would return NaN with a warning). ``statistic`` is SciPy's ``min(R+, R-)``;
    ``b01``/``b10`` count pairs with ``b > a`` / ``b < a``.

    Raises:
        ValueError: on empty or non-finite input or a length mismatch.
    """
    first = _as_values("a", a)
    second = _as_values("b", b)
    _check_same_length(first, second)
    return _wilcoxon(second - first)


def _wilcoxon(diffs: FloatArray) -> TestResult:
    b01 = int(np.count_nonzero(diffs > 0))
    b10 = int(np.count_nonzero(diffs < 0))
    if b01 + b10 == 0:
        return TestResult(0.0, 1.0, 0, 0, "wilcoxon-signed-rank")
    result: Any = _sps.wilcoxon(diffs, zero_method="pratt", alternative="two-sided")
    p_value = float(result.pvalue)
    return TestResult(float(result.statistic), min(1.0, p_value), b01, b10, "wilcoxon-signed-rank")


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm-Bonferroni adjusted p-values, in the order given.

    With ``m`` p-values sorted ascending, ``p_(1) <= ... <= p_(m)``, the adjusted values are
    ``p_adj_(i) = min(1, max_{j <= i} (m - j + 1) * p_(j))``: monotone in the raw p-values and capped at 1.
    Rejecting every hypothesis with ``p_adj < alpha`` controls the family-wise error rate at ``alpha`` under any
    dependence. An empty input gives an empty list.

    Raises:
        ValueError: if a p-value is not a number in [0, 1].
    """
    if isinstance(p_values, str | bytes):
        raise ValueError("p_values must be a sequence of numbers, not a string")
    try:
        raw = np.asarray(p_values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"p_values must be a sequence of numbers: {exc}") from exc
    if raw.ndim != 1:
        raise ValueError(f"p_values must be a flat sequence of numbers, got an array of shape {raw.shape}")
    bad = np.flatnonzero(~((raw >= 0.0) & (raw <= 1.0)))
    if bad.size:
        raise ValueError(f"p_values must lie in [0, 1]; item {bad[0]} is {raw[bad[0]]!r}")
    m = raw.size
    if m == 0:
        return []
    order = np.argsort(raw, kind="stable")
    scaled = raw[order] * np.arange(m, 0, -1, dtype=np.float64)
    adjusted_sorted = np.minimum(1.0, np.maximum.accumulate(scaled))
    adjusted = np.empty(m, dtype=np.float64)
    adjusted[order] = adjusted_sorted
    return [float(x) for x in adjusted]


# ------------------------------------------------------------------------------------------------ power


def minimum_detectable_effect(
    n: int,
    *,
    baseline_rate: float | None = None,
    sd: float | None = None,
    alpha: float = 0.05,
    power: float = 0.8,
) -> float:
    """Smallest true paired mean difference a two-sided test at ``alpha`` detects with probability ``power``.

    Normal approximation with ``n`` independent cases (after collapsing repeats)::

        MDE = (z_{1-alpha/2} + z_{power}) * sd_d / sqrt(n)

    where ``z_q = Phi^-1(q)`` and ``sd_d`` is the standard deviation of the per-case difference ``b - a``.
    Give exactly one of:

    * ``sd`` — scores: the standard deviation of the paired differences (e.g. from a previous comparison).
    * ``baseline_rate`` — pass/fail: the per-case difference takes values in {-1, 0, 1} and, if the two
      runs' outcomes were independent given the case with both at rate ``p``, ``sd_d^2 = 2p(1 - p)`` (the
      discordance probability), so ``MDE = (z_{1-alpha/2} + z_{power}) * sqrt(2p(1 - p) / n)``. Outcomes of
      two runs on the same case are usually positively correlated, which lowers ``sd_d``, so this figure is
      conservative (an upper bound for a given ``p``); pass ``sd`` of observed differences for a tighter one.

    The result is in the units of the values (a pass-rate difference for ``baseline_rate``) and shrinks as
    ``1/sqrt(n)``.

    Raises:
        ValueError: if ``n < 1``, not exactly one of ``baseline_rate`` and ``sd`` is given, ``baseline_rate``
            is outside [0, 1], ``sd`` is negative or not finite, or ``alpha``/``power`` is outside (0, 1).
    """
    cases = _check_int("n", n, 1)
    level = _check_fraction("alpha", alpha)
    wanted = _check_fraction("power", power)
    if (baseline_rate is None) == (sd is None):
        raise ValueError("give exactly one of baseline_rate (pass/fail) and sd (scores)")
    if baseline_rate is not None:
        rate = float(baseline_rate)
        if not (0.0 <= rate <= 1.0):
            raise ValueError(f"baseline_rate must lie in [0, 1], got {baseline_rate!r}")
        sigma = math.sqrt(2.0 * rate * (1.0 - rate))
    else:
        assert sd is not None
        sigma = float(sd)
        if not (math.isfinite(sigma) and sigma >= 0.0):
            raise ValueError(f"sd must be a finite number >= 0, got {sd!r}")
    z_total = float(_sps.norm.ppf(1.0 - level / 2.0)) + float(_sps.norm.ppf(wanted))
    return z_total * sigma / math.sqrt(cases)


# -------------------------------------------------------------------------------------------- compare


def _format_p(p: float) -> str:
    if p < 0.001:
        return "p<0.001"
    if p < 0.01:
        return f"p={p:.3f}"
    return f"p={p:.2f}"


def _summary(
    diff: float,
    interval: Interval,
    p_adjusted: float,
    significant: bool,
    n_cases: int,
    mde: float,
    confidence: float,
) -> str:
    ci = f"{confidence * 100:g}% CI {interval.low:+.2f} to {interval.high:+.2f}"
    p_text = f"{_format_p(p_adjusted)} after Holm"
    if significant:
        direction = "higher" if diff > 0 else "lower"
        return f"b is {direction} than a by {abs(diff):.2f} ({ci}; {p_text}; n={n_cases})"
    if math.isfinite(mde):
        power_text = f"at n={n_cases} the smallest difference this run could detect is ±{mde:.2f}"
    else:
        power_text = f"at n={n_cases} the smallest detectable difference cannot be estimated"
    return f"no significant difference ({p_text}); {power_text} (observed {diff:+.2f}, {ci})"


def _clusters_for(
    name: str,
    clusters: Sequence[Hashable] | Mapping[str, Sequence[Hashable]] | None,
) -> Sequence[Hashable] | None:
    if clusters is None:
        return None
    if isinstance(clusters, Mapping):
        return clusters.get(name)
    return clusters


def compare_runs(
    results: Mapping[str, tuple[Sequence[float], Sequence[float], str]],
    *,
    clusters: Sequence[Hashable] | Mapping[str, Sequence[Hashable]] | None = None,
    alpha: float = 0.05,
    confidence: float = 0.95,
    power: float = 0.8,
    resamples: int = 10_000,
    seed: int | None = 0,
) -> RunComparison:
    """Compare two runs assertion by assertion: effect, interval, paired test, Holm correction and MDE.

    ``results`` maps an assertion name to ``(a_values, b_values, kind)`` where ``a_values[i]`` and
    ``b_values[i]`` are the outcomes of the same case (and repeat) in the baseline run ``a`` and the candidate
    run ``b``, and ``kind`` is ``"pass"`` (booleans or 0/1) or ``"score"`` (numbers). ``clusters`` is either one
    sequence of case ids used for every assertion or a mapping from assertion name to its sequence (an
    assertion missing from the mapping is treated as having no repeats).

    For each assertion:

    * ``diff`` and ``interval`` — :func:`paired_difference` over all pairs (cluster bootstrap with clusters).
    * the test runs on one value per case (:func:`collapse_clusters` when clusters are given):
      ``"pass"`` uses :func:`mcnemar_exact` when every per-case value is 0 or 1 (no repeats, or repeats that
      agree) and otherwise :func:`wilcoxon_signed_rank` on the per-case pass rates; ``"score"`` uses
      :func:`wilcoxon_signed_rank` on the per-case means.
    * ``p_adjusted`` — :func:`holm` across all assertions; ``significant`` is ``p_adjusted < alpha``.
    * ``mde`` — :func:`minimum_detectable_effect` with ``n`` = number of cases; for ``"pass"`` the baseline
      rate is run ``a``'s per-case rate with add-one smoothing ``(sum(a) + 1)/(n + 2)`` (so a run that passes
      everything still gets a finite, non-zero MDE); for ``"score"`` ``sd`` is the standard deviation
      (ddof=1) of the per-case differences, NaN with a single case.

    Raises:
        ValueError: if ``results`` is empty, an entry is not ``(a, b, kind)`` with a known kind, values are
            invalid or mismatched in length, ``clusters`` names an unknown assertion or has the wrong length,
            or a parameter is out of range.
    """
    if not isinstance(results, Mapping):
        raise ValueError("results must map assertion names to (a_values, b_values, kind)")
    if not results:
        raise ValueError("results must contain at least one assertion")
    level = _check_fraction("alpha", alpha)
    conf = _check_fraction("confidence", confidence)
    wanted = _check_fraction("power", power)
    count = _check_int("resamples", resamples, 1)
    seed = _check_seed(seed)
    if isinstance(clusters, Mapping):
        unknown = sorted(str(key) for key in clusters if key not in results)
        if unknown:
            raise ValueError(f"clusters given for unknown assertions: {', '.join(unknown)}")

    partial: list[dict[str, Any]] = []
    for name, entry in results.items():
        if not isinstance(entry, tuple | list) or len(entry) != 3:
            raise ValueError(f"assertion {name!r}: expected (a_values, b_values, kind), got {entry!r}")
        a_raw, b_raw, kind = entry
        if kind not in KINDS:
            raise ValueError(f"assertion {name!r}: kind must be 'pass' or 'score', got {kind!r}")
        try:
            if kind == "pass":
                a = _as_outcomes("a_values", a_raw)
                b = _as_outcomes("b_values", b_raw)
            else:
                a = _as_values("a_values", a_raw)
                b = _as_values("b_values", b_raw)
            _check_same_length(a, b)
            groups = _clusters_for(name, clusters)
            paired = _paired(b - a, groups, conf, count, seed)
            if groups is None:
                a_case, b_case = a, b
            else:
                a_case = _collapse(a, groups)[1]
                b_case = _collapse(b, groups)[1]
            n_cases = int(a_case.size)
            binary = bool(np.all((a_case == 0.0) | (a_case == 1.0)) and np.all((b_case == 0.0) | (b_case == 1.0)))
            test = _mcnemar(a_case, b_case) if kind == "pass" and binary else _wilcoxon(b_case - a_case)
            if kind == "pass":
                rate = (float(a_case.sum()) + 1.0) / (n_cases + 2.0)
                mde = minimum_detectable_effect(n_cases, baseline_rate=rate, alpha=level, power=wanted)
            elif n_cases >= 2:
                sd = float(np.std(b_case - a_case, ddof=1))
                mde = minimum_detectable_effect(n_cases, sd=sd, alpha=level, power=wanted)
            else:
                mde = math.nan
        except ValueError as exc:
            raise ValueError(f"assertion {name!r}: {exc}") from exc
        partial.append(
            {
                "name": name,
                "kind": kind,
                "n_pairs": paired.n_pairs,
                "n_cases": n_cases,
                "mean_a": float(a.mean()),
                "mean_b": float(b.mean()),
                "diff": paired.mean_diff,
                "interval": paired.interval,
                "test": test.method,
                "statistic": test.statistic,
                "p_value": test.p_value,
                "mde": mde,
            }
        )

    adjusted = holm([item["p_value"] for item in partial])
    comparisons = []
    for item, p_adj in zip(partial, adjusted, strict=True):
        significant = p_adj < level
        summary = _summary(item["diff"], item["interval"], p_adj, significant, item["n_cases"], item["mde"], conf)
        comparisons.append(AssertionComparison(**item, p_adjusted=p_adj, significant=significant, summary=summary))
    return RunComparison(tuple(comparisons), level, conf)
