"""Pseudonyms (HMAC-SHA256) and small-cell suppression."""

from __future__ import annotations

import hashlib
import hmac
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evalkit.stats.privacy import (
    check_min_cell,
    pseudonym,
    pseudonymize,
    read_salt,
    suppress_small_cells,
)
from evalkit.stats.summary import write_summary_tables

SALT = "test-salt-0123456789abcdef"


def test_pseudonym_is_hmac_sha256():
    expected = hmac.new(SALT.encode(), b"GP-07", hashlib.sha256).hexdigest()[:12]
    assert pseudonym("GP-07", SALT) == expected
    assert pseudonym("GP-07", SALT) != pseudonym("GP-07", SALT + "x")


def test_pseudonymize_is_stable_and_keeps_missing():
    df = pd.DataFrame({"clinic_id": ["K1", "K2", None, "K1"], "clinician_id": ["a", "b", "c", "a"]})
    a, b = pseudonymize(df, salt=SALT), pseudonymize(df, salt=SALT)
    pd.testing.assert_frame_equal(a, b)
    assert a.clinic_id.iloc[0] == a.clinic_id.iloc[3] != a.clinic_id.iloc[1]
    assert pd.isna(a.clinic_id.iloc[2])
    assert a.clinic_id.iloc[0].startswith("clinic-")
    assert a.clinician_id.iloc[0].startswith("clinician-")
    assert not set(a.clinician_id) & set(df.clinician_id)


def test_short_salt_is_rejected(tmp_path):
    with pytest.raises(ValueError, match="at least 16"):
        pseudonymize(pd.DataFrame({"clinic_id": ["K1"]}), salt="short")
    f = tmp_path / "salt.txt"
    f.write_text("tiny\n")
    with pytest.raises(ValueError, match="salt file"):
        read_salt(f)
    with pytest.raises(FileNotFoundError, match="secrets.token_hex"):
        read_salt(tmp_path / "missing.txt")


def test_salt_and_ids_never_reach_the_outputs(tmp_path):
    df = pd.DataFrame(
        {
            "note_id": [f"n{i}" for i in range(12)],
            "clinic_id": ["Nordklinikken"] * 6 + ["Sydklinikken"] * 6,
            "clinician_id": [f"Dr-{i % 4}" for i in range(12)],
            "unchanged": [True, False] * 6,
            "ai_assisted": [True, False] * 6,
            "doc_seconds": [100.0 + i for i in range(12)],
        }
    )
    res = write_summary_tables(
        df, tmp_path, by=["clinic_id", "clinician_id"], n_boot=50, salt=SALT, min_cell=0
    )
    for path in res.files.values():
        text = path.read_text()
        assert SALT not in text and "Nordklinikken" not in text and "Dr-1" not in text


def test_suppression_by_hand():
    t = pd.DataFrame(
        {
            "estimate": [0.1, 0.2, 0.3],
            "ci_low": [0.0, 0.1, 0.2],
            "n_notes": [4, 5, 100],
            "n_clinicians": [1, 2, 9],
        }
    )
    out = suppress_small_cells(t, k=5)
    assert out.n_notes_display.tolist() == ["<5", "5", "100"]
    assert out.suppressed.tolist() == [True, False, False]
    assert out.estimate.isna().tolist() == [True, False, False]
    assert pd.isna(out.n_clinicians.iloc[0])
    assert suppress_small_cells(t, k=0).suppressed.sum() == 0
    with pytest.raises(ValueError, match="n_notes"):
        suppress_small_cells(t.drop(columns="n_notes"))


# --------------------------------------------------------------------------- the range of k

RANGE_MESSAGE = r"min_cell \(--min-cell\) must be a whole number of notes, 0 or more"


@pytest.mark.parametrize("good", [0, 1, 5, 1000, np.int64(7)])
def test_check_min_cell_accepts_whole_numbers_from_zero(good):
    assert check_min_cell(good) == int(good) and type(check_min_cell(good)) is int


@pytest.mark.parametrize("bad", [-1, -10, True, False, 2.5, 5.0, "5", None])
def test_check_min_cell_rejects_the_rest_and_says_the_range_and_fix(bad):
    with pytest.raises(ValueError, match=RANGE_MESSAGE) as info:
        check_min_cell(bad)
    assert repr(bad) in str(info.value) and "default 5" in str(info.value)


def _api_calls(tmp_path):
    """Every public function taking min_cell, called with an invalid value."""
    from evalkit.plots.edits import plot_ecdf, plot_edit_categories
    from evalkit.plots.errors import (
        plot_hallucination_flags,
        plot_missing_terms_by_category,
        plot_top_missing_terms,
        top_missing_terms,
    )
    from evalkit.plots.sections import plot_section_scores
    from evalkit.plots.time import (
        plot_edit_vs_time,
        plot_time_per_note,
        plot_time_saved_distribution,
    )
    from evalkit.report import build_report
    from evalkit.stats.summary import summarize
    from evalkit.stats.time import time_per_note, time_saved

    scores = small_cell_scores([6, 2], seed=1)
    table = summarize(scores, by=["clinic_id"], n_boot=20, min_cell=0)
    tpn = time_per_note(scores, n_boot=20, min_cell=0)
    return {
        "summarize": lambda k: summarize(scores, n_boot=20, min_cell=k),
        "time_saved": lambda k: time_saved(scores, n_boot=20, min_cell=k),
        "time_per_note": lambda k: time_per_note(scores, n_boot=20, min_cell=k),
        "write_summary_tables": lambda k: write_summary_tables(
            scores, tmp_path / "tables", n_boot=20, min_cell=k
        ),
        "suppress_small_cells": lambda k: suppress_small_cells(table, k=k),
        "build_report": lambda k: build_report(
            scores, tmp_path / "report", min_cell=k, n_boot=20, figure_formats=("svg",)
        ),
        "plot_edit_categories": lambda k: plot_edit_categories(scores, min_cell=k),
        "plot_ecdf": lambda k: plot_ecdf(scores, min_cell=k),
        "plot_hallucination_flags": lambda k: plot_hallucination_flags(scores, min_cell=k),
        "plot_missing_terms_by_category": lambda k: plot_missing_terms_by_category(
            scores, min_cell=k
        ),
        "plot_top_missing_terms": lambda k: plot_top_missing_terms(scores, min_cell=k),
        "top_missing_terms": lambda k: top_missing_terms(scores, min_cell=k),
        "plot_section_scores": lambda k: plot_section_scores(table, by=None, min_cell=k),
        "plot_time_per_note": lambda k: plot_time_per_note(tpn, min_cell=k),
        "plot_time_saved_distribution": lambda k: plot_time_saved_distribution(
            [1.0, 2.0], min_cell=k
        ),
        "plot_edit_vs_time": lambda k: plot_edit_vs_time(scores, min_cell=k),
    }


@pytest.mark.parametrize("bad", [-1, True, 2.5])
def test_every_api_function_refuses_the_same_values(tmp_path, bad):
    import matplotlib.pyplot as plt

    try:
        for name, call in _api_calls(tmp_path).items():
            with pytest.raises(ValueError, match=RANGE_MESSAGE):
                call(bad)
            assert not (tmp_path / "report").exists(), name  # refused before writing
    finally:
        plt.close("all")


def test_every_api_function_accepts_zero(tmp_path):
    import matplotlib.pyplot as plt

    try:
        for name, call in _api_calls(tmp_path).items():
            if name != "plot_section_scores":  # the table has no section level to draw
                call(0)
    finally:
        plt.close("all")
    assert (tmp_path / "report" / "report.html").exists()


# --------------------------------------------------------------------------- no small cell shown

CLINICS = ("KA", "KB", "KC", "KD")
SECTIONS = ("subjective", "plan")


def small_cell_scores(sizes: list[int], *, seed: int) -> pd.DataFrame:
    """A scores table written by hand: clinic i has sizes[i] notes, every third a control."""
    rng = np.random.default_rng(seed)
    rows = []
    for clinic, n in zip(CLINICS, sizes, strict=False):
        for i in range(n):
            ai = i % 3 != 2
            wer = float(rng.uniform(0, 0.6)) if ai else None
            flags = (
                [{"type": "number", "severity": "critical", "start": 0, "end": 1}] * (i % 2)
                if ai
                else None
            )
            missing = [{"term": "feber", "category": "symptom"}] * (i % 3) if ai else None
            rows.append(
                {
                    "note_id": f"{clinic}-{i}",
                    "clinic_id": clinic,
                    "clinician_id": f"{clinic}-c{i % 2}",
                    "consultation_type": ("video", "phone")[i % 2],
                    "language": "da",
                    "ai_assisted": ai,
                    "ai_note": "Ingen feber." if ai else None,
                    "final_note": "Ingen feber i dag.",
                    "doc_seconds": float(rng.uniform(150, 350)),
                    "char_distance": None if not ai else int(100 * wer),
                    "char_distance_norm": wer,
                    "wer": wer,
                    "unchanged": None if not ai else bool(wer < 0.1),
                    "hallucination_flags": flags,
                    "n_hallucination_flags": None if flags is None else len(flags),
                    "n_critical_flags": None if flags is None else len(flags),
                    "hallucination_free": None if flags is None else not flags,
                    "missing_terms": missing,
                    "n_missing_terms": None if missing is None else len(missing),
                    "section_scores": None
                    if not ai
                    else [
                        {"section": s, "alignment": "heading", "wer": wer, "unchanged": False}
                        for s in SECTIONS
                    ],
                }
            )
    return pd.DataFrame(rows)


def _group_sizes(scores: pd.DataFrame) -> dict[tuple[str, str], int]:
    """Notes per (level, group), counted by hand from the input rows."""
    sizes: dict[tuple[str, str], int] = {("overall", "overall"): len(scores)}
    for col in ("clinic_id", "consultation_type", "clinician_id"):
        for key, n in scores[col].value_counts().items():
            sizes[(col, str(key))] = int(n)
    ai = scores[scores["ai_assisted"]]
    for (clinic, section), n in (
        pd.DataFrame([(c, s) for c in ai["clinic_id"] for s in SECTIONS]).value_counts().items()
    ):
        sizes[("clinic_id+section", f"{clinic}|{section}")] = int(n)
    return sizes


def _assert_no_small_value(table: pd.DataFrame, sizes: dict, k: int, what: str) -> None:
    label = f"<{k}"
    for r in table.itertuples(index=False):
        n_total = sizes[(r.level, str(r.group))]
        shows = any(pd.notna(getattr(r, c)) for c in ("estimate", "ci_low", "ci_high"))
        if n_total < k:
            assert r.suppressed and not shows and pd.isna(r.n_notes), (what, r.level, r.group)
            assert r.n_notes_display == label, (what, r.level, r.group)
        if shows or pd.notna(r.n_notes):
            assert not r.suppressed and int(r.n_notes) >= k, (what, r.level, r.group)


GROUP_SIZES = st.lists(st.integers(1, 9), min_size=1, max_size=len(CLINICS))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sizes=GROUP_SIZES, k=st.integers(0, 8), seed=st.integers(0, 10_000))
def test_no_group_below_k_shows_a_value_in_tables_or_plot_data(sizes, k, seed):
    import matplotlib.pyplot as plt

    from evalkit.plots.edits import plot_ecdf, plot_edit_categories
    from evalkit.plots.errors import plot_hallucination_flags, top_missing_terms
    from evalkit.plots.sections import plot_section_scores
    from evalkit.plots.time import plot_time_per_note
    from evalkit.stats.summary import summarize
    from evalkit.stats.time import time_per_note, time_saved

    scores = small_cell_scores(sizes, seed=seed)
    sizes_by_hand = _group_sizes(scores)
    by = ["clinic_id", "consultation_type", "clinician_id", "clinic_id+section"]
    _assert_no_small_value(
        summarize(scores, by=by, n_boot=20, min_cell=k), sizes_by_hand, k, "summary"
    )
    times = time_saved(scores, by=by[:3], n_boot=20, min_cell=k, mixed_model=False)
    _assert_no_small_value(times, sizes_by_hand, k, "time_saved")
    tpn = time_per_note(scores, n_boot=20, min_cell=k)
    assert (tpn["estimate"].isna() | (tpn["n_notes"] >= k)).all()
    assert (
        not tpn.loc[tpn["clinic_id"].map(lambda c: sizes_by_hand[("clinic_id", c)] < k), "estimate"]
        .notna()
        .any()
    )
    terms = top_missing_terms(scores, min_cell=k)
    assert (terms["n_missing"] >= k).all()

    ai_sizes = scores[scores["ai_assisted"]]["clinic_id"].value_counts()
    small = {c for c in CLINICS if c in ai_sizes and ai_sizes[c] < k}
    try:
        for ax in (
            plot_edit_categories(scores, min_cell=k),
            plot_hallucination_flags(scores, min_cell=k),
            plot_time_per_note(tpn, min_cell=k),
        ):
            ticks = {t.get_text().split("\n")[0]: t.get_position()[0] for t in ax.get_xticklabels()}
            bar_centres = [p.get_x() + p.get_width() / 2 for p in ax.patches]
            for clinic in small:
                if clinic in ticks:  # a fully suppressed figure has no ticks and no bars
                    assert all(abs(x - ticks[clinic]) > 0.5 for x in bar_centres), clinic
            assert ax.axison or len(ax.patches) == 0  # a fully suppressed figure draws nothing
        ecdf = plot_ecdf(scores, by="clinic_id", min_cell=k)
        for line in ecdf.lines:
            assert not any(line.get_label().startswith(f"{c} (") for c in small)
        section_table = summarize(scores, by=["clinic_id+section"], n_boot=20, min_cell=k)
        ax = plot_section_scores(section_table, statistic="wer_mean", min_cell=k)
        drawn = sum(len(bars.lines[0].get_xdata()) for bars in ax.containers)
        shown = section_table[
            (section_table["level"] == "clinic_id+section")
            & (section_table["statistic"] == "wer_mean")
            & section_table["estimate"].notna()
        ]
        assert drawn == len(shown)
    finally:
        plt.close("all")


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sizes=GROUP_SIZES, k=st.integers(0, 8), seed=st.integers(0, 10_000))
def test_no_group_below_k_shows_a_value_in_the_report(tmp_path_factory, sizes, k, seed):
    from evalkit.report import build_report

    scores = small_cell_scores(sizes, seed=seed)
    sizes_by_hand = _group_sizes(scores)
    out = tmp_path_factory.mktemp("report")
    html = build_report(
        scores, out, lang="en", min_cell=k, n_boot=20, no_text=True, figure_formats=("svg",)
    ).read_text(encoding="utf-8")
    tables = out / "tables"
    for name in ("summary", "time_saved", "per_section"):
        if (tables / f"{name}.csv").exists():
            table = pd.read_csv(tables / f"{name}.csv", keep_default_na=False, na_values=[""])
            _assert_no_small_value(table, sizes_by_hand, k, name)
    label = f"<{k}"
    small = [c for c in CLINICS[: len(sizes)] if sizes_by_hand[("clinic_id", c)] < k]
    per_clinic = pd.read_csv(tables / "per_clinic.csv", dtype=str, keep_default_na=False)
    edits = pd.read_csv(tables / "edit_categories.csv", dtype=str, keep_default_na=False)
    for clinic in small:
        row = per_clinic[per_clinic["Clinic"] == clinic].iloc[0].tolist()
        assert row[1] == label and set(row[2:]) == {"—"}, row
        if clinic in set(edits["group"]):
            e = edits[edits["group"] == clinic].iloc[0]
            assert e["n_notes"] == label and e[["unchanged", "light", "heavy"]].eq("").all()
        cells = re.search(
            rf'<tr><td translate="no">{clinic}</td>(.*?)</tr>', html, flags=re.S
        ).group(1)
        assert re.findall(r"<td[^>]*>(.*?)</td>", cells) == [
            "&lt;" + str(k),
            *["—"] * (len(row) - 2),
        ]
    flags = pd.read_csv(tables / "hallucinations_by_type.csv", dtype=str, keep_default_na=False)
    assert all(n == label or int(n) >= k for n in flags["n"])
