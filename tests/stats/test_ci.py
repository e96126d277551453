"""Confidence intervals: closed forms against hand values and scipy/statsmodels,
the vectorised cluster bootstrap against a plain loop, and its coverage."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from evalkit.stats.ci import (
    bootstrap_ratio_replicates,
    cluster_bootstrap_mean,
    cluster_bootstrap_median,
    cluster_t_interval,
    resample_counts,
    t_interval,
    wilson_interval,
)


def wilson_by_hand(s: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    p = s / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


@pytest.mark.parametrize("s, n", [(0, 1), (1, 1), (3, 10), (10, 10), (0, 25), (47, 100)])
def test_wilson_matches_formula(s, n):
    iv = wilson_interval(s, n)
    low, high = wilson_by_hand(s, n)
    assert iv.estimate == pytest.approx(s / n)
    assert iv.low == pytest.approx(low, abs=1e-12)
    assert iv.high == pytest.approx(high, abs=1e-12)


def test_wilson_all_successes_is_defined_and_ends_at_one():
    iv = wilson_interval(14, 14)
    assert iv.high == 1.0
    assert 0.75 < iv.low < 1.0


@given(n=st.integers(1, 500), frac=st.floats(0, 1), level=st.sampled_from([0.8, 0.9, 0.95, 0.99]))
def test_wilson_is_ordered_and_in_unit_interval(n, frac, level):
    s = round(frac * n)
    iv = wilson_interval(s, n, ci=level)
    assert 0.0 <= iv.low <= iv.estimate <= iv.high <= 1.0


@pytest.mark.parametrize("bad", [(-1, 5), (6, 5), (0, 0)])
def test_wilson_rejects_impossible_counts(bad):
    with pytest.raises(ValueError, match="wilson_interval|successes"):
        wilson_interval(*bad)


def test_t_interval_matches_scipy():
    x = np.array([12.0, 15.5, 9.0, 20.0, 14.2, 11.1])
    low, high = sps.t.interval(0.95, df=x.size - 1, loc=x.mean(), scale=sps.sem(x))
    iv = t_interval(x)
    assert (iv.low, iv.high) == pytest.approx((low, high))


def test_t_interval_undefined_for_one_value():
    iv = t_interval(np.array([3.0]))
    assert iv.estimate == 3.0 and math.isnan(iv.low) and math.isnan(iv.high)
    assert "undefined" in iv.method


def test_resample_counts_rows_sum_to_number_of_clusters():
    w = resample_counts(7, 50, np.random.default_rng(1))
    assert w.shape == (50, 7)
    assert (w.sum(axis=1) == 7).all() and (w >= 0).all()


def _loop_replicates(values, clusters, n_boot, seed, stat):
    # Reference: the same draws as resample_counts, but concatenating notes per replicate.
    labels = np.unique(clusters)
    members = [values[clusters == g] for g in labels]
    draws = np.random.default_rng(seed).integers(0, labels.size, size=(n_boot, labels.size))
    return np.array([stat(np.concatenate([members[j] for j in row])) for row in draws])


def test_vectorised_mean_bootstrap_matches_loop():
    rng = np.random.default_rng(5)
    clusters = np.repeat(np.array([f"c{i}" for i in range(12)]), rng.integers(1, 9, 12))
    values = rng.normal(size=clusters.size)
    reps = bootstrap_ratio_replicates(values, np.ones_like(values), clusters, n_boot=300, seed=9)
    ref = _loop_replicates(values, clusters, 300, 9, np.mean)
    np.testing.assert_allclose(reps, ref, rtol=1e-12)


def test_vectorised_median_bootstrap_matches_loop():
    rng = np.random.default_rng(6)
    clusters = np.repeat(np.array([f"c{i:02d}" for i in range(10)]), rng.integers(1, 7, 10))
    values = np.round(rng.gamma(2.0, 0.1, clusters.size), 3)
    iv = cluster_bootstrap_median(values, clusters, n_boot=400, seed=4)
    ref = _loop_replicates(values, clusters, 400, 4, np.median)
    assert iv.estimate == np.median(values)
    assert (iv.low, iv.high) == pytest.approx(tuple(np.quantile(ref, [0.025, 0.975])))


def test_median_on_a_grid_stays_close_to_exact_with_many_distinct_values():
    rng = np.random.default_rng(8)
    clusters = rng.integers(0, 40, 6000).astype(str)
    values = rng.normal(size=6000)
    iv = cluster_bootstrap_median(values, clusters, n_boot=300, seed=2)
    ref = _loop_replicates(values, clusters, 300, 2, np.median)
    low, high = np.quantile(ref, [0.025, 0.975])
    spacing = np.ptp(values) / 2000
    assert abs(iv.low - low) < 5 * spacing and abs(iv.high - high) < 5 * spacing


@settings(max_examples=40, deadline=None)
@given(
    values=st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=1, max_size=40),
    n_clusters=st.integers(1, 6),
)
def test_bootstrap_limits_stay_within_the_data(values, n_clusters):
    x = np.array(values)
    clusters = np.arange(x.size) % n_clusters
    for fn in (cluster_bootstrap_mean, cluster_bootstrap_median):
        iv = fn(x, clusters, n_boot=100, seed=1)
        assert x.min() - 1e-9 <= iv.low <= iv.high <= x.max() + 1e-9


def test_bootstrap_does_not_depend_on_row_order():
    rng = np.random.default_rng(3)
    clusters = rng.integers(0, 8, 80).astype(str)
    values = rng.random(80)
    order = rng.permutation(80)
    a = cluster_bootstrap_mean(values, clusters, n_boot=200, seed=7)
    b = cluster_bootstrap_mean(values[order], clusters[order], n_boot=200, seed=7)
    assert (a.low, a.high) == pytest.approx((b.low, b.high))


def test_bootstrap_is_reproducible_and_names_itself():
    x = np.arange(20.0)
    g = np.arange(20) // 4
    a = cluster_bootstrap_mean(x, g, n_boot=100, seed=11)
    b = cluster_bootstrap_mean(x, g, n_boot=100, seed=11)
    assert a == b and a.n_boot == 100 and a.seed == 11 and "bootstrap" in a.method


def test_missing_values_are_rejected():
    with pytest.raises(ValueError, match="missing"):
        cluster_bootstrap_mean(np.array([1.0, np.nan]), None)


def test_bootstrap_speed_thousands_of_notes():
    rng = np.random.default_rng(0)
    clusters = rng.integers(0, 100, 5000)
    values = rng.random(5000)
    start = time.perf_counter()
    cluster_bootstrap_mean(values, clusters, n_boot=2000, seed=1)
    assert time.perf_counter() - start < 1.0


def coverage(n_sims: int = 200, *, n_clusters: int = 20, notes: int = 15, seed: int = 2026):
    """Share of 95% intervals covering the true mean: cluster bootstrap vs naive t."""
    rng = np.random.default_rng(seed)
    true_mean = 0.3
    hits_boot = hits_naive = 0
    clusters = np.repeat(np.arange(n_clusters), notes)
    for sim in range(n_sims):
        # Clinician-level rates (ICC about 0.1 on the 0/1 scale).
        p = rng.beta(3.0, 7.0, n_clusters)
        x = (rng.random(clusters.size) < p[clusters]).astype(float)
        iv = cluster_bootstrap_mean(x, clusters, n_boot=1000, seed=sim)
        hits_boot += iv.low <= true_mean <= iv.high
        naive = wilson_interval(int(x.sum()), x.size)
        hits_naive += naive.low <= true_mean <= naive.high
    return hits_boot / n_sims, hits_naive / n_sims


def test_cluster_bootstrap_coverage_is_near_nominal():
    boot, naive = coverage()
    # Percentile cluster bootstrap with 20 clusters: slightly below 95 % is expected.
    assert 0.88 <= boot <= 0.99
    # Ignoring clustering gives intervals that are too narrow.
    assert naive < boot


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(0, 5, allow_nan=False), min_size=4, max_size=40),
    st.integers(2, 6),
    st.sampled_from([0.8, 0.9, 0.95]),
)
def test_cluster_t_matches_statsmodels_cluster_robust_ols(values, n_clusters, level):
    import statsmodels.api as sm

    x = np.array(values)
    groups = np.arange(x.size) % n_clusters
    if len(np.unique(groups)) < 2:
        return
    iv = cluster_t_interval(x, groups, ci=level)
    fit = sm.OLS(x, np.ones_like(x)).fit(
        cov_type="cluster", cov_kwds={"groups": groups}, use_t=True
    )
    low, high = fit.conf_int(alpha=1 - level)[0]
    assert iv.estimate == pytest.approx(x.mean())
    assert (iv.low, iv.high) == pytest.approx((low, high), abs=1e-9)


def test_cluster_t_needs_two_clusters():
    with pytest.raises(ValueError, match="at least two clusters"):
        cluster_t_interval(np.ones(4), np.zeros(4))


def test_cluster_t_covers_better_than_the_bootstrap_with_few_clusters():
    """The reason summaries switch to the t interval below FEW_CLUSTERS."""
    rng = np.random.default_rng(11)
    clusters = np.repeat(np.arange(3), 15)
    hits_t = hits_boot = 0
    n_sims = 200
    for sim in range(n_sims):
        p = rng.beta(3.0, 7.0, 3)
        x = (rng.random(clusters.size) < p[clusters]).astype(float)
        t = cluster_t_interval(x, clusters)
        hits_t += t.low <= 0.3 <= t.high
        b = cluster_bootstrap_mean(x, clusters, n_boot=300, seed=sim)
        hits_boot += b.low <= 0.3 <= b.high
    assert hits_t / n_sims >= 0.88
    assert hits_boot / n_sims < 0.80 < hits_t / n_sims
