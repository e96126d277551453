"""Tests for evalkit.plots.sections."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from evalkit.plots.sections import plot_section_scores, section_name
from evalkit.stats.summary import summarize


def _scores(n=40, seed=1):
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        items = [
            {
                "section": s,
                "alignment": "heading",
                "char_distance": 3,
                "wer": float(rng.random() * (k + 1) / 4),
                "unchanged": False,
                "n_missing_terms": 0,
                "n_hallucination_flags": int(rng.poisson(0.5)),
            }
            for k, s in enumerate(("plan", "subjective", "assessment+plan"))
        ]
        rows.append(
            {
                "note_id": f"n{i}",
                "clinic_id": "K1" if i < 30 else "K2",
                "clinician_id": f"c{i % 6}",
                "wer": 0.1,
                "section_scores": items,
            }
        )
    return pd.DataFrame(rows)


def test_sections_in_canonical_order_with_one_series_per_clinic():
    summary = summarize(_scores(), by=["clinic_id+section"], n_boot=100, min_cell=0)
    ax = plot_section_scores(summary, statistic="wer_mean", by="clinic_id")
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "Subjective",
        "Assessment + Plan",
        "Plan",
    ]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["K1", "K2"]
    assert ax.get_ylabel().startswith("Word error rate")
    # the plotted points are the summary's estimates
    rows = summary[(summary.level == "clinic_id+section") & (summary.statistic == "wer_mean")]
    k1_plan = rows[rows.group == "K1|plan"]["estimate"].iloc[0]
    points = np.concatenate([line.get_ydata() for line in ax.lines if len(line.get_ydata())])
    assert np.isclose(points, k1_plan).any()


def test_danish_labels_and_suppression_note():
    summary = summarize(_scores(), by=["clinic_id+section"], n_boot=100, min_cell=15)
    ax = plot_section_scores(
        summary, statistic="hallucination_flags_per_100", lang="da", min_cell=15
    )
    assert [t.get_text() for t in ax.get_xticklabels()][0] == "Subjektivt"
    assert ax.get_xlabel() == "Notatafsnit"
    assert "<15" in ax.texts[-1].get_text()  # K2 has 10 notes: suppressed, not drawn


def test_without_grouping():
    summary = summarize(_scores(), by=["section"], n_boot=100, min_cell=0)
    ax = plot_section_scores(summary, by=None)
    assert ax.get_legend() is None and len(ax.get_xticklabels()) == 3


def test_bad_input():
    summary = summarize(_scores(), by=["section"], n_boot=50, min_cell=0)
    with pytest.raises(ValueError, match="no rows for level 'clinic_id\\+section'"):
        plot_section_scores(summary)
    with pytest.raises(ValueError, match="missing columns"):
        plot_section_scores(pd.DataFrame({"level": []}))
    assert section_name("other", "en") == "Other"
