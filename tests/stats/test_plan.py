"""Study planning against closed-form normal-approximation sample sizes."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import norm

from evalkit.stats.plan import (
    design_effect,
    detectable_effect,
    plan_study,
    plan_table,
    power_curve,
    power_for,
    standardized_effect,
)


def normal_n_per_arm(d: float, alpha: float = 0.05, power: float = 0.8) -> float:
    """Closed form: n = 2 (z_{1-alpha/2} + z_{power})^2 / d^2 per arm."""
    return 2 * (norm.ppf(1 - alpha / 2) + norm.ppf(power)) ** 2 / d**2


@pytest.mark.parametrize(
    "m, icc, expected",
    [(1, 0.3, 1.0), (10, 0.0, 1.0), (40, 0.05, 2.95), (25, 0.1, 3.4), (0.5, 0.2, 1.0)],
)
def test_design_effect_by_hand(m, icc, expected):
    assert design_effect(m, icc) == pytest.approx(expected)


def test_rate_plan_equals_closed_form():
    p = plan_study(effect=0.15, icc=0.08, notes_per_clinician=30, outcome="rate", baseline_rate=0.3)
    h = 2 * math.asin(math.sqrt(0.45)) - 2 * math.asin(math.sqrt(0.3))
    n = normal_n_per_arm(h)
    de = 1 + 29 * 0.08
    assert p.effect_size == pytest.approx(h)
    # statsmodels also counts the (negligible) power in the opposite tail.
    assert p.notes_per_arm_independent == pytest.approx(n, rel=1e-4)
    assert p.notes_per_arm == pytest.approx(n * de, rel=1e-4)
    assert p.clinicians_per_arm == math.ceil(n * de / 30)
    assert p.clinicians_total == 2 * p.clinicians_per_arm


@pytest.mark.parametrize("effect, sd_log", [(0.1, 0.5), (0.2, 0.6), (0.3, 0.4)])
def test_time_plan_close_to_closed_form(effect, sd_log):
    p = plan_study(effect=effect, icc=0.05, notes_per_clinician=20, sd_log=sd_log)
    d = -math.log(1 - effect) / sd_log
    n = normal_n_per_arm(d)
    # The t-test needs slightly more than the normal approximation (about one note per arm).
    assert n <= p.notes_per_arm_independent <= n + 2


def test_power_at_planned_size_reaches_target():
    p = plan_study(effect=0.2, icc=0.1, notes_per_clinician=40, sd_log=0.5)
    achieved = power_for(
        p.clinicians_total, effect=0.2, icc=0.1, notes_per_clinician=40, sd_log=0.5
    )[0]
    fewer = power_for(
        p.clinicians_total - 2, effect=0.2, icc=0.1, notes_per_clinician=40, sd_log=0.5
    )[0]
    assert achieved >= 0.8 > fewer


def test_power_matches_normal_approximation():
    # 20 clinicians x 30 notes, ICC 0.05: effective n per arm = 300 / 2.45.
    n_eff = 10 * 30 / (1 + 29 * 0.05)
    d = standardized_effect(0.1, outcome="rate", baseline_rate=0.4)
    expected = norm.cdf(d * math.sqrt(n_eff / 2) - norm.ppf(0.975))
    got = power_for(
        20, effect=0.1, icc=0.05, notes_per_clinician=30, outcome="rate", baseline_rate=0.4
    )[0]
    assert got == pytest.approx(expected, abs=1e-3)


@settings(max_examples=25, deadline=None)
@given(k=st.integers(6, 80), m=st.integers(2, 60), icc=st.floats(0.0, 0.3))
def test_detectable_effect_inverts_power(k, m, icc):
    mde = detectable_effect(n_clinicians=k, notes_per_clinician=m, icc=icc, sd_log=0.5)
    power = power_for(k, effect=mde, icc=icc, notes_per_clinician=m, sd_log=0.5)[0]
    assert power == pytest.approx(0.8, abs=1e-4)


def test_within_design_needs_fewer_clinicians():
    par = plan_study(effect=0.15, icc=0.1, notes_per_clinician=30)
    within = plan_study(effect=0.15, icc=0.1, notes_per_clinician=30, design="within")
    assert within.design_effect == pytest.approx(0.9)
    assert within.clinicians_total < par.clinicians_total


def test_power_curve_is_increasing_and_tidy():
    c = power_curve(effect=[0.1, 0.2], icc=0.05, notes_per_clinician=30)
    assert set(c.columns) >= {"n_clinicians", "power", "scenario"}
    for _, part in c.groupby("scenario"):
        assert np.all(np.diff(part.power.to_numpy()) > 0)
    assert c.power.between(0, 1).all()


def test_plan_table_grid():
    t = plan_table(effect=[0.1, 0.2], icc=[0.02, 0.1], notes_per_clinician=[10, 40])
    assert len(t) == 8 and "method" in t.columns
    # More clustering never needs fewer clinicians.
    low = t[(t.icc == 0.02)].clinicians_total.to_numpy()
    high = t[(t.icc == 0.1)].clinicians_total.to_numpy()
    assert (high >= low).all()


def test_pilot_could_only_detect_large_savings():
    # 14 observed consultations (one per GP): no clustering inflation, 7 per arm.
    mde = detectable_effect(n_clinicians=14, notes_per_clinician=1, icc=0.1, sd_log=0.5)
    assert mde > 0.4


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"effect": 1.2}, "relative reduction"),
        ({"effect": 0.1, "outcome": "rate"}, "baseline_rate"),
        ({"effect": 0.1, "icc": 1.5}, "icc"),
        ({"effect": 0.1, "design": "crossover"}, "design"),
    ],
)
def test_validation(kwargs, match):
    args = {"icc": 0.05, "notes_per_clinician": 20, **kwargs}
    with pytest.raises(ValueError, match=match):
        plan_study(**args)


def test_clinician_heterogeneity_by_hand():
    # effect_sd 0.1 on a log-time SD of 0.5: H = 0.04; within DE = 1 - 0.1 + 50 * 0.04 / 4.
    p = plan_study(
        effect=0.15, icc=0.1, notes_per_clinician=50, sd_log=0.5, design="within", effect_sd=0.1
    )
    assert p.design_effect == pytest.approx(0.9 + 0.5)
    q = plan_study(effect=0.15, icc=0.1, notes_per_clinician=50, sd_log=0.5, effect_sd=0.1)
    assert q.design_effect == pytest.approx(1 + 49 * 0.1 + 50 * 0.04 / 2)
    with pytest.raises(ValueError, match="outcome='time' only"):
        plan_study(
            effect=0.1,
            icc=0.1,
            notes_per_clinician=20,
            outcome="rate",
            baseline_rate=0.3,
            effect_sd=0.1,
        )
