"""Tests for evalkit.stats.compare: per-system means beside a published table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.stats.compare import compare_with_published, rank_correlations


def _scores() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "note_id": [f"n{i}" for i in range(7)],
            "system": ["A", "A", "B", "B", "B", "C", "D"],
            "wer": [0.2, 0.4, 0.5, 0.7, np.nan, 0.9, 0.1],
            "term_recall": [0.9, 0.7, 0.6, 0.5, 0.4, 0.2, 1.0],
            "hallucination_free": pd.array(
                [True, False, True, True, False, None, True], dtype="boolean"
            ),
        }
    )


def _published() -> pd.DataFrame:
    return pd.DataFrame(
        {"Fact": [50.0, 40.0, 30.0, 10.0], "note": ["x", "y", "z", "w"]}, index=["A", "B", "C", "E"]
    )


def test_means_match_groupby_and_na_is_skipped():
    scores = _scores()
    table = compare_with_published(
        scores, _published(), by="system", metrics=["wer", "term_recall", "hallucination_free"]
    )
    expected = (
        scores.assign(hallucination_free=scores["hallucination_free"].astype(float))
        .groupby("system")[["wer", "term_recall", "hallucination_free"]]
        .mean()
    )
    pd.testing.assert_frame_equal(
        table[["wer", "term_recall", "hallucination_free"]], expected, check_names=False
    )
    # B: wer mean over the two non-NA values (0.5 + 0.7) / 2, by hand
    assert table.loc["B", "wer"] == pytest.approx(0.6)
    assert table.loc["B", "hallucination_free"] == pytest.approx(2 / 3)
    assert table["n_notes"].tolist() == [2, 3, 1, 1]


def test_published_columns_joined_and_unmatched_listed():
    table = compare_with_published(_scores(), _published(), by="system", metrics=["wer"])
    assert list(table.columns) == ["n_notes", "wer", "Fact"]  # text column dropped
    assert table.loc["A", "Fact"] == 50.0
    assert np.isnan(table.loc["D", "Fact"])
    assert table.attrs["unmatched"] == ["D"]
    assert table.attrs["metrics"] == ["wer"] and table.attrs["published"] == ["Fact"]


def test_default_metrics_are_those_present():
    table = compare_with_published(_scores(), _published(), by="system")
    assert table.attrs["metrics"] == ["term_recall", "hallucination_free", "wer"]


def test_input_not_modified():
    scores = _scores()
    before = scores.copy()
    compare_with_published(scores, _published(), by="system")
    pd.testing.assert_frame_equal(scores, before)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"by": "model"}, "column 'model'.*by="),
        ({"by": "system", "metrics": ["rouge"]}, "rouge.*not in the scores table"),
        ({"by": "system", "metrics": ["note_id"]}, "cannot be averaged"),
    ],
)
def test_bad_arguments_raise_with_fix(kwargs, match):
    with pytest.raises(ValueError, match=match):
        compare_with_published(_scores(), _published(), **kwargs)


def test_no_matching_system_raises():
    published = pd.DataFrame({"Fact": [1.0]}, index=["Z"])
    with pytest.raises(ValueError, match="no system .* matches"):
        compare_with_published(_scores(), published, by="system")


def test_name_clash_raises():
    published = pd.DataFrame({"wer": [1.0, 2.0]}, index=["A", "B"])
    with pytest.raises(ValueError, match="occur in both tables"):
        compare_with_published(_scores(), published, by="system", metrics=["wer"])


def test_rank_correlation_matches_pearson_of_ranks():
    rng = np.random.default_rng(3)
    cmp = pd.DataFrame({"term_recall": rng.normal(size=9), "Fact": rng.normal(size=9)})
    cmp.loc[2, "Fact"] = cmp.loc[5, "Fact"]  # a tie, to exercise average ranks
    r = rank_correlations(cmp, ours=["term_recall"], theirs=["Fact"]).iloc[0]
    by_hand = np.corrcoef(cmp["term_recall"].rank(), cmp["Fact"].rank())[0, 1]
    assert r["rho"] == pytest.approx(by_hand)
    assert r["agreement"] == pytest.approx(by_hand)  # term_recall: higher is better
    assert r["n_systems"] == 9 and 0 <= r["p_value"] <= 1


def test_agreement_flips_for_lower_is_better_and_uses_attrs():
    table = compare_with_published(
        _scores(), _published(), by="system", metrics=["wer", "term_recall"]
    )
    r = rank_correlations(table).set_index("metric")
    # systems A, B, C have both values: wer rises while Fact falls -> rho = -1
    assert r.loc["wer", "rho"] == pytest.approx(-1.0)
    assert r.loc["wer", "agreement"] == pytest.approx(1.0)
    assert r.loc["wer", "direction"] == "lower"
    assert r.loc["term_recall", "rho"] == pytest.approx(1.0)
    assert (r["n_systems"] == 3).all()


def test_too_few_or_constant_gives_nan():
    cmp = pd.DataFrame({"wer": [0.1, 0.2, 0.3], "Fact": [1.0, 1.0, 1.0], "Two": [1, 2, np.nan]})
    r = rank_correlations(cmp, ours=["wer"], theirs=["Fact", "Two"])
    assert r["rho"].isna().all()
    assert r["n_systems"].tolist() == [3, 2]


def test_rank_correlations_needs_columns():
    with pytest.raises(ValueError, match="no columns to correlate"):
        rank_correlations(pd.DataFrame({"a": [1.0]}))
    with pytest.raises(ValueError, match="not in the comparison table"):
        rank_correlations(pd.DataFrame({"a": [1.0]}), ours=["a"], theirs=["b"])


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from("ABCD"), st.floats(0, 1)), min_size=4, max_size=30),
    st.randoms(use_true_random=False),
)
def test_row_order_does_not_matter(rows, rnd):
    scores = pd.DataFrame(rows, columns=["system", "wer"])
    published = pd.DataFrame({"Fact": [4.0, 3.0, 2.0, 1.0]}, index=list("ABCD"))
    shuffled = scores.sample(frac=1, random_state=rnd.randint(0, 10_000))
    a = compare_with_published(scores, published, by="system", metrics=["wer"])
    b = compare_with_published(shuffled, published, by="system", metrics=["wer"])
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12)
    assert a["n_notes"].sum() == len(scores)
    assert ((a["wer"] >= 0) & (a["wer"] <= 1)).all()
