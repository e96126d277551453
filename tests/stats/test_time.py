"""Time saved: timing sources, MixedLM recovery, Wilcoxon, modelled baseline, projections."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from evalkit.stats.summary import write_summary_tables
from evalkit.stats.time import (
    NoTimingDataError,
    ai_assisted_mask,
    documentation_seconds,
    fit_edit_time,
    fit_time_model,
    has_timing,
    per_note_time_saved,
    time_per_note,
    time_saved,
    within_clinician_comparison,
)


def quantity(table, name, level="overall", group="overall"):
    hit = table[(table.quantity == name) & (table.level == level) & (table.group == group)]
    assert len(hit) == 1, name
    return hit.iloc[0]


@pytest.fixture
def paired() -> pd.DataFrame:
    # Three clinicians, one AI and one control note each; hand-computable.
    return pd.DataFrame(
        {
            "note_id": list("abcdef"),
            "clinic_id": ["K1", "K1", "K1", "K1", "K2", "K2"],
            "clinician_id": ["x", "x", "y", "y", "z", "z"],
            "ai_assisted": [True, False, True, False, True, False],
            "doc_seconds": [200.0, 260.0, 180.0, 250.0, 300.0, 330.0],
        }
    )


def test_documentation_seconds_from_timestamps_fills_gaps():
    df = pd.DataFrame(
        {
            "doc_seconds": [None, 42.0],
            "doc_started_at": ["2026-03-02T08:59:30+01:00", "2026-03-02T09:00:00+01:00"],
            "doc_signed_at": ["2026-03-02T09:03:00+01:00", "2026-03-02T09:10:00+01:00"],
        }
    )
    assert documentation_seconds(df).tolist() == [210.0, 42.0]
    only_stamps = df.drop(columns="doc_seconds")
    assert documentation_seconds(only_stamps).tolist() == [210.0, 600.0]


def test_negative_time_is_rejected_with_row():
    df = pd.DataFrame(
        {"doc_started_at": ["2026-03-02T09:10:00"], "doc_signed_at": ["2026-03-02T09:00:00"]}
    )
    with pytest.raises(ValueError, match="row 0"):
        documentation_seconds(df)


def test_ai_assisted_parsing():
    df = pd.DataFrame({"ai_assisted": ["True", "false", "1", True]})
    assert ai_assisted_mask(df).tolist() == [True, False, True, True]
    with pytest.raises(ValueError, match="row 1"):
        ai_assisted_mask(pd.DataFrame({"ai_assisted": [True, None]}))


def test_hand_computed_measured_time_saved(paired):
    t = time_saved(
        paired,
        by="clinic_id",
        n_boot=200,
        min_cell=0,
        mixed_model=False,
        notes_per_day=10,
        working_days_per_year=200,
    )
    ai, ctl = (200 + 180 + 300) / 3, (260 + 250 + 330) / 3
    assert quantity(t, "seconds_per_note_ai").estimate == pytest.approx(ai)
    assert quantity(t, "seconds_per_note_control").estimate == pytest.approx(ctl)
    saved = quantity(t, "seconds_saved_per_note")
    assert saved.estimate == pytest.approx(ctl - ai) and saved.basis == "measured"
    assert quantity(t, "percent_saved").estimate == pytest.approx(100 * (1 - ai / ctl))
    per_day = quantity(t, "projected_minutes_saved_per_clinician_per_day")
    assert per_day.projection and per_day.estimate == pytest.approx((ctl - ai) * 10 / 60)
    assert per_day.ci_low == pytest.approx(saved.ci_low * 10 / 60)
    # Observed 1.5 clinicians per clinic (K1 has 2, K2 has 1).
    per_year = quantity(t, "projected_hours_saved_per_clinic_per_year")
    assert per_year.estimate == pytest.approx((ctl - ai) * 10 * 200 * 1.5 / 3600)
    k2 = quantity(t, "seconds_saved_per_note", level="clinic_id", group="K2")
    assert k2.estimate == pytest.approx(30.0) and k2.method == "bootstrap of notes (percentile)"
    assert set(t.B.dropna()) == {200} and set(t.seed.dropna()) == {12345}


def test_time_per_note_shape_for_plots(paired):
    t = time_per_note(paired, n_boot=100, min_cell=0)
    assert list(t.columns[:6]) == [
        "clinic_id",
        "ai_assisted",
        "estimate",
        "ci_low",
        "ci_high",
        "n_notes",
    ]
    k1 = t[(t.clinic_id == "K1") & t.ai_assisted].iloc[0]
    assert k1.estimate == pytest.approx(190.0) and k1.n_notes == 2


def test_mixed_model_recovers_known_effect(sim):
    true_ratio = sim.true_ratio
    df = sim.make(n_clinics=8, clinicians_per_clinic=3, notes_per_clinician=25, seed=42)
    fit = fit_time_model(df)
    assert fit.ratio == pytest.approx(true_ratio, abs=0.05)
    assert fit.ratio_low <= true_ratio <= fit.ratio_high
    assert fit.percent_change == pytest.approx(100 * (fit.ratio - 1))
    assert fit.converged and "clinic" in fit.random_effects
    # The simulation's SD of log time: sqrt(0.15² + 0.3² + 0.4²) = 0.52, ICC 0.1125 / 0.2725 = 0.41.
    assert fit.sd_log * np.sqrt(1 - fit.icc) == pytest.approx(0.4, abs=0.04)
    assert 0.35 < fit.sd_log < 0.7 and 0.1 < fit.icc < 0.7
    assert fit.formula == "log_seconds ~ ai_assisted + consultation_type"
    # Seconds at the median note: median control time (about 300 s scaled) times the saving.
    assert fit.seconds_saved_at_median == pytest.approx(
        fit.median_control_seconds * (1 - fit.ratio)
    )
    assert 0.5 * sim.baseline < fit.median_control_seconds < 1.5 * sim.baseline


def test_mixed_model_ci_covers_truth_in_repeated_simulations(sim):
    covered = 0
    for seed in range(10):
        df = sim.make(n_clinics=5, clinicians_per_clinic=3, notes_per_clinician=16, seed=100 + seed)
        fit = fit_time_model(df)
        covered += fit.ratio_low <= sim.true_ratio <= fit.ratio_high
    assert covered >= 8


def test_mixed_model_with_one_clinic_uses_clinician_intercepts(sim):
    df = sim.make(n_clinics=1, clinicians_per_clinic=6, notes_per_clinician=20, seed=3)
    fit = fit_time_model(df)
    assert fit.random_effects.startswith("random intercept per clinician")
    assert fit.ratio_low <= sim.true_ratio <= fit.ratio_high


def test_within_clinician_matches_scipy(paired):
    res = within_clinician_comparison(paired, n_boot=100)
    savings = np.array([60.0, 70.0, 30.0])
    assert res.median_saving == 60.0 and res.n_clinicians == 3 and res.n_notes == 6
    assert res.p_value == pytest.approx(sps.wilcoxon(savings).pvalue)


def test_within_clinician_counts_only_the_notes_of_paired_clinicians(paired):
    # Clinician w has AI notes only and an untimed control: not compared, not counted.
    extra = pd.DataFrame(
        {
            "note_id": ["g", "h", "i"],
            "clinic_id": "K2",
            "clinician_id": "w",
            "ai_assisted": [True, True, False],
            "doc_seconds": [100.0, 120.0, None],
        }
    )
    res = within_clinician_comparison(pd.concat([paired, extra]), n_boot=50)
    assert res.n_clinicians == 3 and res.n_notes == 6


def test_within_row_carries_its_notes_so_it_can_be_suppressed(paired):
    t = time_saved(paired, n_boot=50, min_cell=0)
    assert quantity(t, "within_clinician_median_seconds_saved").n_notes == 6
    hidden = quantity(
        time_saved(paired, n_boot=50, min_cell=7),
        "within_clinician_median_seconds_saved",
    )
    assert hidden.suppressed and pd.isna(hidden.estimate) and hidden.n_notes_display == "<7"


def test_modelled_rows_count_notes_not_values():
    # Four AI notes and no controls: each note gives a value to both arms.
    df = pd.DataFrame(
        {
            "note_id": list("abcd"),
            "clinician_id": ["a", "a", "b", "b"],
            "ai_assisted": True,
            "final_note": ["x" * 600] * 4,
            "edit_seconds": [30.0, 40.0, 50.0, 60.0],
        }
    )
    t = time_saved(df, by=None, n_boot=50, min_cell=0)
    row = quantity(t, "seconds_saved_per_note")
    assert row.basis == "modelled" and row.n_notes == 4
    assert row.n_notes_ai == 4 and row.n_notes_control == 4
    # so a group of four notes is suppressed at k = 5
    assert time_saved(df, by=None, n_boot=50, min_cell=5)["suppressed"].all()


def test_measured_table_has_model_rows(simulated, sim):
    t = time_saved(simulated, n_boot=300)
    names = set(t.quantity)
    assert {
        "mixedlm_time_ratio",
        "mixedlm_percent_change",
        "mixedlm_seconds_saved_at_median_note",
        "within_clinician_median_seconds_saved",
    } <= names
    assert set(t.basis) == {"measured"}
    assert (t.loc[t.projection, "quantity"].str.startswith("projected_")).all()
    ratio = quantity(t, "mixedlm_time_ratio")
    assert ratio.ci_low <= sim.true_ratio <= ratio.ci_high and ratio.p_value < 0.01


def test_no_control_notes_uses_modelled_baseline():
    rng = np.random.default_rng(1)
    n = 30
    final = ["x" * int(k) for k in rng.integers(300, 900, n)]
    distance = rng.integers(0, 200, n)
    edit = 20 + 0.3 * distance + rng.normal(0, 5, n)
    edit[::3] = np.nan  # a third of the notes untimed: predicted
    df = pd.DataFrame(
        {
            "note_id": [f"n{i}" for i in range(n)],
            "clinician_id": np.repeat(["a", "b", "c"], 10),
            "ai_assisted": True,
            "final_note": final,
            "char_distance": distance,
            "edit_seconds": edit,
        }
    )
    t = time_saved(df, by=None, n_boot=200, min_cell=0, typing_chars_per_minute=150)
    baseline = np.array([len(f) for f in final]) / 150 * 60
    timed = ~np.isnan(edit)
    fit = sps.linregress(distance[timed], edit[timed])
    ai_time = np.where(timed, edit, np.maximum(fit.intercept + fit.slope * distance, 0))
    assert quantity(t, "seconds_per_note_control").estimate == pytest.approx(baseline.mean())
    assert quantity(t, "seconds_per_note_ai").estimate == pytest.approx(ai_time.mean())
    assert quantity(t, "seconds_per_note_ai").basis == "modelled"
    assert set(t.loc[t.quantity != "seconds_per_note_ai", "basis"]) == {"modelled"}
    assert not t.quantity.str.startswith("mixedlm").any()
    messages = " ".join(t.attrs["messages"])
    assert "no control notes" in messages and "R²" in messages


def test_edit_time_regression_matches_numpy():
    rng = np.random.default_rng(2)
    x = rng.integers(0, 400, 50).astype(float)
    y = 15 + 0.25 * x + rng.normal(0, 10, 50)
    m = fit_edit_time(x, y)
    slope, intercept = np.polyfit(x, y, 1)
    assert (m.intercept, m.slope) == pytest.approx((intercept, slope))
    assert m.r2 == pytest.approx(np.corrcoef(x, y)[0, 1] ** 2)
    assert m.seconds_per_100_chars == pytest.approx(100 * slope)


def test_no_timing_columns_skip_with_clear_message(tmp_path):
    df = pd.DataFrame(
        {"note_id": ["a", "b"], "clinician_id": ["x", "y"], "unchanged": [True, False]}
    )
    assert not has_timing(df)
    with pytest.raises(NoTimingDataError, match="no timing columns.*skipped"):
        time_saved(df)
    res = write_summary_tables(df, tmp_path, n_boot=50, by=None)
    assert "time_saved" not in res.files
    assert any("time sections skipped" in m for m in res.messages)


def test_no_control_and_no_text_explains_what_is_missing():
    df = pd.DataFrame({"note_id": ["a"], "ai_assisted": [True], "doc_seconds": [100.0]})
    with pytest.raises(NoTimingDataError, match="final_note"):
        time_saved(df)


def test_summary_writes_time_table_when_timed(simulated, tmp_path):
    res = write_summary_tables(simulated, tmp_path, by=["clinic_id"], n_boot=100)
    assert set(res.files) == {"summary", "time_saved"}
    table = pd.read_csv(res.files["time_saved"])
    assert {"basis", "method", "B", "seed", "projection"} <= set(table.columns)


def test_one_clinician_with_controls_skips_the_paired_test():
    df = pd.DataFrame(
        {
            "clinic_id": ["K1"] * 6 + ["K2"] * 2,
            "clinician_id": ["x"] * 6 + ["y"] * 2,
            "ai_assisted": [True, False, True, False, True, False, True, True],
            "doc_seconds": [100.0, 150.0, 110.0, 160.0, 90.0, 140.0, 95.0, 105.0],
        }
    )
    t = time_saved(df, n_boot=100, min_cell=0)
    saved = quantity(t, "seconds_saved_per_note")
    assert saved.estimate == pytest.approx(150.0 - 100.0)
    k1 = quantity(t, "seconds_saved_per_note", level="clinic_id", group="K1")
    assert k1.method == "bootstrap of notes (percentile)"  # one clinician: notes are the units
    messages = " ".join(t.attrs["messages"])
    assert "within-clinician comparison skipped" in messages
    assert "1 group(s) of clinic_id skipped" in messages
    assert "K2" not in set(t.group)


def test_per_note_time_saved_hand_computed():
    df = pd.DataFrame(
        {
            "clinician_id": ["a", "a", "a", "b", "b", "c"],
            "ai_assisted": [True, False, False, True, False, True],
            "doc_seconds": [100.0, 200.0, 300.0, 90.0, 120.0, 50.0],
        }
    )
    saved, basis = per_note_time_saved(df)
    # a: median control 250 - 100; b: 120 - 90; c has no control notes.
    assert basis == "measured" and saved.tolist() == [150.0, 30.0]
    modelled = pd.DataFrame(
        {"ai_assisted": [True], "doc_seconds": [40.0], "final_note": ["x" * 400]}
    )
    saved, basis = per_note_time_saved(modelled, typing_chars_per_minute=200)
    assert basis == "modelled" and saved.tolist() == [120.0 - 40.0]


def test_per_note_time_saved_fills_untimed_notes_as_the_summary_does():
    """Modelled: an AI note without a measured time gets the summary's edit-time prediction."""
    df = pd.DataFrame(
        {
            "ai_assisted": [True] * 4,
            "edit_seconds": [10.0, 20.0, 30.0, None],
            "char_distance": [10, 20, 30, 40],
            "final_note": ["x" * 200] * 4,
        }
    )
    saved, basis = per_note_time_saved(df, typing_chars_per_minute=200)
    # typing time 60 s; edit time fits exactly 1 s per character, so the gap is 40 s
    assert basis == "modelled" and saved.tolist() == pytest.approx([50.0, 40.0, 30.0, 20.0])
    table = time_saved(df, by=None, n_boot=50, min_cell=0, mixed_model=False)
    row = table[table["quantity"] == "seconds_saved_per_note"].iloc[0]
    assert row["estimate"] == pytest.approx(saved.mean())


def test_per_note_time_saved_is_none_without_timing():
    assert per_note_time_saved(pd.DataFrame({"note_id": ["a"]})) is None
