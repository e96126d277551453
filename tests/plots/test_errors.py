import json

import numpy as np
import pandas as pd
import pytest

from evalkit.plots.errors import (
    as_items,
    explode_items,
    plot_hallucination_flags,
    plot_missing_terms_by_category,
    plot_top_missing_terms,
    top_missing_terms,
)


def _flag(t, s):
    return {
        "type": t,
        "severity": s,
        "start": 0,
        "end": 1,
        "text": "x",
        "evidence": "",
        "source": "transcript",
    }


def _scores():
    flags = (
        [
            [_flag("number", "critical")],
            [_flag("number", "major"), _flag("drug", "major")],
            [],
            [],
            [],
        ]  # clinic A: 5 notes, 3 flags
        + [[_flag("drug", "minor")]] * 2
        + [[]] * 4  # clinic B: 6 notes, 2 flags
        + [[_flag("number", "critical")]] * 2  # clinic C: 2 notes (suppressed)
        + [None]  # a control note in B
    )
    return pd.DataFrame(
        {
            "clinic_id": ["A"] * 5 + ["B"] * 6 + ["C"] * 2 + ["B"],
            "hallucination_flags": flags,
            "n_hallucination_flags": [None if f is None else len(f) for f in flags],
        }
    )


def test_flags_per_100_by_type_and_severity():
    ax = plot_hallucination_flags(_scores(), lang="en")
    # Segments: (critical, number), (major, drug), (major, number), (minor, drug);
    # each drawn for the two shown clinics A and B.
    heights = np.array([p.get_height() for p in ax.patches]).reshape(-1, 2)
    assert heights == pytest.approx(np.array([[20.0, 0], [20.0, 0], [20.0, 0], [0, 100 * 2 / 6]]))
    assert [t.get_text() for t in ax.get_xticklabels()] == ["A", "B", "C\n<5"]
    assert ax.get_ylabel() == "Hallucination flags per 100 notes"
    hatches = {p.get_hatch() for p in ax.patches}
    assert len(hatches) == 3  # one per severity
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["drug", "number", "Severity: critical", "Severity: major", "Severity: minor"]


def test_flags_read_json_strings_like_csv():
    df = _scores()
    df["hallucination_flags"] = [
        None if v is None else json.dumps(v) for v in df["hallucination_flags"]
    ]
    ax = plot_hallucination_flags(df)
    assert len(ax.patches) == 8


def test_as_items_rejects_non_json_text():
    with pytest.raises(ValueError, match="not JSON"):
        as_items("[{oops")


def test_explode_items_keeps_row_and_columns():
    out = explode_items(_scores(), "hallucination_flags", keep=["clinic_id"])
    assert len(out) == 3 + 2 + 2
    assert out["row"].tolist()[:3] == [0, 1, 1]


def _terms():
    rows = (
        [[{"term": "penicillin", "category": "allergy"}]] * 6
        + [[{"term": "feber", "category": "symptom"}, {"term": "Pamol", "category": "drug"}]] * 5
        + [[{"term": "warfarin", "category": "drug"}]] * 2
        + [[]] * 7
    )
    return pd.DataFrame({"missing_terms": rows, "n_missing_terms": [len(r) for r in rows]})


def test_missing_terms_by_category_rates():
    ax = plot_missing_terms_by_category(_terms(), lang="en")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    widths = dict(zip(labels, [p.get_width() for p in ax.patches], strict=True))
    n = 20
    assert widths == pytest.approx({"allergy": 6 / n, "symptom": 5 / n, "drug": 7 / n})
    assert ax.get_xlabel() == "Missing terms per note"


def test_top_missing_terms_counts_and_small_cells():
    table = top_missing_terms(_terms(), min_cell=5)
    assert table.to_dict("records") == [
        {"term": "penicillin", "category": "allergy", "n_missing": 6},
        {"term": "Pamol", "category": "drug", "n_missing": 5},
        {"term": "feber", "category": "symptom", "n_missing": 5},
    ]  # warfarin (2) is below k and left out
    ax = plot_top_missing_terms(_terms(), lang="da")
    assert len(ax.patches) == 3
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "penicillin (allergy)"
    assert ax.get_xlabel() == "Antal gange manglende (n)"
