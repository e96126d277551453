import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.distributions.empirical_distribution import ECDF

from evalkit.plots.edits import edit_category, plot_ecdf, plot_edit_categories


@pytest.mark.parametrize(
    ("unchanged", "dist", "expected"),
    [
        (True, 0.0, "unchanged"),
        (False, 0.0, "light"),  # whitespace-only changes in unchanged_exact terms
        (False, 0.10, "light"),  # the threshold itself is light
        (False, 0.1000001, "heavy"),
        (False, 1.0, "heavy"),
        (None, None, None),  # control note
    ],
)
def test_edit_category_table(unchanged, dist, expected):
    df = pd.DataFrame({"unchanged": [unchanged], "char_distance_norm": [dist]})
    got = edit_category(df).iloc[0]
    assert (pd.isna(got) and expected is None) or got == expected


def test_edit_category_rejects_bad_threshold():
    df = pd.DataFrame({"unchanged": [True], "char_distance_norm": [0.0]})
    with pytest.raises(ValueError, match="light_max"):
        edit_category(df, light_max=1.5)


def _scores():
    return pd.DataFrame(
        {
            "clinic_id": ["A"] * 6 + ["B"] * 5 + ["C"] * 2,
            "unchanged": [True, True, False, False, False, False] + [True] * 5 + [False, True],
            "char_distance_norm": [0, 0, 0.05, 0.08, 0.3, 0.5] + [0] * 5 + [0.4, 0],
        }
    )


def test_edit_categories_stacked_shares_and_suppression():
    ax = plot_edit_categories(_scores(), lang="en")
    # Two shown groups (A, B) x three categories; C (2 notes) is suppressed.
    assert len(ax.patches) == 6
    heights = np.array([p.get_height() for p in ax.patches]).reshape(3, 2)
    assert heights[:, 0] == pytest.approx([100 * 2 / 6, 100 * 2 / 6, 100 * 2 / 6])
    assert heights[:, 1] == pytest.approx([100.0, 0.0, 0.0])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["A", "B", "C\n<5"]
    assert ax.get_ylabel() == "Share of notes (%)"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[1] == "Lightly edited (≤10% of characters)"


@settings(max_examples=12, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ABC"), st.floats(0, 1)), min_size=1, max_size=40))
def test_edit_category_shares_sum_to_100(rows):
    df = pd.DataFrame(
        {
            "clinic_id": [r[0] for r in rows],
            "char_distance_norm": [r[1] for r in rows],
            "unchanged": [r[1] == 0 for r in rows],
        }
    )
    import matplotlib.pyplot as plt

    ax = plot_edit_categories(df, min_cell=1)
    n_groups = df["clinic_id"].nunique()
    heights = np.array([p.get_height() for p in ax.patches]).reshape(3, n_groups)
    assert heights.sum(axis=0) == pytest.approx(np.full(n_groups, 100.0))
    plt.close(ax.figure)


def test_ecdf_matches_statsmodels():
    rng = np.random.default_rng(5)
    df = pd.DataFrame(
        {"consultation_type": rng.choice(["video", "phone"], 80), "wer": rng.beta(1, 6, 80)}
    )
    ax = plot_ecdf(df, metric="wer", by="consultation_type")
    assert len(ax.lines) == 2
    for line, group in zip(ax.lines, ["phone", "video"], strict=True):
        ref = ECDF(df.loc[df["consultation_type"] == group, "wer"])
        xs, ys = line.get_data()
        assert np.asarray(ys)[1:] == pytest.approx(100 * ref(np.asarray(xs)[1:]))
    assert ax.get_xlabel() == "Word error rate (edits per final-note word)"


def test_ecdf_suppresses_small_groups_in_the_legend_only():
    ax = plot_ecdf(_scores(), metric="char_distance_norm", by="clinic_id")
    assert len(ax.lines) == 2
    assert "C: n <5" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_ecdf_of_many_notes_is_thinned_but_exact_at_kept_points():
    rng = np.random.default_rng(9)
    values = rng.gamma(1.0, 0.1, size=50_000)
    ax = plot_ecdf(pd.DataFrame({"wer": values}), metric="wer", by=None, max_points=500)
    xs, ys = (np.asarray(a) for a in ax.lines[0].get_data())
    assert len(xs) <= 501
    assert ys[1:] == pytest.approx(100 * ECDF(values)(xs[1:]))
    assert ax.get_legend().get_texts()[0].get_text() == "n=50000"
