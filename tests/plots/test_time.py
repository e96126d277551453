import numpy as np
import pandas as pd
import pytest
from matplotlib.container import BarContainer
from scipy import stats as sps

from evalkit.plots.time import plot_edit_vs_time, plot_time_per_note, plot_time_saved_distribution


def _table(n_c_small: int = 3) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "clinic_id": ["A", "A", "B", "B", "C", "C"],
            "ai_assisted": [True, False] * 3,
            "estimate": [200.0, 260.0, 180.0, 250.0, 150.0, 170.0],
            "ci_low": [180.0, 230.0, 160.0, 220.0, 100.0, 120.0],
            "ci_high": [220.0, 290.0, 205.0, 280.0, 200.0, 220.0],
            "n_notes": [40, 12, 30, 9, 8, n_c_small],
        }
    )


def test_time_per_note_bars_heights_errors_and_labels():
    ax = plot_time_per_note(_table(), lang="en")
    heights = [p.get_height() for p in ax.patches]
    # A: both arms, B: both arms, C: control arm suppressed (3 < 5) -> 5 bars.
    assert heights == [200.0, 260.0, 180.0, 250.0, 150.0]
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks == ["A", "B", "C\n<5"]
    assert ax.get_ylabel() == "Documentation time per note (s)"
    assert ax.get_xlabel() == "Clinic"
    # Error bars: the first bar's segment spans its CI.
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    segments = bars[0].errorbar.lines[2][0].get_segments()
    assert segments[0][:, 1].tolist() == [180.0, 220.0]


def test_time_per_note_honours_upstream_suppression():
    t = _table(n_c_small=10)
    t.loc[2:3, ["estimate", "ci_low", "ci_high", "n_notes"]] = np.nan
    t["suppressed"] = [False, False, True, True, False, False]
    ax = plot_time_per_note(t, lang="da", min_cell=5)
    assert len(ax.patches) == 4
    assert [x.get_text() for x in ax.get_xticklabels()] == ["A", "B\n<5", "C"]
    assert ax.get_ylabel() == "Dokumentationstid pr. notat (s)"


def test_time_per_note_missing_column_names_it():
    with pytest.raises(ValueError, match="missing ci_low"):
        plot_time_per_note(_table().drop(columns="ci_low"))


def test_time_saved_histogram_counts_match_numpy():
    rng = np.random.default_rng(1)
    saved = rng.normal(60, 20, size=200)
    ax = plot_time_saved_distribution(pd.Series(saved), bins=12, modelled=True)
    counts, _ = np.histogram(saved, bins=12)
    assert [p.get_height() for p in ax.patches] == counts.tolist()
    assert "modelled" in ax.get_title(loc="right")
    median_line = ax.lines[0]
    assert median_line.get_xdata()[0] == pytest.approx(np.median(saved))


def test_time_saved_suppressed_when_too_few_notes():
    ax = plot_time_saved_distribution([10.0, 20.0], min_cell=5)
    assert len(ax.patches) == 0 and "<5" in ax.get_title(loc="right")


def test_edit_vs_time_line_matches_scipy_linregress():
    rng = np.random.default_rng(3)
    x = rng.integers(0, 400, size=60)
    y = 90 + 0.35 * x + rng.normal(0, 15, size=60)
    df = pd.DataFrame({"char_distance": x, "doc_seconds": y})
    ax = plot_edit_vs_time(df)
    ref = sps.linregress(x, y)
    line_x, line_y = ax.lines[0].get_data()
    assert line_y == pytest.approx(ref.intercept + ref.slope * np.asarray(line_x))
    assert ax.get_xlabel() == "Character edit distance (characters)"
    assert ax.get_ylabel() == "Documentation time (s)"
    assert len(ax.collections[0].get_offsets()) == 60


def test_edit_vs_time_uses_a_given_fit_and_drops_missing():
    df = pd.DataFrame(
        {"char_distance": [0, 10, 20, None, 40, 50], "doc_seconds": [1.0, 2.0, 3.0, 4.0, None, 6.0]}
    )
    ax = plot_edit_vs_time(df, fit=(100.0, 2.0), min_cell=4)
    assert len(ax.collections[0].get_offsets()) == 4
    assert ax.lines[0].get_ydata().tolist() == [100.0, 200.0]


def test_edit_vs_time_samples_points_but_fits_on_all():
    rng = np.random.default_rng(4)
    x = rng.integers(0, 300, size=20_000)
    y = 60 + 0.5 * x + rng.normal(0, 20, size=20_000)
    ax = plot_edit_vs_time(pd.DataFrame({"char_distance": x, "doc_seconds": y}), max_points=1000)
    assert len(ax.collections[0].get_offsets()) == 1000
    ref = sps.linregress(x, y)
    line_x, line_y = ax.lines[0].get_data()
    assert line_y == pytest.approx(ref.intercept + ref.slope * np.asarray(line_x))
    assert ax.get_title(loc="right") == "n = 20000"


def test_time_per_note_ci_not_containing_the_estimate_is_drawn():
    t = _table(n_c_small=10)
    t.loc[0, "ci_low"] = 201.0  # a percentile interval just above the estimate
    ax = plot_time_per_note(t)
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    low, high = bars[0].errorbar.lines[2][0].get_segments()[0][:, 1]
    assert (low, high) == (200.0, 220.0)
