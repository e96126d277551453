import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.power import NormalIndPower

from evalkit.plots.power import plot_power_curve


def test_power_curve_plots_statsmodels_power():
    # Power of a two-arm comparison with d = 0.3 and m notes per clinician,
    # deflated by the design effect 1 + (m - 1) * ICC.
    m, icc, d = 10, 0.05, 0.3
    n_clinicians = np.arange(4, 41, 4)
    effective = n_clinicians * m / (1 + (m - 1) * icc) / 2
    power = [NormalIndPower().power(d, nobs1=n, alpha=0.05) for n in effective]
    plan = pd.DataFrame({"n_clinicians": n_clinicians, "power": power})
    ax = plot_power_curve(plan, target=0.8, lang="en")
    xs, ys = ax.lines[0].get_data()
    assert list(xs) == list(n_clinicians)
    assert np.asarray(ys) == pytest.approx(100 * np.asarray(power))
    assert ax.lines[1].get_ydata()[0] == 80.0
    assert ax.get_xlabel() == "Clinicians (n)" and ax.get_ylabel() == "Power (%)"


def test_power_curve_one_line_per_scenario():
    plan = pd.DataFrame(
        {
            "n_clinicians": [5, 10, 5, 10],
            "power": [0.2, 0.5, 0.4, 0.9],
            "scenario": ["10%", "10%", "20%", "20%"],
        }
    )
    ax = plot_power_curve(plan, hue="scenario", target=None)
    assert len(ax.lines) == 2
    assert {line.get_linestyle() for line in ax.lines} == {"-", "--"}


def test_power_must_be_a_fraction():
    with pytest.raises(ValueError, match="fraction"):
        plot_power_curve(pd.DataFrame({"n_clinicians": [5], "power": [80.0]}))
