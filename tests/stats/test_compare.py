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


# --- compare_systems: paired comparisons on the same consultations -----------------

from scipy import stats as sps  # noqa: E402
from statsmodels.stats.contingency_tables import mcnemar  # noqa: E402

from evalkit.stats.compare import compare_systems  # noqa: E402
from evalkit.stats.summary import summarize  # noqa: E402


def _systems(n=120, n_clinicians=0, shift=0.05, seed=7, systems=("A", "B", "C")):
    """Paired drafts: system k's WER = consultation difficulty + k * shift + noise."""
    rng = np.random.default_rng(seed)
    difficulty = rng.gamma(2.0, 0.1, n)
    clin_effect = rng.normal(0, 0.05, max(n_clinicians, 1))
    rows = []
    for k, system in enumerate(systems):
        noise = rng.normal(0, 0.05, n)
        for i in range(n):
            clinician = i % n_clinicians if n_clinicians else 0
            wer = max(0.0, difficulty[i] + k * shift + noise[i] + clin_effect[clinician])
            row = {
                "note_id": f"{system}/{i}",
                "system": system,
                "encounter_id": f"e{i:03d}",
                "wer": wer,
                "unchanged": bool(rng.random() < (0.5 - 0.15 * k)),
            }
            if n_clinicians:
                row["clinician_id"] = f"GP{clinician:02d}"
            rows.append(row)
    return pd.DataFrame(rows)


def test_paired_p_value_equals_scipy_ttest_rel_without_clusters():
    scores = _systems(n=40)
    cmp = compare_systems(scores, baseline="A", metrics=["wer"], n_boot=200)
    row = cmp.differences.set_index("system").loc["B"]
    a = scores[scores.system == "A"].sort_values("encounter_id")["wer"].to_numpy()
    b = scores[scores.system == "B"].sort_values("encounter_id")["wer"].to_numpy()
    ref = sps.ttest_rel(b, a)
    assert row["difference"] == pytest.approx(np.mean(b - a))
    assert row["p_value"] == pytest.approx(ref.pvalue, rel=1e-9)
    assert row["system_mean"] == pytest.approx(b.mean()) and row["n_pairs"] == 40
    # the consultation bootstrap interval is close to the paired t interval
    t_low, t_high = ref.confidence_interval(0.95)
    assert row["ci_low"] == pytest.approx(t_low, abs=0.01)
    assert row["ci_high"] == pytest.approx(t_high, abs=0.01)
    assert row["method"] == "cluster bootstrap of consultations (percentile)"


def test_cluster_robust_p_value_equals_statsmodels_ols_cluster():
    import statsmodels.api as sm

    scores = _systems(n=120, n_clinicians=12)
    cmp = compare_systems(scores, baseline="A", metrics=["wer"], n_boot=200)
    row = cmp.differences.set_index("system").loc["C"]
    a = scores[scores.system == "A"].sort_values("encounter_id")
    c = scores[scores.system == "C"].sort_values("encounter_id")
    d = c["wer"].to_numpy() - a["wer"].to_numpy()
    fit = sm.OLS(d, np.ones_like(d)).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(a["clinician_id"])[0]}, use_t=True
    )
    assert row["p_value"] == pytest.approx(float(fit.pvalues[0]), rel=1e-6)
    assert row["n_clusters"] == 12


def test_mcnemar_matches_statsmodels_on_the_discordant_pairs():
    scores = _systems(n=80)
    cmp = compare_systems(scores, baseline="A", metrics=["unchanged"], n_boot=200)
    row = cmp.differences.set_index("system").loc["C"]
    a = scores[scores.system == "A"].sort_values("encounter_id")["unchanged"].to_numpy()
    c = scores[scores.system == "C"].sort_values("encounter_id")["unchanged"].to_numpy()
    b_count, c_count = int(np.sum(c & ~a)), int(np.sum(~c & a))
    table = [[int(np.sum(c & a)), b_count], [c_count, int(np.sum(~c & ~a))]]
    ref = mcnemar(table, exact=b_count + c_count < 25, correction=True)
    assert (row["mcnemar_b"], row["mcnemar_c"]) == (b_count, c_count)
    assert row["mcnemar_p"] == pytest.approx(ref.pvalue)
    assert row["difference"] == pytest.approx(c.mean() - a.mean())


def test_known_simulated_difference_is_recovered():
    scores = _systems(n=200, n_clinicians=20, shift=0.05, seed=11)
    cmp = compare_systems(scores, baseline="A", metrics=["wer"], n_boot=1000)
    diffs = cmp.differences.set_index("system")
    for system, truth in (("B", 0.05), ("C", 0.10)):
        row = diffs.loc[system]
        assert row["ci_low"] < truth < row["ci_high"]
        assert row["ci_low"] > 0 and row["favours"] == "baseline"
        assert row["method"] == "cluster bootstrap of clinicians (percentile)"
    ranks = cmp.ranks.set_index("system")
    assert ranks["rank"].to_dict() == {"A": 1.0, "B": 2.0, "C": 3.0}
    assert ranks.loc["A", "p_best"] > 0.95
    assert ranks.loc["A", "rank_high"] <= 2 and ranks.loc["C", "rank_low"] >= 2


def test_no_difference_gives_intervals_around_zero_and_uncertain_ranks():
    scores = _systems(n=60, shift=0.0, seed=2)
    cmp = compare_systems(scores, metrics=["wer"], n_boot=500)
    assert len(cmp.differences) == 3  # all pairs
    assert (cmp.differences["p_holm"] >= cmp.differences["p_value"]).all()
    assert cmp.ranks["p_best"].sum() == pytest.approx(1.0)
    assert (cmp.ranks["rank_high"] - cmp.ranks["rank_low"]).max() >= 1


def test_per_system_table_agrees_with_summarize():
    scores = _systems(n=50, n_clinicians=10)
    cmp = compare_systems(scores, metrics=["wer", "unchanged"], n_boot=300)
    want = summarize(scores, by=["system"], n_boot=300, min_cell=0)
    want = want[want["level"] == "system"].reset_index(drop=True)
    pd.testing.assert_frame_equal(cmp.systems, want)
    ranks = cmp.ranks[cmp.ranks["metric"] == "wer"].set_index("system")["estimate"]
    means = want[want["statistic"] == "wer_mean"].set_index("group")["estimate"]
    pd.testing.assert_series_equal(ranks, means, check_names=False)


def test_one_file_per_system_pairs_on_note_id(tmp_path):
    scores = _systems(n=20).assign(note_id=lambda d: d["encounter_id"]).drop(columns="encounter_id")
    cmp = compare_systems(scores, baseline="A", metrics=["wer"], n_boot=100)
    assert cmp.on == "note_id" and cmp.differences["n_pairs"].tolist() == [20, 20]
    files = cmp.write(tmp_path / "cmp")
    assert sorted(files) == ["differences", "ranks", "systems"]
    assert len(pd.read_csv(files["differences"])) == 2


@pytest.mark.parametrize(
    ("change", "kwargs", "message"),
    [
        (lambda d: d.drop(columns="system"), {}, "'system' .* not in the scores table"),
        (lambda d: d[d.system == "A"], {}, "comparing needs at least two"),
        (lambda d: d, {"baseline": "Z"}, "baseline 'Z' is not a system"),
        (lambda d: pd.concat([d, d.iloc[[0]]]), {}, "second draft of consultation"),
        (lambda d: d.drop(columns="encounter_id"), {}, "cannot pair the systems"),
        (lambda d: d, {"on": "visit"}, "pairing column 'visit'"),
        (lambda d: d, {"metrics": ["nope"]}, "nope not in the scores table"),
        (lambda d: d.assign(system=None), {}, "is empty in row 0"),
    ],
)
def test_bad_input_raises_with_the_fix(change, kwargs, message):
    with pytest.raises(ValueError, match=message):
        compare_systems(change(_systems(n=10)), n_boot=50, **kwargs)
