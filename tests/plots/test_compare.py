"""Tests for evalkit.plots.compare."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from evalkit.plots.compare import plot_published_comparison


def test_points_labels_and_rho_note():
    cmp = pd.DataFrame(
        {"term_recall": [0.4, 0.7, 0.5, np.nan, 0.6], "Fact": [40.0, 57.0, 45.0, 50.0, 41.0]},
        index=["A", "B", "C", "D", "E"],
    )
    ax = plot_published_comparison(cmp, x="Fact", y="term_recall")
    offsets = ax.collections[0].get_offsets()
    assert len(offsets) == 4  # D has no evalkit value
    assert [t.get_text() for t in ax.texts[:-1]] == ["A", "B", "C", "E"]
    rho = stats.spearmanr([40, 57, 45, 41], [0.4, 0.7, 0.5, 0.6]).statistic
    assert f"rho = {rho:.2f}" in ax.texts[-1].get_text()
    assert ax.texts[-1].get_text().endswith("4 systems")
    assert ax.get_xlabel().startswith("Fact") and ax.get_ylabel().startswith("term_recall")


def test_too_few_systems_says_so():
    cmp = pd.DataFrame({"wer": [0.1, 0.2], "Fact": [1.0, 2.0]}, index=["A", "B"])
    ax = plot_published_comparison(cmp, x="Fact", y="wer")
    assert ax.texts[-1].get_text() == "Spearman rho not computed (2 systems with both values)"


def test_missing_column_raises():
    with pytest.raises(ValueError, match="needs columns"):
        plot_published_comparison(pd.DataFrame({"Fact": [1.0]}), x="Fact", y="wer")


def _differences():
    from evalkit.stats.compare import compare_systems

    rng = np.random.default_rng(4)
    rows = []
    for k, system in enumerate(["A", "B", "C"]):
        for i in range(30):
            rows.append(
                {
                    "system": system,
                    "encounter_id": f"e{i}",
                    "wer": 0.2 + 0.1 * k + rng.normal(0, 0.02),
                }
            )
    return compare_systems(pd.DataFrame(rows), metrics=["wer"], n_boot=200).differences


def test_forest_plot_against_a_reference_flips_signs():
    from evalkit.plots.compare import plot_paired_differences

    diffs = _differences()
    ax = plot_paired_differences(diffs, metric="wer", reference="A")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["B − A", "C − A"]  # sorted by difference
    x = ax.lines[0].get_xdata()
    assert x[0] == pytest.approx(0.1, abs=0.02) and x[1] == pytest.approx(0.2, abs=0.02)
    assert "lower than A (better)" in ax.texts[-1].get_text()
    # against C, both others are better: negative differences
    ax2 = plot_paired_differences(diffs, metric="wer", reference="C", lang="da")
    assert (ax2.lines[0].get_xdata() < 0).all()
    assert ax2.get_xlabel().startswith("Parret forskel")


def test_forest_plot_all_pairs_and_errors():
    from evalkit.plots.compare import plot_paired_differences

    diffs = _differences()
    ax = plot_paired_differences(diffs)
    assert len(ax.get_yticklabels()) == 3
    with pytest.raises(ValueError, match="no differences for metric 'unchanged'"):
        plot_paired_differences(diffs, metric="unchanged")
    with pytest.raises(ValueError, match="in no pair"):
        plot_paired_differences(diffs, reference="Z")
