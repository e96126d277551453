"""Group summaries: hand-computed values, method choice, degenerate groups, suppression."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from evalkit.stats.ci import wilson_interval
from evalkit.stats.summary import (
    SUMMARY_COLUMNS,
    cluster_labels,
    read_scores,
    summarize,
    write_summary_tables,
)


@pytest.fixture
def tiny() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "note_id": [f"n{i}" for i in range(10)],
            "clinic_id": ["A"] * 6 + ["B"] * 4,
            "clinician_id": ["a1", "a1", "a1", "a2", "a2", "a2", "b1", "b1", "b1", "b1"],
            "consultation_type": ["phone", "video"] * 5,
            "unchanged": [True, False, True, True, True, False, False, False, True, None],
            "wer": [0.0, 0.5, 0.0, 0.0, 0.0, 0.25, 0.1, 0.3, 0.0, None],
            "n_hallucination_flags": [0, 1, 0, 0, 2, 0, 0, 1, 0, None],
        }
    )


def row(table, level, group, statistic):
    hit = table[(table.level == level) & (table.group == group) & (table.statistic == statistic)]
    assert len(hit) == 1, (level, group, statistic)
    return hit.iloc[0]


def test_hand_computed_estimates(tiny):
    t = summarize(tiny, by=["clinic_id", "clinician_id"], n_boot=200, min_cell=0)
    assert list(t.columns) == list(SUMMARY_COLUMNS)
    # 5 unchanged of 9 AI notes with a value (the 10th is a control note).
    r = row(t, "overall", "overall", "unchanged_rate")
    assert r.estimate == pytest.approx(5 / 9) and r.n_notes == 9 and r.n_clinicians == 3
    assert row(t, "overall", "overall", "wer_mean").estimate == pytest.approx(1.15 / 9)
    assert row(t, "overall", "overall", "wer_median").estimate == 0.0
    assert row(t, "clinic_id", "A", "wer_median").estimate == 0.0
    assert row(t, "clinic_id", "B", "wer_median").estimate == pytest.approx(0.1)
    flags = row(t, "clinic_id", "A", "hallucination_flags_per_100")
    assert flags.estimate == pytest.approx(100 * 3 / 6)
    # clinic A has two clinicians: cluster-robust t with 1 df, as statsmodels computes it
    import statsmodels.api as sm

    x = np.array([0, 1, 0, 0, 2, 0.0])
    fit = sm.OLS(x, np.ones_like(x)).fit(
        cov_type="cluster", cov_kwds={"groups": np.array([0, 0, 0, 1, 1, 1])}, use_t=True
    )
    low, high = fit.conf_int()[0]
    assert flags.method == "cluster-robust t (clinicians; 2 clusters)"
    assert (flags.ci_low, flags.ci_high) == pytest.approx((max(0.0, 100 * low), 100 * high))


def test_single_clinician_uses_per_note_methods(tiny):
    t = summarize(tiny, by="clinician_id", n_boot=200, min_cell=0)
    rate = row(t, "clinician_id", "a1", "unchanged_rate")
    ref = wilson_interval(2, 3)
    assert rate.method == "wilson (notes)"
    assert (rate.ci_low, rate.ci_high) == pytest.approx((ref.low, ref.high))
    assert pd.isna(rate.B) and pd.isna(rate.seed)
    mean = row(t, "clinician_id", "a1", "wer_mean")
    assert mean.method == "t (notes)"
    # One clinic of one clinician: clinic B is also judged on its notes.
    assert row(t, "clinician_id", "b1", "wer_median").method == "bootstrap of notes (percentile)"


def test_few_clinicians_use_the_cluster_robust_t(tiny):
    t = summarize(tiny, n_boot=300, seed=7, min_cell=0)
    r = row(t, "overall", "overall", "wer_mean")
    assert r.method == "cluster-robust t (clinicians; 3 clusters)"
    assert pd.isna(r.B)
    assert r.ci_low <= r.estimate <= r.ci_high
    # the median has no analytic interval: still the cluster bootstrap
    med = row(t, "overall", "overall", "wer_median")
    assert med.method == "cluster bootstrap of clinicians (percentile)" and med.B == 300


def test_many_clinicians_use_the_cluster_bootstrap():
    rng = np.random.default_rng(3)
    scores = pd.DataFrame(
        {
            "note_id": [f"n{i}" for i in range(60)],
            "clinician_id": np.repeat([f"c{i}" for i in range(12)], 5),
            "wer": rng.random(60),
        }
    )
    r = row(summarize(scores, n_boot=300, seed=7, min_cell=0), "overall", "overall", "wer_mean")
    assert r.method == "cluster bootstrap of clinicians (percentile)"
    assert r.B == 300 and r.seed == 7
    assert r.ci_low <= r.estimate <= r.ci_high


def test_absent_metric_families_are_skipped(tiny):
    t = summarize(tiny[["note_id", "clinician_id", "wer"]], n_boot=100, min_cell=0)
    assert set(t.statistic) == {"wer_mean", "wer_median"}


def test_one_clinic(tiny):
    one = tiny[tiny.clinic_id == "A"]
    t = summarize(one, by="clinic_id", n_boot=100, min_cell=0)
    assert set(t.group) == {"overall", "A"}
    assert t.loc[t.statistic == "unchanged_rate", "estimate"].tolist() == pytest.approx([4 / 6] * 2)


def test_one_clinician_one_note():
    df = pd.DataFrame({"note_id": ["x"], "clinician_id": ["g"], "unchanged": [True], "wer": [0.0]})
    t = summarize(df, n_boot=100, min_cell=0)
    rate = row(t, "overall", "overall", "unchanged_rate")
    assert rate.estimate == 1.0 and rate.ci_high == 1.0 and 0 < rate.ci_low < 1
    mean = row(t, "overall", "overall", "wer_mean")
    assert mean.estimate == 0.0 and np.isnan(mean.ci_low) and "undefined" in mean.method


def test_all_notes_unchanged_still_has_an_interval():
    df = pd.DataFrame(
        {
            "note_id": [f"n{i}" for i in range(12)],
            "clinician_id": np.repeat(["a", "b", "c", "d"], 3),
            "unchanged": [True] * 12,
        }
    )
    r = row(summarize(df, n_boot=200, min_cell=0), "overall", "overall", "unchanged_rate")
    # The bootstrap collapses to a point; the Wilson interval over 4 clinicians does not.
    ref = wilson_interval(4, 4)
    assert r.estimate == 1.0 and r.ci_high == 1.0
    assert r.ci_low == pytest.approx(ref.low) and r.ci_low < 1.0
    assert "wilson" in r.method


def test_small_cells_are_suppressed(tiny):
    t = summarize(tiny, by="clinician_id", n_boot=100, min_cell=5)
    small = t[t.group == "a1"]
    assert small.suppressed.all() and (small.n_notes_display == "<5").all()
    assert small.estimate.isna().all() and small.n_notes.isna().all()
    overall = t[t.level == "overall"]
    assert not overall.suppressed.any() and overall.estimate.notna().all()


def test_input_is_not_modified_and_row_order_does_not_matter(tiny):
    before = tiny.copy()
    a = summarize(tiny, by="clinic_id", n_boot=200, min_cell=0)
    pd.testing.assert_frame_equal(tiny, before)
    b = summarize(tiny.sample(frac=1.0, random_state=3), by="clinic_id", n_boot=200, min_cell=0)
    pd.testing.assert_frame_equal(a, b)


def test_compound_grouping(tiny):
    t = summarize(tiny, by=["clinic_id+consultation_type"], n_boot=100, min_cell=0)
    assert "A|phone" in set(t.group)
    assert set(t.level) == {"overall", "clinic_id+consultation_type"}


def test_clusters_fall_back_to_clinics_then_notes(tiny):
    assert cluster_labels(tiny)[1] == "clinicians"
    t = summarize(tiny.drop(columns="clinician_id"), n_boot=100, min_cell=0)
    method = row(t, "overall", "overall", "wer_mean").method
    assert method == "cluster-robust t (clinics; 2 clusters)"
    t = summarize(tiny.drop(columns=["clinician_id", "clinic_id"]), n_boot=100, min_cell=0)
    assert row(t, "overall", "overall", "wer_mean").method == "t (notes)"


def test_validation_messages(tiny):
    with pytest.raises(ValueError, match="grouping column.*site_id.*found columns"):
        summarize(tiny, by="site_id")
    bad = tiny.assign(unchanged=["maybe"] + [True] * 9)
    with pytest.raises(ValueError, match="'unchanged'.*row 0"):
        summarize(bad)
    with pytest.raises(ValueError, match="n_boot"):
        summarize(tiny, n_boot=0)
    with pytest.raises(ValueError, match="none of the summary columns"):
        summarize(tiny[["note_id", "clinic_id"]])


def test_csv_round_trip_and_written_tables(tiny, tmp_path):
    path = tmp_path / "scores.csv"
    tiny.to_csv(path, index=False)
    back = read_scores(path)
    a = summarize(tiny, n_boot=100, min_cell=0)
    b = summarize(back, n_boot=100, min_cell=0)
    pd.testing.assert_series_equal(a.estimate, b.estimate)
    res = write_summary_tables(back, tmp_path / "out", by=["clinic_id"], n_boot=100)
    assert set(res.files) == {"summary"}
    assert any("time sections skipped" in m for m in res.messages)
    written = pd.read_csv(res.files["summary"])
    assert {"method", "B", "seed"} <= set(written.columns)


def test_simulated_table_is_fast(simulated):
    import time

    start = time.perf_counter()
    t = summarize(simulated, by=["clinic_id", "clinician_id", "consultation_type"])
    assert time.perf_counter() - start < 5.0
    assert (t.level == "clinician_id").sum() == 18 * 9


# --- grouping by section (section_scores exploded) ---------------------------------


def _with_sections(n_notes=60, seed=3):
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n_notes):
        items = []
        for section in ("subjective", "objective", "plan"):
            if section == "objective" and i % 4 == 0:
                continue  # some notes lack the section
            wer = float(rng.gamma(2.0, 0.1)) if rng.random() < 0.6 else 0.0
            items.append(
                {
                    "section": section,
                    "alignment": "heading",
                    "char_distance": int(wer * 50),
                    "wer": wer,
                    "unchanged": wer == 0.0,
                    "n_missing_terms": int(rng.poisson(0.3)),
                    "n_hallucination_flags": int(rng.poisson(0.2)),
                }
            )
        rows.append(
            {
                "note_id": f"n{i}",
                "clinic_id": f"K{i % 3}",
                "clinician_id": f"GP{i % 12}",
                "wer": float(np.mean([x["wer"] for x in items])),
                "unchanged": all(x["unchanged"] for x in items),
                "n_hallucination_flags": sum(x["n_hallucination_flags"] for x in items),
                "n_critical_flags": 0,
                "section_scores": items,
            }
        )
    return pd.DataFrame(rows)


def test_by_section_equals_summarising_the_exploded_table():
    from evalkit.stats.summary import section_rows

    scores = _with_sections()
    got = summarize(scores, by=["section", "clinic_id+section"], n_boot=300, min_cell=0)
    exploded = section_rows(scores)
    assert len(exploded) == 60 * 3 - 15
    want = summarize(exploded, by=["section", "clinic_id+section"], n_boot=300, min_cell=0)
    got_s = got[got["level"] != "overall"].reset_index(drop=True)
    want_s = want[want["level"] != "overall"].reset_index(drop=True)
    pd.testing.assert_frame_equal(got_s, want_s)
    # the overall rows are still the note-level ones
    overall = got[got["level"] == "overall"].set_index("statistic")
    assert overall.loc["wer_mean", "estimate"] == pytest.approx(scores["wer"].mean())
    assert "critical_flags_per_100" in overall.index
    sec = got[got["level"] == "section"]
    assert set(sec["group"]) == {"subjective", "objective", "plan"}
    assert "critical_flags_per_100" not in set(sec["statistic"])
    obj = sec[(sec["group"] == "objective") & (sec["statistic"] == "wer_mean")].iloc[0]
    assert obj["n_notes"] == 45 and obj["n_clinicians"] == 9  # GP0, GP4, GP8 never have it
    assert obj["method"] == "cluster-robust t (clinicians; 9 clusters)"
    sub = exploded[exploded["section"] == "subjective"]
    row = sec[(sec["group"] == "subjective") & (sec["statistic"] == "wer_mean")].iloc[0]
    assert row["estimate"] == pytest.approx(sub["wer"].mean())


def test_by_section_reads_json_strings_from_csv(tmp_path):
    import json

    scores = _with_sections(12)
    as_csv = scores.assign(section_scores=scores["section_scores"].map(json.dumps))
    a = summarize(scores, by="section", n_boot=100, min_cell=0)
    b = summarize(as_csv, by="section", n_boot=100, min_cell=0)
    pd.testing.assert_frame_equal(a, b)


def test_by_section_needs_section_scores():
    scores = _with_sections(8).drop(columns="section_scores")
    with pytest.raises(ValueError, match="needs the column 'section_scores'"):
        summarize(scores, by="section")
    bad = _with_sections(8)
    bad.loc[2, "section_scores"] = "not json"
    with pytest.raises(ValueError, match="row 2 is not a JSON list"):
        summarize(bad, by="section")
